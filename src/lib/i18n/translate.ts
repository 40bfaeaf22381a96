/**
 * UI strings: one flat JSON file per language with dotted keys
 * (`"banner.consultation"`), `{name}` placeholders. A missing key is a
 * build-time error, not a blank on the page. `es.json` mirrors `en.json`
 * key for key (tests/unit/i18n/translations.test.ts holds it to that).
 */
import en from '../../translations/en.json' with { type: 'json' };
import es from '../../translations/es.json' with { type: 'json' };

export type MessageKey = keyof typeof en;

/** Whether `key` is a message of the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The languages the interface is written in; the first is the default. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const catalogs: Record<Language, Record<string, string>> = { en, es };

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export function translator(language = 'en') {
  const messages = isLanguage(language) ? catalogs[language] : en;
  return function t(key: MessageKey, values: Record<string, string | number> = {}): string {
    const template = messages[key] ?? (en as Record<string, string>)[key];
    if (template === undefined) throw new Error(`missing translation "${key}" for language "${language}"`);
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`translation "${key}" needs a value for {${name}}`);
      return String(values[name]);
    });
  };
}

export const t = translator('en');
export type Translate = ReturnType<typeof translator>;

/** The `lang` attribute of a passage written in `text` on a page in `page`: none when they agree. */
export function langAttribute(text: Language, page: Language): Language | undefined {
  return text === page ? undefined : text;
}

/**
 * The site language a request prefers: a `lang` the client sends wins, then
 * the first of the `Accept-Language` header's languages (by weight) the site
 * has, then English.
 */
export function requestLanguage(lang: unknown, acceptLanguage: string | null): Language {
  if (typeof lang === 'string' && isLanguage(lang.trim().toLowerCase())) return lang.trim().toLowerCase() as Language;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = Number(options.map((o) => o.trim()).find((o) => o.startsWith('q='))?.slice(2) ?? '1');
      return { base: tag.trim().toLowerCase().split('-')[0]!, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLanguage) ?? LANGUAGES[0];
}
