/**
 * Normalising mdast so that two blocks compare equal exactly when a reader
 * would see no difference: positions and parser data go, whitespace in text is
 * folded (a re-wrapped line is the same text), `*a*` and `_a_` are already the
 * same node, `spread` (blank lines between list items) goes, and link
 * references are resolved to the URL they point at (a changed definition
 * changes every paragraph that uses it), and footnote references are replaced
 * by their note's text (see `FootnoteNote`).
 */
import type { Definition, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** What references in a section point at, by normalised identifier. */
export interface Definitions {
  /** Link and image definitions (`[id]: url "title"`). */
  links: ReadonlyMap<string, Pick<Definition, 'url' | 'title'>>;
  /** Footnote texts (`[^id]: text`), whitespace folded. */
  notes: ReadonlyMap<string, string>;
}

export function collectDefinitions(root: Root): Definitions {
  const links = new Map<string, Pick<Definition, 'url' | 'title'>>();
  const notes = new Map<string, string>();
  const visit = (node: Nodes) => {
    if (node.type === 'definition' && !links.has(node.identifier)) links.set(node.identifier, { url: node.url, title: node.title });
    if (node.type === 'footnoteDefinition' && !notes.has(node.identifier)) notes.set(node.identifier, toString(node).replace(/\s+/g, ' ').trim());
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return { links, notes };
}

/** A deep copy of `node` without positions, parser data or `spread`, whitespace folded, references resolved. */
export function normaliseNode<T extends Nodes>(node: T, definitions: Definitions): T {
  return copy(node, definitions) as T;
}

function copy(node: Nodes, definitions: Definitions): Nodes {
  if (node.type === 'footnoteReference') return footnoteNote(definitions.notes.get(node.identifier) ?? '');
  const resolved = resolveReference(node, definitions);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resolved)) {
    if (key === 'position' || key === 'data' || key === 'spread') continue;
    if (key === 'children') out.children = (value as Nodes[]).map((child) => copy(child, definitions));
    else if (key === 'attributes') out.attributes = (value as object[]).map(copyAttribute);
    else out[key] = value;
  }
  // Code blocks keep their whitespace (it is the content); inline text does not.
  if ((node.type === 'text' || node.type === 'inlineCode') && typeof out.value === 'string') out.value = out.value.replace(/\s+/g, ' ');
  return out as unknown as Nodes;
}

/**
 * A footnote reference becomes its note, inline and in brackets. Notes are not
 * paragraphs of their own and a comparison page has no footnote list to link
 * to, so a changed note is a change of the paragraph citing it, marked word by
 * word inside the brackets. The brackets are text so that the note's first
 * word never runs into the word before it.
 */
export interface FootnoteNote {
  type: 'footnoteNote';
  children: Array<{ type: 'text'; value: string }>;
}

function footnoteNote(note: string): Nodes {
  const text = (value: string) => ({ type: 'text' as const, value });
  const node: FootnoteNote = { type: 'footnoteNote', children: [text(' ['), text(note), text(']')] };
  return node as unknown as Nodes;
}

/** MDX attribute values may carry an estree in `data`; only their source text matters. */
function copyAttribute(attribute: object): object {
  const { data: _data, position: _position, ...rest } = attribute as Record<string, unknown>;
  if (rest.value && typeof rest.value === 'object') {
    const { data: _d, position: _p, ...value } = rest.value as Record<string, unknown>;
    rest.value = value;
  }
  return rest;
}

function resolveReference(node: Nodes, definitions: Definitions): Nodes {
  if (node.type !== 'linkReference' && node.type !== 'imageReference') return node;
  const definition = definitions.links.get(node.identifier);
  if (!definition) return node;
  if (node.type === 'linkReference') return { type: 'link', url: definition.url, title: definition.title ?? null, children: node.children };
  return { type: 'image', url: definition.url, title: definition.title ?? null, alt: node.alt ?? null };
}

/**
 * The comparison key of a normalised node. Whether a list is numbered is
 * content, and for a list item it lives on the parent, hence `ordered`.
 */
export function blockKey(node: Nodes, ordered?: boolean): string {
  const json = JSON.stringify(node);
  return ordered === undefined ? json : `${ordered ? 'ol' : 'ul'}:${json}`;
}
