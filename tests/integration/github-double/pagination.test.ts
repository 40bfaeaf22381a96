/**
 * Lists behave like GitHub's: page-based pagination with `Link` headers that
 * `octokit.paginate` follows, and the filters our collation relies on.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type GitHubDouble, startGitHubDouble } from '../../github-double/index.ts';
import { type TestOctokit, octokitFor } from './clients.ts';

const owner = 'belize-gov';
const repo = 'ncss-consultation';
const start = Date.parse('2025-05-01T12:00:00Z');
const minutes = (n: number) => start + n * 60_000;

let double: GitHubDouble;
let octokit: TestOctokit;

beforeAll(async () => {
  double = await startGitHubDouble({ owner, repo });
  octokit = octokitFor(double.url, 'any-token');
});

beforeEach(async () => {
  double.reset();
  double.setClock(() => Date.now());
});

afterAll(async () => {
  await double.close();
});

function linkRels(link: string | undefined): Record<string, string> {
  const rels: Record<string, string> = {};
  for (const part of (link ?? '').split(', ').filter(Boolean)) {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (!match) throw new Error(`malformed Link part: ${part}`);
    rels[match[2]!] = new URL(match[1]!).searchParams.get('page')!;
  }
  return rels;
}

describe('pagination', () => {
  it('lets octokit.paginate fetch 250 issues in 3 requests of 100', async () => {
    for (let n = 1; n <= 250; n++) double.state.addIssue({ title: `Comment ${n}`, created_at: minutes(n) });
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, per_page: 100 });

    expect(issues).toHaveLength(250);
    expect(new Set(issues.map((issue) => issue.number)).size).toBe(250);
    expect(double.requests.map((request) => [request.path, request.query['page'] ?? '1'])).toEqual([
      [`/repos/${owner}/${repo}/issues`, '1'],
      [`/repositories/${double.state.repoId}/issues`, '2'],
      [`/repositories/${double.state.repoId}/issues`, '3'],
    ]);
  });

  it('links pages with prev, next, last and first, as GitHub orders them', async () => {
    for (let n = 1; n <= 250; n++) double.state.addIssue({ created_at: minutes(n) });
    const pages = await Promise.all(
      [1, 2, 3].map((page) => octokit.rest.issues.listForRepo({ owner, repo, per_page: 100, page })),
    );
    expect(pages.map((page) => page.data.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => linkRels(page.headers.link))).toEqual([
      { next: '2', last: '3' },
      { prev: '1', next: '3', last: '3', first: '1' },
      { prev: '2', first: '1' },
    ]);
    expect(pages[1]!.headers.link!.split(', ').map((part) => part.split('rel=')[1])).toEqual(['"prev"', '"next"', '"last"', '"first"']);
  });

  it('sends no Link header when one page holds everything', async () => {
    double.state.addIssue();
    const response = await octokit.rest.issues.listForRepo({ owner, repo });
    expect(response.headers.link).toBeUndefined();
  });

  it('keeps the other query parameters in the links', async () => {
    for (let n = 1; n <= 5; n++) double.state.addIssue({ labels: ['technical'] });
    const response = await octokit.rest.issues.listForRepo({ owner, repo, labels: 'technical', state: 'all', per_page: 2 });
    const next = new URL(/<([^>]+)>; rel="next"/.exec(response.headers.link ?? '')![1]!);
    expect(Object.fromEntries(next.searchParams)).toEqual({ labels: 'technical', state: 'all', per_page: '2', page: '2' });
  });

  it('caps per_page at 100 and defaults it to 30', async () => {
    for (let n = 1; n <= 150; n++) double.state.addIssue();
    const capped = await octokit.rest.issues.listForRepo({ owner, repo, per_page: 500 });
    const defaulted = await octokit.rest.issues.listForRepo({ owner, repo });
    expect([capped.data.length, defaulted.data.length]).toEqual([100, 30]);
  });

  it('paginates labels, comments and pull requests too', async () => {
    double.state.addIssue();
    for (let n = 1; n <= 45; n++) double.state.addComment(1, { body: `c${n}` });
    for (let n = 1; n <= 35; n++) double.state.addPull();
    for (let n = 1; n <= 40; n++) double.state.addLabel({ name: `label-${n}` });
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: 1, per_page: 20 });
    const repoComments = await octokit.paginate(octokit.rest.issues.listCommentsForRepo, { owner, repo, per_page: 20 });
    const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo, per_page: 20 });
    const labels = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo, per_page: 20 });
    expect([comments.length, repoComments.length, pulls.length, labels.length]).toEqual([45, 45, 35, 49]);
    expect(comments.map((comment) => comment.body)).toEqual(Array.from({ length: 45 }, (_, i) => `c${i + 1}`));
  });
});

describe('filters', () => {
  it('lists open issues newest first by default', async () => {
    double.state.addIssue({ title: 'old', created_at: minutes(1) });
    double.state.addIssue({ title: 'closed', created_at: minutes(2), state: 'closed' });
    double.state.addIssue({ title: 'new', created_at: minutes(3) });
    const { data } = await octokit.rest.issues.listForRepo({ owner, repo });
    expect(data.map((issue) => issue.title)).toEqual(['new', 'old']);
  });

  it('returns only issues updated at or after `since`', async () => {
    double.state.addIssue({ title: 'early', created_at: minutes(0), updated_at: minutes(10) });
    double.state.addIssue({ title: 'exactly', created_at: minutes(0), updated_at: minutes(20) });
    double.state.addIssue({ title: 'late', created_at: minutes(0), updated_at: minutes(30) });
    const { data } = await octokit.rest.issues.listForRepo({ owner, repo, since: new Date(minutes(20)).toISOString(), sort: 'updated', direction: 'asc' });
    expect(data.map((issue) => issue.title)).toEqual(['exactly', 'late']);
  });

  it('counts a new comment as an update for `since`', async () => {
    double.setClock(() => minutes(0));
    double.state.addIssue({ title: 'quiet' });
    double.state.addIssue({ title: 'discussed' });
    double.setClock(() => minutes(60));
    await octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'Response: thanks' });
    const { data } = await octokit.rest.issues.listForRepo({ owner, repo, since: new Date(minutes(30)).toISOString() });
    expect(data.map((issue) => issue.title)).toEqual(['discussed']);
  });

  it('treats `labels` as AND and matches names case-insensitively', async () => {
    double.state.addIssue({ title: 'both', labels: ['technical', 'accepted'] });
    double.state.addIssue({ title: 'one', labels: ['technical'] });
    double.state.addIssue({ title: 'none' });
    const { data } = await octokit.rest.issues.listForRepo({ owner, repo, labels: 'Technical,ACCEPTED' });
    expect(data.map((issue) => issue.title)).toEqual(['both']);
  });

  it('includes pull requests in the issues list, marked with pull_request', async () => {
    double.state.addIssue({ title: 'comment' });
    double.state.addPull({ title: 'change', body: 'Addresses #1', merged_at: minutes(5) });
    const { data } = await octokit.rest.issues.listForRepo({ owner, repo, state: 'all' });
    const pull = data.find((issue) => issue.title === 'change');
    expect(pull?.pull_request?.merged_at).toBe('2025-05-01T12:05:00Z');
    expect(pull?.html_url).toMatch(/\/pull\/2$/);
    expect(data.find((issue) => issue.title === 'comment')?.pull_request).toBeUndefined();
  });

  it('filters pull requests by state, and shows merge details', async () => {
    double.state.addPull({ title: 'merged', merged_at: minutes(1), merge_commit_sha: 'a'.repeat(40) });
    double.state.addPull({ title: 'open' });
    const closed = await octokit.rest.pulls.list({ owner, repo, state: 'closed' });
    const open = await octokit.rest.pulls.list({ owner, repo });
    expect(closed.data.map((pull) => [pull.title, pull.merge_commit_sha])).toEqual([['merged', 'a'.repeat(40)]]);
    expect(open.data.map((pull) => pull.title)).toEqual(['open']);
  });

  it('filters repository-wide comments by `since` and orders them by id', async () => {
    double.state.addIssue();
    double.state.addIssue();
    double.state.addComment(2, { body: 'first', created_at: minutes(1) });
    double.state.addComment(1, { body: 'second', created_at: minutes(2) });
    double.state.addComment(2, { body: 'third', created_at: minutes(3) });
    const { data } = await octokit.rest.issues.listCommentsForRepo({ owner, repo, since: new Date(minutes(2)).toISOString() });
    expect(data.map((comment) => [comment.body, comment.issue_url.split('/').at(-1)])).toEqual([
      ['second', '1'],
      ['third', '2'],
    ]);
  });

  it('rejects an unreadable `since` with 422', async () => {
    await expect(octokit.rest.issues.listForRepo({ owner, repo, since: 'last tuesday' })).rejects.toMatchObject({ status: 422 });
  });
});
