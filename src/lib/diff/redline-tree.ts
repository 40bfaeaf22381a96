/**
 * The redline of a section as a hast tree: the new text, with deleted words
 * and paragraphs shown struck and inserted ones marked, built from mdast so
 * lists, tables and links stay what they are (never by diffing HTML). A
 * table with the same columns is marked cell by cell (./table-marks.ts).
 *
 * Optionally each change opens with its number (./changes.ts), is followed by
 * what the page wants to offer on it (a comment link), and unchanged
 * paragraphs far from any change are left out ("changes only").
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { List } from 'mdast';
import { anchor, deletedBlock, groupLists, insertedBlock, type PlacedBlock } from './block-elements.ts';
import { changeLabel } from './change-ref.ts';
import { changesByRow, sectionChanges, type SectionChange } from './changes.ts';
import { resolveRedlineOptions, type RedlineOptions, type ResolvedRedlineOptions } from './labels.ts';
import { markedBlocks } from './row-marks.ts';
import { changeElement, markElement, renderBlock, type ChangeTag } from './to-hast.ts';
import type { Block, ParagraphRow, SectionComparison } from './types.ts';
import { diffWords } from './word-diff.ts';

export interface RedlineSectionOptions extends RedlineOptions {
  /** Number the changes ("3.4", with anchors `change-<section>-<n>`); `section` is the section's number in the new version. */
  changeNumbers?: { section?: number };
  /** Content placed after each changed paragraph, given its changes (e.g. "Comment on this change" links). */
  changeActions?: (changes: readonly SectionChange[]) => Element | undefined;
  /**
   * Changes only: keep this many unchanged paragraphs around each change and
   * replace the others with a link to the full redline at that point.
   */
  collapse?: { context: number; href: (anchor: string | undefined) => string };
}

/** The redline of a section's body. Paragraphs of the new text keep their anchor ids. */
export function redlineSection(section: SectionComparison, options: RedlineSectionOptions = {}): Root {
  const resolved = resolveRedlineOptions(options);
  const numbering = changeNumbering(section, options);
  const listOf = listMapping(section.rows);
  const placed: PlacedBlock[] = [];
  const place = (element: Element, block: Block) => {
    placed.push({ element, ...(block.list ? { list: { key: listOf(block.list.node), ordered: block.list.ordered } } : {}) });
  };
  const shown = options.collapse ? rowsNearChanges(section.rows, options.collapse.context) : undefined;
  let left: ParagraphRow[] = [];
  const flushLeft = () => {
    if (left.length && options.collapse) placed.push({ element: collapsedNote(left, options.collapse.href, resolved) });
    left = [];
  };
  section.rows.forEach((row, index) => {
    if (shown && !shown.has(index)) {
      left.push(row);
      return;
    }
    flushLeft();
    const { before, after } = row;
    const tags = numbering.tags(index);
    if (row.kind === 'unchanged') place(anchor(renderBlock(after!, after!.node, resolved), after), after!);
    else if (row.kind === 'inserted') place(numberBlock(insertedBlock(after!, resolved), tags?.[0], resolved), after!);
    else if (row.kind === 'deleted') place(numberBlock(deletedBlock(before!, resolved), tags?.[0], resolved), before!);
    else {
      const marked = markedBlocks(row, tags);
      if (marked) {
        const element = renderBlock(after!, marked.redline, resolved);
        element.properties.className = ['redline-changed'];
        place(anchor(element, after, before), after!);
      } else {
        place(numberBlock(deletedBlock(before!, resolved, true), tags?.[0], resolved), before!);
        place(insertedBlock(after!, resolved, true), after!);
      }
    }
    const actions = options.changeActions && numbering.changes(index).length ? options.changeActions(numbering.changes(index)) : undefined;
    if (actions) attachActions(placed, actions);
  });
  flushLeft();
  return { type: 'root', children: groupLists(placed) };
}

/** The numbers of a section's changes by row, when asked for. */
export function changeNumbering(section: SectionComparison, options: Pick<RedlineSectionOptions, 'changeNumbers' | 'changeActions'>) {
  const byRow = options.changeNumbers || options.changeActions ? changesByRow(sectionChanges(section)) : new Map<number, SectionChange[]>();
  return {
    changes: (row: number): readonly SectionChange[] => byRow.get(row) ?? [],
    tags: (row: number): ChangeTag[] | undefined =>
      options.changeNumbers ? (byRow.get(row) ?? []).map((c) => ({ id: c.id, label: changeLabel(options.changeNumbers!.section, c.n) })) : undefined,
  };
}

/** A whole inserted, deleted or replaced block opening with its change's number. */
export function numberBlock(element: Element, tag: ChangeTag | undefined, options: ResolvedRedlineOptions, withAnchor = true): Element {
  if (tag) element.children.unshift(changeElement(tag, withAnchor, [], options));
  return element;
}

/** Puts a changed paragraph's actions after it: inside a list item, else as the next block. */
function attachActions(placed: PlacedBlock[], actions: Element): void {
  const last = placed[placed.length - 1];
  if (last?.element.tagName === 'li') last.element.children.push(actions);
  else placed.push({ element: actions });
}

/** Rows that are changes, or within `context` rows of one. */
function rowsNearChanges(rows: readonly ParagraphRow[], context: number): Set<number> {
  const out = new Set<number>();
  rows.forEach((row, index) => {
    if (row.kind === 'unchanged') return;
    for (let k = Math.max(0, index - context); k <= Math.min(rows.length - 1, index + context); k++) out.add(k);
  });
  return out;
}

/** Where unchanged paragraphs were left out: how many, and a link to the first of them in the full redline. */
function collapsedNote(rows: readonly ParagraphRow[], href: (anchor: string | undefined) => string, options: ResolvedRedlineOptions): Element {
  const count = rows.filter((row) => row.after?.kind === 'paragraph').length;
  const text = count === 1 ? options.labels.collapsedOne : options.labels.collapsedOther.replace('{count}', String(count));
  const first = rows.find((row) => row.after?.anchor)?.after?.anchor;
  return h('p', { className: ['redline-collapsed'] }, [h('a', { href: href(first) }, text)]);
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
