import { describe, expect, it } from 'vitest';
import { changeCommentLink } from '../../../src/lib/compare/change-links.ts';
import { renumberedText } from '../../../src/lib/compare/renumbered-text.ts';
import type { SectionChange } from '../../../src/lib/diff/index.ts';
import { t } from '../../../src/lib/i18n/translate.ts';

describe('changeCommentLink', () => {
  const change: SectionChange = { n: 4, id: 'change-governance-4', row: 2, kind: 'words', paragraph: 3, before: 'twice a year', after: 'every quarter' };

  it('opens the comment form on the section and paragraph, naming the change and quoting its wording', () => {
    const url = new URL(changeCommentLink('v0.2', 'governance', change), 'https://consulta.example');
    expect(url.pathname).toBe('/comment/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      version: 'v0.2',
      section: 'governance',
      paragraph: 'p3',
      change: 'change-governance-4',
      quote: '“twice a year” → “every quarter”',
    });
  });

  it('leaves the paragraph out for a deleted paragraph, which has none in the new version', () => {
    const { paragraph: _paragraph, ...deleted } = { ...change, kind: 'deleted' as const, before: 'Gone.', after: '' };
    const url = new URL(changeCommentLink('v0.2', 'governance', deleted), 'https://consulta.example');
    expect(url.searchParams.has('paragraph')).toBe(false);
    expect(url.searchParams.get('quote')).toBe('“Gone.” → —');
  });
});

describe('renumberedText', () => {
  it('says each range of renumbered sections once', () => {
    expect(renumberedText([{ from: [4, 8], to: [5, 9] }, { from: [10, 10], to: [12, 12] }], t)).toBe('4–8 are now 5–9; 10 is now 12');
  });
});
