/**
 * Collation: from what the consultation repository holds (or the committed
 * sample of it) and the comments still waiting in the outbox, to the report
 * of one version. The same code runs over every source, so a comment reads
 * the same whichever way it came in.
 *
 * For each issue labelled `comment`:
 * 1. `spam` removes it from everything public;
 * 2. its body is read with `parseIssueBody`, the parser intake uses, so a
 *    comment filed by the site and one typed into GitHub's issue form become
 *    identical records. The hidden marker (channel, time received) is
 *    believed only in an issue the site's own filer created; any other issue
 *    is a GitHub comment dated by GitHub. Every field is checked: an issue
 *    is either read or listed as unreadable, never a reason to stop;
 * 3. triage labels (`v:`, `section:`, `type:`, `sector:`) win over the body:
 *    they are how a maintainer corrects a comment filed against the wrong
 *    section, or completes one filed on GitHub without a version;
 * 4. an issue that still lacks a version, a section of that version, a type,
 *    a sector or a comment is listed under "could not be read", by number,
 *    with the reasons, never dropped;
 * 5. disposition from labels, response from maintainers' replies, "addressed
 *    in" from merged pull requests.
 *
 * An issue the site's filer created with a batch body (several comments on
 * one section, comments/batch-body.ts) is read member by member, each
 * exactly as an issue of its own would be, under its own reference
 * (`BZ-2026-000120`) and with the batch issue as its issue. The batch's
 * `v:` and `section:` labels apply to every member (a maintainer correcting
 * them corrects all) and `spam` removes every member; `type:`, `sector:`
 * and `lang:` labels are ignored with a warning, since they cannot be right
 * for every member. A member's disposition and response are its own
 * (`Response to BZ-2026-000120 (accepted): …`, feedback/responses.ts);
 * without them the batch's disposition label and plain `Response:` reply
 * answer it. A pull request that addresses the batch issue addresses every
 * member: GitHub has no way to name one of them.
 */
import { findSubmissionIds, isBatchBody, parseBatchBody } from '../comments/batch-body.ts';
import { parseIssueBody, boundedLabel, type ParsedIssueBody } from '../comments/issue-body.ts';
import type { OutboxEntry } from '../comments/outbox.ts';
import { CHANNELS, COMMENT_LANGUAGES, COMMENT_TYPES, type Channel, type CommentType } from '../comments/schema.ts';
import { parseChangeId } from '../diff/change-ref.ts';
import type { Language } from '../i18n/translate.ts';
import { SECTORS, type Sector } from '../stakeholders/sectors.ts';
import { paragraphRef, parseParagraphRef } from '../strategy/paragraphs.ts';
import { trimTrailing } from '../text/trim.ts';
import { addressedInIndex, type VersionLookup } from './addressed-in.ts';
import { dispositionFromLabels } from './disposition.ts';
import { DEFAULT_BURST, groupingText, suspiciousFlags, type BurstThreshold } from './flags.ts';
import { DEFAULT_SIMILARITY, groupTexts } from './grouping.ts';
import { rowId } from './matrix.ts';
import { batchAnswers, duplicateOf, maintainerResponse } from './responses.ts';
import type {
  AddressedIn,
  CommentGroup,
  FeedbackComment,
  FeedbackReport,
  FeedbackSourceKind,
  RepositorySnapshot,
  SourceComment,
  SourceIssue,
  UnreadableIssue,
} from './schema.ts';

/** What collation needs to know about a published version. */
export interface CollationVersion {
  id: string;
  /** Its sections in reading order, with the number of citable paragraphs of each. */
  sections: readonly { id: string; title: string; paragraphs: number }[];
  /** Its consultation window, if it had one: places an issue that names no version. */
  window: { opens: Date; closes: Date } | null;
  /** Its text, paragraph by paragraph: words quoted from it do not make two comments alike. Optional. */
  text?: readonly string[];
}

export interface CollateOptions {
  /** The version to report on. */
  version: string;
  /** Every published version, oldest first. */
  versions: readonly CollationVersion[];
  /** The repository (GitHub, or the committed sample). Optional: offline without a sample there is none. */
  snapshot?: RepositorySnapshot;
  /** Comments in the local outbox. */
  outbox?: readonly OutboxEntry[];
  /**
   * Which outbox comments to include: `unfiled` when the snapshot is the real
   * repository (filed ones are in it, or were removed from it on purpose);
   * `all` when it is not (offline). Default `unfiled`.
   */
  outboxScope?: 'unfiled' | 'all';
  /** Which published version first contained a change. */
  lookup: VersionLookup;
  /** Recorded in the report. */
  sources: FeedbackSourceKind[];
  /** How comments are grouped and flagged (content/site.json `feedback`); defaults when absent. */
  grouping?: GroupingSettings;
}

interface GroupingSettings {
  /** Jaccard similarity of word 3-shingles at or above which two comments are near-duplicates. */
  similarity?: number;
  /** What counts as a burst from one channel. */
  burst?: BurstThreshold;
  /** Progress of the grouping, for a long run. */
  onProgress?: (done: number, total: number) => void;
}

/** The report, and what a maintainer running the collation should know but the public report does not show. */
export interface Collation {
  report: FeedbackReport;
  /** Comments removed as spam (each member of a batch issue counts). */
  spam: number;
  /** Issues and outbox comments on other versions. */
  otherVersions: number;
  /** Things a maintainer should fix (conflicting labels, an unreadable paragraph), one line each. */
  warnings: string[];
}

/** Collates the report of `options.version`. */
export function collateFeedback(options: CollateOptions): Collation {
  const target = options.versions.find((v) => v.id === options.version);
  if (!target) throw new RangeError(`unknown version "${options.version}"`);
  const snapshot = options.snapshot;
  const warnings: string[] = [];
  const comments: FeedbackComment[] = [];
  const unreadable: UnreadableIssue[] = [];
  let spam = 0;
  let otherVersions = 0;
  let lastActivity: string | null = null;
  const touch = (time: string | undefined) => {
    if (time && (lastActivity === null || Date.parse(time) > Date.parse(lastActivity))) lastActivity = time;
  };

  const repliesByIssue = new Map<number, SourceComment[]>();
  for (const reply of snapshot?.comments ?? []) {
    const list = repliesByIssue.get(reply.issue_number) ?? [];
    list.push(reply);
    repliesByIssue.set(reply.issue_number, list);
  }
  const addressed = addressedInIndex(snapshot?.pulls ?? [], options.lookup);
  const filedSubmissions = new Set<string>();

  for (const issue of [...(snapshot?.issues ?? [])].sort((a, b) => a.number - b.number)) {
    if (issue.filed_by_site && isBatchBody(issue.body)) {
      for (const id of findSubmissionIds(issue.body)) filedSubmissions.add(id);
      const batch = collateBatch(issue, repliesByIssue.get(issue.number) ?? [], addressed.get(issue.number) ?? [], target, options.versions);
      spam += batch.spam;
      otherVersions += batch.otherVersions;
      comments.push(...batch.comments);
      unreadable.push(...batch.unreadable);
      warnings.push(...batch.warnings);
      if (batch.comments.length || batch.unreadable.length) {
        touch(issue.updated_at);
        for (const reply of repliesByIssue.get(issue.number) ?? []) touch(reply.updated_at);
        for (const change of batch.comments[0]?.addressedIn ?? []) touch(change.mergedAt);
      }
      continue;
    }
    const parsed = parseIssueBody(issue.body ?? '', { trustMarker: issue.filed_by_site });
    if (parsed.submissionId) filedSubmissions.add(parsed.submissionId);
    checkMarkerTime(parsed, `#${issue.number}`, warnings);
    const labelled = dispositionFromLabels(issue.labels);
    if (labelled.kind === 'spam') {
      spam++;
      continue;
    }
    const versionId = issueVersion(issue, parsed, options.versions);
    if (versionId !== options.version) {
      otherVersions++;
      continue;
    }
    const replies = repliesByIssue.get(issue.number) ?? [];
    touch(issue.updated_at);
    for (const reply of replies) touch(reply.updated_at);

    const read = readComment(issue, parsed, target, options.versions);
    if ('reasons' in read) {
      unreadable.push({ number: issue.number, url: issue.html_url, reasons: read.reasons });
      continue;
    }
    if (labelled.ignored.length) {
      warnings.push(`#${issue.number}: several disposition labels (${[labelled.disposition, ...labelled.ignored].join(', ')}); reported as ${labelled.disposition}`);
    }
    for (const w of read.warnings) warnings.push(`#${issue.number}: ${w}`);
    const changes: AddressedIn[] = addressed.get(issue.number) ?? [];
    for (const change of changes) touch(change.mergedAt);
    const response = maintainerResponse(replies);
    const duplicate = labelled.disposition === 'duplicate' ? duplicateOf(replies) : undefined;
    comments.push({
      reference: `#${issue.number}`,
      issue: { number: issue.number, url: issue.html_url },
      ...read.fields,
      submittedAt: parsed.submittedAt ?? issue.created_at,
      disposition: labelled.disposition,
      ...(duplicate !== undefined ? { duplicateOf: duplicate } : {}),
      ...(response ? { response } : {}),
      addressedIn: changes,
    });
  }

  const scope = options.outboxScope ?? 'unfiled';
  for (const entry of options.outbox ?? []) {
    if (filedSubmissions.has(entry.submissionId)) continue;
    if (scope === 'unfiled' && entry.status === 'filed') continue;
    if (entry.submission.version !== options.version) {
      otherVersions++;
      continue;
    }
    touch(entry.submission.submittedAt);
    comments.push(fromOutbox(entry));
  }

  unreadable.sort((a, b) => a.number - b.number || (a.reference ?? '').localeCompare(b.reference ?? ''));
  const similarity = options.grouping?.similarity ?? DEFAULT_SIMILARITY;
  const groups = commentGroups(comments, similarity, target.text, options.grouping?.onProgress);
  const flags = suspiciousFlags(comments, groups, options.grouping?.burst ?? DEFAULT_BURST);
  return {
    report: {
      version: options.version,
      sources: options.sources,
      ...(snapshot ? { repository: snapshot.repository } : {}),
      lastActivityAt: lastActivity,
      comments,
      unreadable,
      grouping: { similarity },
      groups,
      flags,
    },
    spam,
    otherVersions,
    warnings,
  };
}

/** A marker's time that is not one is dropped (the issue's creation dates the comment), with a warning. */
function checkMarkerTime(parsed: ParsedIssueBody, where: string, warnings: string[]): void {
  if (parsed.submittedAt !== undefined && !isInstant(parsed.submittedAt)) {
    warnings.push(`${where}: the time in its marker is not a date ("${clip(parsed.submittedAt)}"); dated when the issue was created`);
    delete parsed.submittedAt;
  }
}

/** Labels of a batch issue that describe one comment, not a section's worth of them. */
const PER_COMMENT_LABELS = ['type:', 'sector:', 'lang:'];

/** The members of a batch issue, each read as the comment it is (see the top of this file). */
function collateBatch(
  issue: SourceIssue,
  replies: readonly SourceComment[],
  changes: AddressedIn[],
  target: CollationVersion,
  versions: readonly CollationVersion[],
): { comments: FeedbackComment[]; unreadable: UnreadableIssue[]; warnings: string[]; spam: number; otherVersions: number } {
  const out = { comments: [] as FeedbackComment[], unreadable: [] as UnreadableIssue[], warnings: [] as string[], spam: 0, otherVersions: 0 };
  const members = parseBatchBody(issue.body!);
  const labelled = dispositionFromLabels(issue.labels);
  if (labelled.kind === 'spam') {
    out.spam = Math.max(members.length, 1);
    return out;
  }
  const ignored = issue.labels.filter((l) => PER_COMMENT_LABELS.some((prefix) => l.toLowerCase().startsWith(prefix)));
  // Read as the site wrote them: a member's own type, sector and language.
  const asFiled: SourceIssue = { ...issue, labels: issue.labels.filter((l) => !ignored.includes(l)) };
  if (members.length === 0) {
    // A batch marker and no member the site wrote: someone edited the body. Placed by its labels or date, as any issue.
    if (issueVersion(asFiled, { channel: 'web', publishName: false }, versions) !== target.id) out.otherVersions++;
    else out.unreadable.push({ number: issue.number, url: issue.html_url, reasons: ['a batch issue in which no comment could be found under its reference'] });
    return out;
  }
  const answers = batchAnswers(replies, members.map((m) => m.reference));
  let onTarget = 0;
  for (const { reference, comment: parsed } of members) {
    const where = `#${issue.number} ${reference}`;
    checkMarkerTime(parsed, where, out.warnings);
    if (issueVersion(asFiled, parsed, versions) !== target.id) {
      out.otherVersions++;
      continue;
    }
    onTarget++;
    const read = readComment(asFiled, parsed, target, versions);
    if ('reasons' in read) {
      out.unreadable.push({ number: issue.number, reference, url: issue.html_url, reasons: read.reasons });
      continue;
    }
    for (const w of read.warnings) out.warnings.push(`${where}: ${w}`);
    const own = answers.members.get(reference.toUpperCase());
    const disposition = own?.disposition ?? labelled.disposition;
    const response = own?.response ?? answers.response;
    const duplicate = disposition === 'duplicate' ? (own?.duplicateOf ?? answers.duplicateOf) : undefined;
    out.comments.push({
      reference,
      issue: { number: issue.number, url: issue.html_url },
      ...read.fields,
      submittedAt: parsed.submittedAt ?? issue.created_at,
      disposition,
      ...(duplicate !== undefined ? { duplicateOf: duplicate } : {}),
      ...(response ? { response } : {}),
      addressedIn: changes,
    });
  }
  if (onTarget === 0) return out;
  if (ignored.length) {
    out.warnings.push(`#${issue.number}: ${ignored.join(', ')} ignored: they cannot be right for every comment of a batch, so each keeps the type, sector and language it was filed with`);
  }
  if (labelled.ignored.length) {
    out.warnings.push(`#${issue.number}: several disposition labels (${[labelled.disposition, ...labelled.ignored].join(', ')}); members without their own disposition reported as ${labelled.disposition}`);
  }
  for (const w of answers.warnings) out.warnings.push(`#${issue.number}: ${w}`);
  return out;
}

/** An ISO 8601 time with an offset, as the report's schema requires. */
function isInstant(text: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/.test(text) && !Number.isNaN(Date.parse(text));
}

/** Groups the comments (each member's `group` is set), with ids from their earliest member. */
function commentGroups(
  comments: FeedbackComment[],
  similarity: number,
  quotedText: readonly string[] | undefined,
  onProgress: GroupingSettings['onProgress'],
): CommentGroup[] {
  const found = groupTexts(
    comments.map((c) => ({ reference: c.reference, text: groupingText(c) })),
    { similarity, ...(quotedText ? { quotedText } : {}), ...(onProgress ? { onProgress } : {}) },
  );
  const byReference = new Map(comments.map((c) => [c.reference, c]));
  return found.map((g) => {
    const id = rowId(g.members[0]!).replace(/^comment-/, 'group-');
    for (const member of g.members) byReference.get(member)!.group = id;
    return { id, kind: g.kind, size: g.members.length, representative: g.representative, members: g.members };
  });
}

/** The version an issue is on: its `v:` label, else its body, else the consultation open when it was filed. */
function issueVersion(issue: SourceIssue, parsed: ParsedIssueBody, versions: readonly CollationVersion[]): string | undefined {
  const labels = issue.labels.map((l) => l.toLowerCase());
  const labelled = versions.find((v) => labels.includes(boundedLabel('v:', v.id).toLowerCase()));
  if (labelled) return labelled.id;
  const known = statedVersion(parsed, versions);
  if (known) return known;
  // No version, or one we never published: place the issue by date, so the
  // report of the consultation open at the time lists it as unreadable.
  return versionOpenAt(Date.parse(issue.created_at), versions);
}

/** The published version the body names, accepting `0.1` for `v0.1` and any case. */
function statedVersion(parsed: ParsedIssueBody, versions: readonly CollationVersion[]): string | undefined {
  const stated = parsed.version?.trim().toLowerCase();
  if (!stated) return undefined;
  return versions.find((v) => v.id === stated || v.id === `v${stated}`)?.id;
}

/** The version whose consultation was open at `time`, else the last one opened before it, else the newest. */
function versionOpenAt(time: number, versions: readonly CollationVersion[]): string | undefined {
  const open = versions.filter((v) => v.window && v.window.opens.getTime() <= time && time <= v.window.closes.getTime());
  if (open.length) return open.at(-1)!.id;
  const before = versions.filter((v) => v.window && v.window.opens.getTime() <= time);
  return (before.at(-1) ?? versions.at(-1))?.id;
}

type CommentFields = Pick<
  FeedbackComment,
  'version' | 'section' | 'paragraph' | 'change' | 'quote' | 'type' | 'comment' | 'language' | 'proposedChange' | 'sector' | 'organisation' | 'name' | 'channel'
>;

/** The comment an issue holds, or why it cannot be read. */
function readComment(
  issue: SourceIssue,
  parsed: ParsedIssueBody,
  version: CollationVersion,
  versions: readonly CollationVersion[],
): { fields: CommentFields; warnings: string[] } | { reasons: string[] } {
  const reasons: string[] = [];
  const warnings: string[] = [];
  if (!issue.body?.trim()) reasons.push('the issue has no body');
  const stated = parsed.version?.trim();
  const versionLabelled = issue.labels.some((l) => l.toLowerCase() === boundedLabel('v:', version.id).toLowerCase());
  if (!versionLabelled && stated && statedVersion(parsed, versions) !== version.id) {
    reasons.push(`version "${clip(stated)}" is not a published version; add a v:${version.id} label if it is meant`);
  }
  const section = issueSection(issue, parsed, version);
  if (!section) {
    reasons.push(
      parsed.section
        ? `section "${clip(parsed.section)}" is not a section of ${version.id}; add a section:<id> label`
        : 'no section given; add a section:<id> label',
    );
  }
  const type = labelValue<CommentType>(issue.labels, 'type:', COMMENT_TYPES) ?? parsed.type;
  if (!type) reasons.push('no type of comment (general, technical or editorial); add a type: label');
  const sector = labelValue<Sector>(issue.labels, 'sector:', SECTORS) ?? parsed.sector;
  if (!sector) reasons.push('no stakeholder sector; add a sector: label');
  const comment = visible(parsed.comment);
  if (!comment) reasons.push('no comment text under "### Comment"');
  // Only the first problem matters when there is no body at all.
  if (reasons.length) return { reasons: issue.body?.trim() ? reasons : [reasons[0]!] };

  let paragraph: string | undefined;
  if (parsed.paragraph !== undefined) {
    // Typed on GitHub, so "paragraph 3" and "¶3" are meant as much as "p3".
    const n = parseParagraphRef(parsed.paragraph) ?? Number(/[1-9][0-9]{0,3}/.exec(parsed.paragraph)?.[0] ?? 0);
    if (n && n <= section!.paragraphs) paragraph = paragraphRef(n);
    else warnings.push(`paragraph "${clip(parsed.paragraph)}" is not a paragraph of ${section!.id}; reported against the whole section`);
  }
  let change: string | undefined;
  const statedChange = visible(parsed.change);
  if (statedChange !== undefined) {
    // Typed on GitHub, a change may be pasted as the comparison's address: its id follows the '#'.
    const id = afterLastSeparator(statedChange).trim().toLowerCase();
    // A change is numbered within its section: one of another section (the section relabelled, or a typo) is not this comment's.
    if (parseChangeId(id)?.section === section!.id) change = id;
    else warnings.push(`change "${clip(statedChange)}" is not a change of ${section!.id}; reported as a comment on the text`);
  }
  const channel = parsed.submissionId ? parsed.channel : (labelValue<Channel>(issue.labels, 'channel:', CHANNELS) ?? 'github');
  // A maintainer's lang: label wins over the body, as the other labels do; English is left unsaid.
  const language = labelValue<Language>(issue.labels, 'lang:', COMMENT_LANGUAGES) ?? parsed.language;
  const fields: CommentFields = {
    version: version.id,
    section: section!.id,
    ...(paragraph ? { paragraph } : {}),
    ...optional('change', change),
    ...optional('quote', visible(parsed.quote)),
    type: type!,
    comment: comment!,
    ...(language && language !== 'en' ? { language } : {}),
    ...optional('proposedChange', visible(parsed.proposedChange)),
    sector: sector!,
    ...optional('organisation', visible(parsed.organisation)),
    ...(parsed.publishName ? optional('name', visible(parsed.name)) : {}),
    channel,
  };
  return { fields, warnings };
}

/** The section an issue is on: its `section:` label, else what the body names (an id, in any case, or a title). */
function issueSection(issue: SourceIssue, parsed: ParsedIssueBody, version: CollationVersion) {
  const labels = issue.labels.map((l) => l.toLowerCase());
  const labelled = version.sections.find((s) => labels.includes(boundedLabel('section:', s.id).toLowerCase()));
  if (labelled) return labelled;
  const stated = parsed.section?.trim();
  if (!stated) return undefined;
  // People paste the address of the section: keep what follows the last # or /.
  const tail = afterLastSeparator(stated).trim().toLowerCase();
  return (
    version.sections.find((s) => s.id === stated) ??
    version.sections.find((s) => s.id === tail) ??
    version.sections.find((s) => s.title.toLowerCase() === stated.toLowerCase())
  );
}

/**
 * What follows the last `#` or `/` that is not at the end: `…/strategy/v0.1/#governance/` gives
 * `governance`. A scan, not a regular expression: the text is anyone's, and
 * `/[/#]+$/` takes quadratic time on a long run of slashes.
 */
function afterLastSeparator(text: string): string {
  const end = trimTrailing(text, '/#').length;
  const start = Math.max(text.lastIndexOf('/', end - 1), text.lastIndexOf('#', end - 1)) + 1;
  return text.slice(start, end);
}

/** The value of a `prefix:value` label when it is one of `allowed`. */
function labelValue<T extends string>(labels: readonly string[], prefix: string, allowed: readonly T[]): T | undefined {
  for (const label of labels) {
    if (!label.toLowerCase().startsWith(prefix)) continue;
    const value = label.slice(prefix.length).trim().toLowerCase();
    const match = allowed.find((a) => a === value);
    if (match) return match;
  }
  return undefined;
}

/**
 * Text as people should read it. Every zero-width space in an issue the site
 * wrote was put there by `neutralise` (the schema strips them from what people
 * type), so removing them gives back the commenter's words.
 */
function visible(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const out = text.replace(/\u200B/g, '').trim();
  return out === '' ? undefined : out;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').replace(/\u200B/g, '');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** A comment still in the outbox: no issue yet (or one this run cannot read), so no disposition. */
function fromOutbox(entry: OutboxEntry): FeedbackComment {
  const s = entry.submission;
  return {
    reference: entry.reference,
    ...(entry.issueNumber !== undefined && entry.issueUrl ? { issue: { number: entry.issueNumber, url: entry.issueUrl } } : {}),
    version: s.version,
    section: s.section,
    ...(s.paragraph ? { paragraph: s.paragraph } : {}),
    ...optional('change', s.change),
    ...optional('quote', s.quote),
    type: s.type,
    comment: s.comment,
    ...(s.language && s.language !== 'en' ? { language: s.language } : {}),
    ...optional('proposedChange', s.proposedChange),
    sector: s.sector,
    ...optional('organisation', s.organisation),
    ...(s.publishName ? optional('name', s.name) : {}),
    channel: s.channel,
    submittedAt: s.submittedAt,
    disposition: 'pending',
    addressedIn: [],
  };
}
