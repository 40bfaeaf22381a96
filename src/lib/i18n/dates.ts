/**
 * Dates as a reader of each language writes them: "17 September 2026" and
 * "17 de septiembre de 2026"; "23:59, 19 December 2026" and "23:59 del 19 de
 * diciembre de 2026", in the consultation's time zone.
 */
import { DateTime } from 'luxon';
import { localeTag } from './paths.ts';
import { translator, type Language } from './translate.ts';

/** A calendar day written `YYYY-MM-DD` in content files, in words. */
export function formatDay(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(localeTag(language), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}

/** An instant as the clock and calendar show it in `timeZone`. */
export function formatInstant(instant: Date, timeZone: string, language: Language): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(localeTag(language)).toFormat(translator(language)('date.dateTime'));
}
