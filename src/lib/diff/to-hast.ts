/**
 * mdast blocks to hast elements with mdast-util-to-hast, plus the two marks
 * the redline adds (`<ins>`/`<del>` with their hidden label). Registered
 * section components and headings render as on the reading page.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Heading, PhrasingContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { toHast, type Handlers, type State } from 'mdast-util-to-hast';
import { SECTION_COMPONENTS, stringAttributes } from '../strategy/components.ts';
import type { ResolvedRedlineOptions } from './labels.ts';
import type { FootnoteNote } from './normalise.ts';
import type { Block } from './types.ts';

/** An mdast node standing for inserted or deleted words; only this module renders it. */
interface MarkNode {
  type: 'redlineIns' | 'redlineDel';
  children: PhrasingContent[];
}

/** Wraps phrasing content in a mark node, to be rendered as `<ins>`/`<del>` with its label. */
export function markNode(kind: 'ins' | 'del', children: PhrasingContent[]): PhrasingContent {
  const node: MarkNode = { type: kind === 'ins' ? 'redlineIns' : 'redlineDel', children };
  return node as unknown as PhrasingContent;
}

/** What a numbered change shows: its anchor id and its visible number ("3.4"). */
export interface ChangeTag {
  id: string;
  label: string;
}

/** An mdast node standing for one numbered change: its marks, preceded by its number. */
interface ChangeNode {
  type: 'redlineChange';
  tag: ChangeTag;
  /** Whether this copy carries the anchor id (side by side shows a change twice, the id once). */
  anchor: boolean;
  children: PhrasingContent[];
}

/** Wraps the marks of one change, so they render after its number. */
export function changeNode(tag: ChangeTag, children: PhrasingContent[], anchor: boolean): PhrasingContent {
  const node: ChangeNode = { type: 'redlineChange', tag, anchor, children };
  return node as unknown as PhrasingContent;
}

/**
 * `<span class="redline-change" id="change-…">` opening with the change's
 * number, a link to itself (so a reader can copy where "change 3.4" is), heard
 * as "Change 3.4".
 */
export function changeElement(tag: ChangeTag, anchor: boolean, children: ElementContent[], options: ResolvedRedlineOptions): Element {
  const ref = h('a', { className: ['change-ref'], href: `#${tag.id}` }, [hiddenText(options.labels.change, options), tag.label]);
  return h('span', { className: ['redline-change'], ...(anchor ? { id: tag.id } : {}) }, [ref, ...children]);
}

/** `<ins>`/`<del>` whose first child is the visually hidden label. */
export function markElement(kind: 'ins' | 'del', label: string, children: ElementContent[], options: ResolvedRedlineOptions): Element {
  return h(kind, [hiddenText(label, options), ...children]);
}

function hiddenText(label: string, options: ResolvedRedlineOptions): Element {
  return h('span', { className: [options.hiddenClass] }, label);
}

/**
 * Renders one block. A list item is rendered inside a one-item list of its
 * kind (tight or loose), so its paragraphs come out as the full list would
 * render them; the `<li>` is returned, with its number in a numbered list.
 */
export function renderBlock(block: Block, node: Block['node'], options: ResolvedRedlineOptions): Element {
  const handlers = redlineHandlers(options);
  if (node.type === 'listItem' && block.list) {
    const { ordered, number, loose } = block.list;
    const list = toHast({ type: 'list', ordered, start: number, spread: loose, children: [node] }, { handlers }) as Element;
    const item = list.children.find((child): child is Element => child.type === 'element');
    if (!item) throw new Error('a list item rendered to nothing');
    if (ordered) item.properties.value = String(number);
    return item;
  }
  const out = toHast(node, { handlers });
  if (out.type === 'element') return out;
  // Blocks that render to several nodes (or none) are kept together in a div.
  return h('div', out.type === 'root' ? (out.children) : out.type === 'text' ? [out] : []);
}

function redlineHandlers(options: ResolvedRedlineOptions): Handlers {
  const mark = (kind: 'ins' | 'del') => (state: State, node: MarkNode) =>
    markElement(kind, kind === 'ins' ? options.labels.inserted : options.labels.deleted, state.all(node as never), options);
  // Registered section components render as on the reading page; anything else as a plain container.
  const component = (tagName: 'div' | 'span') => (state: State, node: MdxJsxFlowElement) => {
    const registered = node.name ? SECTION_COMPONENTS[node.name] : undefined;
    const attributes = registered ? stringAttributes(node) : undefined;
    if (registered && typeof attributes === 'object') return registered.render(attributes, state.all(node));
    return h(tagName, { dataComponent: node.name ?? 'fragment' }, state.all(node));
  };
  const heading = (state: State, node: Heading) =>
    h(`h${Math.min(6, node.depth + options.headingShift)}`, state.all(node));
  const change = (state: State, node: ChangeNode) => changeElement(node.tag, node.anchor, state.all(node as never), options);
  const nothing = () => undefined;
  // A footnote's note, inline (src/lib/diff/normalise.ts); set smaller, like a note.
  const footnoteNote = (state: State, node: FootnoteNote) => h('span', { className: ['redline-note'] }, state.all(node as never));
  return {
    redlineIns: mark('ins'),
    redlineDel: mark('del'),
    redlineChange: change,
    footnoteNote,
    heading,
    mdxJsxFlowElement: component('div'),
    mdxJsxTextElement: component('span'),
    mdxFlowExpression: nothing,
    mdxTextExpression: nothing,
    mdxjsEsm: nothing,
  } as Handlers;
}
