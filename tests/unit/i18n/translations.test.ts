/**
 * The Spanish interface mirrors the English one key for key and placeholder
 * for placeholder, and every key is used by the code: a page in either
 * language can never show a blank, a raw key or a `{name}` left unfilled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../src/translations/en.json' with { type: 'json' };
import es from '../../../src/translations/es.json' with { type: 'json' };
import { translator } from '../../../src/lib/i18n/translate.ts';
import { catalogProblems, unusedKeys } from './catalog-check.ts';

/**
 * Keys no code used when Spanish was added. Each is either used by the pages
 * still to come or to be deleted; the list only shrinks (a test below fails
 * when one of them comes into use, so it is taken off).
 */
const KNOWN_UNUSED = [
  'version.switcher.current',
  'version.sectionNumber',
  'comment.openParagraph',
  'comment.closedOnPage',
  'compare.other',
  'compare.index.title',
  'compare.index.intro',
  'feedback.filter.apply',
  'feedback.paragraph.link',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'translations' ? [] : sourceFiles(path);
    return /\.(ts|astro|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('es.json', () => {
  it('has every key of en.json, no other, with the same placeholders', () => {
    expect(catalogProblems(en, es)).toEqual([]);
  });

  it('is written in Spanish, not copied from English', () => {
    const same = Object.keys(en).filter((key) => en[key as keyof typeof en] === es[key as keyof typeof es]);
    // Words that are the same in both languages ("General", "Sector", "Error:").
    expect(same.length).toBeLessThan(Object.keys(en).length / 20);
  });

  it('is what translator("es") answers, placeholders filled', () => {
    expect(translator('es')('banner.superseded', { version: 'v0.3' })).toBe('Esta versión ha sido reemplazada por v0.3.');
    expect(translator('es')('site.nav.taskforce')).toBe('Grupo de trabajo');
    expect(translator('fr')('site.nav.taskforce')).toBe('Task force');
  });
});

describe('the catalogue check', () => {
  it('names a missing key, an extra key and a placeholder that differs', () => {
    const base = { 'a.one': 'One {n}', 'a.two': 'Two', 'a.three': 'Three {x} and {y}' };
    expect(catalogProblems(base, { 'a.one': 'Uno {m}', 'a.three': 'Tres {y} y {x}', 'a.four': 'Cuatro' })).toEqual([
      'a.one: placeholders {m} instead of {n}',
      'a.two: missing',
      'a.four: not in the English file',
    ]);
  });

  it('counts a key as used when it is written out or built from a template prefix', () => {
    const keys = ['x.literal', 'x.kind.a', 'x.kind.b', 'x.never'];
    const code = "t('x.literal'); t(`x.kind.${kind}`);";
    expect(unusedKeys(keys, [code])).toEqual(['x.never']);
  });
});

describe('keys in use', () => {
  const sources = sourceFiles('src').map((file) => readFileSync(file, 'utf8'));
  const unused = unusedKeys(Object.keys(en), sources);

  it('has no key that no code uses, beyond the known list', () => {
    expect(unused.filter((key) => !KNOWN_UNUSED.includes(key))).toEqual([]);
  });

  it('takes a known unused key off the list once code uses it', () => {
    expect(KNOWN_UNUSED.filter((key) => !unused.includes(key))).toEqual([]);
  });
});
