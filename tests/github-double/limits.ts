/**
 * GitHub's two kinds of rate limit, on the double's clock.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * The primary limit: 5,000 requests an hour for a user token, reported on
 * every response in `x-ratelimit-*`. The double counts and reports but does
 * not refuse on its own; `failNext('primary-rate-limit')` simulates running out.
 */
export class PrimaryLimit {
  readonly limit = 5_000;
  private used = 0;
  private windowStart: number | undefined;

  reset(): void {
    this.used = 0;
    this.windowStart = undefined;
  }

  /**
   * Counts one request. A 304 answered to an authorised request is free:
   * "does not count against your primary rate limit if the request is made
   * with a correctly authorized Authorization header".
   */
  count(now: number, free: boolean): void {
    this.roll(now);
    if (!free) this.used += 1;
  }

  headers(now: number, exhausted = false): Record<string, string> {
    this.roll(now);
    const used = exhausted ? this.limit : Math.min(this.used, this.limit);
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.limit - used),
      // Epoch seconds at which the window resets.
      'x-ratelimit-reset': String(Math.ceil(((this.windowStart ?? now) + HOUR) / 1000)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'core',
    };
  }

  private roll(now: number): void {
    if (this.windowStart === undefined || now >= this.windowStart + HOUR) {
      this.windowStart = now;
      this.used = 0;
    }
  }
}

/**
 * The secondary limit on content creation: "no more than 80 content-generating
 * requests per minute and no more than 500 content-generating requests per
 * hour". Sliding windows over the times of accepted requests.
 */
export class ContentCreationLimit {
  private readonly perMinute: number;
  private readonly perHour: number;
  private accepted: number[] = [];

  constructor(limits: { perMinute: number; perHour: number }) {
    this.perMinute = limits.perMinute;
    this.perHour = limits.perHour;
  }

  reset(): void {
    this.accepted = [];
  }

  /** Seconds the caller must wait, or 0 when the request is admitted (and counted). */
  admit(now: number): number {
    this.accepted = this.accepted.filter((time) => time > now - HOUR);
    const lastMinute = this.accepted.filter((time) => time > now - MINUTE);
    let waitMs = 0;
    if (lastMinute.length >= this.perMinute) waitMs = Math.max(waitMs, (lastMinute[0] ?? now) + MINUTE - now);
    if (this.accepted.length >= this.perHour) waitMs = Math.max(waitMs, (this.accepted[0] ?? now) + HOUR - now);
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    this.accepted.push(now);
    return 0;
  }
}

/**
 * The most requests in any window of `windowMs` ending at a request, given
 * their times in the order they arrived: what GitHub's sliding secondary
 * limits count, for tests and benchmarks that check a pace kept under them.
 */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[start]! <= times[end]! - windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
