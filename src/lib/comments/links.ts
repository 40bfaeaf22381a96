import { localePath } from '../i18n/paths.ts';
import type { Language } from '../i18n/translate.ts';
import { apiUrl } from '../site/api-origin.ts';
import { paragraphRef } from '../strategy/paragraphs.ts';

/**
 * Where the comment form for a section or paragraph lives: one page rendered
 * by the server part, which works without JavaScript (on `apiOrigin` when
 * the pages are served elsewhere, '' otherwise), in the reader's language.
 */
export function commentLink(apiOrigin: string, version: string, section: string, paragraph?: number, language: Language = 'en'): string {
  const query = new URLSearchParams({ version, section });
  if (paragraph !== undefined) query.set('paragraph', paragraphRef(paragraph));
  return apiUrl(localePath(language, `/comment/?${query.toString()}`), apiOrigin);
}

/**
 * "What became of my comment" for a reference, in the reader's language: a
 * page rendered by the server part, so on `origin` (the API origin, or the
 * site's own address in an e-mail; '' on the site itself).
 */
export function statusLink(origin: string, reference: string, language: Language = 'en'): string {
  return apiUrl(localePath(language, `/comment/status/?ref=${encodeURIComponent(reference)}`), origin.replace(/\/+$/, ''));
}
