import { join, relative } from 'node:path';
import type { Language } from '../i18n/translate.ts';
import { parseContent } from '../strategy/content-error.ts';
import { readJsonContent } from '../strategy/json-content.ts';
import { SiteSettings } from './schemas.ts';

/** Reads and validates `content/site.json`. */
export function loadSiteSettings(root: string): SiteSettings {
  const path = join(root, 'content/site.json');
  const shown = relative(root, path);
  return parseContent(SiteSettings, readJsonContent(path, shown, 'cannot be read as JSON'), shown);
}

/** The settings' texts a page shows, in one language. */
interface LocalSettings {
  country: string;
  strategyTitle: string;
  owner: string;
  purpose: string;
  timeZoneLabel: string;
  /** The language of each text: English where the settings have no translation. */
  languageOf: Record<'country' | 'strategyTitle' | 'owner' | 'purpose' | 'timeZoneLabel', Language>;
}

/** The settings' texts for a page in `language`, the English ones standing in for a translation not given. */
export function localSettings(settings: SiteSettings, language: Language): LocalSettings {
  const translated = language === 'en' ? undefined : settings.translations?.[language];
  const pick = (key: keyof LocalSettings['languageOf']): [string, Language] => (translated?.[key] ? [translated[key], language] : [settings[key], 'en']);
  const entries = (['country', 'strategyTitle', 'owner', 'purpose', 'timeZoneLabel'] as const).map((key) => [key, pick(key)] as const);
  return {
    ...(Object.fromEntries(entries.map(([key, [text]]) => [key, text])) as Omit<LocalSettings, 'languageOf'>),
    languageOf: Object.fromEntries(entries.map(([key, [, lang]]) => [key, lang])) as LocalSettings['languageOf'],
  };
}

/** The site's time-zone label in `language`, or nothing when it has none in that language (rather than the English one standing in). */
export function timeZoneLabelIn(settings: SiteSettings, language: Language): string | undefined {
  const local = localSettings(settings, language);
  return local.languageOf.timeZoneLabel === language ? local.timeZoneLabel : undefined;
}
