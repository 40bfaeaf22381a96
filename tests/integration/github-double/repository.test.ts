/**
 * The repository the double keeps: seeding helpers, what the write endpoints
 * accept and refuse (GitHub's limits and error codes), labels, and reset.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GITHUB_DEFAULT_LABELS, type GitHubDouble, startGitHubDouble } from '../../github-double/index.ts';
import { type TestOctokit, isRequestError, octokitFor } from './clients.ts';

const owner = 'belize-gov';
const repo = 'ncss-consultation';

let double: GitHubDouble;
let octokit: TestOctokit;

beforeAll(async () => {
  double = await startGitHubDouble({ owner, repo });
  octokit = octokitFor(double.url, 'any');
});

beforeEach(async () => {
  double.reset();
  double.setClock(() => Date.now());
  double.state.pushAccess = true;
});

afterAll(async () => {
  await double.close();
});

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isRequestError(error) && error.response) return { status: error.status, data: error.response.data as Record<string, unknown> };
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('seeding', () => {
  it('shows seeded issues, comments and pull requests through the API', async () => {
    const issue = double.state.addIssue({ title: 'Clause 2.1', body: 'Too broad', labels: ['technical'], author: 'citizen-a', authorAssociation: 'NONE' });
    double.state.addComment(issue.number, { body: 'Response: narrowed.', author: 'secretariat-1', authorAssociation: 'MEMBER' });
    const pull = double.state.addPull({ body: `Addresses #${issue.number}`, merged_at: '2025-06-01T09:00:00Z' });

    const fetched = await octokit.rest.issues.get({ owner, repo, issue_number: issue.number });
    const comments = await octokit.rest.issues.listComments({ owner, repo, issue_number: issue.number });
    const pulls = await octokit.rest.pulls.list({ owner, repo, state: 'closed' });

    expect(fetched.data).toMatchObject({ title: 'Clause 2.1', body: 'Too broad', comments: 1, user: { login: 'citizen-a' }, author_association: 'NONE' });
    expect(comments.data[0]).toMatchObject({ body: 'Response: narrowed.', author_association: 'MEMBER', user: { login: 'secretariat-1', type: 'User' } });
    expect(pulls.data.map((p) => [p.number, p.body, p.merged_at])).toEqual([[pull.number, 'Addresses #1', '2025-06-01T09:00:00Z']]);
    expect(pull.number).toBe(2);
  });

  it('gives issues and pull requests one number sequence', async () => {
    const first = double.state.addIssue();
    const pull = double.state.addPull();
    const second = double.state.addIssue();
    expect([first.number, pull.number, second.number]).toEqual([1, 2, 3]);
    expect(double.state.pulls.map((p) => p.number)).toEqual([2]);
  });

  it('stamps created_at from the clock set with setClock, in whole seconds', async () => {
    double.setClock(() => Date.parse('2025-05-01T12:34:56.789Z'));
    const { data } = await octokit.rest.issues.create({ owner, repo, title: 'Timed' });
    expect([data.created_at, data.updated_at]).toEqual(['2025-05-01T12:34:56Z', '2025-05-01T12:34:56Z']);
    expect(double.requests[0]?.at).toBe(Date.parse('2025-05-01T12:34:56.789Z'));
  });

  it('starts with GitHub\'s default labels, which reset restores', async () => {
    double.state.addLabel({ name: 'accepted' });
    double.reset();
    const { data } = await octokit.rest.issues.listLabelsForRepo({ owner, repo });
    expect(data.map((label) => label.name)).toEqual(GITHUB_DEFAULT_LABELS.map(([name]) => name));
    expect(data.every((label) => label.default)).toBe(true);
  });

  it('can start without default labels', async () => {
    const empty = await startGitHubDouble({ owner, repo, defaultLabels: false });
    try {
      const { data } = await octokitFor(empty.url).rest.issues.listLabelsForRepo({ owner, repo });
      expect(data).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it('keeps the identity of state arrays and requests across reset', async () => {
    const { issues } = double.state;
    const { requests } = double;
    await octokit.rest.issues.create({ owner, repo, title: 'x' });
    double.reset();
    expect([issues.length, requests.length]).toEqual([0, 0]);
    await octokit.rest.issues.create({ owner, repo, title: 'y' });
    expect([issues, requests].map((list) => list.length)).toEqual([1, 1]);
  });
});

describe('creating issues', () => {
  it('creates missing labels when the issue is created', async () => {
    const { data } = await octokit.rest.issues.create({ owner, repo, title: 'x', labels: ['consultation:ncss-v1', 'bug'] });
    expect(data.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['consultation:ncss-v1', 'bug']);
    expect(double.state.label('consultation:ncss-v1')).toMatchObject({ color: 'ededed', default: false });
  });

  it('drops labels silently when the token has no push access', async () => {
    double.state.pushAccess = false;
    const { data } = await octokit.rest.issues.create({ owner, repo, title: 'x', labels: ['technical'] });
    expect(data.labels).toEqual([]);
    expect(double.state.label('technical')).toBeUndefined();
  });

  it('refuses a missing title with GitHub\'s wording', async () => {
    const refused = await refusal(octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, body: 'x' } as never));
    expect(refused).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\n"title" wasn\'t supplied.' } });
  });

  it('refuses a body over 65,536 characters and a title over 256', async () => {
    const refused = await refusal(octokit.rest.issues.create({ owner, repo, title: 't'.repeat(257), body: 'b'.repeat(65_537) }));
    expect(refused.status).toBe(422);
    expect(refused.data['errors']).toEqual([
      { resource: 'Issue', field: 'title', code: 'custom', message: 'title is too long (maximum is 256 characters)' },
      { resource: 'Issue', field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' },
    ]);
    expect(double.state.issues).toHaveLength(0);
  });

  it('accepts a body of exactly 65,536 characters', async () => {
    const { status } = await octokit.rest.issues.create({ owner, repo, title: 'max', body: 'b'.repeat(65_536) });
    expect(status).toBe(201);
  });

  it('refuses a label name over 50 characters', async () => {
    const refused = await refusal(octokit.rest.issues.create({ owner, repo, title: 'x', labels: ['l'.repeat(51)] }));
    expect(refused).toMatchObject({ status: 422, data: { errors: [{ resource: 'Label', field: 'name', code: 'custom' }] } });
  });

  it('answers malformed JSON with 400', async () => {
    const response = await fetch(`${double.url}/repos/${owner}/${repo}/issues`, { method: 'POST', body: '{"title": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Problems parsing JSON' });
    expect(double.requests[0]?.body).toBe('{"title": ');
  });
});

describe('labels', () => {
  it('refuses a duplicate label, whatever its case, with already_exists', async () => {
    const refused = await refusal(octokit.rest.issues.createLabel({ owner, repo, name: 'Duplicate' }));
    expect(refused).toMatchObject({ status: 422, data: { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] } });
  });

  it('refuses a color that is not six hex digits', async () => {
    const refused = await refusal(octokit.rest.issues.createLabel({ owner, repo, name: 'foo', color: 'invalid' }));
    expect(refused.data['errors']).toEqual([{ resource: 'Label', code: 'invalid', field: 'color' }]);
  });

  it('adds labels to an issue without repeating one it already has', async () => {
    double.state.addIssue({ labels: ['technical'] });
    const { data } = await octokit.rest.issues.addLabels({ owner, repo, issue_number: 1, labels: ['TECHNICAL', 'accepted'] });
    expect(data.map((label) => label.name)).toEqual(['technical', 'accepted']);
  });

  it('finds a label by a URL-encoded name', async () => {
    const { data } = await octokit.rest.issues.getLabel({ owner, repo, name: 'good first issue' });
    expect(data.url).toBe(`${double.url}/repos/${owner}/${repo}/labels/good%20first%20issue`);
  });
});

describe('routing', () => {
  it('answers another repository and unknown paths with 404 Not Found', async () => {
    const other = await refusal(octokit.rest.issues.listForRepo({ owner, repo: 'another' }));
    const unknown = await refusal(octokit.request('GET /user'));
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(unknown.data).toMatchObject({ message: 'Not Found', documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//) });
  });

  it('matches owner and repository names case-insensitively, as GitHub does', async () => {
    const { status } = await octokit.rest.issues.listForRepo({ owner: owner.toUpperCase(), repo: repo.toUpperCase() });
    expect(status).toBe(200);
  });

  it('answers a missing issue with 404, also for its comments', async () => {
    const issue = await refusal(octokit.rest.issues.get({ owner, repo, issue_number: 7 }));
    const comment = await refusal(octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: 'x' }));
    expect([issue.status, comment.status]).toEqual([404, 404]);
  });
});
