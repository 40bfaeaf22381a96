/**
 * When the comments waiting in the outbox will be on GitHub: how fast they
 * are being filed, and the instant the last one would be filed if filing goes
 * on at the pace (pace.ts) from now.
 *
 * The forecast is the pace's own schedule, not an average: the creates of the
 * last hour count against the hourly window exactly as they do for the
 * dispatcher after a restart (the outbox's filed times). It is a best case: a GitHub error, a retry's
 * back-off, a label created on the way or nobody holding the filing lane only
 * make it later.
 */
import type { LaneHolder, Outbox } from './outbox.ts';
import { DEFAULT_PACE, type PaceOptions } from './pace.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Backlog {
  now: Date;
  /** Comments accepted and not yet filed (pending or being filed). */
  waiting: number;
  /** Comments filed in the last 10 minutes and in the last hour. */
  filedLast10Minutes: number;
  filedLastHour: number;
  /** The filing rate, per hour, measured over the last 10 minutes and over the last hour. */
  ratePerHour: { last10Minutes: number; lastHour: number };
  /** When the last waiting comment would be filed at the pace, filing from now; `now` when nothing waits. */
  drainedBy: Date;
  /** The process holding the filing lane (see `Outbox.holdLane`), or null when nobody files. */
  filer: Pick<LaneHolder, 'label'> | null;
  pace: PaceOptions;
}

/**
 * `filed` holds the times comments were filed in the last hour or so (the
 * outbox's `filedSince(now - 1 h)`); older ones are ignored.
 */
export function forecastBacklog(input: {
  waiting: number;
  filed: readonly Date[];
  now: Date;
  filer?: Pick<LaneHolder, 'label'> | null;
  pace?: Partial<PaceOptions>;
}): Backlog {
  const nowMs = input.now.getTime();
  const pace = { ...DEFAULT_PACE, ...input.pace };
  // The pace's windows: a create at exactly `now - 1 h` has already left the hour.
  const recent = input.filed.map((d) => d.getTime()).filter((t) => t > nowMs - HOUR);
  const last10Minutes = recent.filter((t) => t > nowMs - 10 * MINUTE).length;
  return {
    now: input.now,
    waiting: input.waiting,
    filedLast10Minutes: last10Minutes,
    filedLastHour: recent.length,
    ratePerHour: { last10Minutes: last10Minutes * 6, lastHour: recent.length },
    drainedBy: new Date(drainTime(input.waiting, recent, pace, nowMs)),
    filer: input.filer ? { label: input.filer.label } : null,
    pace,
  };
}

/**
 * The backlog of an outbox at `now`, at the pace the dispatcher files at
 * (CONSULTA_FILING_PACE; the default when not given). Pass `stats` when
 * already read: counting a large outbox is the costly part.
 */
export async function readBacklog(
  outbox: Pick<Outbox, 'stats' | 'filedSince' | 'laneHolder'>,
  now: Date,
  known?: Pick<Awaited<ReturnType<Outbox['stats']>>, 'pending' | 'dispatching'>,
  pace?: PaceOptions,
): Promise<Backlog> {
  const stats = known ?? (await outbox.stats());
  return forecastBacklog({
    waiting: stats.pending + stats.dispatching,
    filed: await outbox.filedSince(new Date(now.getTime() - HOUR)),
    now,
    filer: await outbox.laneHolder(now),
    pace,
  });
}

/** What `GET /api/status` and `comments:list --json` say of the backlog. */
interface BacklogJson {
  waiting: number;
  filedLast10Minutes: number;
  filedLastHour: number;
  ratePerHour: { last10Minutes: number; lastHour: number };
  pace: { perMinute: number; perHour: number };
  /** Seconds from now (or from when a process starts filing) until the last waiting comment is filed at the pace. */
  secondsToDrain: number;
  /** When the last waiting comment will be filed at the pace (ISO 8601); null when nothing waits, or nobody is filing. */
  drainedBy: string | null;
  /** The process filing comments, as it names itself; null when nobody does. */
  filing: string | null;
}

export function backlogJson(backlog: Backlog): BacklogJson {
  const { waiting, filer } = backlog;
  return {
    waiting,
    filedLast10Minutes: backlog.filedLast10Minutes,
    filedLastHour: backlog.filedLastHour,
    ratePerHour: backlog.ratePerHour,
    pace: { perMinute: backlog.pace.perMinute, perHour: backlog.pace.perHour },
    secondsToDrain: Math.ceil((backlog.drainedBy.getTime() - backlog.now.getTime()) / 1000),
    drainedBy: waiting > 0 && filer ? backlog.drainedBy.toISOString() : null,
    filing: filer?.label ?? null,
  };
}

/**
 * The time of the `waiting`-th create from `nowMs` on, at the pace, after the
 * `recent` creates.
 *
 * Each slot is the latest of: now, the previous create + the least interval,
 * the create `perMinute` back + a minute, and the create `perHour` back + an
 * hour. That is `createPace`'s `nextSlot` when each create is sent as soon as
 * it allows (the unit tests hold the two equal), computed here in constant time
 * per slot rather than by filtering the hour's creates for each one.
 *
 * Once the hourly window is full the schedule repeats hour after hour, so the
 * loop stops early and jumps ahead: a million waiting comments cost what a few
 * hundred do. Why it repeats: if the last `perMinute` slots (at least one)
 * each came exactly an hour after the slot `perHour` before it, and those
 * earlier slots were themselves waiting comments' (so they obeyed every rule,
 * unlike creates from before `now`, which may come from elsewhere), then each
 * term of the next slot is an hour after the same term of its `perHour`-th
 * predecessor, which that predecessor was already at least: the next slot is
 * an hour after it too, and by induction every later one is.
 */
function drainTime(waiting: number, recent: readonly number[], pace: PaceOptions, nowMs: number): number {
  if (waiting <= 0) return nowMs;
  // Every create, oldest first: those of the last hour, then each waiting comment's slot.
  const times = [...recent].sort((a, b) => a - b);
  const first = times.length;
  const last = first + waiting - 1;
  const after = (k: number, back: number, gapMs: number) => (k - back >= 0 ? times[k - back]! + gapMs : -Infinity);
  const period = Number.isInteger(pace.perHour) && pace.perHour > 0 ? pace.perHour : Infinity;
  // The minute's limit only binds when it is tighter than the hour's.
  const lags = pace.perMinute < period ? Math.max(1, pace.perMinute) : 1;
  let repeating = 0;
  for (let k = first; k <= last; k++) {
    const slot = Math.max(nowMs, after(k, 1, pace.minIntervalMs), after(k, pace.perMinute, MINUTE), after(k, pace.perHour, HOUR));
    times.push(slot);
    repeating = k - period >= first && slot === times[k - period]! + HOUR ? repeating + 1 : 0;
    if (repeating >= lags && k < last) {
      // Slot `last` is an hour after slot `last - period`, two after `last - 2·period`…: go back to one already stepped.
      const hours = Math.ceil((last - k) / period);
      return times[last - hours * period]! + hours * HOUR;
    }
  }
  return times[last]!;
}

/**
 * One line for a person: how many comments wait, when the pace would have
 * them all on GitHub, and who is filing them, e.g. "1,204 waiting: at
 * GitHub's pace (40 a minute, 450 an hour) all filed by 17:08 UTC (in about
 * 2 h 8 min); 0 filed in the last hour; the server (pid 4120 on web-1) is filing".
 */
export function describeBacklog(backlog: Backlog): string {
  const { filer, now } = backlog;
  const rate = `${count(backlog.filedLastHour)} filed in the last hour`;
  const who = filer ? `${filer.label} is filing` : 'nobody is filing (no process holds the filing lane)';
  if (backlog.waiting === 0) return `nothing waiting; ${rate}; ${who}`;
  const at = `GitHub's pace (${count(backlog.pace.perMinute)} a minute, ${count(backlog.pace.perHour)} an hour)`;
  const left = backlog.drainedBy.getTime() - now.getTime();
  const eta = left < 1_000 ? 'within a second' : filer ? `by ${clock(backlog.drainedBy, now)} (in about ${duration(left)})` : `in about ${duration(left)}`;
  const when = `${filer ? '' : 'once a process files them, '}at ${at} all filed ${eta}`;
  return `${count(backlog.waiting)} waiting: ${when}; ${rate}; ${who}`;
}

const count = (n: number) => n.toLocaleString('en-GB');

/** "17:40 UTC" today (UTC), else "2026-03-14 17:40 UTC"; rounded up to the minute, since it is a "by". */
function clock(at: Date, now: Date): string {
  const minute = new Date(Math.ceil(at.getTime() / MINUTE) * MINUTE).toISOString();
  const day = minute.slice(0, 10);
  return `${day === now.toISOString().slice(0, 10) ? '' : `${day} `}${minute.slice(11, 16)} UTC`;
}

/** "45 s", "12 min", "2 h 40 min", "9 days 6 h". */
function duration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${days} days${hours % 24 ? ` ${hours % 24} h` : ''}`;
}
