/**
 * Durations and clock times as a reader says them ("in 25 minutes",
 * "14:32"), in their language and the consultation's time zone, with the
 * runtime's own Intl formatters.
 */

/** "in 45 seconds", "in 25 minutes", "in 2 hours": rounded up to the unit a person would use. */
export function inAbout(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (seconds < 90) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 90 * 60) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

/** The time of day of `at` in `timeZone`, on a 24-hour clock. */
export function clockTime(at: Date, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

/** "2 hours, 45 minutes", "2 horas y 45 minutos", "9 days, 6 hours": how long, to the minute under two days and to the hour beyond. */
export function duration(seconds: number, language: string): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  const parts = minutes < 60 ? { minutes } : minutes < 48 * 60 ? { hours: Math.floor(minutes / 60), minutes: minutes % 60 } : { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60) };
  return new Intl.DurationFormat(language, { style: 'long' }).format(parts);
}
