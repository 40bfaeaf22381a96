import { afterEach, describe, expect, it, vi } from 'vitest';
import { busiestWindow, type RecordedRequest } from '../../github-double/index.ts';
import { createDispatcher } from '../../../src/lib/comments/dispatcher.ts';
import { startHarness, type Harness } from './harness.ts';

const isContentCreating = (r: RecordedRequest) => r.method === 'POST';
const isCreate = (r: RecordedRequest) => r.method === 'POST' && /\/repos\/[^/]+\/[^/]+\/issues$/.test(r.path);


describe('dispatcher pace', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('never exceeds 40 creates a minute or 450 an hour, so GitHub never refuses one', async () => {
    // The double enforces GitHub's documented limits (80 a minute, 500 an hour).
    h = await startHarness({ double: { enforceSecondaryLimit: { perMinute: 80, perHour: 500 } } });
    const ids = await h.acceptComments(500);
    const started = h.clock.now;
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 2 * 3_600_000 });
    expect(summary).toMatchObject({ created: 500, retrying: 0 });
    expect(h.gh.requests.some((r) => r.status === 403 || r.status === 429)).toBe(false);

    const times = h.gh.requests.filter(isContentCreating).map((r) => r.at);
    expect(busiestWindow(times, 60_000)).toBeLessThanOrEqual(40);
    expect(busiestWindow(times, 3_600_000)).toBeLessThanOrEqual(450);
    // Counted per clock minute as well as in sliding windows.
    const perMinute = new Map<number, number>();
    for (const t of times) perMinute.set(Math.floor(t / 60_000), (perMinute.get(Math.floor(t / 60_000)) ?? 0) + 1);
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(40);
    // It is a pace, not a stall: 450 in the first hour, the rest soon after.
    const creates = h.gh.requests.filter(isCreate).map((r) => r.at);
    expect(creates.filter((t) => t < started + 3_600_000).length).toBeGreaterThanOrEqual(430);
    expect(h.clock.now - started).toBeLessThan(2 * 3_600_000);
    expect(h.issuesBySubmission().size).toBe(ids.length);
  }, 120_000);

  it('backs off when GitHub reports a secondary limit anyway (another client on the same token)', async () => {
    h = await startHarness({ double: { enforceSecondaryLimit: { perMinute: 5, perHour: 500 } } });
    const ids = await h.acceptComments(12);
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 3_600_000 });
    const refused = h.gh.requests.filter((r) => r.status === 403);
    expect(refused.length).toBeGreaterThan(0);
    expect(summary.created).toBe(12);
    // Waiting as long as retry-after said means the next attempt is let through.
    for (const r of refused) {
      const next = h.gh.requests.slice(h.gh.requests.indexOf(r) + 1).find(isContentCreating)!;
      expect(next.status).toBe(201);
      expect(next.at - r.at).toBeGreaterThanOrEqual(1_000);
    }
    expect(h.issuesBySubmission().size).toBe(ids.length);
    for (const numbers of h.issuesBySubmission().values()) expect(numbers).toHaveLength(1);
  }, 60_000);

  it('respects the hour after a restart, counting comments filed before it', async () => {
    h = await startHarness({ dispatcher: { pace: { perHour: 10, perMinute: 40, minIntervalMs: 1_500 } } });
    // Label creates (a few in a repository's life) are not remembered across a restart; the
    // default pace leaves 50 an hour of headroom for them. Here the labels exist already.
    h.seedLabels();
    await h.acceptComments(15);
    const first = await h.dispatcher.dispatchOnce({ maxWaitMs: 60_000 });
    expect(first.created).toBe(10);
    expect(first.stoppedBy).toMatch(/the pace allows the next create in \d+ s/);
    // A new dispatcher (a restarted server) still sees the ten creates of this hour.
    const restarted = createDispatcher({
      outbox: h.outbox,
      github: h.github,
      now: () => new Date(h.clock.now),
      sleep: async (ms) => void (h.clock.now += ms),
      pace: { perHour: 10, perMinute: 40, minIntervalMs: 1_500 },
    });
    expect((await restarted.dispatchOnce({ maxWaitMs: 60_000 })).created).toBe(0);
    expect((await restarted.dispatchOnce({ maxWaitMs: 3_600_000 })).created).toBe(5);
  });

  it('keeps going when a timer fires a little early by the wall clock, as Node timers can', async () => {
    // Timers run on the monotonic clock and the pace on Date.now(), so a 1.5 s wait can end
    // with the wall clock 1 ms short of the slot. That must mean "wait 1 ms more", not "stop".
    h = await startHarness({
      dispatcher: {
        pace: { minIntervalMs: 1_500, perMinute: 40, perHour: 450 },
        sleep: async (ms) => void (h.clock.now += Math.max(1, ms - 1)),
      },
    });
    h.seedLabels();
    await h.acceptComments(3);
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 60_000 });
    expect(summary).toEqual({ created: 3, batches: 0, batched: 0, foundByLookup: 0, retrying: 0, failed: 0 });
  });

  it('keeps the throttling plugin from repeating a refused create (real time, a few seconds)', async () => {
    h = await startHarness({ throttling: true, start: Date.now() });
    h.seedLabels();
    const ids = await h.acceptComments(2);
    h.gh.failWhen(isCreate, 'secondary-rate-limit');
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 3_600_000 });
    expect(summary).toMatchObject({ created: 2, retrying: 1 });
    expect(h.gh.requests.filter(isCreate)).toHaveLength(3);
    expect(h.issuesBySubmission().size).toBe(ids.length);
  }, 30_000);
});

describe('continuous dispatcher', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('files comments as they arrive when woken, and stops cleanly', async () => {
    // Real time on a machine other tests keep busy: a quick retry if a request is slow
    // anyway, so the test is about waking, not about timeouts.
    h = await startHarness({ start: Date.now() });
    const dispatcher = createDispatcher({
      outbox: h.outbox,
      github: h.github,
      pace: { minIntervalMs: 10 },
      retry: { baseMs: 200, maxMs: 1_000 },
      onEvent: (e) => h.events.push(e),
    });
    const progress = async () => `outbox ${JSON.stringify(await h.outbox.stats())}; events ${JSON.stringify(h.events)}`;
    const running = dispatcher.start({ pollMs: 60_000 });
    h.clock.now = Date.now();
    await h.acceptComments(1, 1);
    running.wake();
    await vi.waitFor(async () => expect((await h.outbox.stats()).filed, await progress()).toBe(1), { timeout: 15_000, interval: 20 });
    h.clock.now = Date.now();
    await h.acceptComments(2, 2);
    running.wake();
    await vi.waitFor(async () => expect((await h.outbox.stats()).filed, await progress()).toBe(3), { timeout: 25_000, interval: 20 });
    await running.stop();
    expect(h.issuesBySubmission().size).toBe(3);
    expect(h.events.filter((e) => e.type === 'filed')).toHaveLength(3);
  }, 60_000);
});
