/**
 * Which issues one answer goes to: every member of a group of the report,
 * or the issues a maintainer lists. A member still waiting in the outbox
 * has no issue to answer yet; it is named, never silently left out. A
 * comment filed in a batch issue with others is a target of its own, by
 * its reference: it is answered on its own, in the batch issue.
 */
import { dispositionNamed } from '../feedback/responses.ts';
import type { Disposition, FeedbackReport } from '../feedback/schema.ts';

export interface Recipients {
  /** What to answer, in report order, each once: an issue of its own (`issue`), or one comment of a batch issue (`issue` and its `reference`). */
  targets: { issue: number; reference?: string }[];
  /** References of members not filed as issues yet. */
  unfiled: string[];
}

/** The issues of a group of the report; a RangeError names the groups there are when the id is unknown. */
export function groupRecipients(report: FeedbackReport, groupId: string): Recipients {
  const group = report.groups.find((g) => g.id === groupId.trim().toLowerCase());
  if (!group) {
    const known = report.groups.map((g) => `${g.id} (${g.size})`);
    throw new RangeError(`no group "${groupId}" in the ${report.version} report${known.length ? `; its groups: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}` : ': it has none'}`);
  }
  return recipientsOf(report, group.members);
}

/** The issues, and comments of batch issues, the given references stand for. */
export function recipientsOf(report: FeedbackReport, references: readonly string[]): Recipients {
  const byReference = new Map(report.comments.map((c) => [c.reference, c]));
  const targets: Recipients['targets'] = [];
  const seen = new Set<string>();
  const unfiled: string[] = [];
  for (const reference of references) {
    const number = byReference.get(reference)?.issue?.number;
    if (number === undefined) {
      unfiled.push(reference);
      continue;
    }
    // `#12` is the issue itself; any other reference with an issue is a comment of a batch issue (or one the report knew from the outbox).
    const target = reference === `#${number}` ? { issue: number } : { issue: number, reference };
    const key = `${number} ${target.reference ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(target);
  }
  return { targets, unfiled };
}

/** `#12`, or `BZ-2026-000120 (#40)` for a comment of a batch issue: how a target is named in the script's output. */
export function targetName(target: { issue: number; reference?: string }): string {
  return target.reference ? `${target.reference} (#${target.issue})` : `#${target.issue}`;
}

/** `12,15,#40` into [12, 15, 40]; a RangeError for anything else. */
export function parseIssueList(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^#?([1-9][0-9]{0,9})$/.exec(part);
    if (!match) throw new RangeError(`"${part}" is not an issue number`);
    const number = Number(match[1]);
    if (!out.includes(number)) out.push(number);
  }
  if (out.length === 0) throw new RangeError('no issue numbers given');
  return out;
}

/** A disposition as a maintainer types it on the command line (`accepted`, `Partially accepted`), read as a reply's brackets are. */
export function parseDisposition(text: string): Disposition | undefined {
  return dispositionNamed(text);
}
