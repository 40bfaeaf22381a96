/**
 * UI strings: one flat JSON file per language with dotted keys
 * (`"banner.consultation"`), `{name}` placeholders. A missing key is a
 * build-time error, not a blank on the page.
 */
import en from '../../translations/en.json' with { type: 'json' };
// Spanish covers the e-mails (`mail.*`) so far; everything else falls back to English.
import es from '../../translations/mail.es.json' with { type: 'json' };

export type MessageKey = keyof typeof en;
const catalogs: Record<string, Record<string, string>> = { en, es };

export function translator(language = 'en') {
  const messages = catalogs[language] ?? en;
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
