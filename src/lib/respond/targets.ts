/**
 * Which issues one answer goes to: every member of a group of the report,
 * or the issues a maintainer lists. A member still waiting in the outbox
 * has no issue to answer yet; it is named, never silently left out.
 */
import { DISPOSITIONS, type Disposition, type FeedbackReport } from '../feedback/schema.ts';

export interface Recipients {
  /** Issue numbers, in report order, each once. */
  issues: number[];
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

/** The issues the given references stand for. */
export function recipientsOf(report: FeedbackReport, references: readonly string[]): Recipients {
  const byReference = new Map(report.comments.map((c) => [c.reference, c]));
  const issues: number[] = [];
  const unfiled: string[] = [];
  for (const reference of references) {
    const number = byReference.get(reference)?.issue?.number;
    if (number === undefined) unfiled.push(reference);
    else if (!issues.includes(number)) issues.push(number);
  }
  return { issues, unfiled };
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
