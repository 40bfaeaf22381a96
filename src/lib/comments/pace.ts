/**
 * The pace of content-creating requests (issue and label creates), kept
 * under GitHub's secondary limits of 80 a minute and 500 an hour per identity
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits)
 * with room to spare for maintainers' own work under the same identity.
 *
 * A minimum interval between creates, plus sliding windows (at most `max`
 * creates in any `windowMs`): a sliding window never lets through more than a
 * token bucket of the same size would, and it is easy to check in a test.
 */

export interface PaceOptions {
  /** Least time between two creates. Default 1,500 ms: at most 40 a minute. */
  minIntervalMs: number;
  /** At most this many creates in any hour. Default 450. */
  perHour: number;
  /** At most this many creates in any minute. Default 40. */
  perMinute: number;
}

export const DEFAULT_PACE: PaceOptions = { minIntervalMs: 1_500, perHour: 450, perMinute: 40 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Pace {
  /** The earliest time (ms) a create may be sent, given the pace and any pause. */
  nextSlot(nowMs: number): number;
  /** A create was sent at `atMs`. */
  record(atMs: number): void;
  /** No create before `untilMs` (a rate-limit answer). */
  pauseUntil(untilMs: number): void;
}

/** A pace, optionally seeded with recent creates (e.g. from the outbox, after a restart). */
export function createPace(options: Partial<PaceOptions> = {}, recent: readonly number[] = []): Pace {
  const { minIntervalMs, perHour, perMinute } = { ...DEFAULT_PACE, ...options };
  const sent: number[] = [...recent].sort((a, b) => a - b);
  let paused = 0;

  const windowSlot = (nowMs: number, windowMs: number, max: number) => {
    const inWindow = sent.filter((t) => t > nowMs - windowMs);
    // The create that must leave the window before another may enter it.
    return inWindow.length >= max ? inWindow[inWindow.length - max]! + windowMs : nowMs;
  };

  return {
    nextSlot(nowMs) {
      while (sent.length && sent[0]! <= nowMs - HOUR) sent.shift();
      const last = sent.length ? sent[sent.length - 1]! + minIntervalMs : nowMs;
      return Math.max(nowMs, last, paused, windowSlot(nowMs, MINUTE, perMinute), windowSlot(nowMs, HOUR, perHour));
    },
    record(atMs) {
      sent.push(atMs);
    },
    pauseUntil(untilMs) {
      paused = Math.max(paused, untilMs);
    },
  };
}
