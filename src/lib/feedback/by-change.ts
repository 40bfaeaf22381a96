/**
 * Comments on changes: for each change between the previous version and
 * this one that comments were made on ("Comment on this change" on the
 * comparison page), the matrix rows on it, in the order the comparison
 * numbers changes (section, then change). What a maintainer answering
 * "change 2.4" reads together, and what the workshop discusses.
 */
import type { MatrixChangeRef, MatrixRow } from './matrix.ts';

export interface ChangeComments {
  change: MatrixChangeRef;
  /** Section id and label (`2. Governance and coordination`) the change is in. */
  sectionKey: string;
  section: string;
  /** The matrix rows on the change, in matrix order; a group's row stands for its members. */
  rows: MatrixRow[];
  /** Comments the rows stand for. */
  count: number;
}

/** Every change with comments on it, in comparison order; none when no comment is on a change. */
export function commentsByChange(rows: readonly MatrixRow[]): ChangeComments[] {
  const byId = new Map<string, ChangeComments & { sectionNumber: number }>();
  for (const row of rows) {
    if (!row.change) continue;
    let entry = byId.get(row.change.id);
    if (!entry) {
      entry = { change: row.change, sectionKey: row.sectionKey, section: row.section, sectionNumber: row.sectionNumber, rows: [], count: 0 };
      byId.set(row.change.id, entry);
    }
    entry.rows.push(row);
    entry.count += row.size;
  }
  return [...byId.values()]
    .sort((a, b) => a.sectionNumber - b.sectionNumber || a.sectionKey.localeCompare(b.sectionKey) || a.change.n - b.change.n)
    .map(({ sectionNumber: _, ...entry }) => entry);
}
