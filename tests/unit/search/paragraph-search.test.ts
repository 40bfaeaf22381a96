import { describe, expect, it } from 'vitest';
import { createParagraphSearch, snippet, type SearchDocument } from '../../../src/lib/search/paragraph-search.ts';

function doc(version: string, sectionId: string, n: number, text: string): SearchDocument {
  return { id: `${version}/${sectionId}-p${n}`, version, sectionId, sectionTitle: sectionId, sectionNumber: 1, n, anchor: `${sectionId}-p${n}`, text };
}

const documents = [
  doc('v0.1', 'incident-response', 1, 'A national CSIRT receives reports of incidents.'),
  doc('v0.2', 'incident-response', 1, 'A national CSIRT receives reports of incidents around the clock.'),
  doc('v0.2', 'incident-response', 2, 'The CSIRT publishes a yearly report.'),
  doc('v0.2', 'governance', 1, 'A council coordinates ministries and regulators.'),
];
const search = createParagraphSearch(documents);
const anchors = (result: ReturnType<typeof search.search>) => result.hits.map((h) => h.document.id);

describe('paragraph search', () => {
  it('finds the paragraphs that contain every word, in every version', () => {
    expect(anchors(search.search('csirt incidents')).sort()).toEqual(['v0.1/incident-response-p1', 'v0.2/incident-response-p1']);
  });

  it('narrows to one version', () => {
    expect(anchors(search.search('csirt incidents', { version: 'v0.2' }))).toEqual(['v0.2/incident-response-p1']);
  });

  it('forgives a prefix and a typo', () => {
    expect(anchors(search.search('coordinat')).length).toBe(1);
    expect(anchors(search.search('ministires'))).toEqual(['v0.2/governance-p1']);
  });

  it('finds nothing for an empty query or words no paragraph has together', () => {
    expect(search.search('   ')).toEqual({ hits: [], total: 0 });
    expect(search.search('council csirt')).toEqual({ hits: [], total: 0 });
  });

  it('searches the Spanish translations only when asked, beside the English', () => {
    const withSpanish = createParagraphSearch([...documents, { ...doc('v0.2', 'governance', 1, 'Un consejo coordina los ministerios y los reguladores.'), id: 'v0.2/es/governance-p1', language: 'es' }]);
    expect(anchors(withSpanish.search('consejo ministerios'))).toEqual([]);
    expect(anchors(withSpanish.search('consejo ministerios', { languages: ['es', 'en'] }))).toEqual(['v0.2/es/governance-p1']);
    expect(anchors(withSpanish.search('council', { languages: ['es', 'en'] }))).toEqual(['v0.2/governance-p1']);
  });

  it('reports the total beyond the limit', () => {
    const result = search.search('csirt', { limit: 1 });
    expect(result.hits).toHaveLength(1);
    expect(result.total).toBe(3);
  });
});

describe('snippet', () => {
  it('keeps a short paragraph whole', () => {
    expect(snippet('Short text.', ['text'])).toBe('Short text.');
  });

  it('cuts a long paragraph around the first term, on word boundaries', () => {
    const text = `${'alpha '.repeat(80)}the needle is here ${'omega '.repeat(80)}`.trim();
    const cut = snippet(text, ['needle']);
    expect(cut).toMatch(/^… alpha/);
    expect(cut).toContain('the needle is here');
    expect(cut).toMatch(/omega …$/);
    expect(cut.length).toBeLessThanOrEqual(245);
  });
});
