/**
 * What the status page (`/comment/status/?ref=`, `/es/comment/status/?ref=`)
 * shows for a reference: the comment's public progress from the outbox and
 * the committed feedback report of its version (commentStatus in
 * src/lib/feedback decides what is public), and where it was made, named as
 * the page's language names the section.
 */
import { describePlaceInLine, readPlaceInLine } from '../lib/comments/place-in-line.ts';
import { commentStatus, readReference, type CommentStatus } from '../lib/feedback/comment-status.ts';
import { translator, type Language } from '../lib/i18n/translate.ts';
import { timeZoneLabelIn } from '../lib/site/settings.ts';
import { translatedSection } from '../lib/strategy/catalog.ts';
import { services } from './services.ts';

export interface CommentStatusLookup {
  /** The reference as asked, trimmed and cut short for showing back; null when none was asked. */
  asked: string | null;
  status: CommentStatus | null;
  /** `3. Incident response` for the section, once the place is public. */
  sectionLabel?: string;
  /** The language the section is named in: the page's where the version has its translation, else English. */
  sectionLang: Language;
  /** A reference was asked and is not one of ours: the page answers 404. */
  unknown: boolean;
  /** While the comment waits to be filed: its place in line and when it will be on GitHub, in the page's language. */
  waiting?: string;
}

export async function findCommentStatus(asked: string | null, lang: Language): Promise<CommentStatusLookup> {
  const running = services();
  const reference = readReference(asked);
  const record = reference ? await running.outbox.findReference(reference) : null;
  const status = record ? commentStatus(record, running.feedbackReport(record.version)) : null;
  const shownAsked = asked === null ? null : asked.trim().slice(0, 40);
  const place = status?.place;
  const version = place ? running.site.catalog.byId.get(place.version) : undefined;
  const sections = version?.sections ?? [];
  const index = place ? sections.findIndex((s) => s.id === place.section) : -1;
  const translated = version && place && lang !== 'en' ? translatedSection(version, lang, place.section) : undefined;
  const title = translated?.title ?? sections[index]?.title;
  const sectionLabel = place ? (index >= 0 && title ? `${index + 1}. ${title}` : place.section) : undefined;
  const waiting = record && status?.progress === 'received' && (record.status === 'pending' || record.status === 'dispatching') ? await placeWords(record.reference, lang) : undefined;
  return { asked: shownAsked, status, ...(sectionLabel ? { sectionLabel } : {}), sectionLang: translated ? lang : 'en', unknown: asked !== null && !status, ...(waiting ? { waiting } : {}) };
}

async function placeWords(reference: string, lang: Language): Promise<string> {
  const { outbox, site } = services();
  const place = await readPlaceInLine(outbox, reference, new Date());
  const timeZoneLabel = timeZoneLabelIn(site.settings, lang);
  return describePlaceInLine(place, { t: translator(lang), language: lang, timeZone: site.settings.timeZone, ...(timeZoneLabel ? { timeZoneLabel } : {}) });
}
