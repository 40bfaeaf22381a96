/**
 * Collation against the GitHub test double over real HTTP: pagination, the
 * repository-wide reply stream, conditional re-runs, rate limits, and the
 * rules for dispositions, responses and "addressed in" on real API shapes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubDouble, type GitHubDouble } from '../../github-double/index.ts';
import { issueLabels, renderIssueBody } from '../../../src/lib/comments/issue-body.ts';
import { CommentSubmission } from '../../../src/lib/comments/schema.ts';
import { collateFeedback } from '../../../src/lib/feedback/collate.ts';
import { FeedbackFetchError, fetchRepositorySnapshot, loadFeedbackCache, saveFeedbackCache, type FeedbackCache } from '../../../src/lib/feedback/sources/github.ts';
import { createGitHubClient, type GitHubClient } from '../../../src/lib/github/octokit.ts';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOOKUP, VERSIONS } from '../../unit/feedback/helpers.ts';

const OWNER = 'belize-ncss';
const REPO = 'strategy';
const TOKEN = 't0ken';
const ISSUE_FORM_BODY = readFileSync(join(import.meta.dirname, '../../unit/feedback/fixtures/issue-form-body.md'), 'utf8');

let gh: GitHubDouble;
let github: GitHubClient;

beforeAll(async () => {
  gh = await startGitHubDouble({ owner: OWNER, repo: REPO, token: TOKEN, retryAfterSeconds: 2 });
  github = createGitHubClient({ owner: OWNER, repo: REPO, baseUrl: gh.url, auth: { kind: 'token', token: TOKEN } }, { throttling: false });
});
/** The identity the double files issues as by default: the consultation's GitHub App. */
const FILERS = ['consulta-app[bot]'];

afterAll(() => gh.close());
beforeEach(() => gh.reset());

function submission(n: number, overrides: Record<string, unknown> = {}): CommentSubmission {
  return CommentSubmission.parse({
    submissionId: `7c1e2a90-3b4d-4e5f-8a6b-${String(n).padStart(12, '0')}`,
    version: 'v0.1',
    section: n % 2 ? 'governance' : 'incident-response',
    paragraph: `p${(n % 9) + 1}`,
    type: 'technical',
    comment: `Comment ${n}: ask @someone about #${n}.`,
    sector: 'civil-society',
    publishName: false,
    channel: 'web',
    submittedAt: `2026-09-${String(8 + (n % 20)).padStart(2, '0')}T12:00:00-06:00`,
    ...overrides,
  });
}

/** Files `n` comments as the dispatcher would, and a few issues that are not comments. */
function seedComments(n: number, from = 1): void {
  for (let i = from; i < from + n; i++) {
    const s = submission(i);
    gh.state.addIssue({ title: `Comment ${i}`, body: renderIssueBody(s), labels: issueLabels(s), created_at: Date.parse('2026-09-10T00:00:00Z') + i * 1000 });
  }
}

const collate = (snapshot: Parameters<typeof collateFeedback>[0]['snapshot']) =>
  collateFeedback({ version: 'v0.1', versions: VERSIONS, lookup: LOOKUP, sources: ['github'], snapshot });

/** Requests to the double that were not answered 304. */
const fresh = () => gh.requests.filter((r) => r.status !== 304);

describe('reading the repository', () => {
  it('reads 250 comment issues in pages of 100, replies in one repository-wide stream, and closed pull requests', async () => {
    seedComments(250);
    gh.state.addIssue({ title: 'A bug in the site', body: 'Not a comment', labels: ['bug'] });
    for (let i = 1; i <= 120; i++) gh.state.addComment(i, { body: `Response: answer ${i}`, author: 'secretariat', authorAssociation: 'MEMBER' });
    gh.state.addPull({ body: 'Addresses #3, #4', merged_at: '2026-10-20T16:00:00Z' });

    const result = await fetchRepositorySnapshot({ github, filers: FILERS, cache: null });
    expect(result.snapshot.issues).toHaveLength(250);
    expect(result.snapshot.comments).toHaveLength(120);
    expect(result.snapshot.pulls.map((p) => p.number)).toEqual([252]);
    // ceil(250/100) issue pages + ceil(120/100) reply pages + 1 page of pull requests.
    expect(result.requests).toBe(3 + 2 + 1);
    expect(gh.requests).toHaveLength(6);
    for (const request of gh.requests) expect(request.query['per_page']).toBe('100');
    const first = gh.requests[0]!;
    expect(first.query).toMatchObject({ labels: 'comment', state: 'all' });
    // Page 2 onwards follows GitHub's Link header, by repository id.
    expect(gh.requests[1]!.path).toMatch(/^\/repositories\/\d+\/issues$/);

    const { report } = collate(result.snapshot);
    expect(report.comments).toHaveLength(250);
    expect(report.comments.filter((c) => c.response)).toHaveLength(120);
    expect(report.comments.find((c) => c.reference === '#3')!.addressedIn.map((a) => a.pull)).toEqual([252]);
    expect(report.comments[0]!.comment).toBe('Comment 1: ask @someone about #1.');
  });

  it('re-runs with nothing new in three requests, each answered 304 once the marks have settled', async () => {
    seedComments(150);
    gh.state.addComment(2, { body: 'Response: ok', author: 'secretariat', authorAssociation: 'MEMBER' });
    const first = await fetchRepositorySnapshot({ github, filers: FILERS, cache: null });
    gh.requests.length = 0;
    const second = await fetchRepositorySnapshot({ github, filers: FILERS, cache: first.cache });
    expect(second.requests).toBeLessThanOrEqual(3);
    expect(second.incremental).toBe(true);
    gh.requests.length = 0;
    const third = await fetchRepositorySnapshot({ github, filers: FILERS, cache: second.cache });
    expect(third.requests).toBe(3);
    expect(third.notModified).toBe(3);
    expect(gh.requests.map((r) => r.status)).toEqual([304, 304, 304]);
    expect(gh.requests[0]!.headers['if-none-match']).toMatch(/^W\/"/);
    expect(third.snapshot).toEqual(first.snapshot);
  });

  it('picks up a new reply, a new disposition, a removed comment label and a newly merged change on a re-run', async () => {
    seedComments(5);
    const first = await fetchRepositorySnapshot({ github, filers: FILERS, cache: null });
    expect(collate(first.snapshot).report.comments.map((c) => c.disposition)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);

    gh.setClock(() => Date.parse('2030-01-01T00:00:00Z'));
    gh.state.addComment(1, { body: 'Response: Accepted.', author: 'secretariat', authorAssociation: 'MEMBER' });
    gh.state.addLabelsToIssue(1, ['accepted']);
    gh.state.addLabelsToIssue(2, ['spam']);
    const moved = gh.state.issue(5)!;
    moved.labels = moved.labels.filter((l) => l !== 'comment');
    moved.updated_at = '2030-01-01T00:00:00Z';
    gh.state.addPull({ body: 'Addresses #1', merged_at: '2030-01-01T00:00:00Z' });
    gh.requests.length = 0;

    const second = await fetchRepositorySnapshot({ github, filers: FILERS, cache: first.cache });
    expect(second.requests).toBe(3);
    const { report, spam } = collate(second.snapshot);
    expect(report.comments.map((c) => c.reference)).toEqual(['#1', '#3', '#4']);
    expect(spam).toBe(1);
    expect(report.comments[0]).toMatchObject({ disposition: 'accepted', response: { text: 'Accepted.' }, addressedIn: [{ pull: 6 }] });
    gh.setClock(() => Date.now());
  });

  it('keeps only maintainers’ replies, so a commenter cannot answer for the consultation', async () => {
    seedComments(1);
    gh.state.addComment(1, { body: 'Response: Accepted (says I).', author: 'commenter', authorAssociation: 'NONE', created_at: '2026-10-02T00:00:00Z' });
    gh.state.addComment(1, { body: 'Response: Noted.', author: 'secretariat', authorAssociation: 'COLLABORATOR', created_at: '2026-10-01T00:00:00Z' });
    gh.state.addComment(1, { body: 'Response: Accepted!', author: 'contributor', authorAssociation: 'CONTRIBUTOR', created_at: '2026-10-03T00:00:00Z' });
    const { snapshot } = await fetchRepositorySnapshot({ github, filers: FILERS, cache: null });
    expect(snapshot.comments.map((c) => c.author_association)).toEqual(['COLLABORATOR']);
    expect(collate(snapshot).report.comments[0]!.response!.text).toBe('Noted.');
  });

  it('reads a comment typed into GitHub’s issue form like one the site filed', async () => {
    const site = CommentSubmission.parse({
      submissionId: '0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01', version: 'v0.1', section: 'governance', paragraph: 'p2',
      quote: 'includes the ministers responsible for national security, finance, public utilities and foreign affairs',
      type: 'technical',
      comment: 'The minister responsible for education should sit on the Council, as @someone said in #12.\n\nSchools hold the personal data of almost every young person.',
      proposedChange: 'includes the ministers responsible for national security, finance, public utilities, education and foreign affairs',
      sector: 'government', organisation: 'Ministry of Education', name: 'Ana Castillo', publishName: true, channel: 'web', submittedAt: '2026-09-08T14:03:51-06:00',
    });
    gh.state.addIssue({ body: renderIssueBody(site), labels: issueLabels(site) });
    gh.state.addIssue({ body: ISSUE_FORM_BODY.replace(/\n/g, '\r\n'), labels: ['comment', 'channel:github'], author: 'ana-c' });
    const { snapshot } = await fetchRepositorySnapshot({ github, filers: FILERS, cache: null });
    const [a, b] = collate(snapshot).report.comments;
    const same = ({ reference, issue, channel, submittedAt, ...rest }: Record<string, unknown>) => rest;
    expect(same(a!)).toEqual(same(b!));
    expect(b).toMatchObject({ channel: 'github', name: 'Ana Castillo' });
  });
});

describe('issues written by others', () => {
  it('believes the hidden marker only in issues the site filed, and never stops on a forged one', async () => {
    const genuine = submission(1, { channel: 'meeting', submittedAt: '2026-09-02T09:00:00-06:00' });
    gh.state.addIssue({ body: renderIssueBody(genuine), labels: issueLabels(genuine), created_at: Date.parse('2026-09-10T00:00:00Z') });
    // Typed on GitHub by someone else: a plausible false date, then a date that is no date.
    const plausible = renderIssueBody(submission(2, { channel: 'meeting', submittedAt: '2026-08-01T09:00:00-06:00' }));
    gh.state.addIssue({ body: plausible, labels: ['comment'], author: 'mallory', created_at: Date.parse('2026-09-11T00:00:00Z') });
    const garbage = renderIssueBody(submission(3)).replace(/submitted=\S+/, 'submitted=garbage');
    gh.state.addIssue({ body: garbage, labels: ['comment'], author: 'mallory', created_at: Date.parse('2026-09-12T00:00:00Z') });
    const { snapshot } = await fetchRepositorySnapshot({ github, filers: FILERS, cache: null });
    expect(snapshot.issues.map((i) => i.filed_by_site)).toEqual([true, false, false]);
    const { report } = collate(snapshot);
    expect(report.comments.map((c) => [c.channel, c.submittedAt])).toEqual([
      ['meeting', '2026-09-02T09:00:00-06:00'],
      ['github', '2026-09-11T00:00:00Z'],
      ['github', '2026-09-12T00:00:00Z'],
    ]);
  });

  it('reads every issue again when the filers change, since they decide what is believed', async () => {
    seedComments(2);
    const first = await fetchRepositorySnapshot({ github, filers: [], cache: null });
    expect(first.snapshot.issues.every((i) => !i.filed_by_site)).toBe(true);
    const second = await fetchRepositorySnapshot({ github, filers: FILERS, cache: first.cache });
    expect(second.incremental).toBe(false);
    expect(second.snapshot.issues.every((i) => i.filed_by_site)).toBe(true);
  });
});

describe('limits and failures', () => {
  /** A client as the feedback command makes it: rate limits waited out, failed reads repeated (quickly, for the test). */
  const patient = (onLimit?: (event: { retryAfterSeconds: number }) => void) =>
    createGitHubClient({ owner: OWNER, repo: REPO, baseUrl: gh.url, auth: { kind: 'token', token: TOKEN } }, { maxInlineRetrySeconds: 5, readRetryBaseMs: 10, onLimit });

  it('waits out a secondary rate limit and carries on', async () => {
    seedComments(3);
    gh.failNext('secondary-rate-limit');
    const waits: number[] = [];
    const result = await fetchRepositorySnapshot({ github: patient((e) => waits.push(e.retryAfterSeconds)), filers: FILERS, cache: null });
    expect(waits).toEqual([2]);
    expect(result.snapshot.issues).toHaveLength(3);
    expect(result.requests).toBe(4);
    expect(gh.requests.map((r) => r.status)).toEqual([403, 200, 200, 200]);
  });

  it('repeats a 5xx read, and gives up with one line when GitHub keeps failing', async () => {
    seedComments(2);
    gh.failNext('bad-gateway');
    const ok = await fetchRepositorySnapshot({ github: patient(), filers: FILERS, cache: null });
    expect(ok.snapshot.issues).toHaveLength(2);
    expect(ok.requests).toBe(4);
    gh.failNext('server-error', Infinity);
    const failure = fetchRepositorySnapshot({ github: patient(), filers: FILERS, cache: null });
    await expect(failure).rejects.toThrow(FeedbackFetchError);
    await expect(failure).rejects.toThrow(/^could not read \/repos\/belize-ncss\/strategy\/issues from GitHub: HTTP 500/);
    gh.reset();
  });

  it('refuses a rate-limit wait longer than allowed instead of hanging', async () => {
    gh.failNext('primary-rate-limit');
    await expect(fetchRepositorySnapshot({ github: patient(), filers: FILERS, cache: null })).rejects.toThrow(/could not read/);
  });

  it('ignores a cache of another repository, and survives a round trip through the cache file', async () => {
    seedComments(2);
    const first = await fetchRepositorySnapshot({ github, filers: FILERS, cache: null });
    const dir = mkdtempSync(join(tmpdir(), 'feedback-cache-'));
    try {
      saveFeedbackCache(join(dir, 'c.json'), first.cache);
      const loaded = loadFeedbackCache(join(dir, 'c.json'))!;
      expect(loaded).toEqual(first.cache);
      const foreign: FeedbackCache = { ...loaded, repository: 'someone/else' };
      gh.requests.length = 0;
      const again = await fetchRepositorySnapshot({ github, filers: FILERS, cache: foreign });
      expect(again.incremental).toBe(false);
      expect(gh.requests[0]!.query['labels']).toBe('comment');
      expect(loadFeedbackCache(join(dir, 'missing.json'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(fresh().length).toBe(3);
  });
});
