/**
 * A changed table marked cell by cell instead of replaced whole, when both
 * versions have the same columns: rows are aligned with jsdiff `diffArrays`
 * (so an inserted row does not shift every row below it into a change),
 * cells of a changed row are word-diffed in place with the same marks as a
 * paragraph, and inserted or deleted rows are marked in every cell.
 */
import { diffArrays } from 'diff';
import type { PhrasingContent, Table, TableCell, TableRow } from 'mdast';
import { inlineMarks } from './inline-marks.ts';
import { inlineText } from './inline-text.ts';
import { wordBag, wordOverlap, type WordBag } from './similarity.ts';
import { changeNode, markNode, type ChangeTag } from './to-hast.ts';
import type { Block, ParagraphRow } from './types.ts';
import { diffWords } from './word-diff.ts';

/** The three views of a changed table, like `InlineMarks` for a paragraph. */
export interface TableMarks {
  /** The new table with deleted rows and words put back and marked: the redline. */
  redline: Table;
  /** The old table with deletions marked: the left column of side by side. */
  before: Table;
  /** The new table with insertions marked: the right column of side by side. */
  after: Table;
  /** Whether anything was marked (a change of alignment alone marks nothing). */
  marked: boolean;
}

/** One row of two aligned tables: the same, edited, or on one side only. */
interface TableRowOp {
  kind: 'same' | 'changed' | 'inserted' | 'deleted';
  before?: TableRow;
  after?: TableRow;
}

/** The two tables of a changed row, when both sides are tables with the same columns (marked cell by cell); else null. */
export function tableRowOpsOf(row: ParagraphRow): TableRowOp[] | null {
  const before = row.before?.node;
  const after = row.after?.node;
  if (row.kind !== 'changed' || before?.type !== 'table' || after?.type !== 'table') return null;
  if (before.align?.length !== after.align?.length) return null;
  return tableRowOps(before, after);
}

/**
 * Aligns the rows of two tables: jsdiff `diffArrays` finds the unchanged
 * rows, then in each run of deleted and inserted rows those sharing at least
 * half their words (as paragraphs are paired) are one row, edited.
 */
function tableRowOps(before: Table, after: Table): TableRowOp[] {
  const ops: TableRowOp[] = [];
  const keyOf = (row: TableRow) => JSON.stringify(row.children.map((cell) => cell.children));
  // Each row serialised once; the diff then compares strings.
  const changes = diffArrays(before.children.map(keyOf), after.children.map(keyOf));
  const bags = new Map<TableRow, WordBag>();
  const bag = (row: TableRow) => bags.get(row) ?? bags.set(row, wordBag(rowText(row))).get(row)!;
  const similarRows = (a: TableRow, b: TableRow) => wordOverlap(bag(a), bag(b)) >= ROW_SIMILARITY;
  let o = 0;
  let n = 0;
  for (let k = 0; k < changes.length; k++) {
    const change = changes[k]!;
    if (!change.added && !change.removed) {
      for (let r = 0; r < change.count; r++) ops.push({ kind: 'same', before: before.children[o++]!, after: after.children[n++]! });
      continue;
    }
    // A run of deleted rows and the inserted rows after it: pair the similar ones as changed rows.
    const next = changes[k + 1];
    const deleted = change.removed ? before.children.slice(o, (o += change.count)) : [];
    const insertedCount = change.removed ? (next?.added ? next.count : 0) : change.count;
    const inserted = after.children.slice(n, (n += insertedCount));
    if (change.removed && next?.added) k += 1;
    let i = 0;
    let j = 0;
    for (const run of diffArrays(deleted, inserted, { comparator: similarRows })) {
      for (let r = 0; r < run.count; r++) {
        if (run.removed) ops.push({ kind: 'deleted', before: deleted[i++]! });
        else if (run.added) ops.push({ kind: 'inserted', after: inserted[j++]! });
        else ops.push({ kind: 'changed', before: deleted[i++]!, after: inserted[j++]! });
      }
    }
  }
  return ops;
}

/**
 * Cell-by-cell marks for a changed row whose two sides are tables with the
 * same columns; null for anything else. With `tags` (one per row that is not
 * the same, from ./changes.ts), the first cell of each such row opens with
 * the change's number.
 */
export function tableMarksOf(row: ParagraphRow, tags?: readonly ChangeTag[]): TableMarks | null {
  const ops = tableRowOpsOf(row);
  if (!ops) return null;
  const before = row.before!.node as Table;
  const after = row.after!.node as Table;
  const columns = after.align?.length ?? 0;
  const out = { redline: [] as TableRow[], before: [] as TableRow[], after: [] as TableRow[], marked: false };
  let changeIndex = 0;
  for (const op of ops) {
    if (op.kind === 'same') {
      out.redline.push(op.after!);
      out.before.push(op.before!);
      out.after.push(op.after!);
      continue;
    }
    out.marked = true;
    const tag = tags?.[changeIndex++];
    const numbered = (tableRowNode: TableRow, anchor: boolean) => (tag ? numberRow(tableRowNode, tag, anchor) : tableRowNode);
    if (op.kind === 'deleted') {
      const del = wholeRow(op.before!, 'del');
      out.redline.push(numbered(del, true));
      out.before.push(numbered(del, true));
    } else if (op.kind === 'inserted') {
      const ins = wholeRow(op.after!, 'ins');
      out.redline.push(numbered(ins, true));
      out.after.push(numbered(ins, true));
    } else {
      const marked = changedRow(op.before!, op.after!, columns);
      out.redline.push(numbered(marked.redline, true));
      out.before.push(numbered(marked.before, false));
      out.after.push(numbered(marked.after, true));
    }
  }
  return {
    redline: { ...after, children: out.redline },
    before: { ...before, children: out.before },
    after: { ...after, children: out.after },
    marked: out.marked,
  };
}

/** The words of a table row, for the list of changes. */
export function tableRowText(row: TableRow | undefined): string {
  return row ? rowText(row) : '';
}

/** A row whose first cell opens with a change's number. */
function numberRow(row: TableRow, tag: ChangeTag, anchor: boolean): TableRow {
  const [first, ...rest] = row.children;
  return tableRow([cell([changeNode(tag, first?.children ?? [], anchor)]), ...rest]);
}

const ROW_SIMILARITY = 0.5;
const rowText = (row: TableRow) => row.children.map((c) => inlineText(c.children)).join(' ');

function changedRow(before: TableRow, after: TableRow, columns: number) {
  const row = { redline: [] as TableCell[], before: [] as TableCell[], after: [] as TableCell[], marked: false };
  for (let c = 0; c < Math.max(columns, before.children.length, after.children.length); c++) {
    const oldCell = before.children[c]?.children ?? [];
    const newCell = after.children[c]?.children ?? [];
    if (JSON.stringify(oldCell) === JSON.stringify(newCell)) {
      row.redline.push(cell(newCell));
      row.before.push(cell(oldCell));
      row.after.push(cell(newCell));
      continue;
    }
    const marks = inlineMarks(cellRow(oldCell, newCell));
    if (marks.marked) {
      row.redline.push(cell(marks.redline));
      row.before.push(cell(marks.before));
      row.after.push(cell(marks.after));
    } else {
      // Different nodes with the same words (e.g. an image): the old content deleted, the new inserted.
      row.redline.push(cell([...marked('del', oldCell), ...marked('ins', newCell)]));
      row.before.push(cell(marked('del', oldCell)));
      row.after.push(cell(marked('ins', newCell)));
    }
    row.marked = true;
  }
  return { redline: tableRow(row.redline), before: tableRow(row.before), after: tableRow(row.after), marked: row.marked };
}

/** A paragraph row standing for two cells, so the paragraph machinery marks their words. */
function cellRow(before: PhrasingContent[], after: PhrasingContent[]): ParagraphRow {
  const side = (children: PhrasingContent[]) => {
    const host = { type: 'paragraph' as const, children };
    return { kind: 'paragraph', node: host, host, key: '', text: '' } satisfies Block;
  };
  const diff = diffWords(inlineText(before), inlineText(after));
  return { kind: 'changed', before: side(before), after: side(after), mode: 'words', diff, words: { added: diff.added, removed: diff.removed } };
}

function wholeRow(row: TableRow, kind: 'ins' | 'del'): TableRow {
  return tableRow(row.children.map((c) => cell(marked(kind, c.children))));
}

function marked(kind: 'ins' | 'del', children: PhrasingContent[]): PhrasingContent[] {
  return children.length ? [markNode(kind, children)] : [];
}

const cell = (children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children });
const tableRow = (children: TableCell[]): TableRow => ({ type: 'tableRow', children });
