import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH, findSubmissionIds, isBatchBody, parseBatchBody, renderBatchIssue, type BatchMember } from '../../../src/lib/comments/batch-body.ts';
import { MAX_ISSUE_BODY, MAX_ISSUE_TITLE, renderIssueBody } from '../../../src/lib/comments/issue-body.ts';
import { COMMENT_LIMITS } from '../../../src/lib/comments/schema.ts';
import { arbitraryComment, expectedRecord, validSubmission } from './helpers.ts';

const member = (n: number, overrides: Record<string, unknown> = {}, unverified = false): BatchMember => ({
  reference: `BZ-2026-${String(n).padStart(6, '0')}`,
  submission: validSubmission({ submissionId: `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`, ...overrides }),
  unverified,
});

describe('renderBatchIssue', () => {
  it('lists each comment under its reference with its full fields and marker, and reads each back', () => {
    const members = [member(1), member(2, { comment: 'A second view: publish the minutes.' }), member(3, { paragraph: undefined })];
    const issue = renderBatchIssue(members)!;
    expect(issue.members).toEqual(members);
    expect(issue.title).toBe('[v0.2 § governance] 3 comments: BZ-2026-000001 to BZ-2026-000003');
    expect(issue.labels).toEqual(['comment', 'batch', 'v:v0.2', 'section:governance']);
    for (const m of members) expect(issue.body).toContain(`## ${m.reference}\n\n${renderIssueBody(m.submission)}`);
    expect(isBatchBody(issue.body)).toBe(true);
    expect(parseBatchBody(issue.body)).toEqual(members.map((m) => ({ reference: m.reference, comment: expectedRecord(m.submission) })));
    expect(findSubmissionIds(issue.body)).toEqual(members.map((m) => m.submission.submissionId));
  });

  it('keeps unverified comments apart and labels their batch', () => {
    expect(renderBatchIssue([member(1, {}, true)])!.labels).toContain('unverified');
    expect(() => renderBatchIssue([member(1), member(2, {}, true)])).toThrow(/BZ-2026-000002/);
  });

  it('refuses a comment on another section rather than filing it in the wrong place', () => {
    expect(() => renderBatchIssue([member(1), member(2, { section: 'workforce', paragraph: undefined })])).toThrow(/workforce/);
  });

  it('stops at GitHub’s body limit and at the batch size, leaving the rest for the next batch', () => {
    const big = Array.from({ length: 10 }, (_, i) =>
      member(i + 1, { comment: 'x'.repeat(COMMENT_LIMITS.comment), proposedChange: 'y'.repeat(COMMENT_LIMITS.proposedChange) }),
    );
    const issue = renderBatchIssue(big)!;
    expect(issue.body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY);
    expect(issue.members.length).toBeGreaterThan(0);
    expect(issue.members.length).toBeLessThan(10);
    expect(parseBatchBody(issue.body).map((m) => m.reference)).toEqual(issue.members.map((m) => m.reference));

    const many = Array.from({ length: MAX_BATCH + 5 }, (_, i) => member(i + 1));
    expect(renderBatchIssue(many)!.members).toHaveLength(MAX_BATCH);
  });

  it('reads back hostile comments exactly, none able to fake a heading or a marker', () => {
    fc.assert(
      fc.property(fc.array(arbitraryComment, { minLength: 1, maxLength: 4 }), (comments) => {
        const members = comments.map((c, i) => ({
          reference: `BZ-2026-${String(i + 1).padStart(6, '0')}`,
          submission: { ...c, version: 'v0.2', section: 'governance', change: undefined },
          unverified: false,
        }));
        const issue = renderBatchIssue(members)!;
        expect(issue.title.length).toBeLessThanOrEqual(MAX_ISSUE_TITLE);
        expect(parseBatchBody(issue.body)).toEqual(issue.members.map((m) => ({ reference: m.reference, comment: expectedRecord(m.submission) })));
        expect(findSubmissionIds(issue.body)).toEqual(issue.members.map((m) => m.submission.submissionId));
      }),
      { numRuns: 150 },
    );
  });
});

describe('findSubmissionIds', () => {
  it('finds the one marker of a single issue, and none in a body typed on GitHub', () => {
    const single = validSubmission();
    expect(findSubmissionIds(renderIssueBody(single))).toEqual([single.submissionId]);
    expect(findSubmissionIds('### Comment\n\nTyped on GitHub')).toEqual([]);
    expect(isBatchBody(renderIssueBody(single))).toBe(false);
  });
});
