/**
 * Batch filing against the GitHub double: while the forecast is over the
 * bound, one issue per section per batch; under it, one per comment; and
 * exactly once through a lost answer, as for a single comment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseBatchBody, renderBatchIssue } from '../../../src/lib/comments/batch-body.ts';
import type { RecordedRequest } from '../../github-double/index.ts';
import { startHarness, type Harness } from './harness.ts';

const HOUR = 3_600_000;
const isCreate = (r: RecordedRequest) => r.method === 'POST' && /\/repos\/[^/]+\/[^/]+\/issues$/.test(r.path);
// 10 a minute, 60 an hour: one by one, 120 waiting comments take 1 h 6 min (60 in the first 6 minutes, 60 more an hour later).
const pace = { perMinute: 10, perHour: 60, minIntervalMs: 6_000 };

async function expectEachFiledOnce(h: Harness, ids: readonly string[]) {
  const issues = h.issuesBySubmission();
  expect([...issues.keys()].sort()).toEqual([...ids].sort());
  for (const id of ids) {
    expect(issues.get(id), id).toHaveLength(1);
    expect(await h.outbox.get(id)).toMatchObject({ status: 'filed', issueNumber: issues.get(id)![0] });
  }
}

describe('batch filing', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('files one issue per section per batch while the forecast is over the bound, each comment with its reference', async () => {
    h = await startHarness({ dispatcher: { pace, batchAfterMs: HOUR } });
    h.seedLabels();
    const ids = await h.acceptComments(120);
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 2 * HOUR });
    await expectEachFiledOnce(h, ids);
    // 60 comments on each of two sections, 50 at most a batch: 4 issues, not 120.
    expect(summary).toMatchObject({ created: 4, batches: 4, batched: 120, failed: 0 });
    const bodies = h.gh.state.issues.map((i) => parseBatchBody(i.body ?? ''));
    expect(bodies.map((members) => members.length).sort((a, b) => a - b)).toEqual([10, 10, 50, 50]);
    for (const issue of h.gh.state.issues) {
      expect(issue.labels).toEqual(expect.arrayContaining(['comment', 'batch', 'v:v0.2']));
      const members = parseBatchBody(issue.body ?? '');
      expect(new Set(members.map((m) => m.comment.section)).size).toBe(1);
      for (const { reference, comment } of members) {
        const entry = (await h.outbox.get(comment.submissionId!))!;
        expect(entry.reference).toBe(reference);
        expect(comment.comment).toBe(entry.submission.comment.replace('@', '@\u200B').replace('#', '#\u200B'));
      }
    }
    expect(h.events.filter((e) => e.type === 'batching')).toEqual([{ type: 'batching', on: true, waiting: 120, secondsToDrain: 3_954 }]);
  });

  it('files one issue per comment while the forecast is under the bound, and when batch filing is off', async () => {
    h = await startHarness({ dispatcher: { pace, batchAfterMs: 3 * HOUR } });
    h.seedLabels();
    const ids = await h.acceptComments(20);
    expect(await h.dispatcher.dispatchOnce({ maxWaitMs: 2 * HOUR })).toMatchObject({ created: 20, batches: 0 });
    await expectEachFiledOnce(h, ids);
    expect(h.events.some((e) => e.type === 'batching')).toBe(false);
    await h.close();

    h = await startHarness({ dispatcher: { pace } });
    await h.acceptComments(120);
    expect(await h.dispatcher.dispatchOnce({ max: 10, maxWaitMs: 2 * HOUR })).toMatchObject({ created: 10, batches: 0 });
  });

  it('goes back to one issue per comment once the backlog falls under the bound', async () => {
    h = await startHarness({ dispatcher: { pace, batchAfterMs: HOUR } });
    h.seedLabels();
    await h.acceptComments(80);
    // The first batches bring the forecast under an hour; the rest, each alone, are accepted later.
    await h.dispatcher.dispatchOnce({ max: 2, maxWaitMs: 2 * HOUR });
    h.clock.now += HOUR;
    const later = await h.acceptComments(4, 200);
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 2 * HOUR });
    expect(summary.batches).toBe(0);
    for (const id of later) expect(h.issuesBySubmission().get(id)).toHaveLength(1);
    const singles = h.gh.state.issues.filter((i) => !i.labels.includes('batch'));
    expect(singles.length).toBe(4);
    expect(h.events.filter((e) => e.type === 'batching').map((e) => e.type === 'batching' && e.on)).toEqual([true, false]);
  });

  for (const created of [false, true]) {
    it(`settles a dead filer's batch with one listing when its create ${created ? 'had' : 'had not'} reached GitHub`, async () => {
      h = await startHarness({ dispatcher: { pace, batchAfterMs: HOUR } });
      h.seedLabels();
      const ids = await h.acceptComments(120);
      // Another process claimed a batch of governance comments and died, before or after its create.
      const first = (await h.outbox.claimNext(new Date(h.clock.now), 60_000))!;
      const claimed = [first, ...(await h.outbox.claimBatch(first, new Date(h.clock.now), 60_000, 49))];
      expect(claimed).toHaveLength(50);
      if (created) {
        const issue = renderBatchIssue(claimed.map((e) => ({ reference: e.reference, submission: e.submission, unverified: e.unverified })))!;
        h.gh.state.addIssue({ title: issue.title, body: issue.body, labels: issue.labels });
      }
      h.clock.now += 61_000;
      const issuesBefore = h.gh.state.issues.length;
      const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 3 * HOUR });
      await expectEachFiledOnce(h, ids);
      const lookups = h.gh.requests.filter((r) => r.method === 'GET' && /\/issues$/.test(r.path) && r.query.sort === 'created');
      expect(lookups).toHaveLength(1);
      const mine = new Set(h.gh.state.issues.slice(issuesBefore).flatMap((i) => parseBatchBody(i.body ?? '').map((m) => m.reference)));
      for (const entry of claimed) {
        // Found where the dead filer put them, or filed together in one new batch: never 50 issues.
        expect(mine.has(entry.reference)).toBe(!created);
      }
      expect(h.gh.state.issues.length - issuesBefore).toBe(created ? 3 : 4);
      expect(summary.foundByLookup).toBe(created ? 1 : 0);
    });
  }

  it('files a batch exactly once when GitHub’s answer to its create is lost, finding every member by its marker', async () => {
    h = await startHarness({ dispatcher: { pace, batchAfterMs: HOUR } });
    h.seedLabels();
    const ids = await h.acceptComments(120);
    let creates = 0;
    h.gh.failWhen((r) => isCreate(r) && ++creates === 1, 'lost-response');
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 3 * HOUR });
    await expectEachFiledOnce(h, ids);
    // The lost batch was made; its 50 members were found by one lookup, not created again.
    expect(h.gh.state.issues).toHaveLength(4);
    const found = h.events.filter((e) => e.type === 'filed' && e.foundByLookup);
    expect(found).toHaveLength(50);
    expect(summary.foundByLookup).toBe(1);
    expect(new Set(found.map((e) => e.type === 'filed' && e.issueNumber)).size).toBe(1);
  });
});
