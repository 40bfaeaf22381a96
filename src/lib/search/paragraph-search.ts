/**
 * Search over the paragraphs of every published version, for readers without
 * JavaScript (with it, Pagefind searches in the browser). The index is
 * MiniSearch's, built once from the same citable paragraphs the pages number,
 * so a hit links to `/strategy/<version>/#<section>-p<n>`.
 */
import MiniSearch from 'minisearch';
import type { Language } from '../i18n/translate.ts';

/** One citable paragraph of one published version. */
export interface SearchDocument {
  /** `<version>/<anchor>`: unique across versions. */
  id: string;
  version: string;
  sectionId: string;
  sectionTitle: string;
  /** Section number in reading order, as the page shows it. */
  sectionNumber: number;
  /** Paragraph number within its section. */
  n: number;
  anchor: string;
  text: string;
  /** Language of the text: a translated paragraph has the anchor of the English one. Defaults to English. */
  language?: Language;
}

interface SearchHit {
  document: SearchDocument;
  /** The paragraph, or about `SNIPPET_LENGTH` characters of it around the first term found. */
  snippet: string;
}

interface SearchResult {
  hits: SearchHit[];
  /** How many paragraphs matched, before `limit`. */
  total: number;
}

/** Longest query taken; longer ones are cut (no paragraph needs more to be found). */
export const MAX_QUERY_LENGTH = 200;
const SNIPPET_LENGTH = 240;

export interface ParagraphSearch {
  /** `languages`: the texts searched (default English only); a Spanish reader searches the translations and the English. */
  search(query: string, options?: { version?: string; limit?: number; languages?: readonly Language[] }): SearchResult;
}

export function createParagraphSearch(documents: readonly SearchDocument[]): ParagraphSearch {
  const index = new MiniSearch<SearchDocument>({
    // The paragraph's own words only: a section title would make every paragraph under it a hit.
    fields: ['text'],
    storeFields: [],
    // Every word must be there; a little fuzziness and prefixes forgive typing ("incid", "goverment").
    searchOptions: { combineWith: 'AND', prefix: true, fuzzy: 0.2 },
  });
  index.addAll(documents);
  const byId = new Map(documents.map((d) => [d.id, d]));

  return {
    search(query, options = {}) {
      const terms = query.slice(0, MAX_QUERY_LENGTH).trim();
      if (!terms) return { hits: [], total: 0 };
      const languages = options.languages ?? ['en'];
      const results = index.search(terms, {
        filter: (r) => {
          const document = byId.get(r.id)!;
          return (!options.version || document.version === options.version) && languages.includes(document.language ?? 'en');
        },
      });
      const hits = results.slice(0, options.limit ?? 50).map((r) => {
        const document = byId.get(r.id)!;
        return { document, snippet: snippet(document.text, r.terms) };
      });
      return { hits, total: results.length };
    },
  };
}

/** The paragraph when short; otherwise a window of it around the first matched term, on word boundaries. */
export function snippet(text: string, terms: readonly string[]): string {
  if (text.length <= SNIPPET_LENGTH) return text;
  const lower = text.toLowerCase();
  const at = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), text.length);
  const start = at === text.length ? 0 : Math.max(0, at - SNIPPET_LENGTH / 3);
  const from = start === 0 ? 0 : text.indexOf(' ', start) + 1;
  let end = Math.min(text.length, from + SNIPPET_LENGTH);
  if (end < text.length) end = text.lastIndexOf(' ', end);
  return `${from > 0 ? '… ' : ''}${text.slice(from, end)}${end < text.length ? ' …' : ''}`;
}
