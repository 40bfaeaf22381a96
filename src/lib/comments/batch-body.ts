/**
 * Batch filing: several comments on one section in one GitHub issue, for
 * when the queue to GitHub is so long (hours at GitHub's pace of about 450
 * issues an hour) that one issue per comment would keep comments off GitHub
 * for days. See docs/architecture.md, "Batch filing", for the trade-off.
 *
 * A batch body is a short introduction, then each comment exactly as its own
 * issue body would be (issue-form shape and hidden marker, renderIssueBody)
 * under a `## <reference>` heading, then a closing marker:
 *
 *     <!-- consulta:batch comments=<n> -->
 *
 * So each member keeps its reference, its full fields and its own marker:
 * the dispatcher finds a member by its marker after a lost answer, and the
 * report reads each member as the comment it is. Commenters' text cannot
 * fake the headings or the markers: neutralise() breaks `#` at a line start
 * and every `<!--` in it.
 */
import { findSubmissionId, MAX_ISSUE_BODY, MAX_ISSUE_TITLE, boundedLabel, parseIssueBody, renderIssueBody, type ParsedIssueBody } from './issue-body.ts';
import type { CommentSubmission } from './schema.ts';

/** One comment going into a batch. */
export interface BatchMember {
  reference: string;
  submission: CommentSubmission;
  unverified: boolean;
}

/** A batch issue ready to create, and which of the offered comments it holds. */
export interface BatchIssue {
  title: string;
  body: string;
  labels: string[];
  /** The members that fit, in the order offered; the rest wait for the next batch. */
  members: BatchMember[];
}

/** Most comments in one batch issue: a maintainer reads and answers them on one page. */
export const MAX_BATCH = 50;

const BATCH_MARKER = /(?:^|\n)<!-- consulta:batch comments=(\d+) -->\s*$/;
// A member's own marker ends its block (renderIssueBody); the whole line, so the block can be cut there.
const MEMBER_MARKER = /^<!-- consulta:submission=[0-9a-f-]{36}(?: [a-z]+=\S+)* -->$/gm;
const MEMBER_HEADING = /^## (\S+)$/m;

/**
 * The batch issue for comments on one section (same version, same section,
 * all verified or all not), taking them in order while the body stays within
 * GitHub's limit. Null when even the first does not fit beside the
 * introduction: file it as an issue of its own.
 */
export function renderBatchIssue(offered: readonly BatchMember[]): BatchIssue | null {
  const first = offered[0];
  if (!first) return null;
  const { version, section } = first.submission;
  const unverified = first.unverified;
  const blocks: string[] = [];
  const members: BatchMember[] = [];
  let length = 0;
  for (const member of offered.slice(0, MAX_BATCH)) {
    if (member.submission.version !== version || member.submission.section !== section || member.unverified !== unverified) {
      throw new RangeError(`batch of ${version} § ${section} offered ${member.reference}, on ${member.submission.version} § ${member.submission.section}`);
    }
    const block = `## ${member.reference}\n\n${renderIssueBody(member.submission)}`;
    // The introduction and closing marker are at most a few hundred characters; keep 1,000 for them.
    if (length + block.length + 2 * blocks.length + 1_000 > MAX_ISSUE_BODY) break;
    blocks.push(block);
    members.push(member);
    length += block.length;
  }
  if (members.length === 0) return null;
  const n = members.length;
  const intro =
    `${n} comment${n === 1 ? '' : 's'} on section \`${section}\` of ${version}, filed together in one issue because the queue to GitHub was long (batch filing). ` +
    `Each keeps its own reference: answer each one on its own, with \`npm run respond\` or with a reply that begins "Response to ${members[0]!.reference}:".`;
  const body = [intro, ...blocks, `<!-- consulta:batch comments=${n} -->`].join('\n\n');
  const last = members[n - 1]!.reference;
  const title = `[${version} § ${section}] ${n} comment${n === 1 ? '' : 's'}: ${members[0]!.reference}${n > 1 ? ` to ${last}` : ''}`.slice(0, MAX_ISSUE_TITLE);
  const labels = ['comment', 'batch', boundedLabel('v:', version), boundedLabel('section:', section)];
  if (unverified) labels.push('unverified');
  return { title, body, labels, members };
}

/** Whether a body is a batch the site wrote (only believe it in an issue the site's filer created). */
export function isBatchBody(body: string | null | undefined): boolean {
  return !!body && BATCH_MARKER.test(body.replace(/\r\n?/g, '\n'));
}

/** The submission uuids in a body the site wrote: each member's for a batch, else the one marker's (or none). */
export function findSubmissionIds(body: string | null | undefined): string[] {
  if (!body) return [];
  if (!isBatchBody(body)) {
    const id = findSubmissionId(body);
    return id ? [id] : [];
  }
  return batchBlocks(body).flatMap(({ text }) => findSubmissionId(text) ?? []);
}

/** A member of a batch read back: the comment, and the reference it was given. */
export interface ParsedBatchMember {
  reference: string;
  comment: ParsedIssueBody;
}

/**
 * Reads the members of a batch body, each with `parseIssueBody` and its own
 * marker trusted. Only for an issue the site's filer created (see
 * `parseIssueBody`); a block without a reference heading is skipped.
 */
export function parseBatchBody(body: string): ParsedBatchMember[] {
  const out: ParsedBatchMember[] = [];
  for (const { heading, text } of batchBlocks(body)) {
    if (heading) out.push({ reference: heading, comment: parseIssueBody(text, { trustMarker: true }) });
  }
  return out;
}

/** Each member's `## reference` and its issue-form text up to and including its marker. */
function batchBlocks(body: string): { heading: string | undefined; text: string }[] {
  const text = body.replace(/\r\n?/g, '\n').replace(BATCH_MARKER, '');
  const blocks: { heading: string | undefined; text: string }[] = [];
  let start = 0;
  for (const marker of text.matchAll(MEMBER_MARKER)) {
    const end = marker.index + marker[0].length;
    const block = text.slice(start, end);
    start = end;
    const form = block.indexOf('### ');
    blocks.push({ heading: MEMBER_HEADING.exec(form >= 0 ? block.slice(0, form) : block)?.[1], text: form >= 0 ? block.slice(form) : block });
  }
  return blocks;
}
