/**
 * Helpers shared by the three views: anchors on block elements, whole-block
 * marks, and putting consecutive list items back into their lists.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { List } from 'mdast';
import type { ResolvedRedlineOptions } from './labels.ts';
import { markElement, renderBlock } from './to-hast.ts';
import type { Block } from './types.ts';

/** A rendered block and, for a list item, the list it belongs in. */
export interface PlacedBlock {
  element: Element;
  list?: { key: List; ordered: boolean };
}

/** Elements whose content can be wrapped in `<ins>`/`<del>` in place. */
const MARKABLE_IN_PLACE = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);

/**
 * Marks a whole block inserted or deleted: the element gets class
 * `redline-ins`/`redline-del` and its content goes inside one `<ins>`/`<del>`
 * opening with the hidden label. Tables, code and components are wrapped in a
 * `<div>` carrying the class, since their content cannot hold an `<ins>`.
 */
function markWhole(element: Element, kind: 'ins' | 'del', label: string, options: ResolvedRedlineOptions, extraClass?: string): Element {
  const className = [`redline-${kind}`, ...(extraClass ? [extraClass] : [])];
  if (MARKABLE_IN_PLACE.has(element.tagName)) {
    element.properties.className = [...classes(element), ...className];
    element.children = [markElement(kind, label, element.children, options)];
    return element;
  }
  return h('div', { className }, [markElement(kind, label, [element], options)]);
}

/** A whole inserted block; `replaced` when it is the new form of a block replaced as a whole. */
export function insertedBlock(block: Block, options: ResolvedRedlineOptions, replaced = false): Element {
  const label = replaced ? options.labels.replacedAfter : wholeLabel(block, 'ins', options);
  const element = markWhole(renderBlock(block, block.node, options), 'ins', label, options, replaced ? 'redline-replaced' : undefined);
  return anchor(element, block);
}

/** A whole deleted block, carrying its old anchor; `replaced` as for `insertedBlock`. */
export function deletedBlock(block: Block, options: ResolvedRedlineOptions, replaced = false): Element {
  const label = replaced ? options.labels.replacedBefore : wholeLabel(block, 'del', options);
  const element = markWhole(renderBlock(block, block.node, options), 'del', label, options, replaced ? 'redline-replaced' : undefined);
  return anchor(element, undefined, block);
}

/** Sets the new version's anchor (`id`) and/or the old one (`data-old-anchor`) on an element. */
export function anchor(element: Element, after?: Block, before?: Block): Element {
  if (after?.anchor) element.properties.id = after.anchor;
  if (before?.anchor) element.properties.dataOldAnchor = before.anchor;
  return element;
}

/** The label for a whole inserted or deleted block. */
function wholeLabel(block: Block, kind: 'ins' | 'del', options: ResolvedRedlineOptions): string {
  const { labels } = options;
  if (block.kind === 'heading') return kind === 'ins' ? labels.headingInserted : labels.headingDeleted;
  return kind === 'ins' ? labels.paragraphInserted : labels.paragraphDeleted;
}

/** Puts runs of list items that belong to the same list into one `<ul>`/`<ol>`. */
export function groupLists(blocks: readonly PlacedBlock[]): ElementContent[] {
  const out: ElementContent[] = [];
  let open: { key: List; element: Element } | undefined;
  for (const { element, list } of blocks) {
    if (!list) {
      open = undefined;
      out.push(element);
    } else if (open && open.key === list.key) {
      open.element.children.push(element);
    } else {
      open = { key: list.key, element: h(list.ordered ? 'ol' : 'ul', [element]) };
      out.push(open.element);
    }
  }
  return out;
}

/** A list item standing alone (a side-by-side cell) inside a one-item list, so the HTML stays valid. */
export function standalone(element: Element, block: Block): Element {
  if (element.tagName !== 'li' || !block.list) return element;
  return block.list.ordered ? h('ol', { start: block.list.number }, [element]) : h('ul', [element]);
}

function classes(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : value ? String(value).split(' ') : [];
}
