/**
 * Which sections the build's readability check reads: the texts that can
 * still change or that readers see now. That is the newest published version
 * with its translations, and the working draft's sections whose text differs
 * from it (an unchanged draft section would only repeat the same warning).
 * Older versions are frozen and superseded: warning about them helps no one.
 */
import type { Catalog } from '../strategy/catalog.ts';
import { isLanguage } from '../i18n/translate.ts';
import type { SectionToCheck } from './section.ts';

export function readabilityChecks(catalog: Catalog): SectionToCheck[] {
  const latest = catalog.latest;
  const checks: SectionToCheck[] = [];
  if (latest) {
    const folder = `content/strategy/versions/${latest.manifest.id}`;
    for (const section of latest.sections) checks.push({ path: `${folder}/${section.file}`, section, language: 'en' });
    for (const translation of latest.translations) {
      const language = translation.manifest.language;
      // A language the site has no readability formula for is not scored.
      if (!isLanguage(language)) continue;
      for (const section of translation.sections) checks.push({ path: `${folder}/${language}/${section.file}`, section, language });
    }
  }
  const published = new Map(latest?.sections.map((s) => [s.id, s.body]));
  for (const section of catalog.draft) {
    if (published.get(section.id) !== section.body) checks.push({ path: `content/strategy/draft/${section.file}`, section, language: 'en' });
  }
  return checks;
}
