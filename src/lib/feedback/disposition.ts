/**
 * A comment's disposition, read from its issue's labels. Maintainers give one
 * of `accepted`, `partially-accepted`, `not-accepted`, `noted`, `duplicate`,
 * `out-of-scope`; `spam` removes the issue from everything public. An issue
 * with none is still waiting (`pending`).
 */
import { DISPOSITIONS, PENDING, SPAM_LABEL, type Disposition, type ReportDisposition } from './schema.ts';

/** What the labels say. */
export type LabelledDisposition =
  | { kind: 'spam' }
  | {
      kind: 'public';
      disposition: ReportDisposition;
      /** Other disposition labels on the same issue, ignored: a maintainer should remove them. */
      ignored: Disposition[];
    };

/**
 * When two disposition labels are on one issue (a relabel that forgot to
 * remove the old one), the one that says least about the draft wins: a
 * report must not claim a change was accepted on a conflicting record.
 */
const PRECEDENCE: readonly Disposition[] = ['duplicate', 'out-of-scope', 'noted', 'not-accepted', 'partially-accepted', 'accepted'];

/** Reads the disposition from label names; label names are compared case-insensitively, as GitHub does. */
export function dispositionFromLabels(labels: readonly string[]): LabelledDisposition {
  const names = new Set(labels.map((label) => label.trim().toLowerCase()));
  if (names.has(SPAM_LABEL)) return { kind: 'spam' };
  const present = DISPOSITIONS.filter((d) => names.has(d));
  if (present.length === 0) return { kind: 'public', disposition: PENDING, ignored: [] };
  const winner = PRECEDENCE.find((d) => present.includes(d))!;
  return { kind: 'public', disposition: winner, ignored: present.filter((d) => d !== winner) };
}
