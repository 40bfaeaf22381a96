import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueLabels, renderIssueBody } from '../../../src/lib/comments/issue-body.ts';
import type { OutboxEntry } from '../../../src/lib/comments/outbox.ts';
import { CommentSubmission } from '../../../src/lib/comments/schema.ts';
import { collateFeedback, type CollateOptions } from '../../../src/lib/feedback/collate.ts';
import { FeedbackReport } from '../../../src/lib/feedback/schema.ts';
import { LOOKUP, VERSIONS, issue, pull, reply, siteIssue, snapshot } from './helpers.ts';

const ISSUE_FORM_BODY = readFileSync(join(import.meta.dirname, 'fixtures/issue-form-body.md'), 'utf8');

/** The comment of the issue-form fixture, as the site's form would have sent it. */
function siteSubmission(overrides: Record<string, unknown> = {}): CommentSubmission {
  return CommentSubmission.parse({
    submissionId: '0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01',
    version: 'v0.1',
    section: 'governance',
    paragraph: 'p2',
    quote: 'includes the ministers responsible for national security, finance, public utilities and foreign affairs',
    type: 'technical',
    comment: 'The minister responsible for education should sit on the Council, as @someone said in #12.\n\nSchools hold the personal data of almost every young person.',
    proposedChange: 'includes the ministers responsible for national security, finance, public utilities, education and foreign affairs',
    sector: 'government',
    organisation: 'Ministry of Education',
    name: 'Ana Castillo',
    publishName: true,
    channel: 'web',
    submittedAt: '2026-09-08T14:03:51-06:00',
    ...overrides,
  });
}

function collate(parts: Partial<CollateOptions>) {
  return collateFeedback({ version: 'v0.1', versions: VERSIONS, lookup: LOOKUP, sources: ['github'], ...parts });
}

describe('collateFeedback: reading issue bodies', () => {
  it('reads a comment filed by the site and the same comment typed into GitHub’s issue form as identical records', () => {
    const submission = siteSubmission();
    const { report } = collate({
      snapshot: snapshot({
        issues: [siteIssue(1, renderIssueBody(submission), issueLabels(submission)), issue(2, ISSUE_FORM_BODY, ['comment', 'channel:github'])],
      }),
    });
    expect(report.comments).toHaveLength(2);
    const [site, github] = report.comments;
    const differs = ['reference', 'issue', 'channel', 'submittedAt'] as const;
    const strip = (c: object) => Object.fromEntries(Object.entries(c).filter(([k]) => !(differs as readonly string[]).includes(k)));
    expect(strip(site!)).toEqual(strip(github!));
    expect(site).toMatchObject({ channel: 'web', submittedAt: '2026-09-08T14:03:51-06:00', name: 'Ana Castillo' });
    expect(github).toMatchObject({ channel: 'github', submittedAt: '2026-09-10T15:00:00Z', reference: '#2' });
    // The site neutralised "@someone" and "#12" in the issue; the report shows the commenter's words.
    expect(site!.comment).toContain('as @someone said in #12.');
    expect(site!.comment).not.toContain('\u200B');
  });

  it('records a comment written in Spanish as such, by its body or a maintainer’s lang: label, and leaves English unsaid', () => {
    const spanish = siteSubmission({ submissionId: '0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e02', language: 'es', comment: 'El ministro de Educación debería formar parte del Consejo.' });
    const english = siteSubmission({ language: 'en' });
    const { report } = collate({
      snapshot: snapshot({
        issues: [
          siteIssue(1, renderIssueBody(spanish), issueLabels(spanish)),
          siteIssue(2, renderIssueBody(english), issueLabels(english)),
          issue(3, ISSUE_FORM_BODY, ['comment', 'channel:github', 'lang:es']),
        ],
      }),
    });
    expect(report.comments.map((c) => [c.reference, c.language])).toEqual([['#1', 'es'], ['#2', undefined], ['#3', 'es']]);
    expect('language' in report.comments[1]!).toBe(false);
  });

  it('reads a body with Windows line endings', () => {
    const { report } = collate({ snapshot: snapshot({ issues: [issue(3, ISSUE_FORM_BODY.replace(/\n/g, '\r\n'))] }) });
    expect(report.comments[0]).toMatchObject({ section: 'governance', paragraph: 'p2', type: 'technical', sector: 'government' });
  });

  it('publishes a name only when the publish box is ticked', () => {
    const unticked = ISSUE_FORM_BODY.replace('- [X] Publish', '- [ ] Publish');
    const { report } = collate({ snapshot: snapshot({ issues: [issue(4, unticked)] }) });
    expect(report.comments[0]!.name).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain('Ana Castillo');
  });

  it('lists an issue that is not a comment form under "could not be read", by number, with the reasons', () => {
    const { report } = collate({ snapshot: snapshot({ issues: [issue(39, 'Please say more about the cloud.\n\nThanks')] }) });
    expect(report.comments).toEqual([]);
    expect(report.unreadable).toEqual([
      {
        number: 39,
        url: 'https://github.com/belize-ncss/strategy/issues/39',
        reasons: [
          'no section given; add a section:<id> label',
          'no type of comment (general, technical or editorial); add a type: label',
          'no stakeholder sector; add a sector: label',
          'no comment text under "### Comment"',
        ],
      },
    ]);
  });

  it('lists an issue with no body at all, placed in the consultation open when it was filed', () => {
    const { report } = collate({ snapshot: snapshot({ issues: [issue(5, null, ['comment'], '2026-09-20T12:00:00Z'), issue(6, null, ['comment'], '2026-12-01T12:00:00Z')] }) });
    expect(report.unreadable).toEqual([{ number: 5, url: expect.any(String), reasons: ['the issue has no body'] }]);
    const v02 = collateFeedback({ version: 'v0.2', versions: VERSIONS, lookup: LOOKUP, sources: ['github'], snapshot: snapshot({ issues: [issue(6, null, ['comment'], '2026-12-01T12:00:00Z')] }) });
    expect(v02.report.unreadable.map((u) => u.number)).toEqual([6]);
  });

  it('reports a section that the version does not have, and accepts a maintainer’s section label as the fix', () => {
    const body = ISSUE_FORM_BODY.replace('\ngovernance\n', '\nCouncil stuff\n');
    expect(collate({ snapshot: snapshot({ issues: [issue(7, body)] }) }).report.unreadable[0]!.reasons).toEqual([
      'section "Council stuff" is not a section of v0.1; add a section:<id> label',
    ]);
    const fixed = collate({ snapshot: snapshot({ issues: [issue(7, body, ['comment', 'section:incident-response'])] }) });
    expect(fixed.report.comments[0]).toMatchObject({ reference: '#7', section: 'incident-response' });
  });

  it('accepts a section given by its title or by the address of its page', () => {
    const byTitle = ISSUE_FORM_BODY.replace('\ngovernance\n', '\nIncident response and the national CSIRT\n');
    const byUrl = ISSUE_FORM_BODY.replace('\ngovernance\n', '\nhttps://ncss.example.gov.bz/strategy/v0.1/#incident-response\n');
    const { report } = collate({ snapshot: snapshot({ issues: [issue(8, byTitle), issue(9, byUrl)] }) });
    expect(report.comments.map((c) => c.section)).toEqual(['incident-response', 'incident-response']);
  });

  it('lets triage labels complete a GitHub comment that left out its type and sector', () => {
    const body = ISSUE_FORM_BODY.replace('\nTechnical\n', '\n_No response_\n').replace('\nGovernment\n', '\n_No response_\n');
    const { report } = collate({ snapshot: snapshot({ issues: [issue(10, body, ['comment', 'type:editorial', 'sector:academia'])] }) });
    expect(report.comments[0]).toMatchObject({ type: 'editorial', sector: 'academia' });
  });

  it('lets a maintainer’s type and sector labels correct what the body says', () => {
    const { report } = collate({ snapshot: snapshot({ issues: [issue(15, ISSUE_FORM_BODY, ['comment', 'type:editorial', 'sector:private-sector'])] }) });
    expect(report.comments[0]).toMatchObject({ type: 'editorial', sector: 'private-sector' });
  });

  it('reads "paragraph 14" as p14 and reports a paragraph the section does not have against the whole section', () => {
    const fourteen = ISSUE_FORM_BODY.replace('\np2\n', '\nparagraph 14\n');
    const ninety = ISSUE_FORM_BODY.replace('\np2\n', '\np90\n');
    const result = collate({ snapshot: snapshot({ issues: [issue(11, fourteen), issue(12, ninety)] }) });
    expect(result.report.comments.map((c) => c.paragraph)).toEqual(['p14', undefined]);
    expect(result.warnings).toEqual(['#12: paragraph "p90" is not a paragraph of governance; reported against the whole section']);
  });

  it('places an issue on the version of its v: label, whatever its body says', () => {
    const { report, otherVersions } = collate({ snapshot: snapshot({ issues: [issue(13, ISSUE_FORM_BODY, ['comment', 'v:v0.2'])] }) });
    expect(report.comments).toEqual([]);
    expect(otherVersions).toBe(1);
    const v02 = collateFeedback({ version: 'v0.2', versions: VERSIONS, lookup: LOOKUP, sources: ['github'], snapshot: snapshot({ issues: [issue(13, ISSUE_FORM_BODY, ['comment', 'v:v0.2'])] }) });
    expect(v02.report.comments[0]).toMatchObject({ version: 'v0.2', section: 'governance' });
  });

  it('reports a body that names a version never published as unreadable, in the version open at the time', () => {
    const { report } = collate({ snapshot: snapshot({ issues: [issue(14, ISSUE_FORM_BODY.replace('\nv0.1\n', '\nv0.9\n'))] }) });
    expect(report.unreadable[0]!.reasons).toEqual(['version "v0.9" is not a published version; add a v:v0.1 label if it is meant']);
  });
});

describe('collateFeedback: dispositions, responses and changes', () => {
  it('excludes spam from every list and count of the report', () => {
    const spam = siteSubmission({ comment: 'Best casino bonus!!!', name: undefined, publishName: false });
    const result = collate({ snapshot: snapshot({ issues: [siteIssue(20, renderIssueBody(spam), ['comment', 'spam']), issue(21, ISSUE_FORM_BODY, ['comment', 'accepted'])] }) });
    expect(result.spam).toBe(1);
    expect(result.report.comments.map((c) => c.reference)).toEqual(['#21']);
    expect(JSON.stringify(result.report)).not.toContain('casino');
  });

  it('takes the disposition from labels, the response from the newest maintainer reply, and the duplicate’s original', () => {
    const { report } = collate({
      snapshot: snapshot({
        issues: [issue(13, ISSUE_FORM_BODY, ['comment', 'accepted']), issue(14, ISSUE_FORM_BODY, ['comment', 'duplicate'])],
        comments: [
          reply(13, 'Response: Accepted in part.', 'MEMBER', '2026-10-14T10:00:00Z'),
          reply(13, 'Response: Accepted in full.', 'OWNER', '2026-10-20T10:00:00Z'),
          reply(13, 'Response: I disagree!', 'NONE', '2026-10-21T10:00:00Z'),
          reply(14, 'Duplicate of #13.', 'MEMBER', '2026-10-14T10:05:00Z'),
          reply(14, 'Response: Answered under #13.', 'MEMBER', '2026-10-20T10:05:00Z'),
        ],
      }),
    });
    expect(report.comments[0]).toMatchObject({ disposition: 'accepted', response: { text: 'Accepted in full.', respondedAt: '2026-10-20T10:00:00Z' } });
    expect(report.comments[1]).toMatchObject({ disposition: 'duplicate', duplicateOf: 13, response: { text: 'Answered under #13.' } });
  });

  it('links a comment to the merged pull requests that address it, and to the version that first contained them', () => {
    const { report } = collate({
      snapshot: snapshot({
        issues: [issue(2, ISSUE_FORM_BODY, ['comment', 'accepted']), issue(3, ISSUE_FORM_BODY, ['comment', 'not-accepted'])],
        pulls: [pull(42, 'Addresses #2, #3', '2026-10-19T17:00:00Z'), pull(43, 'Addresses #3', null), pull(44, 'Addresses #2', '2026-12-01T17:00:00Z')],
      }),
    });
    expect(report.comments[0]!.addressedIn).toEqual([
      { pull: 42, title: 'Change 42', url: 'https://github.com/belize-ncss/strategy/pull/42', mergedAt: '2026-10-19T17:00:00Z', version: 'v0.2' },
      { pull: 44, title: 'Change 44', url: 'https://github.com/belize-ncss/strategy/pull/44', mergedAt: '2026-12-01T17:00:00Z' },
    ]);
    expect(report.comments[1]!.addressedIn.map((c) => c.pull)).toEqual([42]);
  });

  it('warns when an issue carries two disposition labels', () => {
    const { report, warnings } = collate({ snapshot: snapshot({ issues: [issue(2, ISSUE_FORM_BODY, ['comment', 'accepted', 'noted'])] }) });
    expect(report.comments[0]!.disposition).toBe('noted');
    expect(warnings).toEqual(['#2: several disposition labels (noted, accepted); reported as noted']);
  });

  it('gives lastActivityAt from the sources, so a re-run with nothing new writes the same report', () => {
    const parts = snapshot({ issues: [issue(2, ISSUE_FORM_BODY)], comments: [reply(2, 'Response: ok', 'MEMBER', '2026-10-12T15:00:00Z')] });
    expect(collate({ snapshot: parts }).report.lastActivityAt).toBe('2026-10-12T15:00:00Z');
    expect(collate({ snapshot: parts }).report).toEqual(collate({ snapshot: parts }).report);
  });
});

describe('collateFeedback: the outbox', () => {
  const entry = (n: number, status: OutboxEntry['status'], overrides: Record<string, unknown> = {}): OutboxEntry => ({
    reference: `BZ-2026-${String(n).padStart(6, '0')}`,
    submissionId: `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`,
    submission: siteSubmission({ submissionId: `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`, ...overrides }),
    status,
    attempts: 0,
    nextAttemptAt: new Date(),
    needsLookup: false,
    unverified: false,
    createdAt: new Date(),
    ...(status === 'filed' ? { issueNumber: 90 + n, issueUrl: `https://github.com/belize-ncss/strategy/issues/${90 + n}` } : {}),
  });

  it('adds comments not yet filed, awaiting a response, and leaves filed ones to the repository', () => {
    const { report } = collate({ snapshot: snapshot({}), outbox: [entry(1, 'pending'), entry(2, 'failed'), entry(3, 'filed')] });
    expect(report.comments.map((c) => [c.reference, c.disposition])).toEqual([
      ['BZ-2026-000001', 'pending'],
      ['BZ-2026-000002', 'pending'],
    ]);
  });

  it('offline, includes filed outbox comments too, with their issue link', () => {
    const { report } = collate({ outbox: [entry(3, 'filed')], outboxScope: 'all', sources: ['outbox'] });
    expect(report.comments[0]).toMatchObject({ reference: 'BZ-2026-000003', issue: { number: 93 }, disposition: 'pending', addressedIn: [] });
  });

  it('lists a comment once when it is both in the outbox and filed as an issue', () => {
    const filed = entry(4, 'filed');
    const { report } = collate({ snapshot: snapshot({ issues: [siteIssue(94, renderIssueBody(filed.submission))] }), outbox: [filed], outboxScope: 'all' });
    expect(report.comments.map((c) => c.reference)).toEqual(['#94']);
  });

  it('keeps outbox comments on other versions out', () => {
    const result = collate({ outbox: [entry(5, 'pending', { version: 'v0.2' })] });
    expect(result.report.comments).toEqual([]);
    expect(result.otherVersions).toBe(1);
  });

  it('produces a report the committed-file schema accepts', () => {
    const { report } = collate({ snapshot: snapshot({ issues: [issue(2, ISSUE_FORM_BODY), issue(39, 'x')] }), outbox: [entry(1, 'pending')] });
    expect(FeedbackReport.safeParse(report).success).toBe(true);
  });
});

describe('collateFeedback: comments on changes', () => {
  /** The issue-form fixture with a Change field, as GitHub writes it from the updated form. */
  const withChange = (text: string) => ISSUE_FORM_BODY.replace('\n### Quoted text', `\n### Change\n\n${text}\n\n### Quoted text`);

  it('keeps the change a comment names, filed by the site or typed on GitHub as an id or the comparison’s address', () => {
    const submission = siteSubmission({ change: 'change-governance-3' });
    const { report, warnings } = collate({
      snapshot: snapshot({
        issues: [
          siteIssue(1, renderIssueBody(submission), issueLabels(submission)),
          issue(2, withChange('change-governance-4')),
          issue(3, withChange('https://ncss.example.gov.bz/strategy/compare/v0.0...v0.1/#change-governance-5')),
          issue(4, ISSUE_FORM_BODY),
        ],
      }),
    });
    expect(report.comments.map((c) => c.change)).toEqual(['change-governance-3', 'change-governance-4', 'change-governance-5', undefined]);
    expect(warnings).toEqual([]);
    expect(FeedbackReport.safeParse(report).success).toBe(true);
  });

  it('reports a change that is not one of the comment’s section as a comment on the text, with a warning', () => {
    const { report, warnings } = collate({
      snapshot: snapshot({
        issues: [
          issue(5, withChange('change-incident-response-2')),
          issue(6, withChange('the second change')),
          // The maintainer moved the comment to another section: its change no longer applies.
          siteIssue(7, renderIssueBody(siteSubmission({ change: 'change-governance-3' })), ['comment', 'section:incident-response']),
        ],
      }),
    });
    expect(report.comments.map((c) => [c.reference, c.section, c.change])).toEqual([
      ['#5', 'governance', undefined],
      ['#6', 'governance', undefined],
      ['#7', 'incident-response', undefined],
    ]);
    expect(warnings).toEqual([
      '#5: change "change-incident-response-2" is not a change of governance; reported as a comment on the text',
      '#6: change "the second change" is not a change of governance; reported as a comment on the text',
      '#7: change "change-governance-3" is not a change of incident-response; reported as a comment on the text',
    ]);
  });

  it('keeps the change of a comment still in the outbox', () => {
    const entry: OutboxEntry = {
      reference: 'BZ-2026-000009',
      submissionId: '0b6f3b8e-5f1c-4c8e-9a59-000000000009',
      submission: siteSubmission({ submissionId: '0b6f3b8e-5f1c-4c8e-9a59-000000000009', change: 'change-governance-2' }),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
      needsLookup: false,
      unverified: false,
      createdAt: new Date(),
    };
    expect(collate({ outbox: [entry], sources: ['outbox'] }).report.comments[0]).toMatchObject({ reference: 'BZ-2026-000009', change: 'change-governance-2' });
  });

  it('refuses a committed report whose change is of another section than its comment', () => {
    const { report } = collate({ snapshot: snapshot({ issues: [issue(2, withChange('change-governance-4'))] }) });
    const altered = { ...report, comments: [{ ...report.comments[0]!, change: 'change-incident-response-4' }] };
    expect(FeedbackReport.safeParse(altered).success).toBe(false);
    expect(FeedbackReport.safeParse({ ...report, comments: [{ ...report.comments[0]!, change: 'change 4' }] }).success).toBe(false);
  });
});
