/**
 * The redline of a section as a hast tree: the new text, with deleted words
 * and paragraphs shown struck and inserted ones marked, built from mdast so
 * lists, tables and links stay what they are (never by diffing HTML). A
 * table with the same columns is marked cell by cell (./table-marks.ts).
 */
import type { ElementContent, Root } from 'hast';
import type { List } from 'mdast';
import { anchor, deletedBlock, groupLists, insertedBlock, type PlacedBlock } from './block-elements.ts';
import { resolveRedlineOptions, type RedlineOptions } from './labels.ts';
import { markedBlocks } from './row-marks.ts';
import { markElement, renderBlock } from './to-hast.ts';
import type { Block, ParagraphRow, SectionComparison } from './types.ts';
import { diffWords } from './word-diff.ts';

/** The redline of a section's body. Paragraphs of the new text keep their anchor ids. */
export function redlineSection(section: SectionComparison, options?: RedlineOptions): Root {
  const resolved = resolveRedlineOptions(options);
  const listOf = listMapping(section.rows);
  const placed: PlacedBlock[] = [];
  const place = (element: PlacedBlock['element'], block: Block) => {
    placed.push({ element, ...(block.list ? { list: { key: listOf(block.list.node), ordered: block.list.ordered } } : {}) });
  };
  for (const row of section.rows) {
    const { before, after } = row;
    if (row.kind === 'unchanged') place(anchor(renderBlock(after!, after!.node, resolved), after), after!);
    else if (row.kind === 'inserted') place(insertedBlock(after!, resolved), after!);
    else if (row.kind === 'deleted') place(deletedBlock(before!, resolved), before!);
    else {
      const marked = markedBlocks(row);
      if (marked) {
        const element = renderBlock(after!, marked.redline, resolved);
        element.properties.className = ['redline-changed'];
        place(anchor(element, after, before), after!);
      } else {
        place(deletedBlock(before!, resolved, true), before!);
        place(insertedBlock(after!, resolved, true), after!);
      }
    }
  }
  return { type: 'root', children: groupLists(placed) };
}

/**
 * The title of a section with its changes marked, for the heading of the
 * section on the redline page (the body's redline does not include it).
 */
export function redlineTitle(section: SectionComparison, options?: RedlineOptions): ElementContent[] {
  const resolved = resolveRedlineOptions(options);
  const { before, after } = section;
  if (!before || !after || !section.retitled) return [{ type: 'text', value: (after ?? before)!.title }];
  return diffWords(before.title, after.title).changes.map((change): ElementContent => {
    const text: ElementContent = { type: 'text', value: change.value };
    if (change.added) return markElement('ins', resolved.labels.inserted, [text], resolved);
    if (change.removed) return markElement('del', resolved.labels.deleted, [text], resolved);
    return text;
  });
}

/**
 * Deleted list items should sit in the list they were deleted from, which in
 * the new text is the list their surviving neighbours now belong to.
 */
function listMapping(rows: readonly ParagraphRow[]): (list: List) => List {
  const map = new Map<List, List>();
  for (const { before, after } of rows) {
    if (before?.list && after?.list && !map.has(before.list.node)) map.set(before.list.node, after.list.node);
  }
  return (list) => map.get(list) ?? list;
}
