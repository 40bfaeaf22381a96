/**
 * The strategy as the comment intake sees it: which versions are open now,
 * and which sections and paragraphs exist, with the reason a person is shown
 * when a version does not take comments.
 */
import type { CommentCatalog } from '../lib/comments/intake.ts';
import { translator } from '../lib/i18n/translate.ts';
import type { SiteContext } from '../lib/site/context.ts';
import { localSettings } from '../lib/site/settings.ts';
import { commentState } from '../lib/strategy/catalog.ts';
import { sectionParagraphs } from '../lib/strategy/render-section.ts';
import { windowParts } from '../lib/strategy/status.ts';

export function strategyCatalog({ catalog, settings }: SiteContext): CommentCatalog {
  const paragraphCounts = new Map<string, number>();
  const section = (version: string, id: string) => catalog.byId.get(version)?.sections.find((s) => s.id === id);
  return {
    isOpen(versionId, now, language = 'en') {
      const t = translator(language);
      const version = catalog.byId.get(versionId);
      if (!version) return { open: false, reason: t('comment.notOpen.notForComment', { version: versionId }) };
      const state = commentState(version, now);
      if (state === 'open') return { open: true, reason: '' };
      const parts = windowParts(version, localSettings(settings, language).timeZoneLabel, language);
      if (state === 'upcoming' && parts) return { open: false, reason: t('comment.notOpen.upcoming', { version: versionId, ...parts }) };
      // A version whose consultation ended (closed, adopted, superseded) says when it closed.
      const ended = state === 'closed' || (state === 'not-for-comment' && version.manifest.status !== 'draft' && version.manifest.status !== 'consultation');
      if (ended && parts) return { open: false, reason: t('comment.notOpen.closed', { version: versionId, ...parts }) };
      return { open: false, reason: t('comment.notOpen.notForComment', { version: versionId }) };
    },
    sectionExists: (version, id) => section(version, id) !== undefined,
    paragraphCount(version, id) {
      const key = `${version}/${id}`;
      let count = paragraphCounts.get(key);
      if (count === undefined) {
        const found = section(version, id);
        count = found ? sectionParagraphs(found).length : 0;
        paragraphCounts.set(key, count);
      }
      return count;
    },
  };
}
