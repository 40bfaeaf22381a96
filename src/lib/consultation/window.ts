/**
 * The consultation window of a version: two local times read in an IANA time
 * zone. The server enforces it with these functions, and the static pages
 * describe it with them, so both read the same instants.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';

/** A local date-time without offset (`2026-12-19T23:59`) or a date (`2026-12-19`), read in `timeZone`. */
const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?$/, 'use YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time, no offset)');

/** The window in which the public may comment on a version. */
export const ConsultationWindowSchema = z.object({
  /** When comments open, local time in `timeZone`. A bare date means 00:00. Required. */
  opens: LocalDateTime,
  /** When comments close, local time in `timeZone`. A bare date means 23:59:59. Required. */
  closes: LocalDateTime,
  /** IANA time zone the two times are read in, e.g. `America/Belize`. Required. */
  timeZone: z.string().refine(isIanaTimeZone, 'is not an IANA time zone (e.g. America/Belize)'),
});
export type ConsultationWindowSpec = z.output<typeof ConsultationWindowSchema>;

function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export type WindowState = 'upcoming' | 'open' | 'closed';

export interface ConsultationWindow {
  /** First instant comments are accepted. */
  opens: Date;
  /** Last instant comments are accepted (inclusive, to the second). */
  closes: Date;
  /** IANA time zone the window was written in and is shown in. */
  timeZone: string;
}

/** Reads a window spec. A bare opening date means 00:00; a bare closing date means 23:59:59 that day. */
export function consultationWindow(spec: ConsultationWindowSpec): ConsultationWindow {
  const opens = localTime(spec.opens, spec.timeZone, 'start');
  const closes = localTime(spec.closes, spec.timeZone, 'end');
  if (closes <= opens) throw new RangeError(`the window closes (${spec.closes}) before it opens (${spec.opens})`);
  return { opens, closes, timeZone: spec.timeZone };
}

/** Where `now` falls relative to the window. */
export function windowState(window: ConsultationWindow, now: Date): WindowState {
  if (now < window.opens) return 'upcoming';
  if (now > window.closes) return 'closed';
  return 'open';
}

/**
 * Sample content only: a window placed around `buildDate` so the demo
 * consultation never goes stale. Dates are whole local days in `timeZone`.
 */
export function rollingWindow(buildDate: Date, timeZone: string, openedDaysAgo: number, closesInDays: number): ConsultationWindowSpec {
  const today = DateTime.fromJSDate(buildDate, { zone: timeZone }).startOf('day');
  return {
    opens: today.minus({ days: openedDaysAgo }).toISODate()!,
    closes: `${today.plus({ days: closesInDays }).toISODate()}T23:59`,
    timeZone,
  };
}

/** "23:59, 19 December 2026" in the window's zone; another language passes its own luxon pattern. */
export function formatLocal(instant: Date, timeZone: string, locale = 'en-GB', pattern = 'HH:mm, d MMMM yyyy'): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(locale).toFormat(pattern);
}

/** "UTC-6" for the zone's offset at that instant. */
export function formatOffset(instant: Date, timeZone: string): string {
  const offset = DateTime.fromJSDate(instant, { zone: timeZone }).offset;
  if (offset === 0) return 'UTC';
  const sign = offset > 0 ? '+' : '-';
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  return `UTC${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

function localTime(value: string, zone: string, edge: 'start' | 'end'): Date {
  const isDate = value.length === 10;
  let time = DateTime.fromISO(value, { zone });
  if (!time.isValid) throw new RangeError(`"${value}" is not a valid date-time in ${zone}`);
  if (isDate && edge === 'end') time = time.endOf('day').set({ millisecond: 0 });
  return time.toJSDate();
}
