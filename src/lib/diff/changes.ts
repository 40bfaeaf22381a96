/**
 * The changes of a section, numbered in reading order: what a reader cites
 * ("change 3.4"), links to (`#change-<section>-<n>`) and comments on. A change
 * is one stretch of marked words inside a paragraph (marks with only spaces
 * between them), one row of a table marked cell by cell, one paragraph
 * inserted or deleted, or one paragraph replaced whole. The views number
 * their marks from this list, so the numbers agree everywhere.
 */
import { changeId } from './change-ref.ts';
import { inlineRuns } from './inline-marks.ts';
import { tableRowOpsOf, tableRowText } from './table-marks.ts';
import type { ParagraphRow, SectionComparison } from './types.ts';

export interface SectionChange {
  /** 1-based, in reading order within the section. */
  n: number;
  /** `change-<section>-<n>`: the anchor and the id a comment names. */
  id: string;
  /** Index of the paragraph row (`section.rows`) the change is in. */
  row: number;
  /** `words`: marked inside a paragraph or a table row; `inserted`/`deleted`: a whole block; `replaced`: the old block deleted and the new inserted. */
  kind: 'words' | 'inserted' | 'deleted' | 'replaced';
  /** The paragraph number in the new version (absent for a deleted block and for headings). */
  paragraph?: number;
  /** The old wording ('' for an insertion). */
  before: string;
  /** The new wording ('' for a deletion). */
  after: string;
}

const cache = new WeakMap<SectionComparison, SectionChange[]>();

export function sectionChanges(section: SectionComparison): SectionChange[] {
  const cached = cache.get(section);
  if (cached) return cached;
  const out: SectionChange[] = [];
  section.rows.forEach((row, index) => {
    for (const part of rowChanges(row)) {
      const n = out.length + 1;
      out.push({ n, id: changeId(section.id, n), row: index, ...part, ...(row.after?.n !== undefined && part.kind !== 'deleted' ? { paragraph: row.after.n } : {}) });
    }
  });
  cache.set(section, out);
  return out;
}

type Part = Pick<SectionChange, 'kind' | 'before' | 'after'>;

function rowChanges(row: ParagraphRow): Part[] {
  if (row.kind === 'unchanged') return [];
  if (row.kind === 'inserted') return [{ kind: 'inserted', before: '', after: row.after!.text }];
  if (row.kind === 'deleted') return [{ kind: 'deleted', before: row.before!.text, after: '' }];
  const runs = row.mode === 'words' ? inlineRuns(row) : [];
  // No run: nothing could be marked in the text (a checkbox ticked), so the block is shown replaced.
  if (runs.length) return runs.map((run) => ({ kind: 'words', before: run.before, after: run.after }));
  const ops = row.mode === 'block' ? tableRowOpsOf(row) : null;
  if (ops?.some((op) => op.kind !== 'same')) {
    return ops.filter((op) => op.kind !== 'same').map((op) => ({ kind: 'words', before: tableRowText(op.before), after: tableRowText(op.after) }));
  }
  return [{ kind: 'replaced', before: row.before!.text, after: row.after!.text }];
}

/** The changes of a section by row index. */
export function changesByRow(changes: readonly SectionChange[]): Map<number, SectionChange[]> {
  const out = new Map<number, SectionChange[]>();
  for (const change of changes) out.set(change.row, [...(out.get(change.row) ?? []), change]);
  return out;
}
