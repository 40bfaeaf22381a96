/**
 * What the glossary markup adds to a reading page, compressed as a server
 * sends it: the sections rendered as the page renders them, once without
 * and once with the marks, both gzipped whole. The goal is under 5 KB.
 */
import { gzipSync } from 'node:zlib';
import { toHtml } from 'hast-util-to-html';
import { translator, type Language } from '../i18n/translate.ts';
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
  const marker = glossaryMarker(terms, { language: page, t: translator(page), entryHref });
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
