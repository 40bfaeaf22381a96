import { afterEach, describe, expect, it } from 'vitest';
import type { FailureMode, RecordedRequest } from '../../github-double/index.ts';
import { renderIssueBody } from '../../../src/lib/comments/issue-body.ts';
import { comment, startHarness, submissionId, type Harness } from './harness.ts';

const isCreate = (r: RecordedRequest) => r.method === 'POST' && /\/repos\/[^/]+\/[^/]+\/issues$/.test(r.path);
const isLookup = (r: RecordedRequest) => r.method === 'GET' && /\/issues$/.test(r.path) && r.query.sort === 'created';

/** Every accepted comment is on GitHub exactly once, and the outbox knows its number. */
async function expectExactlyOneIssueEach(h: Harness, ids: string[]) {
  const issues = h.issuesBySubmission();
  expect([...issues.keys()].sort()).toEqual([...ids].sort());
  for (const id of ids) {
    expect(issues.get(id), id).toHaveLength(1);
    expect(await h.outbox.get(id)).toMatchObject({ status: 'filed', issueNumber: issues.get(id)![0] });
  }
}

describe('dispatcher against the GitHub double', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('files each accepted comment as one issue with its body, title and labels', async () => {
    h = await startHarness();
    const ids = await h.acceptComments(3);
    const summary = await h.dispatcher.dispatchOnce();
    expect(summary).toEqual({ created: 3, batches: 0, batched: 0, foundByLookup: 0, retrying: 0, failed: 0 });
    await expectExactlyOneIssueEach(h, ids);
    const issue = h.gh.state.issues.find((i) => i.body?.includes(submissionId(1)))!;
    expect(issue.body).toBe(renderIssueBody(comment(1, Date.parse('2026-12-01T15:00:00Z'))));
    expect(issue.title).toBe('[v0.2 § governance ¶2] Comment number 1: @\u200Bmaintainers see #\u200B1.');
    expect(issue.labels.sort()).toEqual(['channel:web', 'comment', 'section:governance', 'sector:civil-society', 'type:technical', 'v:v0.2']);
    expect(h.events.filter((e) => e.type === 'filed')).toHaveLength(3);
  });

  it('creates each label once, with a colour, and reuses labels that exist', async () => {
    h = await startHarness();
    h.gh.state.addLabel({ name: 'comment', color: '000000' });
    await h.acceptComments(6);
    await h.dispatcher.dispatchOnce();
    const created = h.gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/labels')).map((r) => (r.body as { name: string }).name);
    expect(created.sort()).toEqual(
      ['channel:web', 'section:governance', 'section:incident-response', 'sector:civil-society', 'type:editorial', 'type:general', 'type:technical', 'v:v0.2'].sort(),
    );
    expect(h.gh.state.labels.find((l) => l.name === 'v:v0.2')?.color).toBe('1d76db');
  });

  const failures: { mode: FailureMode; ambiguous: boolean }[] = [
    { mode: 'secondary-rate-limit', ambiguous: false },
    { mode: 'primary-rate-limit', ambiguous: false },
    { mode: 'server-error', ambiguous: true },
    { mode: 'bad-gateway', ambiguous: true },
    { mode: 'slow', ambiguous: true },
    { mode: 'lost-response', ambiguous: true },
  ];

  for (const { mode, ambiguous } of failures) {
    it(`files exactly one issue per comment when a create meets ${mode}`, async () => {
      h = await startHarness({ timeoutMs: 300, double: { slowMs: 1_000 } });
      const ids = await h.acceptComments(4);
      // The second create fails; everything else works.
      let creates = 0;
      h.gh.failWhen((r) => isCreate(r) && ++creates === 2, mode);
      const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 2 * 3_600_000 });
      await expectExactlyOneIssueEach(h, ids);
      expect(summary.created + summary.foundByLookup).toBe(4);
      expect(summary.retrying).toBe(1);

      const failed = h.gh.requests.find((r) => r.failure === mode)!;
      const failedId = (failed.body as { body: string }).body.match(/submission=([0-9a-f-]{36})/)![1]!;
      const later = h.gh.requests.slice(h.gh.requests.indexOf(failed) + 1);
      const retried = later.find((r) => isCreate(r) && (r.body as { body: string }).body.includes(failedId));
      if (ambiguous) {
        // Before creating again, the dispatcher looked for the marker.
        const lookup = later.findIndex(isLookup);
        expect(lookup).toBeGreaterThanOrEqual(0);
        expect(later[lookup]!.query).toMatchObject({ state: 'all', sort: 'created', direction: 'desc' });
        if (mode === 'slow' || mode === 'lost-response') {
          // The write happened: it was found, not created again.
          expect(retried).toBeUndefined();
          expect(summary.foundByLookup).toBe(1);
        } else {
          expect(later.indexOf(retried!)).toBeGreaterThan(lookup);
        }
      } else {
        expect(later.some(isLookup)).toBe(false);
        // GitHub's wait was honoured before the create was repeated.
        const waited = retried!.at - failed.at;
        if (mode === 'secondary-rate-limit') expect(waited).toBeGreaterThanOrEqual(60_000);
        else expect(waited).toBeGreaterThan(0);
      }
      // Claims: the failed create, then (after an ambiguous failure) the lookup, then, if it found nothing, the create.
      const notFound = ambiguous && mode !== 'slow' && mode !== 'lost-response';
      expect((await h.outbox.get(failedId))!.attempts).toBe(notFound ? 3 : 2);
    });
  }

  it('settles the comments an outage left uncertain with one listing, not one each', async () => {
    h = await startHarness();
    h.seedLabels();
    const ids = await h.acceptComments(30);
    // GitHub fails ten creates in a row: five with 500, five made but their answers lost.
    h.gh.failWhen(isCreate, 'server-error', 5);
    h.gh.failWhen(isCreate, 'lost-response', 5);
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 2 * 3_600_000 });
    await expectExactlyOneIssueEach(h, ids);
    expect(h.gh.requests.filter(isLookup)).toHaveLength(1);
    expect(summary.foundByLookup).toBe(5);
    expect(summary.created).toBe(25);
  });

  it('waits for the primary limit to reset before creating again', async () => {
    h = await startHarness();
    await h.acceptComments(2);
    h.gh.failWhen(isCreate, 'primary-rate-limit');
    await h.dispatcher.dispatchOnce({ maxWaitMs: 2 * 3_600_000 });
    const failed = h.gh.requests.find((r) => r.failure === 'primary-rate-limit')!;
    const nextCreate = h.gh.requests.slice(h.gh.requests.indexOf(failed) + 1).find(isCreate)!;
    // The double reports its window reset an hour after its first request.
    const firstRequestAt = h.gh.requests[0]!.at;
    expect(nextCreate.at).toBeGreaterThanOrEqual(firstRequestAt + 3_600_000);
    expect(h.issuesBySubmission().size).toBe(2);
  });

  it('keeps retrying an ambiguous failure after back-off, looking each time, until GitHub answers', async () => {
    h = await startHarness();
    const [id] = await h.acceptComments(1);
    h.gh.failWhen(isCreate, 'server-error', 3);
    const summary = await h.dispatcher.dispatchOnce({ maxWaitMs: 10 * 60_000 });
    expect(summary).toMatchObject({ created: 1, retrying: 3 });
    const creates = h.gh.requests.filter(isCreate);
    expect(creates).toHaveLength(4);
    // Back-off doubles: 15 s, 30 s, 60 s.
    const gaps = creates.slice(1).map((r, i) => r.at - creates[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(15_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(30_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(60_000);
    expect(h.gh.requests.filter(isLookup)).toHaveLength(3);
    await expectExactlyOneIssueEach(h, [id!]);
  });

  it('stops a drain and keeps comments when GitHub refuses the credentials', async () => {
    h = await startHarness();
    await h.acceptComments(3);
    const wrong = await import('../../../src/lib/github/octokit.ts');
    const badClient = wrong.createGitHubClient(
      { owner: 'belize-ncss', repo: 'strategy', baseUrl: h.gh.url, auth: { kind: 'token', token: 'wrong-token-value' } },
      { throttling: false },
    );
    const { createDispatcher } = await import('../../../src/lib/comments/dispatcher.ts');
    const summary = await createDispatcher({ outbox: h.outbox, github: badClient, now: () => new Date(h.clock.now), sleep: async (ms) => void (h.clock.now += ms) }).dispatchOnce();
    expect(summary.stoppedBy).toMatch(/HTTP 401: Bad credentials/);
    expect(summary.stoppedBy).not.toContain('wrong-token-value');
    expect(await h.outbox.stats()).toMatchObject({ pending: 3, filed: 0 });
    expect(h.gh.state.issues).toHaveLength(0);
  });

  it('pages through newer issues to find one whose answer was lost', async () => {
    let seeded = false;
    h = await startHarness({
      dispatcher: {
        onEvent: (e) => {
          // While we wait to retry, the public files 150 issues of its own.
          if (e.type === 'retry' && !seeded) {
            seeded = true;
            for (let i = 0; i < 150; i++) h.gh.state.addIssue({ title: `Other ${i}`, body: 'not ours', author: 'someone' });
          }
        },
      },
    });
    const [id] = await h.acceptComments(1);
    h.gh.failWhen(isCreate, 'lost-response');
    const summary = await h.dispatcher.dispatchOnce();
    expect(summary).toMatchObject({ created: 0, foundByLookup: 1 });
    const lookups = h.gh.requests.filter((r) => r.method === 'GET' && /\/issues$/.test(r.path) && !r.path.includes('/labels'));
    expect(lookups.length).toBe(2);
    expect(lookups[1]!.path).toMatch(/^\/repositories\/\d+\/issues$/);
    await expectExactlyOneIssueEach(h, [id!]);
  });

  it('stops looking once the issues are older than the comment, even when they were updated since', async () => {
    h = await startHarness();
    for (let i = 0; i < 250; i++) {
      h.gh.state.addIssue({ title: `Old ${i}`, body: 'old', created_at: h.clock.now - 86_400_000, updated_at: h.clock.now + 5_000 });
    }
    const [id] = await h.acceptComments(1);
    h.gh.failWhen(isCreate, 'server-error');
    await h.dispatcher.dispatchOnce();
    // One page: the newest old issue ends the search; 250 recently-updated old issues are not paged through.
    expect(h.gh.requests.filter(isLookup)).toHaveLength(1);
    expect(h.gh.requests.filter((r) => r.path.startsWith('/repositories/'))).toHaveLength(0);
    await expectExactlyOneIssueEach(h, [id!]);
  });
});
