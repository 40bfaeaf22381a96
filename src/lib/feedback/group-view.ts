/**
 * A group of identical or near-identical comments as the matrix shows it:
 * once, with its size, the number of distinct organisations, the
 * representative's text, and each variant of the text with the passages in
 * which it differs from the representative (jsdiff, word by word), so a
 * reader can see what people added to a form letter without reading a
 * thousand copies of it.
 *
 * Members' words stay plain text here: the page prints them as text and the
 * Markdown export neutralises them, like every other comment.
 */
import { diffWords } from 'diff';
import { groupingText } from './flags.ts';
import { normaliseForGrouping } from './grouping.ts';
import type { CommentGroup, FeedbackComment } from './schema.ts';

/** One passage where a variant differs from the representative. */
interface DifferingPassage {
  /** Words of the representative the variant leaves out. */
  removed?: string;
  /** Words the variant has instead, or in addition. */
  added?: string;
}

/** Members whose texts have the same words (they may differ in case and punctuation). */
interface GroupVariant {
  /** The members with this text, in report order. */
  members: { reference: string; url?: string; organisation?: string }[];
  /** Empty for the representative's words; else where the variant's first member differs from them. */
  passages: DifferingPassage[];
}

export interface GroupSummary {
  id: string;
  kind: CommentGroup['kind'];
  size: number;
  /** Distinct organisations named by members (as written, ignoring case). */
  organisations: number;
  /** Stakeholder sectors of the members, in the order first seen. */
  sectors: FeedbackComment['sector'][];
  /** The representative's text first, then the others by number of members. */
  variants: GroupVariant[];
  /** Members' dispositions, most frequent first. */
  dispositions: { key: FeedbackComment['disposition']; count: number }[];
  /**
   * The answers given to members, each distinct text once, most given first
   * (then the one given first): a group answered at once (`npm run respond`)
   * has one, shown once for all its members.
   */
  responses: GroupResponse[];
  /** Members without a response yet. */
  unanswered: number;
}

/** One answer given to members of a group. */
interface GroupResponse {
  text: string;
  /** The reply on the first member that has it (in report order). */
  url?: string;
  /** Members it was given to. */
  count: number;
}

/** The summary of a group, from its members' records. */
export function groupSummary(group: CommentGroup, byReference: ReadonlyMap<string, FeedbackComment>): GroupSummary {
  const members = group.members.map((m) => byReference.get(m)!).filter(Boolean);
  const representative = byReference.get(group.representative)!;
  const baseText = groupingText(representative);
  const baseKey = normaliseForGrouping(baseText);
  const byWords = new Map<string, FeedbackComment[]>([[baseKey, []]]);
  for (const member of members) {
    const key = normaliseForGrouping(groupingText(member));
    const list = byWords.get(key);
    if (list) list.push(member);
    else byWords.set(key, [member]);
  }
  const variants = [...byWords]
    .filter(([, list]) => list.length > 0)
    .map(([key, list]) => ({
      base: key === baseKey,
      members: list.map((c) => ({ reference: c.reference, ...(c.issue ? { url: c.issue.url } : {}), ...(c.organisation ? { organisation: c.organisation } : {}) })),
      passages: key === baseKey ? [] : differingPassages(baseText, groupingText(list[0]!)),
    }))
    .sort((a, b) => Number(b.base) - Number(a.base) || b.members.length - a.members.length)
    .map(({ members: m, passages }) => ({ members: m, passages }));
  const organisations = new Set(members.map((c) => c.organisation?.trim().toLowerCase()).filter(Boolean)).size;
  const dispositions = new Map<FeedbackComment['disposition'], number>();
  for (const c of members) dispositions.set(c.disposition, (dispositions.get(c.disposition) ?? 0) + 1);
  return {
    id: group.id,
    kind: group.kind,
    size: group.size,
    organisations,
    sectors: [...new Set(members.map((c) => c.sector))],
    variants,
    dispositions: [...dispositions].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count),
    ...groupResponses(members),
  };
}

function groupResponses(members: readonly FeedbackComment[]): Pick<GroupSummary, 'responses' | 'unanswered'> {
  const byText = new Map<string, GroupResponse>();
  let unanswered = 0;
  for (const member of members) {
    if (!member.response) {
      unanswered++;
      continue;
    }
    const seen = byText.get(member.response.text);
    if (seen) seen.count++;
    else byText.set(member.response.text, { text: member.response.text, ...(member.response.url ? { url: member.response.url } : {}), count: 1 });
  }
  // A stable sort keeps first-given first among answers given equally often.
  return { responses: [...byText.values()].sort((a, b) => b.count - a.count), unanswered };
}

/**
 * The passages in which `text` differs from `base`, word by word; changes
 * next to each other are one passage, and one that changes only case or
 * punctuation is left out (grouping does not count it either).
 */
export function differingPassages(base: string, text: string): DifferingPassage[] {
  const out: DifferingPassage[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    const r = removed.replace(/\s+/g, ' ').trim();
    const a = added.replace(/\s+/g, ' ').trim();
    if ((r || a) && normaliseForGrouping(r) !== normaliseForGrouping(a)) out.push({ ...(r ? { removed: r } : {}), ...(a ? { added: a } : {}) });
    removed = '';
    added = '';
  };
  for (const part of diffWords(base, text, { ignoreCase: true })) {
    if (part.removed) removed += part.value;
    else if (part.added) added += part.value;
    else if (part.value.trim() === '') {
      removed += part.value;
      added += part.value;
    } else flush();
  }
  flush();
  return out;
}
