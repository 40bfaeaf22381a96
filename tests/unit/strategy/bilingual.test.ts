/** The side-by-side view pairs a section and its translation paragraph by paragraph, each paragraph standing alone in valid HTML. */
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { paragraphPairs } from '../../../src/lib/strategy/bilingual.ts';
import { translatedSection } from '../../../src/lib/strategy/catalog.ts';
import { loadVersions, strategyPaths } from '../../../src/lib/strategy/load.ts';
import { renderSection, sectionParagraphs } from '../../../src/lib/strategy/render-section.ts';

const v02 = loadVersions(strategyPaths(process.cwd())).find((v) => v.manifest.id === 'v0.2')!;

describe('paragraphPairs', () => {
  it('pairs every paragraph of a translated section with its translation, by number', () => {
    const english = v02.sections.find((s) => s.id === 'governance')!;
    const spanish = translatedSection(v02, 'es', 'governance')!;
    const pairs = paragraphPairs(renderSection(english.id, english.body, english.file), renderSection(spanish.id, spanish.body, spanish.file));
    expect(pairs.map((p) => p.n)).toEqual(sectionParagraphs(english).map((p) => p.n));
    expect(pairs.map((p) => p.anchor)).toEqual(sectionParagraphs(english).map((p) => p.anchor));
    const [first] = pairs;
    expect(toHtml(first!.english)).toContain(sectionParagraphs(english)[0]!.text.slice(0, 40));
    expect(toHtml(first!.translated)).toContain(sectionParagraphs(spanish)[0]!.text.slice(0, 40));
  });

  it('leaves out each paragraph’s id and number, which the row carries, and puts a list item back in its list', () => {
    const english = v02.sections.find((s) => s.id === 'governance')!;
    const pairs = paragraphPairs(renderSection(english.id, english.body, english.file), renderSection(english.id, english.body, english.file));
    for (const pair of pairs) {
      const html = toHtml(pair.english);
      expect(html).not.toContain(`id="${pair.anchor}"`);
      expect(html).not.toContain('para-ref');
      if (html.includes('<li')) expect(html).toMatch(/^<(ul|ol)[ >]/);
    }
    expect(pairs.some((p) => p.english.tagName === 'ul' || p.english.tagName === 'ol')).toBe(true);
    const numbered = pairs.filter((p) => p.english.tagName === 'ol');
    // An ordered list's items keep their numbers: the second item starts at 2.
    if (numbered.length > 1) expect(numbered[1]!.english.properties.start).toBe(2);
  });
});
