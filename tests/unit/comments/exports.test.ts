import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as dispatcher from '../../../src/lib/comments/dispatcher.ts';
import * as intake from '../../../src/lib/comments/intake.ts';
import * as issueBody from '../../../src/lib/comments/issue-body.ts';
import * as issueFormFields from '../../../src/lib/comments/issue-form-fields.ts';
import * as neutralise from '../../../src/lib/comments/neutralise.ts';
import * as outbox from '../../../src/lib/comments/outbox.ts';
import * as pace from '../../../src/lib/comments/pace.ts';
import * as schema from '../../../src/lib/comments/schema.ts';
import * as errors from '../../../src/lib/github/errors.ts';
import * as octokit from '../../../src/lib/github/octokit.ts';

const MODULES: Record<string, object> = {
  'comments/schema': schema,
  'comments/neutralise': neutralise,
  'comments/issue-form-fields': issueFormFields,
  'comments/issue-body': issueBody,
  'comments/outbox': outbox,
  'comments/pace': pace,
  'comments/dispatcher': dispatcher,
  'comments/intake': intake,
  'github/octokit': octokit,
  'github/errors': errors,
};

/** The public surface the API route, the pages, the scripts and the report build on. A change here is a change for them. */
const SURFACE: Record<string, string[]> = {
  'comments/schema': ['CHANNELS', 'COMMENT_LIMITS', 'COMMENT_TYPES', 'COMMENT_TYPE_LABELS', 'CommentFormInput', 'CommentSubmission', 'FORM_FIELDS', 'SECTOR_LABELS', 'characterCount', 'cleanText', 'fieldErrors'],
  'comments/neutralise': ['IMAGE_REMOVED', 'ZWSP', 'guardEmptyLookingValue', 'neutralise', 'neutraliseLine', 'restoreEmptyLookingValue'],
  'comments/issue-form-fields': ['ISSUE_FORM_FIELDS', 'PUBLISH_NAME_OPTION', 'issueFormYaml', 'renderIssueFormYaml'],
  'comments/issue-body': ['MAX_ISSUE_BODY', 'MAX_ISSUE_TITLE', 'MAX_LABEL', 'TITLE_EXCERPT', 'boundedLabel', 'excerpt', 'findSubmissionId', 'issueLabels', 'labelAppearance', 'neutraliseComment', 'parseIssueBody', 'renderIssueBody', 'renderIssueTitle', 'submissionMarker'],
  'comments/outbox': ['DEFAULT_LEASE_MS', 'OUTBOX_STATUSES', 'defaultOutboxPath', 'formatReference', 'openOutbox'],
  'comments/pace': ['DEFAULT_PACE', 'createPace'],
  'comments/dispatcher': ['createDispatcher', 'realSleep', 'startDispatcher'],
  'comments/intake': ['DEFAULT_CHALLENGE', 'DEFAULT_INTAKE_LIMITS', 'acceptComment', 'createChallenge', 'createIntakeGuard', 'intakeGuardFromEnv'],
  'github/octokit': ['ConsultaOctokit', 'DEFAULT_GITHUB_API_URL', 'DEFAULT_REQUEST_TIMEOUT_MS', 'GitHubConfigError', 'createGitHubClient', 'githubConfigFromEnv', 'redactSecrets'],
  'github/errors': ['SECONDARY_LIMIT_FALLBACK_SECONDS', 'classifyGitHubError', 'describeGitHubError'],
};

describe('public surface of comments and github', () => {
  for (const [module, names] of Object.entries(SURFACE)) {
    it(`src/lib/${module}.ts exports exactly its documented names`, () => {
      expect(Object.keys(MODULES[module]!).sort()).toEqual([...names].sort());
    });
  }

  it('keeps GitHub out of the comment modules the form and the report use', () => {
    for (const module of ['schema', 'neutralise', 'issue-form-fields', 'issue-body', 'outbox', 'intake']) {
      const source = readFileSync(new URL(`../../../src/lib/comments/${module}.ts`, import.meta.url), 'utf8');
      expect(source, module).not.toMatch(/from '\.\.\/github\/|@octokit/);
    }
  });
});
