import { describe, expect, it } from 'vitest';
import { classifyGitHubError, describeGitHubError } from '../../../src/lib/github/errors.ts';
import { createGitHubClient, redactSecrets, type GitHubConfig } from '../../../src/lib/github/octokit.ts';

const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const config: GitHubConfig = { owner: 'belize-ncss', repo: 'strategy', baseUrl: 'https://api.test', auth: { kind: 'token', token: TOKEN } };

/** A fetch that answers from a script, recording what was asked: real Response objects, real headers. */
function scriptedFetch(answers: (() => Response | Promise<Response>)[]) {
  const calls: { method: string; url: string; authorization: string | null }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    calls.push({ method: init?.method ?? 'GET', url: String(input), authorization: headers.get('authorization') });
    const next = answers.shift();
    if (!next) throw new Error('no scripted answer left');
    return next();
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function failureOf(answer: () => Response | Promise<Response>, options: { timeoutMs?: number } = {}) {
  const { fetch } = scriptedFetch([answer]);
  const { octokit } = createGitHubClient(config, { fetch, throttling: false, timeoutMs: options.timeoutMs });
  try {
    await octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'belize-ncss', repo: 'strategy', title: 't' });
  } catch (error) {
    return { error, failure: classifyGitHubError(error, Date.parse('2026-12-01T15:00:00Z')) };
  }
  throw new Error('the request did not fail');
}

describe('GitHub client and failures', () => {
  it('sends the token and the base URL it was configured with', async () => {
    const { fetch, calls } = scriptedFetch([json(200, [])]);
    const { octokit } = createGitHubClient(config, { fetch, throttling: false });
    await octokit.request('GET /repos/{owner}/{repo}/labels', { owner: 'belize-ncss', repo: 'strategy' });
    expect(calls).toEqual([{ method: 'GET', url: 'https://api.test/repos/belize-ncss/strategy/labels', authorization: `token ${TOKEN}` }]);
  });

  it('reads a secondary limit with retry-after', async () => {
    const { failure } = await failureOf(json(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '30' }));
    expect(failure).toMatchObject({ kind: 'rate-limited', limit: 'secondary', retryAfterSeconds: 30, status: 403 });
  });

  it('waits a minute after a secondary limit without retry-after', async () => {
    const { failure } = await failureOf(json(429, { message: 'Too many requests' }));
    expect(failure).toMatchObject({ kind: 'rate-limited', limit: 'secondary', retryAfterSeconds: 60 });
  });

  it('waits for the reset after a primary limit', async () => {
    const reset = String(Date.parse('2026-12-01T15:10:00Z') / 1000);
    const { failure } = await failureOf(json(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }));
    expect(failure).toMatchObject({ kind: 'rate-limited', limit: 'primary', retryAfterSeconds: 601 });
  });

  it('calls a 5xx, a dropped connection and a timeout ambiguous: the issue may exist', async () => {
    expect((await failureOf(json(502, { message: 'Bad Gateway' }))).failure).toMatchObject({ kind: 'ambiguous', status: 502 });
    const reset = await failureOf(() => Promise.reject(new TypeError('fetch failed', { cause: new Error('socket hang up') })));
    expect(reset.failure).toMatchObject({ kind: 'ambiguous', message: expect.stringMatching(/^no response: socket hang up/) });
    // A fetch that never answers, and ignores the abort signal too.
    const started = Date.now();
    const slow = await failureOf(() => new Promise<Response>(() => {}), { timeoutMs: 50 });
    expect(slow.failure).toMatchObject({ kind: 'ambiguous', message: expect.stringMatching(/^no response: .*timed out|^no response: .*aborted/i) });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('calls bad credentials and missing access a configuration problem, validation a refusal', async () => {
    expect((await failureOf(json(401, { message: 'Bad credentials' }))).failure.kind).toBe('configuration');
    expect((await failureOf(json(403, { message: 'Resource not accessible by integration' }))).failure.kind).toBe('configuration');
    expect((await failureOf(json(404, { message: 'Not Found' }))).failure.kind).toBe('configuration');
    expect((await failureOf(json(422, { message: 'Validation Failed' }))).failure).toMatchObject({ kind: 'rejected', status: 422 });
  });

  it('describes a failure in one line without the token', async () => {
    const { error } = await failureOf(json(500, { message: `boom ${TOKEN}` }));
    const client = createGitHubClient(config, { throttling: false });
    const line = client.redact(describeGitHubError(error));
    expect(line).toMatch(/^HTTP 500: boom \[REDACTED\] \(POST \/repos\/belize-ncss\/strategy\/issues\)$/);
    expect(JSON.stringify((error as { request: unknown }).request)).not.toContain(TOKEN);
  });

  it('redacts tokens and private keys wherever they appear', async () => {
    expect(redactSecrets(`Authorization: token ${TOKEN}`)).toBe('Authorization: token [REDACTED]');
    expect(redactSecrets('key github_pat_11ABCDEFG0123456789_abcdefghij end')).toBe('key [REDACTED] end');
    expect(redactSecrets('x -----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY----- y')).toBe('x [REDACTED] y');
    expect(redactSecrets('my-own-secret-value leaked', ['my-own-secret-value'])).toBe('[REDACTED] leaked');
  });

  it('never lets the throttling plugin repeat a create after a rate limit', async () => {
    const { fetch, calls } = scriptedFetch([
      json(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' }),
      json(201, { number: 1 }),
    ]);
    const limits: string[] = [];
    const { octokit } = createGitHubClient(config, { fetch, onLimit: (e) => limits.push(`${e.kind} ${e.method} ${e.retryAfterSeconds}`) });
    await expect(octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' })).rejects.toMatchObject({ status: 403 });
    expect(calls).toHaveLength(1);
    expect(limits).toEqual(['secondary POST 1']);
  });

  it('lets the throttling plugin repeat a read once after a short limit', async () => {
    const { fetch, calls } = scriptedFetch([
      json(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' }),
      json(200, [{ name: 'comment' }]),
    ]);
    const { octokit } = createGitHubClient(config, { fetch });
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/labels', { owner: 'o', repo: 'r' });
    expect(data).toEqual([{ name: 'comment' }]);
    expect(calls).toHaveLength(2);
  });
});
