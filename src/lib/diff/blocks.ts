/**
 * The blocks of a section body that the diff aligns: the citable paragraphs of
 * `strategy/paragraphs.ts` (so anchors are the ones readers cite) plus the
 * headings inside the body, which are not citable but whose changes readers
 * must see.
 */
import type { Heading, List, ListItem, Nodes } from 'mdast';
import { citableParagraphs, parseSectionBody, type Paragraph } from '../strategy/paragraphs.ts';
import { inlineText } from './inline-text.ts';
import { blockKey, collectDefinitions, normaliseNode } from './normalise.ts';
import type { Block, ListContext } from './types.ts';

/**
 * Parsed blocks by section id and exact text. One build compares the same
 * unchanged section text across many pairs of versions; parsing is most of a
 * diff's cost, so each distinct text is parsed once. Blocks are never
 * mutated after they are made, which is what makes sharing them safe.
 */
const cache = new Map<string, readonly Block[]>();
const CACHE_LIMIT = 10_000;

/** Forgets every parsed section (benchmarks use it to time cold diffs). */
export function clearBlockCache(): void {
  cache.clear();
}

/** Parses a section body and lists its blocks in document order. */
export function sectionBlocks(sectionId: string, body: string): Block[] {
  const key = `${sectionId}\u0000${body}`;
  const cached = cache.get(key);
  if (cached) return cached as Block[];
  const blocks = parseBlocks(sectionId, body);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, blocks);
  return blocks;
}

function parseBlocks(sectionId: string, body: string): Block[] {
  const root = parseSectionBody(body);
  const definitions = collectDefinitions(root);
  const byNode = new Map<Paragraph['node'], Paragraph>(citableParagraphs(sectionId, root).map((p) => [p.node, p]));
  const out: Block[] = [];
  for (const node of root.children) {
    if (node.type === 'heading') {
      out.push(headingBlock(normaliseNode(node, definitions)));
    } else if (node.type === 'list') {
      const list = normaliseNode(node, definitions);
      const loose = isLoose(node);
      node.children.forEach((item, index) => {
        const paragraph = byNode.get(item);
        const context: ListContext = { node: list, ordered: Boolean(list.ordered), number: (list.start ?? 1) + index, loose };
        if (paragraph) out.push(paragraphBlock(paragraph, list.children[index] as ListItem, context));
      });
    } else {
      const paragraph = byNode.get(node as Paragraph['node']);
      if (paragraph) out.push(paragraphBlock(paragraph, normaliseNode(node, definitions) as Paragraph['node']));
    }
  }
  return out;
}

function paragraphBlock(paragraph: Paragraph, node: Paragraph['node'], list?: ListContext): Block {
  return {
    kind: 'paragraph',
    n: paragraph.n,
    anchor: paragraph.anchor,
    node,
    ...(list ? { list } : {}),
    key: blockKey(node, list?.ordered),
    text: blockText(node),
    ...hostOf(node),
  };
}

function headingBlock(node: Heading): Block {
  return { kind: 'heading', node, key: blockKey(node), text: blockText(node), host: node };
}

/**
 * The paragraph whose words can be marked in place: the block itself, or the
 * only paragraph of a list item or quote. Anything with more structure is
 * shown deleted and inserted as a whole when it changes.
 */
function hostOf(node: Block['node']): Pick<Block, 'host'> {
  if (node.type === 'paragraph' || node.type === 'heading') return { host: node };
  if ((node.type === 'listItem' || node.type === 'blockquote') && node.children.length === 1 && node.children[0]?.type === 'paragraph') {
    return { host: node.children[0] };
  }
  return {};
}

/** mdast-util-to-hast's rule: a list is loose if it or any item is spread or an item holds several blocks. */
function isLoose(list: List): boolean {
  return Boolean(list.spread) || list.children.some((item) => Boolean(item.spread) || item.children.length > 1);
}

/**
 * Plain text with a space between blocks and table cells (the strategy's
 * `plainText` joins cells without one, which would glue words together).
 */
function blockText(node: Nodes): string {
  const parts: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') {
      parts.push(inlineText(n.children));
    } else if ('children' in n) {
      for (const child of n.children) walk(child);
    } else if ('value' in n && typeof n.value === 'string' && n.type !== 'mdxFlowExpression' && n.type !== 'mdxjsEsm') {
      parts.push(n.value);
    }
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
