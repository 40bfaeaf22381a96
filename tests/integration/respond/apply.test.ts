/**
 * applyResponses against the GitHub double over HTTP, on a simulated clock:
 * failures that may or may not have happened, rate limits, and the pace.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { busiestWindow, startGitHubDouble, type GitHubDouble, type RecordedRequest } from '../../github-double/index.ts';
import { createGitHubClient, type GitHubClient } from '../../../src/lib/github/octokit.ts';
import { applyResponses, type ResponseTarget } from '../../../src/lib/respond/apply.ts';

let github: GitHubDouble;
let client: GitHubClient;
const clock = { now: Date.parse('2026-10-12T14:00:00Z') };

beforeAll(async () => {
  github = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: 't', defaultLabels: false, enforceSecondaryLimit: { perMinute: 80, perHour: 500 } });
  github.setClock(() => clock.now);
  client = createGitHubClient({ owner: 'belize-ncss', repo: 'strategy', baseUrl: github.url, auth: { kind: 'token', token: 't' } }, { throttling: false, timeoutMs: 10_000 });
});
afterAll(async () => {
  await github.close();
});
beforeEach(async () => {
  github.reset();
  github.state.viewer = 'secretariat-lead';
  github.state.viewerAssociation = 'MEMBER';
  for (let n = 1; n <= 5; n++) github.state.addIssue({ number: n, title: `Comment ${n}`, body: 'text', author: `citizen-${n}`, labels: ['comment', 'noted'] });
});

const targets = (numbers: number[]): ResponseTarget[] => numbers.map((issue) => ({ issue, disposition: 'accepted', answer: 'Accepted in v0.2.' }));
const run = (list: ResponseTarget[]) => applyResponses({ github: client, targets: list, now: () => clock.now, sleep: async (ms) => void (clock.now += ms) });
const isReply = (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith('/comments');
const replies = (n: number) => github.state.commentsOn(n).length;

describe('applyResponses', () => {
  it('looks before trying again when a reply got no answer, and does not post it twice', async () => {
    let posts = 0;
    github.failWhen((r) => isReply(r) && ++posts === 2, 'lost-response');
    const summary = await run(targets([1, 2, 3]));
    expect(summary.stoppedBy).toBeUndefined();
    expect([1, 2, 3].map(replies)).toEqual([1, 1, 1]);
    expect(github.requests.filter(isReply)).toHaveLength(3);
    expect(summary.outcomes.map((o) => o.skipped)).toEqual([undefined, undefined, undefined]);
    expect(github.state.issue(2)!.labels).toEqual(['comment', 'accepted']);
  });

  it('tries a reply again when the look finds it did not happen', async () => {
    let posts = 0;
    github.failWhen((r) => isReply(r) && ++posts === 1, 'server-error');
    await run(targets([1]));
    expect(replies(1)).toBe(1);
    expect(github.requests.filter(isReply).map((r) => r.status)).toEqual([500, 201]);
  });

  it('waits as long as a rate limit says, then sends the same write, which nothing had done', async () => {
    github.failWhen((r) => r.method === 'DELETE', 'secondary-rate-limit');
    const before = clock.now;
    await run(targets([1]));
    const removals = github.requests.filter((r) => r.method === 'DELETE');
    expect(removals.map((r) => r.status)).toEqual([403, 200]);
    expect(removals[1]!.at - removals[0]!.at).toBeGreaterThanOrEqual(60_000);
    expect(clock.now - before).toBeGreaterThanOrEqual(60_000);
    expect(github.state.issue(1)!.labels).toEqual(['comment', 'accepted']);
  });

  it('gives up on an issue GitHub refuses, and goes on with the others', async () => {
    github.state.issue(2)!.labels.splice(0, 1);
    const summary = await run(targets([1, 2, 9, 3]));
    expect(summary.outcomes.map((o) => [o.issue, o.skipped ?? 'done'])).toEqual([
      [1, 'done'],
      [2, 'not a comment issue (no "comment" label)'],
      [9, expect.stringMatching(/^no such issue/)],
      [3, 'done'],
    ]);
    expect([1, 2, 3].map(replies)).toEqual([1, 0, 1]);
  });

  it('keeps to 40 writes a minute, so GitHub’s own limit is never reached', async () => {
    for (let n = 6; n <= 40; n++) github.state.addIssue({ number: n, title: `Comment ${n}`, labels: ['comment', 'noted'] });
    const summary = await run(targets(Array.from({ length: 40 }, (_, i) => i + 1)));
    const writes = github.requests.filter((r) => r.method !== 'GET');
    expect(summary.writes).toBe(120);
    expect(writes.every((r) => r.status < 300)).toBe(true);
    expect(busiestWindow(writes.map((r) => r.at), 60_000)).toBeLessThanOrEqual(40);
  });
});
