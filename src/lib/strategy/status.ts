/**
 * What a reader is told about a version's status: one banner per version
 * page, derived from the manifest, the window and the newer versions.
 */
import { formatOffset, windowState } from '../consultation/window.ts';
import { formatInstant } from '../i18n/dates.ts';
import type { Language, Translate } from '../i18n/translate.ts';
import { commentState, type Catalog, type CatalogVersion } from './catalog.ts';

export interface StatusBanner {
  /** Drives the banner's colour and icon; the text says the same in words. */
  tone: 'open' | 'info' | 'closed' | 'final';
  /** The status label, e.g. "Open for comment". */
  label: string;
  /** Sentences to show, in order. */
  lines: string[];
  /** A link to a newer version, if any. */
  newer?: { id: string; title: string };
}

/** "closes 23:59, 19 December 2026, Belize time (UTC-6)"-style parts of a window, for a message in `language`. */
export function windowParts(version: CatalogVersion, zoneLabel: string, language: Language = 'en'): { opens: string; closes: string; zone: string } | null {
  const w = version.window;
  if (!w) return null;
  return {
    opens: formatInstant(w.opens, w.timeZone, language),
    closes: formatInstant(w.closes, w.timeZone, language),
    zone: zoneLabel.includes(formatOffset(w.closes, w.timeZone)) ? zoneLabel : `${w.timeZone} (${formatOffset(w.closes, w.timeZone)})`,
  };
}

/** The sentence about the window: open until, opens on, or closed on. */
function windowSentence(version: CatalogVersion, now: Date, zoneLabel: string, t: Translate, language: Language = 'en'): string | null {
  const parts = windowParts(version, zoneLabel, language);
  if (!parts || !version.window) return null;
  const state = windowState(version.window, now);
  if (state === 'open') return t('window.open', parts);
  if (state === 'upcoming') return t('window.upcoming', parts);
  return t('window.closed', parts);
}

export function statusBanner(version: CatalogVersion, catalog: Catalog, now: Date, zoneLabel: string, t: Translate, language: Language = 'en'): StatusBanner {
  const m = version.manifest;
  const lines: string[] = [];
  let tone: StatusBanner['tone'] = 'info';
  const sentence = windowSentence(version, now, zoneLabel, t, language);
  switch (m.status) {
    case 'draft':
      lines.push(t('banner.draft'));
      break;
    case 'consultation': {
      const state = commentState(version, now);
      if (state === 'open') {
        tone = 'open';
        lines.push(t('banner.consultation'));
      } else if (state === 'upcoming') lines.push(t('banner.consultationUpcoming'));
      else {
        tone = 'closed';
        lines.push(t('banner.consultationEnded'));
      }
      if (sentence) lines.push(sentence);
      if (version.rollingWindow) lines.push(t('window.rolling'));
      break;
    }
    case 'closed':
      tone = 'closed';
      lines.push(t('banner.closed'));
      if (sentence) lines.push(sentence);
      break;
    case 'adopted':
      tone = 'final';
      lines.push(t('banner.adopted'));
      break;
    case 'superseded':
      tone = 'closed';
      lines.push(t('banner.superseded', { version: m.supersededBy ?? '' }));
      break;
  }
  const latest = catalog.latest;
  const newer = latest && latest.manifest.id !== m.id ? { id: latest.manifest.id, title: latest.manifest.title } : undefined;
  return { tone, label: t(`status.${m.status}`), lines, newer };
}
