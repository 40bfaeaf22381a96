/**
 * Side-by-side rows: the old paragraph and the new one next to each other,
 * deletions marked on the left and insertions on the right. Each cell is a
 * complete element (a list item comes inside a one-item list).
 */
import type { Element } from 'hast';
import { anchor, deletedBlock, insertedBlock, standalone } from './block-elements.ts';
import { resolveRedlineOptions, type RedlineOptions } from './labels.ts';
import { markedBlocks } from './row-marks.ts';
import { renderBlock } from './to-hast.ts';
import type { RowKind, SectionComparison } from './types.ts';

/** One aligned row; a missing side is null (nothing there in that version). */
export interface SideBySideRow {
  kind: RowKind;
  /** The old paragraph, with `data-old-anchor`. */
  before: Element | null;
  /** The new paragraph, with its anchor `id`. */
  after: Element | null;
}

export function sideBySideSection(section: SectionComparison, options?: RedlineOptions): SideBySideRow[] {
  const resolved = resolveRedlineOptions(options);
  return section.rows.map((row): SideBySideRow => {
    const { kind, before, after } = row;
    if (kind === 'inserted') return { kind, before: null, after: standalone(insertedBlock(after!, resolved), after!) };
    if (kind === 'deleted') return { kind, before: standalone(deletedBlock(before!, resolved), before!), after: null };
    const marked = markedBlocks(row);
    if (kind === 'changed' && !marked) {
      return {
        kind,
        before: standalone(deletedBlock(before!, resolved, true), before!),
        after: standalone(insertedBlock(after!, resolved, true), after!),
      };
    }
    const oldNode = marked?.before ?? before!.node;
    const newNode = marked?.after ?? after!.node;
    return {
      kind,
      before: standalone(anchor(renderBlock(before!, oldNode, resolved), undefined, before), before!),
      after: standalone(anchor(renderBlock(after!, newNode, resolved), after), after!),
    };
  });
}
