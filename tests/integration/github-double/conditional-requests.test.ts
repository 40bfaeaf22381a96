/**
 * ETags and 304s as GitHub does them: every successful GET carries a weak
 * ETag; sending it back as If-None-Match gets 304 without a body while nothing
 * changed, and an authorised 304 costs no rate limit.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type GitHubDouble, startGitHubDouble } from '../../github-double/index.ts';
import { type TestOctokit, isRequestError, octokitFor } from './clients.ts';

const owner = 'belize-gov';
const repo = 'ncss-consultation';

let double: GitHubDouble;
let octokit: TestOctokit;

beforeAll(async () => {
  double = await startGitHubDouble({ owner, repo, token: 'tok' });
  octokit = octokitFor(double.url, 'tok');
});

beforeEach(async () => {
  double.reset();
  double.state.addIssue({ title: 'A comment', created_at: '2025-05-01T12:00:00Z' });
});

afterAll(async () => {
  await double.close();
});

async function statusOf(promise: Promise<{ status: number }>): Promise<{ status: number; headers: Record<string, string | undefined> }> {
  try {
    const response = await promise;
    return { status: response.status, headers: (response as unknown as { headers: Record<string, string> }).headers };
  } catch (error) {
    if (isRequestError(error) && error.response) return { status: error.status, headers: error.response.headers };
    throw error;
  }
}

describe('conditional requests', () => {
  it('sends a weak ETag on every successful GET', async () => {
    const responses = await Promise.all([
      octokit.rest.issues.listForRepo({ owner, repo }),
      octokit.rest.issues.get({ owner, repo, issue_number: 1 }),
      octokit.rest.issues.listLabelsForRepo({ owner, repo }),
      octokit.rest.issues.listComments({ owner, repo, issue_number: 1 }),
      octokit.rest.issues.listCommentsForRepo({ owner, repo }),
      octokit.rest.pulls.list({ owner, repo }),
    ]);
    for (const response of responses) expect(response.headers.etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
  });

  it('answers If-None-Match with the current ETag by 304, and records it', async () => {
    const first = await octokit.rest.issues.listForRepo({ owner, repo });
    const second = await statusOf(octokit.rest.issues.listForRepo({ owner, repo, headers: { 'if-none-match': first.headers.etag } }));
    expect(second.status).toBe(304);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(double.requests.map((request) => request.status)).toEqual([200, 304]);
  });

  it('answers 200 with a new ETag once the data changed', async () => {
    const first = await octokit.rest.issues.listForRepo({ owner, repo });
    await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'Response: noted.' });
    const second = await statusOf(octokit.rest.issues.listForRepo({ owner, repo, headers: { 'if-none-match': first.headers.etag } }));
    expect(second.status).toBe(200);
    expect(second.headers.etag).not.toBe(first.headers.etag);
  });

  it('does not count an authorised 304 against the rate limit', async () => {
    const first = await octokit.rest.issues.get({ owner, repo, issue_number: 1 });
    const second = await statusOf(octokit.rest.issues.get({ owner, repo, issue_number: 1, headers: { 'if-none-match': first.headers.etag } }));
    const third = await octokit.rest.issues.get({ owner, repo, issue_number: 1 });
    expect([first.headers['x-ratelimit-used'], second.headers['x-ratelimit-used'], third.headers['x-ratelimit-used']]).toEqual(['1', '1', '2']);
    expect(third.headers['x-ratelimit-remaining']).toBe('4998');
  });

  it('answers If-Modified-Since on a single issue by 304 while it is unchanged', async () => {
    const first = await octokit.rest.issues.get({ owner, repo, issue_number: 1 });
    expect(first.headers['last-modified']).toBe('Thu, 01 May 2025 12:00:00 GMT');
    const second = await statusOf(octokit.rest.issues.get({ owner, repo, issue_number: 1, headers: { 'if-modified-since': first.headers['last-modified'] } }));
    expect(second.status).toBe(304);
  });

  it('sends GitHub\'s identifying headers on every answer', async () => {
    const response = await octokit.rest.issues.listForRepo({ owner, repo });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-github-request-id']).toMatch(/^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/);
    expect(response.headers['x-ratelimit-limit']).toBe('5000');
    expect(response.headers['x-ratelimit-resource']).toBe('core');
    expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
  });
});
