/**
 * A changed row marked in place, whichever way it can be: words inside a
 * paragraph-like block (./inline-marks.ts), or cells inside a table that kept
 * its columns (./table-marks.ts). The redline and side-by-side views both
 * start from this, so they agree on what is marked in place and what is shown
 * replaced whole; the list of changes (./changes.ts) follows the same rule.
 */
import { inlineMarks, withInlineContent } from './inline-marks.ts';
import { tableMarksOf } from './table-marks.ts';
import type { ChangeTag } from './to-hast.ts';
import type { Block, ParagraphRow } from './types.ts';

export interface MarkedBlocks {
  /** The new block with deletions and insertions marked: the redline. */
  redline: Block['node'];
  /** The old block with deletions marked: the left column of side by side. */
  before: Block['node'];
  /** The new block with insertions marked: the right column of side by side. */
  after: Block['node'];
}

/**
 * The marked forms of a changed row; null when nothing can be marked in place
 * (show it replaced whole). `tags` number its changes, in order.
 */
export function markedBlocks(row: ParagraphRow, tags?: readonly ChangeTag[]): MarkedBlocks | null {
  if (row.kind !== 'changed') return null;
  if (row.mode === 'words') {
    const marks = inlineMarks(row, tags);
    if (!marks.marked) return null;
    return {
      redline: withInlineContent(row.after!, marks.redline),
      before: withInlineContent(row.before!, marks.before),
      after: withInlineContent(row.after!, marks.after),
    };
  }
  const table = tableMarksOf(row, tags);
  return table?.marked ? { redline: table.redline, before: table.before, after: table.after } : null;
}
