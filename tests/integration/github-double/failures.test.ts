/**
 * The ways GitHub fails, as the double injects them, seen by a real Octokit:
 * status, headers and body as GitHub sends them, and whether the write
 * happened (the ambiguous cases the dispatcher must de-duplicate).
 */
import { Octokit } from '@octokit/core';
import { throttling } from '@octokit/plugin-throttling';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type GitHubDouble, startGitHubDouble } from '../../github-double/index.ts';
import { type TestOctokit, isRequestError, octokitFor } from './clients.ts';

const owner = 'belize-gov';
const repo = 'ncss-consultation';
const token = 'ghs_failuretoken';

let double: GitHubDouble;
let octokit: TestOctokit;

beforeAll(async () => {
  double = await startGitHubDouble({ owner, repo, token, slowMs: 1_500 });
  octokit = octokitFor(double.url, token);
});

beforeEach(async () => {
  double.reset();
  double.setClock(() => Date.now());
});

afterAll(async () => {
  await double.close();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

async function httpFailure(promise: Promise<unknown>) {
  const error = await rejection(promise);
  if (!isRequestError(error) || !error.response) throw error;
  return { status: error.status, headers: error.response.headers, data: error.response.data as { message?: string } };
}

const createIssue = (title = 'A comment') => octokit.rest.issues.create({ owner, repo, title, body: `<!-- consulta:submission=${title} -->` });

describe('injected failures', () => {
  it('answers secondary-rate-limit with 403, retry-after and GitHub\'s message, and creates nothing', async () => {
    double.failNext('secondary-rate-limit');
    const failure = await httpFailure(createIssue());
    expect(failure.status).toBe(403);
    expect(failure.headers['retry-after']).toBe('60');
    expect(failure.data.message).toMatch(/^You have exceeded a secondary rate limit/);
    expect(double.state.issues).toHaveLength(0);
  });

  it('answers primary-rate-limit with 403, x-ratelimit-remaining 0 and a reset in the future', async () => {
    double.failNext('primary-rate-limit');
    const failure = await httpFailure(octokit.rest.issues.listForRepo({ owner, repo }));
    expect(failure.status).toBe(403);
    expect(failure.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(failure.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(failure.data.message).toMatch(/^API rate limit exceeded/);
  });

  it('answers server-error with 500 and bad-gateway with 502, creating nothing', async () => {
    double.failNext('server-error');
    double.failNext('bad-gateway');
    const first = await httpFailure(createIssue('one'));
    const second = await httpFailure(createIssue('two'));
    expect([first.status, second.status]).toEqual([500, 502]);
    expect(second.data).toEqual({ message: 'Server Error' });
    expect(second.headers['x-ratelimit-remaining']).toBeUndefined();
    expect(double.state.issues).toHaveLength(0);
  });

  it('performs a lost-response request but gives the client only a socket error', async () => {
    double.failNext('lost-response');
    const error = await rejection(createIssue('lost'));
    // Octokit reports a network failure as a RequestError with status 500 and no response.
    expect(isRequestError(error) && [error.status, error.response]).toEqual([500, undefined]);
    expect((error as Error).message).toMatch(/other side closed|socket/i);
    expect(double.state.issues.map((issue) => issue.title)).toEqual(['lost']);
    expect(double.requests.at(-1)).toMatchObject({ method: 'POST', status: 0, failure: 'lost-response' });
  });

  it('performs a slow request at once and answers after the client has given up', async () => {
    double.failNext('slow');
    const started = Date.now();
    const error = await rejection(
      octokit.rest.issues.create({ owner, repo, title: 'slow', request: { signal: AbortSignal.timeout(200) } }),
    );
    // A timeout reaches the caller the same way: RequestError, status 500, no response.
    expect(isRequestError(error) && [error.status, error.response]).toEqual([500, undefined]);
    expect((error as Error).message).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(double.state.issues.map((issue) => issue.title)).toEqual(['slow']);
    expect(double.requests.at(-1)).toMatchObject({ failure: 'slow', status: 201 });
  });

  it('fails only the requests a failWhen predicate picks, as many times as asked', async () => {
    double.failWhen((request) => request.method === 'POST', 'server-error', 2);
    await octokit.rest.issues.listForRepo({ owner, repo });
    const outcomes: number[] = [];
    for (const title of ['a', 'b', 'c']) {
      outcomes.push(await createIssue(title).then((response) => response.status, (error: unknown) => (isRequestError(error) ? error.status : -1)));
    }
    expect(outcomes).toEqual([500, 500, 201]);
    expect(double.requests.map((request) => request.failure ?? null)).toEqual([null, 'server-error', 'server-error', null]);
  });

  it('consumes queued failures in the order they were queued', async () => {
    double.failNext('bad-gateway', 2);
    double.failNext('server-error');
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++) {
      statuses.push(await octokit.rest.issues.listForRepo({ owner, repo }).then((r) => r.status, (e: unknown) => (isRequestError(e) ? e.status : -1)));
    }
    expect(statuses).toEqual([502, 502, 500, 200]);
  });

  it('queues nothing for a count of 0', async () => {
    double.failNext('server-error', 0);
    const response = await octokit.rest.issues.listForRepo({ owner, repo });
    expect(response.status).toBe(200);
  });

  it('forgets queued failures on reset', async () => {
    double.failNext('server-error', Number.POSITIVE_INFINITY);
    double.reset();
    const response = await octokit.rest.issues.listForRepo({ owner, repo });
    expect(response.status).toBe(200);
  });
});

describe('authentication', () => {
  it('accepts the token as `token` or `Bearer`', async () => {
    const bearer = await octokit.request('GET /repos/{owner}/{repo}/issues', { owner, repo, headers: { authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(200);
  });

  it('refuses a wrong or missing token with 401', async () => {
    const wrong = await httpFailure(octokitFor(double.url, 'nope').rest.issues.listForRepo({ owner, repo }));
    const missing = await httpFailure(octokitFor(double.url).rest.issues.listForRepo({ owner, repo }));
    expect([wrong.status, wrong.data.message, missing.status, missing.data.message]).toEqual([401, 'Bad credentials', 401, 'Requires authentication']);
  });

  it('records the scheme of the authorization header but not the credential', async () => {
    await octokit.rest.issues.listForRepo({ owner, repo });
    expect(double.requests[0]?.headers['authorization']).toBe('token [redacted]');
  });
});

describe('the secondary limit on content creation', () => {
  let limited: GitHubDouble;
  let client: TestOctokit;
  let now = 0;

  beforeAll(async () => {
    limited = await startGitHubDouble({ owner, repo, enforceSecondaryLimit: { perMinute: 3, perHour: 5 } });
    limited.setClock(() => now);
    client = octokitFor(limited.url, 'any');
  });

  afterAll(async () => {
    await limited.close();
  });

  const post = (title: string) =>
    client.rest.issues.create({ owner, repo, title }).then(
      (response) => ({ status: response.status, retryAfter: undefined as string | undefined }),
      (error: unknown) => (isRequestError(error) ? { status: error.status, retryAfter: error.response?.headers['retry-after'] } : { status: -1, retryAfter: undefined }),
    );

  it('refuses the request over the per-minute limit with retry-after until a slot frees, and reads stay allowed', async () => {
    now = Date.parse('2025-05-01T12:00:00Z');
    limited.reset();
    const results = [];
    for (const [offset, title] of [[0, 'a'], [10, 'b'], [20, 'c'], [30, 'd']] as const) {
      now = Date.parse('2025-05-01T12:00:00Z') + offset * 1000;
      results.push(await post(title));
    }
    expect(results).toEqual([
      { status: 201, retryAfter: undefined },
      { status: 201, retryAfter: undefined },
      { status: 201, retryAfter: undefined },
      { status: 403, retryAfter: '30' },
    ]);
    const read = await client.rest.issues.listForRepo({ owner, repo });
    expect(read.status).toBe(200);
    expect(limited.state.issues).toHaveLength(3);

    now = Date.parse('2025-05-01T12:01:00Z');
    expect((await post('d again')).status).toBe(201);
  });

  it('refuses the request over the per-hour limit until the oldest leaves the hour', async () => {
    const hourStart = Date.parse('2025-05-01T14:00:00Z');
    limited.reset();
    for (let n = 0; n < 5; n++) {
      now = hourStart + n * 120_000;
      expect((await post(`n${n}`)).status).toBe(201);
    }
    now = hourStart + 10 * 60_000;
    expect(await post('sixth')).toEqual({ status: 403, retryAfter: String(50 * 60) });
    now = hourStart + 60 * 60_000;
    expect((await post('next hour')).status).toBe(201);
  });

  it('words the refusal so @octokit/plugin-throttling recognises a secondary limit', async () => {
    limited.reset();
    now = Date.parse('2025-05-01T16:00:00Z');
    const seen: number[] = [];
    const Throttled = Octokit.plugin(throttling);
    const throttled = new Throttled({
      baseUrl: limited.url,
      auth: 'any',
      throttle: {
        onRateLimit: () => false,
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(retryAfter);
          return false;
        },
      },
    });
    for (let n = 0; n < 3; n++) await post(`fill ${n}`);
    const error = await rejection(throttled.request('POST /repos/{owner}/{repo}/issues', { owner, repo, title: 'over' }));
    expect(isRequestError(error) && error.status).toBe(403);
    expect(seen).toEqual([60]);
  });
});

describe('what @octokit/plugin-throttling makes of the injected limits', () => {
  it('calls onSecondaryRateLimit with retry-after and onRateLimit with the time to the reset', async () => {
    const seen: Array<[string, number]> = [];
    const Throttled = Octokit.plugin(throttling);
    const throttled = new Throttled({
      baseUrl: double.url,
      auth: token,
      throttle: {
        onRateLimit: (retryAfter: number) => {
          seen.push(['primary', retryAfter]);
          return false;
        },
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(['secondary', retryAfter]);
          return false;
        },
      },
    });
    double.failNext('secondary-rate-limit');
    await rejection(throttled.request('GET /repos/{owner}/{repo}/issues', { owner, repo }));
    double.failNext('primary-rate-limit');
    await rejection(throttled.request('GET /repos/{owner}/{repo}/labels', { owner, repo }));
    expect(seen[0]).toEqual(['secondary', 60]);
    expect(seen[1]?.[0]).toBe('primary');
    expect(seen[1]?.[1]).toBeGreaterThan(3_500);
  });
});
