/**
 * Suspicious patterns in a version's comments, for a maintainer to look at:
 * - a burst: at least N comments through one channel within M minutes of
 *   each other (a script filling in the form, a batch typed in at once);
 * - the same text, after normalising, sent in the name of different
 *   organisations (one organisation speaking for others, or names made up).
 *
 * A flag never removes a comment from the report: it says what was seen and
 * with which figures, and the comments stay where they are.
 */
import { normaliseForGrouping } from './grouping.ts';
import type { CommentGroup, FeedbackComment, SuspiciousFlag } from './schema.ts';

export interface BurstThreshold {
  /** At least this many comments... */
  comments: number;
  /** ...within this many minutes, first to last. */
  minutes: number;
}

export const DEFAULT_BURST: BurstThreshold = { comments: 20, minutes: 10 };

/** The text compared for grouping and flags: the comment and the proposed change (the quoted strategy text is not the commenter's). */
export function groupingText(comment: Pick<FeedbackComment, 'comment' | 'proposedChange'>): string {
  return comment.proposedChange ? `${comment.comment}\n\n${comment.proposedChange}` : comment.comment;
}

/** Every flag for a version's comments: bursts by channel in time order, then texts claimed by several organisations. */
export function suspiciousFlags(comments: readonly FeedbackComment[], groups: readonly CommentGroup[], burst: BurstThreshold = DEFAULT_BURST): SuspiciousFlag[] {
  return [...bursts(comments, burst), ...sharedTexts(comments, groups)];
}

type BurstFlag = Extract<SuspiciousFlag, { kind: 'burst' }>;

function bursts(comments: readonly FeedbackComment[], threshold: BurstThreshold): BurstFlag[] {
  const span = threshold.minutes * 60_000;
  const byChannel = new Map<FeedbackComment['channel'], { time: number; comment: FeedbackComment }[]>();
  for (const comment of comments) {
    const list = byChannel.get(comment.channel) ?? [];
    list.push({ time: Date.parse(comment.submittedAt), comment });
    byChannel.set(comment.channel, list);
  }
  const flags: BurstFlag[] = [];
  for (const [channel, list] of byChannel) {
    list.sort((a, b) => a.time - b.time);
    // Windows of at least `comments` within `minutes`; overlapping windows are one burst.
    let start = 0;
    let burstStart = -1;
    let burstEnd = -1;
    const close = () => {
      if (burstStart === -1) return;
      const members = list.slice(burstStart, burstEnd + 1);
      flags.push({
        kind: 'burst',
        channel,
        from: members[0]!.comment.submittedAt,
        to: members.at(-1)!.comment.submittedAt,
        threshold: { comments: threshold.comments, minutes: threshold.minutes },
        references: members.map((m) => m.comment.reference),
      });
      burstStart = -1;
    };
    for (let end = 0; end < list.length; end++) {
      while (list[end]!.time - list[start]!.time > span) start++;
      if (end - start + 1 < threshold.comments) continue;
      if (burstStart !== -1 && start > burstEnd) close();
      if (burstStart === -1) burstStart = start;
      burstEnd = end;
    }
    close();
  }
  return flags.sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
}

function sharedTexts(comments: readonly FeedbackComment[], groups: readonly CommentGroup[]): SuspiciousFlag[] {
  const groupOf = new Map<string, string>();
  for (const group of groups) for (const member of group.members) groupOf.set(member, group.id);
  const byText = new Map<string, FeedbackComment[]>();
  for (const comment of comments) {
    if (!comment.organisation?.trim()) continue;
    const key = normaliseForGrouping(groupingText(comment));
    const list = byText.get(key);
    if (list) list.push(comment);
    else byText.set(key, [comment]);
  }
  const flags: SuspiciousFlag[] = [];
  for (const list of byText.values()) {
    const organisations = new Map<string, string>();
    for (const c of list) {
      const key = c.organisation!.trim().toLowerCase();
      if (!organisations.has(key)) organisations.set(key, c.organisation!.trim());
    }
    if (organisations.size < 2) continue;
    const group = groupOf.get(list[0]!.reference);
    flags.push({ kind: 'organisations', organisations: [...organisations.values()], ...(group ? { group } : {}), references: list.map((c) => c.reference) });
  }
  return flags;
}
