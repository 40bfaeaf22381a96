/**
 * A section and its translation paragraph by paragraph, for the side-by-side
 * reading view. A translation keeps the English paragraphs one for one
 * (translations.ts checks it), so paragraph n of one is paragraph n of the
 * other: each pair is one row, under the paragraph's usual anchor.
 */
import type { Element, ElementContent } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { RenderedSection } from './render-section.ts';

interface ParagraphPair {
  n: number;
  /** `governance-p3`: the row's id, as the reading page's paragraph has it. */
  anchor: string;
  /** The paragraph as rendered, without its id and number (the row carries both). */
  english: Element;
  translated: Element;
}

/** The citable paragraphs of a section rendered in English and in translation, paired by number. */
export function paragraphPairs(english: RenderedSection, translated: RenderedSection): ParagraphPair[] {
  const left = paragraphElements(english);
  const right = paragraphElements(translated);
  return english.paragraphs.flatMap((p) => {
    const a = left.get(p.anchor);
    const b = right.get(p.anchor);
    return a && b ? [{ n: p.n, anchor: p.anchor, english: a, translated: b }] : [];
  });
}

/**
 * Each citable paragraph of a rendered section by anchor, standing alone: a
 * list item is put back in a list of its kind (an ordered one keeps its
 * number), so the cell holds valid HTML.
 */
function paragraphElements(section: RenderedSection): Map<string, Element> {
  const anchors = new Set(section.paragraphs.map((p) => p.anchor));
  const out = new Map<string, Element>();
  visit(section.hast, 'element', (element: Element, _index, parent) => {
    const id = element.properties.id;
    if (typeof id !== 'string' || !anchors.has(id)) return undefined;
    const copy: Element = { ...element, properties: { ...element.properties, id: undefined }, children: withoutNumber(element.children) };
    if (element.tagName === 'li' && parent && parent.type === 'element') {
      const items = parent.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li');
      const start = Number(parent.properties.start ?? 1) + items.indexOf(element);
      out.set(id, { type: 'element', tagName: parent.tagName, properties: parent.tagName === 'ol' ? { start } : {}, children: [copy] });
    } else {
      out.set(id, copy);
    }
    return SKIP;
  });
  return out;
}

/** The paragraph's children without its "¶ n" link: the row shows the number once. */
function withoutNumber(children: ElementContent[]): ElementContent[] {
  const isNumber = (c: ElementContent) => c.type === 'element' && Array.isArray(c.properties.className) && c.properties.className.includes('para-ref');
  const index = children.findIndex(isNumber);
  if (index < 0) return children;
  // The number is followed by one space, put there with it.
  const next = children[index + 1];
  const skip = next && next.type === 'text' && next.value === ' ' ? 2 : 1;
  return [...children.slice(0, index), ...children.slice(index + skip)];
}
