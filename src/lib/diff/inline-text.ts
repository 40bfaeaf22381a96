/**
 * The inline content of a paragraph seen as one string, so jsdiff can diff
 * words, and cut back into mdast by string offsets, so the redline keeps the
 * emphasis, links and code around the words it marks.
 *
 * Every offset of the string carries a context: the chain of wrappers
 * (emphasis, link with its URL, ...) it sits in. Two equal words whose
 * contexts differ (a link whose target changed, a word made bold) are a
 * change too, even though the text diff cannot see it.
 */
import type { PhrasingContent } from 'mdast';

/** Stands for an inline object with no words of its own (an image, a footnote reference, an MDX expression). */
const OBJECT_CHARACTER = '\uFFFC';

/** A paragraph's inline content flattened: its text and, per UTF-16 offset, its context. */
export interface InlineText {
  text: string;
  contexts: string[];
}

/** Flattens phrasing content; `text.length === contexts.length`. */
export function flattenInline(nodes: readonly PhrasingContent[]): InlineText {
  const out: InlineText = { text: '', contexts: [] };
  const add = (value: string, context: string) => {
    out.text += value;
    for (let i = 0; i < value.length; i++) out.contexts.push(context);
  };
  const walk = (node: PhrasingContent, context: string) => {
    const leaf = leafText(node);
    if (leaf !== undefined) return add(leaf, context + leafContext(node));
    if ('children' in node) {
      const inner = context + wrapperContext(node);
      for (const child of node.children) walk(child, inner);
    }
  };
  for (const node of nodes) walk(node, '');
  return out;
}

/** Just the flattened text (no contexts): what similarity and word counts read. */
export function inlineText(nodes: readonly PhrasingContent[]): string {
  let text = '';
  const walk = (node: PhrasingContent) => {
    const leaf = leafText(node);
    if (leaf !== undefined) text += leaf;
    else if ('children' in node) for (const child of node.children) walk(child);
  };
  for (const node of nodes) walk(node);
  return text;
}

/**
 * The part of `nodes` covering offsets [start, end) of their flattened text,
 * with the wrappers it sits in. Objects (one offset each) are kept whole.
 */
export function sliceInline(nodes: readonly PhrasingContent[], start: number, end: number): PhrasingContent[] {
  let offset = 0;
  const cut = (list: readonly PhrasingContent[]): PhrasingContent[] => {
    const out: PhrasingContent[] = [];
    for (const node of list) {
      if (offset >= end) break;
      const leaf = leafText(node);
      if (leaf !== undefined) {
        const from = offset;
        offset += leaf.length;
        if (offset <= start) continue;
        if ('value' in node && (node.type === 'text' || node.type === 'inlineCode')) {
          out.push({ ...node, value: leaf.slice(Math.max(0, start - from), Math.min(leaf.length, end - from)) });
        } else if (from >= start) {
          out.push(node);
        }
      } else if ('children' in node) {
        const children = cut(node.children);
        if (children.length) out.push({ ...node, children });
      }
    }
    return out;
  };
  return cut(nodes);
}

function leafText(node: PhrasingContent): string | undefined {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    default:
      return 'children' in node ? undefined : OBJECT_CHARACTER;
  }
}

function leafContext(node: PhrasingContent): string {
  switch (node.type) {
    case 'text':
    case 'break':
      return '';
    case 'inlineCode':
      return '/code';
    default:
      return `/${JSON.stringify(node)}`;
  }
}

function wrapperContext(node: PhrasingContent): string {
  switch (node.type) {
    case 'emphasis':
    case 'strong':
    case 'delete':
      return `/${node.type}`;
    case 'link':
      return `/link(${JSON.stringify([node.url, node.title ?? null])})`;
    default: {
      // Anything else (an MDX inline component, an unresolved reference): everything but its children.
      const { children: _children, ...rest } = node as PhrasingContent & { children: unknown };
      return `/${JSON.stringify(rest)}`;
    }
  }
}
