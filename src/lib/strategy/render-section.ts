/**
 * Renders a section body to HTML with stable paragraph anchors. The reading
 * page, the print view and the redline all use this one pipeline, so the
 * paragraph a commenter cites is the paragraph everyone else sees.
 */
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { toHast, type Handler, type State } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import { SECTION_COMPONENTS, stringAttributes } from './components.ts';
import { ContentError } from './content-error.ts';
import { citableParagraphs, parseSectionBody, type Paragraph } from './paragraphs.ts';
import type { Section } from './schema.ts';

export interface RenderOptions {
  /** Shown to screen readers before the paragraph number in each paragraph link. */
  paragraphLabel?: string;
  /** Extra controls appended to each paragraph (e.g. "Comment on this paragraph"). */
  paragraphExtras?: (paragraph: Paragraph) => ElementContent[];
  /** Heading level of the section title; body headings are demoted below it. */
  titleLevel?: number;
}

export interface RenderedSection {
  html: string;
  hast: HastRoot;
  paragraphs: Paragraph[];
}

const PARA_MARK = 'dataConsultaPara';

/** Parses and checks a body: only registered components, no imports or expressions. */
export function parseCheckedBody(body: string, file: string): Root {
  let root: Root;
  try {
    root = parseSectionBody(body);
  } catch (error) {
    const e = error as { message: string; line?: number };
    throw new ContentError(file, [`is not valid MDX${e.line ? ` at line ${e.line}` : ''}: ${e.message}`]);
  }
  const problems: string[] = [];
  visit(root, (node) => {
    const line = node.position?.start.line;
    const at = line ? ` (line ${line})` : '';
    if (node.type === 'mdxjsEsm') problems.push(`uses an import/export${at}; section bodies use registered components without imports`);
    if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') problems.push(`uses a {…} expression${at}; section bodies are plain Markdown`);
    if (node.type === 'mdxJsxTextElement') problems.push(`uses an inline component <${node.name ?? ''}>${at}; components must stand on their own lines`);
    if (node.type === 'mdxJsxFlowElement') {
      const component = node.name ? SECTION_COMPONENTS[node.name] : undefined;
      if (!component) {
        problems.push(`uses an unknown component <${node.name ?? ''}>${at}; known: ${Object.keys(SECTION_COMPONENTS).join(', ')}`);
        return;
      }
      const attributes = stringAttributes(node);
      if (typeof attributes === 'string') problems.push(`<${node.name}>${at} ${attributes}`);
      else for (const name of Object.keys(attributes)) if (!component.attributes.includes(name)) problems.push(`<${node.name}>${at} has an unknown attribute "${name}"`);
    }
  });
  if (problems.length) throw new ContentError(file, problems);
  return root;
}

/** The citable paragraphs of a section, its body checked as the build checks it (errors name its file). */
export function sectionParagraphs(section: Pick<Section, 'id' | 'body' | 'file'>): Paragraph[] {
  return citableParagraphs(section.id, parseCheckedBody(section.body, section.file));
}

/** Renders one section body to hast and HTML. `file` is named in errors. */
export function renderSection(sectionId: string, body: string, file: string, options: RenderOptions = {}): RenderedSection {
  const root = parseCheckedBody(body, file);
  const paragraphs = citableParagraphs(sectionId, root);
  for (const paragraph of paragraphs) {
    paragraph.node.data = { ...paragraph.node.data, hProperties: { ...(paragraph.node.data as { hProperties?: object } | undefined)?.hProperties, [PARA_MARK]: paragraph.n } };
  }
  const hast = mdastToHast(root, sectionId, options.titleLevel ?? 2);
  decorateParagraphs(hast, sectionId, paragraphs, options);
  return { html: toHtml(hast), hast, paragraphs };
}

/** mdast to hast with the section's components and demoted, prefixed headings. */
export function mdastToHast(root: Root | RootContent, sectionId: string, titleLevel: number): HastRoot {
  const slugger = new GithubSlugger();
  const handlers: Record<string, Handler> = {
    mdxJsxFlowElement(state: State, node: MdxJsxFlowElement): ElementContent {
      const component = SECTION_COMPONENTS[node.name ?? '']!;
      const attributes = stringAttributes(node) as Record<string, string>;
      const element = component.render(attributes, state.all(node));
      return state.applyData(node, element as Element);
    },
    heading(state: State, node): Element {
      const depth = Math.min(6, node.depth + titleLevel - 1);
      return {
        type: 'element',
        tagName: `h${depth}`,
        properties: { id: `${sectionId}-${slugger.slug(textOf(node))}` },
        children: state.all(node),
      };
    },
  };
  const tree = toHast(root, { handlers }) as HastRoot;
  visit(tree, 'element', (element: Element) => {
    const href = element.tagName === 'a' ? String(element.properties.href ?? '') : '';
    if (/^https?:\/\//.test(href)) element.properties.rel = ['noopener', 'noreferrer'];
  });
  return tree;
}

/**
 * Gives each marked block its anchor id and a visible "link to this
 * paragraph" number that works without JavaScript. Blocks that cannot hold a
 * link as a child (tables, code) are wrapped in a div that carries the anchor.
 */
function decorateParagraphs(tree: HastRoot, sectionId: string, paragraphs: Paragraph[], options: RenderOptions): void {
  const byN = new Map(paragraphs.map((p) => [p.n, p]));
  const label = options.paragraphLabel ?? 'Paragraph';
  visit(tree, 'element', (element: Element, index, parent) => {
    const n = element.properties[PARA_MARK];
    if (typeof n !== 'number' || !parent || index === undefined) return;
    delete element.properties[PARA_MARK];
    const paragraph = byN.get(n)!;
    const ref: Element = {
      type: 'element',
      tagName: 'a',
      // Ignored by the search index: "Paragraph 3" in every snippet is noise.
      properties: { className: ['para-ref'], href: `#${paragraph.anchor}`, dataPagefindIgnore: '' },
      children: [
        { type: 'element', tagName: 'span', properties: { className: ['visually-hidden'] }, children: [{ type: 'text', value: `${label} ` }] },
        { type: 'text', value: String(n) },
      ],
    };
    const extras = options.paragraphExtras?.(paragraph) ?? [];
    const holdsChildren = ['p', 'li', 'blockquote', 'aside'].includes(element.tagName);
    if (holdsChildren) {
      element.properties.id = paragraph.anchor;
      element.properties.className = [...classList(element), 'para'];
      element.children = [ref, { type: 'text', value: ' ' }, ...element.children, ...extras];
    } else {
      const wrapper: Element = {
        type: 'element',
        tagName: 'div',
        properties: { id: paragraph.anchor, className: ['para', `para-${element.tagName}`] },
        children: [ref, element, ...extras],
      };
      parent.children[index] = wrapper;
      return 'skip';
    }
    return undefined;
  });
  void sectionId;
}

function classList(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function textOf(node: { children?: unknown[]; value?: unknown }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((child) => textOf(child as { children?: unknown[]; value?: unknown })).join('');
}
