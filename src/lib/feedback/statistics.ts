/**
 * The figures of "What we heard": totals, counts by section, sector, type,
 * channel and disposition, and comments per day across the consultation.
 * Counts carry keys, not words: the page and the exports name them through
 * the translations.
 */
import { DateTime } from 'luxon';
import { CHANNELS, COMMENT_TYPES } from '../comments/schema.ts';
import { SECTORS } from '../stakeholders/sectors.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { REPORT_DISPOSITIONS, type FeedbackReport } from './schema.ts';

/** One bar of a chart, one row of its table. */
export interface Count {
  key: string;
  count: number;
  /** Distinct voices: each group of identical or near-identical comments counted once, like each comment in none. */
  voices: number;
}

/** Comments received on one local day. */
export interface DayCount {
  /** `YYYY-MM-DD` in the consultation's time zone. */
  date: string;
  count: number;
  /** Distinct voices heard that day (a group counts once on each day it received comments). */
  voices: number;
}

export interface FeedbackStatistics {
  /** Public comments (spam and unreadable issues excluded). */
  total: number;
  /** Distinct voices: each group of identical or near-identical comments counted once, like each comment in none. */
  voices: number;
  /** Groups of identical or near-identical comments. */
  groups: number;
  /** Suspicious patterns flagged. */
  flags: number;
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
export const KEY_FIGURES = ['total', 'voices', 'groups', 'organisations', 'responded', 'addressed', 'pending', 'unreadable', 'flags'] as const satisfies readonly (keyof FeedbackStatistics)[];
type KeyFigure = (typeof KEY_FIGURES)[number];

/** The translation key naming a key figure. */
export function keyFigureLabel(figure: KeyFigure): MessageKey {
  return figure === 'voices' || figure === 'groups' || figure === 'flags' ? `feedback.campaign.figure.${figure}` : `feedback.figure.${figure}`;
}

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
  // A voice is a group, or a comment in none.
  const voice = (c: (typeof comments)[number]) => c.group ?? c.reference;
  const tally = (keys: readonly string[], of: (c: (typeof comments)[number]) => string): Count[] => {
    const counts = new Map<string, { count: number; voices: Set<string> }>(keys.map((k) => [k, { count: 0, voices: new Set() }]));
    for (const c of comments) {
      const key = of(c);
      const entry = counts.get(key) ?? { count: 0, voices: new Set<string>() };
      entry.count++;
      entry.voices.add(voice(c));
      counts.set(key, entry);
    }
    return [...counts].map(([key, { count, voices }]) => ({ key, count, voices: voices.size }));
  };
  const organisations = new Set(comments.map((c) => c.organisation?.trim().toLowerCase()).filter((o): o is string => Boolean(o)));
  return {
    total: comments.length,
    voices: new Set(comments.map(voice)).size,
    groups: report.groups.length,
    flags: report.flags.length,
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
      comments.map((c) => ({ time: c.submittedAt, voice: voice(c) })),
      options.timeZone,
      options.window ?? null,
    ),
  };
}

/** Comments (and distinct voices) per local day, with the empty days in between, so a chart shows the quiet days too. */
export function commentsPerDay(
  received: readonly { time: string; voice: string }[],
  timeZone: string,
  window: { opens: Date; closes: Date } | null,
): DayCount[] {
  const day = (t: DateTime) => t.setZone(timeZone).toISODate()!;
  const counts = new Map<string, number>();
  const voices = new Map<string, Set<string>>();
  for (const { time, voice } of received) {
    const d = day(DateTime.fromISO(time, { setZone: true }));
    counts.set(d, (counts.get(d) ?? 0) + 1);
    const set = voices.get(d) ?? new Set<string>();
    set.add(voice);
    voices.set(d, set);
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
    out.push({ date, count: counts.get(date) ?? 0, voices: voices.get(date)?.size ?? 0 });
    if (date >= last) break;
    cursor = cursor.plus({ days: 1 });
  }
  return out;
}
