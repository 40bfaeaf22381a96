/**
 * Every response the double sends, for every endpoint we call and every way
 * it can answer, is checked against GitHub's OpenAPI description through real
 * HTTP between Octokit and the double. Successful bodies are held to the strict
 * variant: required fields present and no field the schema does not know.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type GitHubDouble, startGitHubDouble } from '../../github-double/index.ts';
import { type ContractLog, type TestOctokit, enforceContract, isRequestError, octokitFor } from './clients.ts';
import { OpenApiContract } from './openapi-contract.ts';

const owner = 'belize-gov';
const repo = 'ncss-consultation';
const token = 'ghs_contracttesttoken';

let contract: OpenApiContract;
let double: GitHubDouble;
let octokit: TestOctokit;
let log: ContractLog;
/** A second client with a wrong token, also checked. */
let stranger: TestOctokit;
let strangerLog: ContractLog;

beforeAll(async () => {
  contract = new OpenApiContract();
  double = await startGitHubDouble({ owner, repo, token });
  const { state } = double;
  state.addIssue({ title: 'Section 3 is vague', body: 'Comment body', labels: ['technical'], author: 'citizen-a' });
  state.addIssue({ title: 'Typo in 4.2', labels: ['editorial', 'accepted'], state: 'closed', assignees: ['secretariat-1'] });
  state.addComment(2, { body: 'Response: fixed in the next draft.', author: 'secretariat-1', authorAssociation: 'MEMBER' });
  state.addPull({ title: 'Fix 4.2', body: 'Addresses #2', merged_at: '2025-06-02T10:00:00Z', author: 'secretariat-1', authorAssociation: 'MEMBER' });
  state.addPull({ title: 'Draft 2 restructure', body: 'Work in progress', draft: true });
  octokit = octokitFor(double.url, token);
  log = enforceContract(octokit, contract, { strict: true });
  stranger = octokitFor(double.url, 'ghs_wrong');
  strangerLog = enforceContract(stranger, contract, { strict: true });
});

afterAll(async () => {
  await double.close();
});

/** Asserts the hook checked a response of `operationId` with `status`, and found nothing wrong anywhere. */
function expectConforming(operationId: string, status: number, which: ContractLog = log): void {
  expect(which.checks.some((check) => check.operationId === operationId && check.status === status)).toBe(true);
  expect(which.problems).toEqual([]);
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; headers: Record<string, string>; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (isRequestError(error) && error.response) return { status: error.status, headers: error.response.headers, data: error.response.data };
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('the double against GitHub\'s OpenAPI description', () => {
  it('lists issues, pull requests included, in the issue schema', async () => {
    const { data } = await octokit.rest.issues.listForRepo({ owner, repo, state: 'all' });
    expect(data).toHaveLength(4);
    expect(data.filter((issue) => issue.pull_request)).toHaveLength(2);
    expectConforming('issues/list-for-repo', 200);
  });

  it('returns a single issue in the issue schema, with closed_by', async () => {
    const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: 2 });
    expect(data.closed_by?.login).toBe(owner);
    expect(data.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['editorial', 'accepted']);
    expectConforming('issues/get', 200);
  });

  it('creates an issue in the issue schema and says where it lives', async () => {
    const response = await octokit.rest.issues.create({ owner, repo, title: 'New comment', body: 'text', labels: ['general'] });
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(response.data.url);
    expectConforming('issues/create', 201);
  });

  it('lists, creates and gets labels in the label schema', async () => {
    await octokit.rest.issues.listLabelsForRepo({ owner, repo });
    const created = await octokit.rest.issues.createLabel({ owner, repo, name: 'partially-accepted', color: 'fbca04', description: 'Part of it was taken' });
    const fetched = await octokit.rest.issues.getLabel({ owner, repo, name: 'partially-accepted' });
    expect(fetched.data).toEqual(created.data);
    expectConforming('issues/list-labels-for-repo', 200);
    expectConforming('issues/create-label', 201);
    expectConforming('issues/get-label', 200);
  });

  it('adds labels to an issue and answers with all its labels in the label schema', async () => {
    const { data } = await octokit.rest.issues.addLabels({ owner, repo, issue_number: 1, labels: ['noted'] });
    expect(data.map((label) => label.name)).toEqual(['technical', 'noted']);
    expectConforming('issues/add-labels', 200);
  });

  it('removes a label from an issue, answering with the rest, and 404 when the issue does not carry it', async () => {
    const { data } = await octokit.rest.issues.removeLabel({ owner, repo, issue_number: 1, name: 'NOTED' });
    expect(data.map((label) => label.name)).toEqual(['technical']);
    expectConforming('issues/remove-label', 200);
    const missing = await failure(octokit.rest.issues.removeLabel({ owner, repo, issue_number: 1, name: 'noted' }));
    expect(missing.status).toBe(404);
    expect(missing.data).toMatchObject({ message: 'Label does not exist' });
    expectConforming('issues/remove-label', 404);
  });

  it('lists and creates comments in the issue-comment schema', async () => {
    await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'Response: noted.' });
    await octokit.rest.issues.listComments({ owner, repo, issue_number: 1 });
    await octokit.rest.issues.listCommentsForRepo({ owner, repo, since: '2000-01-01T00:00:00Z' });
    expectConforming('issues/create-comment', 201);
    expectConforming('issues/list-comments', 200);
    expectConforming('issues/list-comments-for-repo', 200);
  });

  it('lists pull requests in the pull-request-simple schema', async () => {
    const { data } = await octokit.rest.pulls.list({ owner, repo, state: 'all' });
    expect(data.map((pull) => [pull.number, pull.merged_at !== null])).toEqual([
      [4, false],
      [3, true],
    ]);
    expectConforming('pulls/list', 200);
  });

  it('answers pages reached through Link headers (by repository id) in the same schema', async () => {
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: 'all', per_page: 2 });
    expect(issues.length).toBe(5);
    expect(log.checks.some((check) => check.url.includes('/repositories/') && check.operationId === 'issues/list-for-repo')).toBe(true);
    expectConforming('issues/list-for-repo', 200);
  });

  it('answers rejected input in the validation-error schema', async () => {
    const missingTitle = await failure(octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, body: 'no title' } as never));
    const tooLong = await failure(octokit.rest.issues.create({ owner, repo, title: 'Long', body: 'x'.repeat(65_537) }));
    const duplicate = await failure(octokit.rest.issues.createLabel({ owner, repo, name: 'BUG' }));
    const badColour = await failure(octokit.rest.issues.createLabel({ owner, repo, name: 'foo', color: 'invalid' }));
    expect([missingTitle.status, tooLong.status, duplicate.status, badColour.status]).toEqual([422, 422, 422, 422]);
    expectConforming('issues/create', 422);
    expectConforming('issues/create-label', 422);
  });

  it('answers a missing issue and an unknown route with 404 in the basic-error schema', async () => {
    const missing = await failure(octokit.rest.issues.get({ owner, repo, issue_number: 999 }));
    const unknown = await failure(octokit.request('GET /repos/{owner}/{repo}/nonsense', { owner, repo }));
    expect([missing.status, unknown.status]).toEqual([404, 404]);
    expect(unknown.data).toMatchObject({ message: 'Not Found' });
    expectConforming('issues/get', 404);
  });

  it('answers bad credentials, rate limits and server faults in the basic-error schema', async () => {
    const unauthorised = await failure(stranger.rest.issues.listForRepo({ owner, repo }));
    expect(unauthorised.status).toBe(401);
    expectConforming('issues/list-for-repo', 401, strangerLog);

    const statuses: number[] = [];
    for (const mode of ['secondary-rate-limit', 'primary-rate-limit', 'server-error', 'bad-gateway'] as const) {
      double.failNext(mode);
      statuses.push((await failure(octokit.rest.issues.create({ owner, repo, title: mode }))).status);
    }
    expect(statuses).toEqual([403, 403, 500, 502]);
    expectConforming('issues/create', 403);
    expectConforming('issues/create', 500);
    expectConforming('issues/create', 502);
  });

  it('answers a conditional GET for unchanged data with 304 and no body', async () => {
    const first = await octokit.rest.issues.get({ owner, repo, issue_number: 1 });
    const again = await failure(octokit.rest.issues.get({ owner, repo, issue_number: 1, headers: { 'if-none-match': first.headers.etag } }));
    expect(again.status).toBe(304);
    expectConforming('issues/get', 304);
  });

  it('sent no response that escaped the check', async () => {
    const answered = double.requests.filter((request) => request.status !== 0);
    expect(log.checks.length + strangerLog.checks.length).toBe(answered.length);
    expect(answered.length).toBeGreaterThan(25);
  });
});
