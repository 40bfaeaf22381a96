/**
 * "What became of my comment": what a reference may show, from the outbox
 * (received, filed as which issue) and the committed feedback report of its
 * version (the decision, the maintainers' response, the change that
 * addressed it). References are sequential and anyone can type one, so a
 * reference shows nothing that is not public anyway: until the comment is
 * on GitHub or in the report, only that it was received; afterwards, what
 * the issue and the report show.
 *
 * A comment is answered when the report has the maintainers' response (a
 * reply beginning `Response:`): a decision label alone is shown, but does
 * not count, so the commenter who asked to be told is told once, when there
 * is something to read.
 */
import type { ReferenceRecord } from '../comments/outbox.ts';
import type { AddressedIn, CommentResponse, FeedbackComment, FeedbackReport, ReportDisposition } from './schema.ts';

type Progress = 'received' | 'filed' | 'answered';

export interface CommentStatus {
  reference: string;
  progress: Progress;
  /** Version and section: shown once they are public (on GitHub or in the report). */
  place?: { version: string; section: string };
  issue?: { number: number; url?: string };
  /** Whether the report lists the comment. */
  inReport: boolean;
  disposition?: ReportDisposition;
  duplicateOf?: number;
  response?: CommentResponse;
  addressedIn: AddressedIn[];
}

/**
 * The report's entry for a comment: by its outbox reference (which a comment
 * filed in a batch issue keeps, sharing the issue with others), else as the
 * issue of its own it was filed as (`#12`).
 */
export function reportEntry(report: FeedbackReport | null, comment: { reference: string; issueNumber?: number }): FeedbackComment | undefined {
  if (!report) return undefined;
  return (
    report.comments.find((c) => c.reference === comment.reference) ??
    (comment.issueNumber !== undefined ? report.comments.find((c) => c.reference === `#${comment.issueNumber}`) : undefined)
  );
}

/** Whether a report entry carries the maintainers' response. */
export function isAnswered(entry: FeedbackComment | undefined): entry is FeedbackComment & { response: CommentResponse } {
  return entry?.response !== undefined;
}

/** What the status page shows for a reference found in the outbox, given its version's committed report (or null). */
export function commentStatus(record: ReferenceRecord, report: FeedbackReport | null): CommentStatus {
  const entry = reportEntry(report, record);
  const issue = record.issueNumber !== undefined ? { number: record.issueNumber, ...(record.issueUrl ? { url: record.issueUrl } : {}) } : entry?.issue;
  const published = record.status === 'filed' || entry !== undefined;
  return {
    reference: record.reference,
    progress: isAnswered(entry) ? 'answered' : published ? 'filed' : 'received',
    ...(published ? { place: { version: record.version, section: record.section } } : {}),
    ...(issue ? { issue } : {}),
    inReport: entry !== undefined,
    ...(entry && entry.disposition !== 'pending' ? { disposition: entry.disposition } : {}),
    ...(entry?.duplicateOf !== undefined ? { duplicateOf: entry.duplicateOf } : {}),
    ...(entry?.response ? { response: entry.response } : {}),
    addressedIn: entry?.addressedIn ?? [],
  };
}

/** `BZ-2026-000123`: what a typed reference must look like before it is looked up. */
export function readReference(value: string | null): string | null {
  const reference = (value ?? '').trim().toUpperCase();
  return /^[A-Z]{1,10}-\d{4}-\d{6,}$/.test(reference) ? reference : null;
}
