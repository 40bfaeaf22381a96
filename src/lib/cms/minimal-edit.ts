/**
 * Keeps an edit to a section body as small as the editor's change. Decap's
 * rich-text editor re-serialises the whole body on every change (`*` bullets,
 * `*` emphasis, padded tables, no final newline), so one changed word would
 * rewrite every list in the file and bury the real change in the pull request.
 * Before Decap saves (its `preSave` event), `keepUntouchedBlocks` puts back
 * the original bytes of every block that means the same as before, and writes
 * the changed blocks in the house style the content is written in.
 */
import type { List, ListItem, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { mdxToMarkdown } from 'mdast-util-mdx';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { toMarkdown, type Handle, type Options } from 'mdast-util-to-markdown';
import { parseSectionBody } from '../strategy/paragraphs.ts';

/** A component block, unindented: `<Callout title="…">`, its Markdown, `</Callout>`, each on its own lines. */
const componentBlock: Handle = (node: MdxJsxFlowElement, _parent, state, info) => {
  const attributes = node.attributes
    .map((attribute) => (attribute.type === 'mdxJsxAttribute' && typeof attribute.value === 'string' ? ` ${attribute.name}="${attribute.value}"` : ''))
    .join('');
  const inner = state.containerFlow(node, info);
  return `<${node.name ?? ''}${attributes}>\n${inner}\n</${node.name ?? ''}>`;
};

/** The Markdown style of content/: `-` bullets, `_emphasis_`, `**strong**`, unpadded tables. */
const HOUSE_STYLE: Options = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  listItemIndent: 'one',
  rule: '-',
  fences: true,
  extensions: [gfmToMarkdown({ tablePipeAlign: false }), mdxToMarkdown(), { handlers: { mdxJsxFlowElement: componentBlock } }],
};

/** A node written in the house style, without the final newline. */
export function houseMarkdown(nodes: RootContent | RootContent[]): string {
  const children = Array.isArray(nodes) ? nodes : [nodes];
  const text = toMarkdown({ type: 'root', children }, HOUSE_STYLE).replace(/\n+$/, '');
  // `| - |` is valid but reads badly; the content writes `| --- |`.
  return text.replace(/^\|(?: *:?-+:? *\|)+$/gm, (row) => row.replace(/(:?)-+(:?)/g, '$1---$2'));
}

interface Block {
  node: RootContent;
  /** The block's own text in its file. */
  source: string;
  start: number;
  end: number;
  /** What the block means: its house-style text. Equal keys, same block. */
  key: string;
}

function blocksOf(markdown: string): Block[] {
  return parseSectionBody(markdown).children.map((node) => {
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    return { node, source: markdown.slice(start, end), start, end, key: houseMarkdown(node) };
  });
}

/**
 * The edited body, with every block that did not change in meaning restored
 * to its original text (and the separators between such blocks). Changed
 * lists and tables keep the original text of their unchanged items and rows.
 * When either body does not parse, the edited body is returned as it is: the
 * build's content check reports the problem with the file and line.
 */
export function keepUntouchedBlocks(original: string, edited: string): string {
  if (original === edited) return original;
  let before: Block[];
  let after: Block[];
  try {
    before = blocksOf(original);
    after = blocksOf(edited);
  } catch {
    return edited;
  }
  const match = longestCommonSubsequence(before.map((b) => b.key), after.map((b) => b.key));
  const used = new Set(match.filter((i) => i >= 0));
  let out = '';
  let previous = -2;
  for (let j = 0; j < after.length; j++) {
    const i = match[j]!;
    const block = after[j]!;
    const text = i >= 0 ? before[i]!.source : restyle(block, counterpart(before, match, j, used));
    if (j > 0) out += i >= 0 && i === previous + 1 ? original.slice(before[previous]!.end, before[i]!.start) : '\n\n';
    out += text;
    previous = i >= 0 ? i : -2;
  }
  return out + (original.endsWith('\n') && out ? '\n' : '');
}

/** The unmatched original block of the same kind in the same place, if any: the block this one was edited from. */
function counterpart(before: Block[], match: number[], j: number, used: Set<number>): Block | undefined {
  let low = -1;
  for (let k = j - 1; k >= 0; k--) if (match[k]! >= 0) { low = match[k]!; break; }
  let high = before.length;
  for (let k = j + 1; k < match.length; k++) if (match[k]! >= 0) { high = match[k]!; break; }
  for (let i = low + 1; i < high; i++) {
    const type = before[i]!.node.type;
    if (!used.has(i) && (type === 'list' || type === 'table')) return before[i];
  }
  return undefined;
}

function restyle(block: Block, from: Block | undefined): string {
  const house = houseMarkdown(block.node);
  if (from?.node.type === 'list' && block.node.type === 'list' && (from.node).ordered === (block.node).ordered) {
    return keepUntouchedItems(house, from);
  }
  if (from?.node.type === 'table' && block.node.type === 'table') return keepUntouchedRows(house, from);
  return house;
}

/** Items of a changed list: unchanged ones keep their original text. */
function keepUntouchedItems(house: string, from: Block): string {
  const reparsed = parseSectionBody(house).children[0] as List | undefined;
  if (!reparsed || reparsed.type !== 'list') return house;
  const originals = new Map<string, string>();
  for (const item of (from.node as List).children) originals.set(itemKey(item), sliceOf(item, from));
  let out = '';
  let cursor = 0;
  for (const item of reparsed.children) {
    const start = item.position!.start.offset!;
    const end = item.position!.end.offset!;
    const original = originals.get(itemKey(item));
    out += house.slice(cursor, start) + (original !== undefined && sameMarker(original, house.slice(start, end)) ? original : house.slice(start, end));
    cursor = end;
  }
  return out + house.slice(cursor);
}

function itemKey(item: ListItem): string {
  return `${item.checked ?? ''}|${houseMarkdown(item.children)}`;
}

function sliceOf(node: ListItem, block: Block): string {
  return block.source.slice(node.position!.start.offset! - block.start, node.position!.end.offset! - block.start);
}

/** Bullets may differ in character (`*`/`-`); numbers must be the same, so a renumbered list stays renumbered. */
function sameMarker(a: string, b: string): boolean {
  const marker = (s: string) => /^(\d+[.)]|[-*+])/.exec(s)?.[1]?.replace(/^[-*+]$/, '-');
  return marker(a) === marker(b);
}

/** Rows of a changed table: unchanged ones (and an unchanged alignment row) keep their original text. */
function keepUntouchedRows(house: string, from: Block): string {
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/^(:?)-+(:?)$/, '$1-$2'))
      .join('|');
  const originals = new Map(from.source.split('\n').map((line) => [cells(line), line] as const));
  return house
    .split('\n')
    .map((line) => originals.get(cells(line)) ?? line)
    .join('\n');
}

/** For each item of `b`, the index of its partner in `a` in a longest common subsequence, or -1. */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const match = new Array<number>(b.length).fill(-1);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      match[j] = i;
      i++;
      j++;
    } else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return match;
}
