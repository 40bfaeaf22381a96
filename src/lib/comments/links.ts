import { apiUrl } from '../site/api-origin.ts';
import { paragraphRef } from '../strategy/paragraphs.ts';

/**
 * Where the comment form for a section or paragraph lives: one page rendered
 * by the server part, which works without JavaScript (on `apiOrigin` when
 * the pages are served elsewhere, '' otherwise).
 */
export function commentLink(apiOrigin: string, version: string, section: string, paragraph?: number): string {
  const query = new URLSearchParams({ version, section });
  if (paragraph !== undefined) query.set('paragraph', paragraphRef(paragraph));
  return apiUrl(`/comment/?${query.toString()}`, apiOrigin);
}
