/**
 * Side-by-side rows: the old paragraph and the new one next to each other,
 * deletions marked on the left and insertions on the right. Each cell is a
 * complete element (a list item comes inside a one-item list). With change
 * numbers, a change's number and anchor go with its new wording, or with the
 * old one when it was only deleted.
 */
import type { Element } from 'hast';
import { anchor, deletedBlock, insertedBlock, standalone } from './block-elements.ts';
import { resolveRedlineOptions } from './labels.ts';
import { changeNumbering, numberBlock, type RedlineSectionOptions } from './redline-tree.ts';
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
  /** What `changeActions` offered on the row's changes. */
  actions?: Element;
}

export function sideBySideSection(section: SectionComparison, options: Omit<RedlineSectionOptions, 'collapse'> = {}): SideBySideRow[] {
  const resolved = resolveRedlineOptions(options);
  const numbering = changeNumbering(section, options);
  return section.rows.map((row, index): SideBySideRow => {
    const { kind, before, after } = row;
    const tags = numbering.tags(index);
    const changes = numbering.changes(index);
    const actions = options.changeActions && changes.length ? options.changeActions(changes) : undefined;
    const extra = actions ? { actions } : {};
    if (kind === 'inserted') return { kind, before: null, after: standalone(numberBlock(insertedBlock(after!, resolved), tags?.[0], resolved), after!), ...extra };
    if (kind === 'deleted') return { kind, before: standalone(numberBlock(deletedBlock(before!, resolved), tags?.[0], resolved), before!), after: null, ...extra };
    const marked = markedBlocks(row, tags);
    if (kind === 'changed' && !marked) {
      return {
        kind,
        before: standalone(numberBlock(deletedBlock(before!, resolved, true), tags?.[0], resolved, false), before!),
        after: standalone(numberBlock(insertedBlock(after!, resolved, true), tags?.[0], resolved), after!),
        ...extra,
      };
    }
    const oldNode = marked?.before ?? before!.node;
    const newNode = marked?.after ?? after!.node;
    return {
      kind,
      before: standalone(anchor(renderBlock(before!, oldNode, resolved), undefined, before), before!),
      after: standalone(anchor(renderBlock(after!, newNode, resolved), after), after!),
      ...extra,
    };
  });
}
