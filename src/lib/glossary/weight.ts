/**
 * What the glossary markup adds to a reading page, compressed as a server
 * sends it: the sections rendered as the page renders them, once without
 * and once with the marks, both gzipped whole. The goal is under 5 KB.
 */
import { gzipSync } from 'node:zlib';
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import type { Language } from '../i18n/translate.ts';
import { renderSection } from '../strategy/render-section.ts';
import { glossaryMarker } from './mark.ts';
import type { GlossaryTerm } from './schema.ts';

export interface PageSection {
  id: string;
  body: string;
  file: string;
  /** Language the section is written in; a Spanish page shows untranslated sections in English. */
  language: Language;
}

interface GlossaryWeight {
  /** Terms marked on the page, counting a term once per section it is marked in. */
  marks: number;
  /** Definitions written on the page (each term once). */
  definitions: number;
  plainBytes: number;
  markedBytes: number;
  plainGzipBytes: number;
  markedGzipBytes: number;
}

export function glossaryWeight(page: Language, sections: readonly PageSection[], terms: readonly GlossaryTerm[], entryHref: (slug: string) => string): GlossaryWeight {
  const marker = glossaryMarker(terms, { language: page, entryHref });
  let plain = '';
  let marked = '';
  let marks = 0;
  const defined = new Set<string>();
  for (const section of sections) {
    plain += renderSection(section.id, section.body, section.file).html;
    const rendered = renderSection(section.id, section.body, section.file);
    const slugs = marker.mark(rendered.hast, section.language);
    marks += slugs.length;
    for (const slug of slugs) defined.add(slug);
    marked += toHtml(rendered.hast);
  }
  const gzip = (html: string) => gzipSync(html).length;
  return {
    marks,
    definitions: defined.size,
    plainBytes: Buffer.byteLength(plain),
    markedBytes: Buffer.byteLength(marked),
    plainGzipBytes: gzip(plain),
    markedGzipBytes: gzip(marked),
  };
}

/**
 * What the marks add to a page as built (`dist/client/.../index.html`): the
 * page, and the same page with every mark undone (each term back to its
 * words, each definition left out), both serialised the same way and
 * gzipped whole, so the difference is the glossary's alone.
 */
export function builtPageWeight(html: string): GlossaryWeight {
  const marked = fromHtml(html);
  const plain = structuredClone(marked);
  let marks = 0;
  let definitions = 0;
  visit(plain, 'element', (element: Element, index, parent) => {
    if (!parent || index === undefined) return undefined;
    const target = element.properties.popoverTarget;
    if (element.tagName === 'button' && typeof target === 'string' && target.startsWith('gl-')) {
      marks++;
      const words = element.children.flatMap((child): ElementContent[] => (child.type === 'element' ? child.children : [child]));
      parent.children.splice(index, 1, ...(words as typeof parent.children));
      return [SKIP, index];
    }
    if (element.properties.popover !== undefined && String(element.properties.id ?? '').startsWith('gl-')) {
      definitions++;
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
  const markedHtml = toHtml(marked);
  const plainHtml = toHtml(plain);
  return {
    marks,
    definitions,
    plainBytes: Buffer.byteLength(plainHtml),
    markedBytes: Buffer.byteLength(markedHtml),
    plainGzipBytes: gzipSync(plainHtml).length,
    markedGzipBytes: gzipSync(markedHtml).length,
  };
}
