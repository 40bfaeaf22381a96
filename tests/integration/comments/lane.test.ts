/**
 * Several dispatchers on one outbox file (the server's and `comments:sync
 * --watch`, or two servers on one host): only the holder of the filing lane
 * files, so each comment is still filed exactly once and GitHub sees one pace.
 * Each dispatcher opens the file on its own, as separate processes do.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type DispatchEvent } from '../../../src/lib/comments/dispatcher.ts';
import { openOutbox, type Outbox } from '../../../src/lib/comments/outbox.ts';
import { startHarness, type Harness } from './harness.ts';

describe('the filing lane', () => {
  let h: Harness;
  const opened: Outbox[] = [];
  const open = () => {
    const outbox = openOutbox(h.outboxPath, { now: () => new Date(h.clock.now) });
    opened.push(outbox);
    return outbox;
  };
  afterEach(async () => {
    for (const outbox of opened.splice(0)) await outbox.close();
    await h?.close();
  });

  it('makes a second dispatcher stand by while a process holds the lane, and take over when that process’s lease runs out', async () => {
    h = await startHarness();
    await h.acceptComments(5);
    // A process that took the lane and was then killed: it never gives it back.
    await h.outbox.holdLane({ id: 'killed', label: 'comments:sync (pid 4120 on web-1)' }, new Date(h.clock.now), 60_000);
    const second = createDispatcher({
      outbox: open(),
      github: h.github,
      now: () => new Date(h.clock.now),
      sleep: async (ms) => {
        h.clock.now += ms;
      },
      label: 'the server (pid 77 on web-1)',
    });

    const standing = await second.dispatchOnce({ maxWaitMs: 0 });
    expect(standing).toMatchObject({ created: 0, laneHeldBy: { label: 'comments:sync (pid 4120 on web-1)' } });
    expect(h.createRequests()).toHaveLength(0);

    h.clock.now += 60_000;
    const filing = await second.dispatchOnce();
    expect(filing).toMatchObject({ created: 5, retrying: 0 });
    expect(filing.laneHeldBy).toBeUndefined();
    expect([...h.issuesBySubmission().values()].every((numbers) => numbers.length === 1)).toBe(true);
    // A one-off run gives the lane back when it is done.
    expect(await h.outbox.laneHolder(new Date(h.clock.now))).toBeNull();
  });

  it('files each comment exactly once with two dispatchers running at once, and hands over when the filing one stops', async () => {
    h = await startHarness({ start: Date.now() });
    const events = { a: [] as DispatchEvent[], b: [] as DispatchEvent[] };
    const make = (name: 'a' | 'b') =>
      createDispatcher({ outbox: open(), github: h.github, label: `dispatcher ${name}`, pace: { minIntervalMs: 10 }, onEvent: (e) => events[name].push(e) });
    const filedBy = (name: 'a' | 'b') => events[name].filter((e) => e.type === 'filed').length;
    const progress = async () => `outbox ${JSON.stringify(await h.outbox.stats())}; a ${JSON.stringify(events.a)}; b ${JSON.stringify(events.b)}`;

    // Accepted a second apart, all before the dispatchers (on the real clock) start.
    h.clock.now = Date.now() - 60_000;
    const first = await h.acceptComments(20);
    const a = make('a').start({ pollMs: 100 });
    const b = make('b').start({ pollMs: 100 });
    await vi.waitFor(async () => expect((await h.outbox.stats()).filed, await progress()).toBe(20), { timeout: 30_000, interval: 50 });
    const issues = h.issuesBySubmission();
    expect(issues.size).toBe(20);
    for (const id of first) expect(issues.get(id), id).toHaveLength(1);
    // One filed them all; the other said it was standing by and filed none.
    const filer = filedBy('a') === 20 ? 'a' : 'b';
    const other = filer === 'a' ? 'b' : 'a';
    expect(filedBy(filer)).toBe(20);
    expect(filedBy(other)).toBe(0);
    expect(events[other]).toContainEqual(expect.objectContaining({ type: 'lane', held: false, by: `dispatcher ${filer}` }));

    await (filer === 'a' ? a : b).stop();
    h.clock.now = Date.now() - 60_000;
    const more = await h.acceptComments(5, 21);
    await vi.waitFor(async () => expect((await h.outbox.stats()).filed, await progress()).toBe(25), { timeout: 30_000, interval: 50 });
    await (filer === 'a' ? b : a).stop();
    expect(filedBy(other)).toBe(5);
    expect(events[other]).toContainEqual({ type: 'lane', held: true });
    const after = h.issuesBySubmission();
    expect(after.size).toBe(25);
    for (const id of [...first, ...more]) expect(after.get(id), id).toHaveLength(1);
    expect(h.createRequests()).toHaveLength(25);
  }, 60_000);

  it('gives back the comment in hand and the lane when stopped during a wait for the pace', async () => {
    // No labels yet: each label create counts against the pace, and the dispatcher
    // holds its claim on the comment while it waits a minute for the second one.
    h = await startHarness({ start: Date.now() });
    h.clock.now = Date.now();
    const [id] = await h.acceptComments(1);
    const dispatcher = createDispatcher({ outbox: h.outbox, github: h.github, label: 'the server', pace: { minIntervalMs: 60_000 } });
    const running = dispatcher.start({ pollMs: 60_000 });
    await vi.waitFor(
      async () => {
        expect(h.gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/labels'))).toHaveLength(1);
        expect((await h.outbox.get(id!))?.status).toBe('dispatching');
      },
      { timeout: 15_000, interval: 20 },
    );

    // The wait ends with the stop: a minute's wait would outlast this test.
    await running.stop();
    expect((await h.outbox.get(id!))?.status).toBe('pending');
    expect(await h.outbox.laneHolder(new Date())).toBeNull();
    expect(h.createRequests()).toHaveLength(0);
  }, 30_000);
});
