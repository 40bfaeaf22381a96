/**
 * The checker the contract tests rely on has teeth: it accepts what GitHub
 * really sent (a recording from @octokit/fixtures) and rejects bodies that
 * break GitHub's description.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { OpenApiContract } from './openapi-contract.ts';

let contract: OpenApiContract;
let recordedIssues: Array<Record<string, unknown>>;

beforeAll(() => {
  contract = new OpenApiContract();
  const require = createRequire(import.meta.url);
  const scenarios = join(dirname(require.resolve('@octokit/fixtures/package.json')), 'scenarios', 'api.github.com');
  const recording = JSON.parse(readFileSync(join(scenarios, 'paginate-issues', 'normalized-fixture.json'), 'utf8'));
  recordedIssues = recording[0].response;
});

describe('the OpenAPI contract checker', () => {
  it('accepts an issue list GitHub really sent, even strictly', () => {
    expect(contract.check('GET', '/repos/o/r/issues', 200, recordedIssues, { strict: true }).problems).toEqual([]);
  });

  it('rejects an issue missing a required field or carrying a malformed time', () => {
    const { node_id: _dropped, ...withoutNodeId } = recordedIssues[0]!;
    const { problems } = contract.check('GET', '/repos/o/r/issues', 200, [{ ...withoutNodeId, created_at: '2017-10-10 16:00' }], { strict: false });
    expect(problems.join('\n')).toMatch(/required property 'node_id'/);
    expect(problems.join('\n')).toMatch(/created_at must match format "date-time"/);
  });

  it('rejects, when strict, a field the schema does not name', () => {
    const body = [{ ...recordedIssues[0], mergedAt: null }];
    expect(contract.check('GET', '/repos/o/r/issues', 200, body, { strict: false }).problems).toEqual([]);
    expect(contract.check('GET', '/repos/o/r/issues', 200, body, { strict: true }).problems.join('\n')).toMatch(/additionalProperty":"mergedAt"/);
  });

  it('reads nullable fields as OpenAPI 3.0 means them', () => {
    const closedNoReason = [{ ...recordedIssues[0], state_reason: null, milestone: null, assignee: null }];
    const badReason = [{ ...recordedIssues[0], state_reason: 'wontfix' }];
    expect(contract.check('GET', '/repos/o/r/issues', 200, closedNoReason, { strict: true }).problems).toEqual([]);
    expect(contract.check('GET', '/repos/o/r/issues', 200, badReason, { strict: true }).problems).not.toEqual([]);
  });

  it('maps a path by repository id, as Link headers give it, to the documented operation', () => {
    expect(contract.operationFor('GET', '/repositories/1000/issues')?.operation.operationId).toBe('issues/list-for-repo');
    expect(contract.operationFor('GET', '/repos/o/r/issues/comments')?.operation.operationId).toBe('issues/list-comments-for-repo');
    expect(contract.operationFor('GET', '/repos/o/r/issues/7')?.operation.operationId).toBe('issues/get');
  });

  it('refuses a status the operation does not document, and a body on a 304', () => {
    expect(contract.check('GET', '/repos/o/r/issues', 418, {}, { strict: true }).problems).toEqual([
      'GET /repos/{owner}/{repo}/issues does not document status 418',
    ]);
    expect(contract.check('GET', '/repos/o/r/issues/1', 304, { message: 'x' }, { strict: true }).problems).not.toEqual([]);
  });

  it('holds a 422 to the validation-error schema', () => {
    expect(contract.check('POST', '/repos/o/r/labels', 422, { message: 'Validation Failed' }, { strict: true }).problems.join('\n')).toMatch(
      /required property 'documentation_url'/,
    );
  });
});
