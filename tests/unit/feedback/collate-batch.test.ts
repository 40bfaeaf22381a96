/** Collation of batch issues: several comments filed in one issue, each reported as the comment it is. */
import { describe, expect, it } from 'vitest';
import { renderBatchIssue, type BatchMember } from '../../../src/lib/comments/batch-body.ts';
import type { OutboxEntry } from '../../../src/lib/comments/outbox.ts';
import { CommentSubmission } from '../../../src/lib/comments/schema.ts';
import { collateFeedback, type CollateOptions } from '../../../src/lib/feedback/collate.ts';
import { commentStatus } from '../../../src/lib/feedback/comment-status.ts';
import { FeedbackReport } from '../../../src/lib/feedback/schema.ts';
import { LOOKUP, VERSIONS, pull, reply, siteIssue, snapshot } from './helpers.ts';

const id = (n: number) => `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`;
const ref = (n: number) => `BZ-2026-${String(n).padStart(6, '0')}`;

function submission(n: number, overrides: Record<string, unknown> = {}): CommentSubmission {
  return CommentSubmission.parse({
    submissionId: id(n),
    version: 'v0.1',
    section: 'governance',
    paragraph: `p${n}`,
    type: n % 2 ? 'technical' : 'editorial',
    comment: `Comment number ${n} on the Council, in words of its own: ${'abcdefghij'.slice(0, n)}.`,
    sector: n % 2 ? 'government' : 'academia',
    organisation: `Organisation ${n}`,
    channel: 'web',
    submittedAt: `2026-09-0${n}T10:00:00Z`,
    ...overrides,
  });
}

const member = (n: number, overrides: Record<string, unknown> = {}): BatchMember => ({ reference: ref(n), submission: submission(n, overrides), unverified: false });

/** Batch issue #40 holding comments 1, 2 and 3, labelled as the dispatcher labels it plus `extra`. */
function batch(extra: string[] = [], members = [member(1), member(2), member(3)]) {
  const filed = renderBatchIssue(members)!;
  return siteIssue(40, filed.body, [...filed.labels, ...extra]);
}

function collate(parts: Partial<CollateOptions>) {
  return collateFeedback({ version: 'v0.1', versions: VERSIONS, lookup: LOOKUP, sources: ['github'], ...parts });
}

describe('collateFeedback: batch issues', () => {
  it('reports each member as the comment it is, under its own reference, with the batch as its issue', () => {
    const { report, warnings } = collate({ snapshot: snapshot({ issues: [batch()] }) });
    expect(warnings).toEqual([]);
    expect(report.comments.map((c) => [c.reference, c.issue?.number, c.paragraph, c.type, c.sector, c.organisation, c.channel, c.submittedAt, c.disposition])).toEqual([
      [ref(1), 40, 'p1', 'technical', 'government', 'Organisation 1', 'web', '2026-09-01T10:00:00Z', 'pending'],
      [ref(2), 40, 'p2', 'editorial', 'academia', 'Organisation 2', 'web', '2026-09-02T10:00:00Z', 'pending'],
      [ref(3), 40, 'p3', 'technical', 'government', 'Organisation 3', 'web', '2026-09-03T10:00:00Z', 'pending'],
    ]);
    expect(report.comments[1]!.comment).toBe('Comment number 2 on the Council, in words of its own: ab.');
    expect(FeedbackReport.safeParse(report).success).toBe(true);
  });

  it('believes a batch body only in an issue the site filed: typed on GitHub, it is one unreadable issue', () => {
    const typed = { ...batch(), filed_by_site: false };
    const { report } = collate({ snapshot: snapshot({ issues: [typed] }) });
    expect(report.comments.map((c) => c.reference)).not.toContain(ref(1));
    expect(report.comments.length + report.unreadable.length).toBe(1);
  });

  it('gives each member its own disposition and response, the batch’s label and plain response to the others', () => {
    const replies = [
      reply(40, 'Response: Thank you; the Council’s membership is being revised.', 'MEMBER', '2026-10-01T10:00:00Z'),
      reply(40, 'Response to BZ-2026-000001 (accepted): Added in v0.2.\n\n<!-- consulta:response=' + 'a'.repeat(64) + ' member=BZ-2026-000001 -->', 'MEMBER', '2026-10-02T10:00:00Z'),
      reply(40, 'response to bz-2026-000002 (Partially accepted)', 'OWNER', '2026-10-03T10:00:00Z'),
      reply(40, 'Response to BZ-2026-000003 (accepted): I agree!', 'NONE', '2026-10-04T10:00:00Z'),
      reply(40, 'Response to BZ-2026-000001: Added in v0.2, section 2.', 'MEMBER', '2026-10-05T10:00:00Z'),
    ];
    const { report } = collate({ snapshot: snapshot({ issues: [batch(['noted'])], comments: replies }) });
    const [one, two, three] = report.comments;
    // Its own disposition wins over the label, and a later correction of the text keeps it.
    expect(one).toMatchObject({ disposition: 'accepted', response: { text: 'Added in v0.2, section 2.', respondedAt: '2026-10-05T10:00:00Z' } });
    // A disposition of its own without text: the batch's plain response answers it.
    expect(two).toMatchObject({ disposition: 'partially-accepted', response: { text: 'Thank you; the Council’s membership is being revised.' } });
    // Nobody who speaks for the consultation answered it: the label and the plain response.
    expect(three).toMatchObject({ disposition: 'noted', response: { text: 'Thank you; the Council’s membership is being revised.' } });
  });

  it('warns of a bracket that names no disposition and of a reply to a comment not in the batch, and reads the rest', () => {
    const replies = [
      reply(40, 'Response to BZ-2026-000001 (see below): We will consider it.', 'MEMBER', '2026-10-02T10:00:00Z'),
      reply(40, 'Response to BZ-2026-000099 (accepted): Wrong issue.', 'MEMBER', '2026-10-03T10:00:00Z'),
    ];
    const { report, warnings } = collate({ snapshot: snapshot({ issues: [batch()], comments: replies }) });
    expect(report.comments[0]).toMatchObject({ disposition: 'pending', response: { text: 'We will consider it.' } });
    expect(report.comments.slice(1).map((c) => [c.disposition, c.response])).toEqual([['pending', undefined], ['pending', undefined]]);
    expect(warnings).toEqual([
      expect.stringMatching(/^#40: BZ-2026-000001: "\(see below\)" in a reply is not a disposition/),
      expect.stringMatching(/^#40: a reply \(\S+\) answers BZ-2026-000099, which is not in this batch$/),
    ]);
  });

  it('applies the batch’s v: and section: labels to every member, and ignores type: and sector: labels with a warning', () => {
    const moved = batch(['type:general', 'sector:private-sector']);
    moved.labels = moved.labels.map((l) => (l === 'section:governance' ? 'section:incident-response' : l));
    const { report, warnings } = collate({ snapshot: snapshot({ issues: [moved] }) });
    expect(report.comments.map((c) => [c.section, c.type, c.sector])).toEqual([
      ['incident-response', 'technical', 'government'],
      ['incident-response', 'editorial', 'academia'],
      ['incident-response', 'technical', 'government'],
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^#40: type:general, sector:private-sector ignored: they cannot be right for every comment of a batch/)]);

    const relabelled = batch();
    relabelled.labels = relabelled.labels.map((l) => (l === 'v:v0.1' ? 'v:v0.2' : l));
    const other = collate({ snapshot: snapshot({ issues: [relabelled] }) });
    expect(other.report.comments).toEqual([]);
    expect(other.otherVersions).toBe(3);
  });

  it('removes every member of a batch labelled spam', () => {
    const result = collate({ snapshot: snapshot({ issues: [batch(['spam'])] }) });
    expect(result.report.comments).toEqual([]);
    expect(result.report.unreadable).toEqual([]);
    expect(result.spam).toBe(3);
  });

  it('lists a member that cannot be read under the batch’s number and its reference, and reports the others', () => {
    const filed = batch();
    filed.body = filed.body!.replace(/(## BZ-2026-000002\n[\s\S]*?### Comment\n\n)[^\n]+/, '$1_No response_');
    const { report } = collate({ snapshot: snapshot({ issues: [filed] }) });
    expect(report.comments.map((c) => c.reference)).toEqual([ref(1), ref(3)]);
    expect(report.unreadable).toEqual([{ number: 40, reference: ref(2), url: filed.html_url, reasons: ['no comment text under "### Comment"'] }]);
    expect(FeedbackReport.safeParse(report).success).toBe(true);
  });

  it('says "duplicate of" per member, and gives every member the pull requests that address the batch', () => {
    const replies = [reply(40, 'Response to BZ-2026-000002 (duplicate): Duplicate of #12, which says the same.', 'MEMBER')];
    const { report } = collate({ snapshot: snapshot({ issues: [batch()], comments: replies, pulls: [pull(50, 'Addresses #40')] }) });
    expect(report.comments.map((c) => [c.disposition, c.duplicateOf, c.addressedIn.map((a) => a.pull)])).toEqual([
      ['pending', undefined, [50]],
      ['duplicate', 12, [50]],
      ['pending', undefined, [50]],
    ]);
  });

  it('counts every member as filed, so an outbox comment already in a batch is listed once', () => {
    const entry = (n: number, status: OutboxEntry['status']): OutboxEntry => ({
      reference: ref(n),
      submissionId: id(n),
      submission: submission(n),
      status,
      attempts: 0,
      nextAttemptAt: new Date(),
      needsLookup: false,
      unverified: false,
      createdAt: new Date(),
      ...(status === 'filed' ? { issueNumber: 40, issueUrl: 'https://github.com/belize-ncss/strategy/issues/40' } : {}),
    });
    const outbox = [entry(1, 'filed'), entry(2, 'filed'), entry(3, 'pending'), entry(4, 'pending')];
    const { report } = collate({ snapshot: snapshot({ issues: [batch()] }), outbox, outboxScope: 'all' });
    expect(report.comments.map((c) => [c.reference, c.issue?.number])).toEqual([
      [ref(1), 40],
      [ref(2), 40],
      [ref(3), 40],
      [ref(4), undefined],
    ]);
  });

  it('shows a commenter the answer to their own comment, not to the first of its batch', () => {
    const replies = [reply(40, 'Response to BZ-2026-000002 (not-accepted): Out of the Council’s remit.', 'MEMBER')];
    const { report } = collate({ snapshot: snapshot({ issues: [batch()], comments: replies }) });
    const filed = { version: 'v0.1', section: 'governance', status: 'filed', issueNumber: 40, issueUrl: 'https://github.com/belize-ncss/strategy/issues/40' } as const;
    expect(commentStatus({ reference: ref(2), ...filed }, report)).toMatchObject({ progress: 'answered', disposition: 'not-accepted', response: { text: 'Out of the Council’s remit.' } });
    expect(commentStatus({ reference: ref(1), ...filed }, report)).toMatchObject({ progress: 'filed', inReport: true });
    expect(commentStatus({ reference: ref(1), ...filed }, report).disposition).toBeUndefined();
  });
});
