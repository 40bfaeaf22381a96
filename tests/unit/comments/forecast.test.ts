import { describe, expect, it } from 'vitest';
import { backlogJson, describeBacklog, forecastBacklog, readBacklog } from '../../../src/lib/comments/forecast.ts';
import { DEFAULT_PACE, createPace, type PaceOptions } from '../../../src/lib/comments/pace.ts';

const now = new Date('2026-03-14T15:00:00Z');
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const at = (ms: number) => new Date(now.getTime() + ms);

/** The pace stepped once per waiting comment: what the forecast must equal. */
function simulate(waiting: number, recent: number[], pace: Partial<PaceOptions> = {}): number {
  const p = createPace(pace, recent);
  let t = now.getTime();
  for (let i = 0; i < waiting; i++) {
    t = p.nextSlot(t);
    p.record(t);
  }
  return t;
}

/** The times a pace gives `n` creates from `start` on, with nothing before. */
function paced(n: number, start: number): Date[] {
  const p = createPace();
  const times: Date[] = [];
  let t = start;
  for (let i = 0; i < n; i++) {
    t = p.nextSlot(t);
    p.record(t);
    times.push(new Date(t));
  }
  return times;
}

describe('backlog forecast', () => {
  it('has nothing to drain when nothing waits', () => {
    expect(forecastBacklog({ waiting: 0, filed: [], now })).toEqual({
      now,
      waiting: 0,
      filedLast10Minutes: 0,
      filedLastHour: 0,
      ratePerHour: { last10Minutes: 0, lastHour: 0 },
      drainedBy: now,
      filer: null,
      pace: DEFAULT_PACE,
    });
  });

  it('files 40 waiting comments 1.5 s apart, the last at +58.5 s, and the 41st a minute after the first', () => {
    expect(forecastBacklog({ waiting: 1, filed: [], now }).drainedBy).toEqual(now);
    expect(forecastBacklog({ waiting: 40, filed: [], now }).drainedBy).toEqual(at(58_500));
    expect(forecastBacklog({ waiting: 41, filed: [], now }).drainedBy).toEqual(at(MINUTE));
  });

  it('files 450 in the first hour and each further 450 an hour later', () => {
    // 450 = 11 minutes of 40, then 10 more 1.5 s apart.
    const firstHour = 11 * MINUTE + 9 * 1_500;
    expect(forecastBacklog({ waiting: 450, filed: [], now }).drainedBy).toEqual(at(firstHour));
    expect(forecastBacklog({ waiting: 451, filed: [], now }).drainedBy).toEqual(at(HOUR));
    expect(forecastBacklog({ waiting: 900, filed: [], now }).drainedBy).toEqual(at(HOUR + firstHour));
    // 1,000 = two full hours, then 100 more: 2 minutes of 40 and 20 more.
    const thousand = forecastBacklog({ waiting: 1_000, filed: [], now }).drainedBy;
    expect(thousand).toEqual(at(2 * HOUR + 2 * MINUTE + 19 * 1_500));
    expect(thousand.getTime()).toBe(simulate(1_000, []));
    // 100,000 = 222 hours of 450, then 100 more (9 days 6 hours).
    expect(forecastBacklog({ waiting: 100_000, filed: [], now }).drainedBy).toEqual(at(222 * HOUR + 2 * MINUTE + 19 * 1_500));
  });

  it('waits for the oldest of 450 creates in the last hour to leave the window', () => {
    const filed = paced(450, now.getTime() - 50 * MINUTE);
    const forecast = forecastBacklog({ waiting: 1, filed, now });
    expect(forecast.filedLastHour).toBe(450);
    expect(forecast.drainedBy).toEqual(at(10 * MINUTE));
    expect(forecastBacklog({ waiting: 450, filed, now }).drainedBy).toEqual(at(10 * MINUTE + 11 * MINUTE + 9 * 1_500));
  });

  it('counts the filing rate over the last 10 minutes and the last hour, as the pace counts its windows', () => {
    const filed = [
      at(-HOUR), // left the hour already
      at(-HOUR + 1),
      ...Array.from({ length: 8 }, (_, i) => at(-30 * MINUTE + i * SECOND)),
      at(-10 * MINUTE),
      ...Array.from({ length: 5 }, (_, i) => at(-MINUTE + i * 2 * SECOND)),
    ];
    const forecast = forecastBacklog({ waiting: 3, filed, now });
    expect(forecast).toMatchObject({ filedLast10Minutes: 5, filedLastHour: 15, ratePerHour: { last10Minutes: 30, lastHour: 15 } });
  });

  it('equals the pace stepped comment by comment, whatever came before', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const small: PaceOptions = { minIntervalMs: 1_000, perMinute: 5, perHour: 20 };
    for (let round = 0; round < 40; round++) {
      // Creates from before now, some closer together than the pace would allow (another process, a clock).
      const recent = Array.from({ length: Math.floor(random() * 30) }, () => now.getTime() - Math.floor(random() * HOUR));
      for (const waiting of [1, 5, 19, 20, 21, 26, 45, 64, 137]) {
        const filed = recent.map((t) => new Date(t));
        expect(forecastBacklog({ waiting, filed, now, pace: small }).drainedBy.getTime(), `${round}: ${waiting}`).toBe(simulate(waiting, recent, small));
      }
    }
    for (const recent of [[], paced(450, now.getTime() - 50 * MINUTE).map((d) => d.getTime()), [now.getTime() - 30 * MINUTE, now.getTime() - 2 * SECOND]]) {
      for (const waiting of [449, 491, 1_337, 3_000]) {
        const filed = recent.map((t) => new Date(t));
        expect(forecastBacklog({ waiting, filed, now }).drainedBy.getTime()).toBe(simulate(waiting, recent));
      }
    }
    // A minute's limit looser than the hour's: only the hour and the interval count.
    const loose: PaceOptions = { minIntervalMs: 500, perMinute: 50, perHour: 30 };
    expect(forecastBacklog({ waiting: 100, filed: [], now, pace: loose }).drainedBy.getTime()).toBe(simulate(100, [], loose));
  });

  it('reads an outbox\'s backlog at the pace the dispatcher was given (CONSULTA_FILING_PACE), the default without one', async () => {
    const outbox = { stats: async () => ({ pending: 400, dispatching: 0, filed: 0, failed: 0, total: 400, oldestUnfiledAt: now }), filedSince: async () => [], laneHolder: async () => null };
    const scaled = { perMinute: 400, perHour: 4_500, minIntervalMs: 150 };
    const fast = await readBacklog(outbox, now, undefined, scaled);
    expect(fast.pace).toEqual(scaled);
    expect(fast.drainedBy).toEqual(new Date(simulate(400, [], scaled)));
    expect((await readBacklog(outbox, now)).drainedBy).toEqual(new Date(simulate(400, [])));
  });

  it('says in one line how many wait, by when they will all be filed, and who files them', () => {
    const filer = { label: 'the server (pid 4120 on web-1)' };
    const idle = { filed: [at(-20 * MINUTE)], now };
    expect(describeBacklog(forecastBacklog({ ...idle, waiting: 0, filer }))).toBe('nothing waiting; 1 filed in the last hour; the server (pid 4120 on web-1) is filing');
    expect(describeBacklog(forecastBacklog({ ...idle, waiting: 0 }))).toBe('nothing waiting; 1 filed in the last hour; nobody is filing (no process holds the filing lane)');

    expect(describeBacklog(forecastBacklog({ waiting: 1_204, filed: [], now, filer }))).toBe(
      "1,204 waiting: at GitHub's pace (40 a minute, 450 an hour) all filed by 17:08 UTC (in about 2 h 8 min); 0 filed in the last hour; the server (pid 4120 on web-1) is filing",
    );
    expect(describeBacklog(forecastBacklog({ waiting: 1_204, filed: [], now, filer: null }))).toBe(
      "1,204 waiting: once a process files them, at GitHub's pace (40 a minute, 450 an hour) all filed in about 2 h 8 min; 0 filed in the last hour; nobody is filing (no process holds the filing lane)",
    );
    expect(describeBacklog(forecastBacklog({ waiting: 1, filed: [], now }))).toBe(
      "1 waiting: once a process files them, at GitHub's pace (40 a minute, 450 an hour) all filed within a second; 0 filed in the last hour; nobody is filing (no process holds the filing lane)",
    );
    expect(describeBacklog(forecastBacklog({ waiting: 12, filed: [], now, filer }))).toMatch(
      /^12 waiting: at GitHub's pace \(40 a minute, 450 an hour\) all filed by 15:01 UTC \(in about 17 s\);/,
    );
    expect(describeBacklog(forecastBacklog({ waiting: 100_000, filed: [], now, filer }))).toMatch(
      /^100,000 waiting: at GitHub's pace \(40 a minute, 450 an hour\) all filed by 2026-03-23 21:03 UTC \(in about 9 days 6 h\);/,
    );
  });

  it('gives monitoring the figures as JSON, with a finish time only when someone is filing', () => {
    const filer = { label: 'comments:sync (pid 77 on cron-1)' };
    const filed = [at(-5 * MINUTE), at(-40 * MINUTE)];
    expect(backlogJson(forecastBacklog({ waiting: 1_204, filed, now, filer }))).toEqual({
      waiting: 1_204,
      filedLast10Minutes: 1,
      filedLastHour: 2,
      ratePerHour: { last10Minutes: 6, lastHour: 2 },
      pace: { perMinute: 40, perHour: 450 },
      secondsToDrain: 2 * 3_600 + 7 * 60 + 35,
      drainedBy: '2026-03-14T17:07:34.500Z',
      filing: 'comments:sync (pid 77 on cron-1)',
    });
    expect(backlogJson(forecastBacklog({ waiting: 1_204, filed, now }))).toMatchObject({ secondsToDrain: 7_655, drainedBy: null, filing: null });
    expect(backlogJson(forecastBacklog({ waiting: 0, filed, now, filer }))).toMatchObject({ waiting: 0, secondsToDrain: 0, drainedBy: null });
  });
});
