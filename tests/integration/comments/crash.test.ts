import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../github-double/index.ts';
import { createDispatcher } from '../../../src/lib/comments/dispatcher.ts';
import { openOutbox } from '../../../src/lib/comments/outbox.ts';
import { startHarness, type Harness } from './harness.ts';

const node = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
const child = fileURLToPath(new URL('./accept-then-crash.ts', import.meta.url));
const isCreate = (r: RecordedRequest) => r.method === 'POST' && /\/repos\/[^/]+\/[^/]+\/issues$/.test(r.path);
const isLabelCreate = (r: RecordedRequest) => r.method === 'POST' && /\/labels$/.test(r.path);

/** Runs the child to its SIGKILL; resolves with what it printed. */
/**
 * Runs the child with its clock set to `acceptedAt`: the test computes the
 * references it expects from that same moment, so they agree even when the
 * test runs across midnight on 31 December.
 */
function runChild(args: string[], acceptedAt: Date): Promise<{ signal: NodeJS.Signals | null; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(node, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ACCEPT_THEN_CRASH_AT: acceptedAt.toISOString() } });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A fresh outbox connection and dispatcher, as a restarted server or `comments:sync` would have. */
async function freshDispatcher(h: Harness) {
  await h.outbox.close();
  const outbox = openOutbox(h.outboxPath, { now: () => new Date(h.clock.now) });
  h.outbox = outbox;
  return createDispatcher({ outbox, github: h.github, now: () => new Date(h.clock.now), sleep: async (ms) => void (h.clock.now += ms) });
}

describe('a process killed with SIGKILL', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('loses no accepted comment, and a fresh dispatcher files each exactly once', async () => {
    h = await startHarness({ start: Date.now() });
    const N = 12;
    const acceptedAt = new Date(h.clock.now);
    const run = await runChild([h.outboxPath, String(N)], acceptedAt);
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');
    const references = run.stdout.trim().split('\n');
    expect(references).toHaveLength(N);

    const dispatcher = await freshDispatcher(h);
    expect(await h.outbox.stats()).toMatchObject({ pending: N, total: N });
    expect((await h.outbox.list()).map((e) => e.reference)).toEqual(references);
    const summary = await dispatcher.dispatchOnce();
    expect(summary).toMatchObject({ created: N, foundByLookup: 0, failed: 0 });

    const issues = h.issuesBySubmission();
    expect(issues.size).toBe(N);
    for (const numbers of issues.values()) expect(numbers).toHaveLength(1);
    expect(await h.outbox.stats()).toMatchObject({ filed: N });
    const labelPosts = h.gh.requests.filter(isLabelCreate).map((r) => (r.body as { name: string }).name);
    expect(new Set(labelPosts).size).toBe(labelPosts.length);
    expect(labelPosts).toContain('unverified');
  }, 60_000);

  it('dies between sending a create and hearing back; the next dispatcher finds the issue instead of creating it again', async () => {
    h = await startHarness({ start: Date.now(), double: { slowMs: 30_000 } });
    h.gh.failWhen(isCreate, 'slow');
    const N = 4;
    const acceptedAt = new Date(h.clock.now);
    const run = await runChild([h.outboxPath, String(N), h.gh.url], acceptedAt);
    expect(run.signal).toBe('SIGKILL');
    expect(run.stdout.trim().split('\n')).toEqual([...Array.from({ length: N }, (_, i) => `BZ-${acceptedAt.getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`), 'create sent']);
    expect(h.gh.requests.filter(isCreate)).toHaveLength(1);

    const dispatcher = await freshDispatcher(h);
    expect(await h.outbox.stats()).toMatchObject({ dispatching: 1, pending: N - 1 });
    // The dead process held the filing lane: nobody files until its minute's lease runs out.
    const standing = await dispatcher.dispatchOnce({ maxWaitMs: 60_000 });
    expect(standing).toMatchObject({ created: 0, laneHeldBy: { label: 'a dispatcher', until: new Date(acceptedAt.getTime() + 60_000) } });
    expect(h.gh.requests.filter(isCreate)).toHaveLength(1);
    h.clock.now = acceptedAt.getTime() + 60_000;
    // Within the dead process's claim nobody takes its comment; after it, the comment is looked for first.
    await dispatcher.dispatchOnce({ maxWaitMs: 60_000 });
    expect(await h.outbox.stats()).toMatchObject({ dispatching: 1, filed: N - 1 });
    h.clock.now += 6 * 60_000;
    const summary = await dispatcher.dispatchOnce();
    expect(summary).toMatchObject({ created: 0, foundByLookup: 1 });

    const issues = h.issuesBySubmission();
    expect(issues.size).toBe(N);
    for (const numbers of issues.values()) expect(numbers).toHaveLength(1);
    expect(h.gh.requests.filter(isCreate)).toHaveLength(N);
    const labelPosts = h.gh.requests.filter(isLabelCreate).map((r) => (r.body as { name: string }).name);
    expect(new Set(labelPosts).size).toBe(labelPosts.length);
  }, 60_000);
});
