/**
 * The figures of "What we heard": totals, counts by section, sector, type,
 * channel and disposition, and comments per day across the consultation.
 * Counts carry keys, not words: the page and the exports name them through
 * the translations.
 */
import { DateTime } from 'luxon';
import { CHANNELS, COMMENT_TYPES } from '../comments/schema.ts';
import { SECTORS } from '../stakeholders/sectors.ts';
import { REPORT_DISPOSITIONS, type FeedbackReport } from './schema.ts';

/** One bar of a chart, one row of its table. */
export interface Count {
  key: string;
  count: number;
}

/** Comments received on one local day. */
export interface DayCount {
  /** `YYYY-MM-DD` in the consultation's time zone. */
  date: string;
  count: number;
}

export interface FeedbackStatistics {
  /** Public comments (spam and unreadable issues excluded). */
  total: number;
  /** Comments with a maintainer's response. */
  responded: number;
  /** Comments addressed by at least one merged change. */
  addressed: number;
  /** Comments without a disposition yet. */
  pending: number;
  /** Issues that could not be read. */
  unreadable: number;
  /** Distinct organisations that commented (as written, ignoring case). */
  organisations: number;
  /** In the version's section order, every section listed (zero included); unknown sections last. */
  bySection: Count[];
  bySector: Count[];
  byType: Count[];
  byChannel: Count[];
  byDisposition: Count[];
  /** Every day from the window's opening (or the first comment, if earlier) to its close (or the last comment). */
  timeline: DayCount[];
}

/** The key figures, in the order the page and the exports show them. */
export const KEY_FIGURES = ['total', 'organisations', 'responded', 'addressed', 'pending', 'unreadable'] as const satisfies readonly (keyof FeedbackStatistics)[];

export interface StatisticsOptions {
  /** Section ids of the version, in reading order. */
  sections: readonly string[];
  /** Time zone days are counted in (the consultation's). */
  timeZone: string;
  /** The consultation window, when the version had one. */
  window?: { opens: Date; closes: Date } | null;
}

export function feedbackStatistics(report: FeedbackReport, options: StatisticsOptions): FeedbackStatistics {
  const comments = report.comments;
  const tally = (keys: readonly string[], of: (c: (typeof comments)[number]) => string): Count[] => {
    const counts = new Map<string, number>(keys.map((k) => [k, 0]));
    for (const c of comments) counts.set(of(c), (counts.get(of(c)) ?? 0) + 1);
    return [...counts].map(([key, count]) => ({ key, count }));
  };
  const organisations = new Set(comments.map((c) => c.organisation?.trim().toLowerCase()).filter((o): o is string => Boolean(o)));
  return {
    total: comments.length,
    responded: comments.filter((c) => c.response).length,
    addressed: comments.filter((c) => c.addressedIn.length > 0).length,
    pending: comments.filter((c) => c.disposition === 'pending').length,
    unreadable: report.unreadable.length,
    organisations: organisations.size,
    bySection: tally(options.sections, (c) => c.section),
    bySector: tally(SECTORS, (c) => c.sector),
    byType: tally(COMMENT_TYPES, (c) => c.type),
    byChannel: tally(CHANNELS, (c) => c.channel),
    byDisposition: tally(REPORT_DISPOSITIONS, (c) => c.disposition),
    timeline: commentsPerDay(
      comments.map((c) => c.submittedAt),
      options.timeZone,
      options.window ?? null,
    ),
  };
}

/** Comments per local day, with the empty days in between, so a chart shows the quiet days too. */
export function commentsPerDay(times: readonly string[], timeZone: string, window: { opens: Date; closes: Date } | null): DayCount[] {
  const day = (t: DateTime) => t.setZone(timeZone).toISODate()!;
  const counts = new Map<string, number>();
  for (const time of times) {
    const d = day(DateTime.fromISO(time, { setZone: true }));
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const edges = [...counts.keys()];
  if (window) edges.push(day(DateTime.fromJSDate(window.opens)), day(DateTime.fromJSDate(window.closes)));
  if (edges.length === 0) return [];
  edges.sort();
  const out: DayCount[] = [];
  let cursor = DateTime.fromISO(edges[0]!, { zone: timeZone });
  const last = edges.at(-1)!;
  // A year of days at most: a stray date in a record must not make a chart of a thousand bars.
  for (let i = 0; i < 366; i++) {
    const date = cursor.toISODate()!;
    out.push({ date, count: counts.get(date) ?? 0 });
    if (date >= last) break;
    cursor = cursor.plus({ days: 1 });
  }
  return out;
}
