import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { changeCommentLink, changeCommentList } from '../../../src/lib/compare/change-links.ts';
import { renumberedText } from '../../../src/lib/compare/renumbered-text.ts';
import type { SectionChange } from '../../../src/lib/diff/index.ts';
import { t } from '../../../src/lib/i18n/translate.ts';

describe('changeCommentLink', () => {
  const change: SectionChange = { n: 4, id: 'change-governance-4', row: 2, kind: 'words', paragraph: 3, before: 'twice a year', after: 'every quarter' };

  it('opens the comment form on the section and paragraph, naming the change and quoting its wording', () => {
    const url = new URL(changeCommentLink('', 'v0.2', 'governance', change), 'https://consulta.example');
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
    const url = new URL(changeCommentLink('', 'v0.2', 'governance', deleted), 'https://consulta.example');
    expect(url.searchParams.has('paragraph')).toBe(false);
    expect(url.searchParams.get('quote')).toBe('“Gone.” → —');
  });
});

describe('changeCommentList', () => {
  it('gives each change of a paragraph its own "Comment on this change" link, named with its number', () => {
    const changes: SectionChange[] = [
      { n: 1, id: 'change-governance-1', row: 0, kind: 'words', paragraph: 2, before: 'month', after: 'quarter' },
      { n: 2, id: 'change-governance-2', row: 0, kind: 'words', paragraph: 2, before: '', after: 'and the Attorney General' },
    ];
    const html = toHtml(changeCommentList('', 'v0.2', 'governance', 2, t)(changes));
    expect(html).toMatch(/^<ul class="change-actions" aria-label="Comments on the changes in this paragraph"><li><a href="\/comment\/\?version=v0\.2&#x26;section=governance&#x26;paragraph=p2&#x26;change=change-governance-1&#x26;quote=[^"]+" data-comment-change="change-governance-1">Comment on this change <span class="change-number">2\.1<\/span><\/a><\/li>/);
    expect(html).toContain('>Comment on this change <span class="change-number">2.2</span></a>');
  });
});

describe('renumberedText', () => {
  it('says each range of renumbered sections once', () => {
    expect(renumberedText([{ from: [4, 8], to: [5, 9] }, { from: [10, 10], to: [12, 12] }], t)).toBe('4–8 are now 5–9; 10 is now 12');
  });
});
