/** Where a page is in each language, what language a request asks for, and dates as each language writes them. */
import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant } from '../../../src/lib/i18n/dates.ts';
import { localePath, localiseHref, splitLocale } from '../../../src/lib/i18n/paths.ts';
import { langAttribute, requestLanguage } from '../../../src/lib/i18n/translate.ts';

describe('the address of a page in each language', () => {
  it('keeps English at the root and puts Spanish under /es/, the rest of the path the same', () => {
    expect(localePath('en', '/strategy/v0.2/')).toBe('/strategy/v0.2/');
    expect(localePath('es', '/strategy/v0.2/')).toBe('/es/strategy/v0.2/');
    expect(localePath('es', '/')).toBe('/es/');
    expect(localePath('es', '/comment/?version=v0.2&section=governance')).toBe('/es/comment/?version=v0.2&section=governance');
    expect(() => localePath('es', 'https://example.org/')).toThrow(RangeError);
    expect(() => localePath('es', '//example.org/')).toThrow(RangeError);
  });

  it('reads the language and the English path back from an address', () => {
    expect(splitLocale('/es/strategy/v0.2/')).toEqual({ language: 'es', path: '/strategy/v0.2/' });
    expect(splitLocale('/es/')).toEqual({ language: 'es', path: '/' });
    expect(splitLocale('/es')).toEqual({ language: 'es', path: '/' });
    expect(splitLocale('/strategy/')).toEqual({ language: 'en', path: '/strategy/' });
    // A page whose name starts with the letters "es" is not Spanish.
    expect(splitLocale('/essays/')).toEqual({ language: 'en', path: '/essays/' });
  });

  it('sends the links of an English text to the Spanish pages, and leaves files, other sites and fragments alone', () => {
    expect(localiseHref('es', '/taskforce/')).toBe('/es/taskforce/');
    expect(localiseHref('es', '/strategy/v0.1/#governance-p3')).toBe('/es/strategy/v0.1/#governance-p3');
    expect(localiseHref('es', '/strategy/v0.1')).toBe('/es/strategy/v0.1');
    expect(localiseHref('es', '/es/taskforce/')).toBe('/es/taskforce/');
    expect(localiseHref('es', '/feedback/v0.1/matrix.csv')).toBe('/feedback/v0.1/matrix.csv');
    expect(localiseHref('es', '/training/what-is-a-strategy.es.md')).toBe('/training/what-is-a-strategy.es.md');
    expect(localiseHref('es', 'https://github.com/belize-ncss/strategy')).toBe('https://github.com/belize-ncss/strategy');
    expect(localiseHref('es', '#governance')).toBe('#governance');
    expect(localiseHref('en', '/taskforce/')).toBe('/taskforce/');
  });

  it('marks a passage in another language than the page, and only then', () => {
    expect(langAttribute('en', 'es')).toBe('en');
    expect(langAttribute('es', 'es')).toBeUndefined();
  });
});

describe('the language a request asks for', () => {
  it('takes a lang field first, then the best Accept-Language the site has, then English', () => {
    expect(requestLanguage('es', 'en-GB,en;q=0.9')).toBe('es');
    expect(requestLanguage(' ES ', null)).toBe('es');
    expect(requestLanguage('fr', 'es-BZ,es;q=0.9,en;q=0.5')).toBe('es');
    expect(requestLanguage(undefined, 'fr-FR, en;q=0.4, es;q=0.8')).toBe('es');
    expect(requestLanguage(undefined, 'es;q=0, en')).toBe('en');
    expect(requestLanguage(undefined, 'fr, de')).toBe('en');
    expect(requestLanguage(undefined, null)).toBe('en');
    expect(requestLanguage(42, '')).toBe('en');
  });
});

describe('dates in each language', () => {
  it('writes a day and a time in the consultation time zone as the language does', () => {
    expect(formatDay('2026-11-20', 'en')).toBe('20 November 2026');
    expect(formatDay('2026-11-20', 'es')).toBe('20 de noviembre de 2026');
    const closes = new Date('2026-12-20T05:59:00Z');
    expect(formatInstant(closes, 'America/Belize', 'en')).toBe('23:59, 19 December 2026');
    expect(formatInstant(closes, 'America/Belize', 'es')).toBe('23:59 del 19 de diciembre de 2026');
  });
});
