/**
 * Where one comment that waits to be filed stands, for the person who sent
 * it (the status page): how many comments wait ahead of it, and when it will
 * be on GitHub at the pace the dispatcher files at (forecast.ts), or, when
 * nobody is filing, that it will be once somebody does.
 *
 * Nothing private: not who files (the lane's label names a host and a pid),
 * only whether anyone does, as GET /api/status says it.
 */
import { clockTime, duration } from '../i18n/time.ts';
import { localeTag } from '../i18n/paths.ts';
import { formatInstant } from '../i18n/dates.ts';
import type { Language, Translate } from '../i18n/translate.ts';
import { zoneName } from './answer.ts';
import { forecastBacklog } from './forecast.ts';
import type { Outbox } from './outbox.ts';
import type { PaceOptions } from './pace.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface PlaceInLine {
  now: Date;
  /** Comments accepted before this one that still wait (pending or being filed). */
  ahead: number;
  /** Whether a process holds the filing lane. */
  filing: boolean;
  /**
   * When it will be filed at the pace: from now, after the creates of the
   * last hour, while someone files; when nobody does, counted as if filing
   * started now with a fresh hour, so `filedBy - now` is how long it takes
   * once filing starts again.
   */
  filedBy: Date;
  pace: PaceOptions;
}

/** The comment filed `ahead + 1`-th from now: the forecast's closed form, for one place in line. */
export function placeInLine(input: { ahead: number; filed: readonly Date[]; now: Date; filing: boolean; pace?: Partial<PaceOptions> }): PlaceInLine {
  const { ahead, now, filing } = input;
  const forecast = forecastBacklog({ waiting: ahead + 1, filed: filing ? input.filed : [], now, ...(input.pace ? { pace: input.pace } : {}) });
  return { now, ahead, filing, filedBy: forecast.drainedBy, pace: forecast.pace };
}

/** The place in line of the waiting comment (or pretend one) with this reference, read from the outbox at `now`. */
export async function readPlaceInLine(outbox: Pick<Outbox, 'waitingBefore' | 'filedSince' | 'laneHolder'>, reference: string, now: Date): Promise<PlaceInLine> {
  const ahead = await outbox.waitingBefore(reference);
  const filing = (await outbox.laneHolder(now)) !== null;
  return placeInLine({ ahead, filed: filing ? await outbox.filedSince(new Date(now.getTime() - HOUR)) : [], now, filing });
}

/** What the words depend on: the reader's language and the consultation's time zone (see AnswerWords). */
export interface PlaceWords {
  t: Translate;
  language: Language;
  timeZone: string;
  timeZoneLabel?: string;
}

/**
 * Two or three sentences: where the comment stands, then when it will
 * appear on GitHub ("in about 2 hours, 45 minutes, by about 16:40 Belize
 * time (UTC-6)"), or that nobody is filing and nothing is lost.
 */
export function describePlaceInLine(place: PlaceInLine, words: PlaceWords): string {
  const { t, language } = words;
  const count = (n: number) => n.toLocaleString(localeTag(language));
  const where = place.ahead === 0 ? t('status.waiting.next') : place.ahead === 1 ? t('status.waiting.one') : t('status.waiting.many', { count: count(place.ahead) });
  const leftMs = place.filedBy.getTime() - place.now.getTime();
  const perHour = count(place.pace.perHour);
  if (!place.filing) {
    const paused = t('status.waiting.paused');
    return leftMs < MINUTE ? `${where} ${paused}` : `${where} ${paused} ${t('status.waiting.pausedPace', { perHour, duration: duration(leftMs / 1000, localeTag(language)) })}`;
  }
  if (leftMs < MINUTE) return `${where} ${t('status.waiting.soon')}`;
  // "By about": rounded up to the minute, and with its day when that is not today where the consultation is.
  const by = new Date(Math.ceil(place.filedBy.getTime() / MINUTE) * MINUTE);
  const time = sameDay(by, place.now, words.timeZone) ? clockTime(by, words.timeZone, localeTag(language)) : formatInstant(by, words.timeZone, language);
  return `${where} ${t('status.waiting.by', { perHour, time, zone: zoneName(by, words), duration: duration(leftMs / 1000, localeTag(language)) })}`;
}

function sameDay(a: Date, b: Date, timeZone: string): boolean {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return day.format(a) === day.format(b);
}
