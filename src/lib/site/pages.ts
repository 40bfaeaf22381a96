/**
 * A static page (`content/pages/<slug>.md`) in the reader's language: its
 * translation (`content/pages/es/<slug>.md`) where there is one, the English
 * page otherwise, with the language it is written in so the page can say so.
 */
import type { Language } from '../i18n/translate.ts';

interface PageEntry {
  id: string;
  data: { title: string; description: string };
}

export function translatedPage<P extends PageEntry>(english: P, translations: Partial<Record<Language, readonly P[]>>, language: Language): { page: P; language: Language } {
  const translated = language === 'en' ? undefined : translations[language]?.find((p) => p.id === english.id);
  return translated ? { page: translated, language } : { page: english, language: 'en' };
}
