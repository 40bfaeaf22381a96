/**
 * Citable paragraphs. A comment, a redline and a report all cite "section s,
 * paragraph p": these functions are the one definition of what a paragraph is
 * and how it is numbered, so the reading page, the diff and the comment
 * validator can never disagree.
 */
import type { BlockContent, DefinitionContent, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import remarkGfmSubset from './gfm-subset.ts';

/** One citable unit of a section: a paragraph, a list item, a table, a quote or a component block. */
export interface Paragraph {
  /** 1-based position within the section, in document order. */
  n: number;
  /** Anchor id on the page: `<section-id>-p<n>`. */
  anchor: string;
  /** The mdast node (a list item for list entries). */
  node: BlockContent | DefinitionContent | ListItem;
  /** Plain text, whitespace folded: what a quote is checked against and what the word diff compares. */
  text: string;
}

const parser = unified().use(remarkParse).use(remarkGfmSubset).use(remarkMdx);
const parserWithoutGfm = unified().use(remarkParse).use(remarkMdx);

/**
 * Characters without which no table (`|`), strikethrough (`~`) or footnote
 * (`[^`) can start: a body with none of them parses the same without the GFM
 * extensions, about twice as fast (most sections have no table).
 */
const GFM_TRIGGER = /[|~]|\[\^/;

/** Parses a section body (Markdown with MDX components, no frontmatter) into mdast. */
export function parseSectionBody(body: string): Root {
  return (GFM_TRIGGER.test(body) ? parser : parserWithoutGfm).parse(body);
}

/** The anchor id of paragraph `n` of a section. */
export function paragraphAnchor(sectionId: string, n: number): string {
  return `${sectionId}-p${n}`;
}

/** Parses `p3` (or `3`) into 3; anything else into null. */
export function parseParagraphRef(ref: string): number | null {
  const match = /^p?([1-9][0-9]{0,3})$/i.exec(ref.trim());
  return match ? Number(match[1]) : null;
}

/** `p3` for paragraph 3: how comments and reports store a paragraph. */
export function paragraphRef(n: number): string {
  return `p${n}`;
}

/**
 * Walks the top-level blocks of a section and numbers the citable ones.
 * Headings and thematic breaks are structure, not text anyone comments on;
 * each item of a top-level list is its own paragraph because strategies put
 * their commitments in lists and people comment on one commitment at a time.
 */
export function citableParagraphs(sectionId: string, root: Root): Paragraph[] {
  const out: Paragraph[] = [];
  const push = (node: Paragraph['node']) => {
    const n = out.length + 1;
    out.push({ n, anchor: paragraphAnchor(sectionId, n), node, text: plainText(node) });
  };
  for (const node of root.children) {
    if (isCitable(node)) {
      if (node.type === 'list') node.children.forEach(push);
      else push(node as Paragraph['node']);
    }
  }
  return out;
}

/** Whether a top-level node is cited (and so numbered); lists contribute one paragraph per item. */
function isCitable(node: RootContent): boolean {
  switch (node.type) {
    case 'paragraph':
    case 'list':
    case 'blockquote':
    case 'table':
    case 'code':
    case 'mdxJsxFlowElement':
      return true;
    default:
      return false;
  }
}

/** Plain text of a node with whitespace folded, so re-wrapping a line is not a change. */
function plainText(node: Parameters<typeof toString>[0]): string {
  return toString(node, { includeImageAlt: true }).replace(/\s+/g, ' ').trim();
}
