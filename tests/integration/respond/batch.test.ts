/**
 * Answering comments filed in a batch issue (several comments in one issue),
 * against the GitHub double over HTTP: applyResponses on a simulated clock,
 * then scripts/respond.ts as a child process. Each member gets a reply of
 * its own that the report reads as its answer, the batch's labels stay as
 * they are, and a second run writes nothing.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubDouble, type GitHubDouble, type RecordedRequest } from '../../github-double/index.ts';
import { renderBatchIssue } from '../../../src/lib/comments/batch-body.ts';
import { CommentSubmission } from '../../../src/lib/comments/schema.ts';
import { collateFeedback } from '../../../src/lib/feedback/collate.ts';
import type { FeedbackComment, SourceComment } from '../../../src/lib/feedback/schema.ts';
import { createGitHubClient, type GitHubClient } from '../../../src/lib/github/octokit.ts';
import { applyResponses, type ResponseTarget } from '../../../src/lib/respond/apply.ts';
import { LOOKUP, VERSIONS, siteIssue, snapshot } from '../../unit/feedback/helpers.ts';

/** The site's filer, as content/site.json names it. */
const FILER = 'belize-ncss-consulta[bot]';
const ref = (n: number) => `BZ-2026-${String(n).padStart(6, '0')}`;

let github: GitHubDouble;
let client: GitHubClient;
let root: string;
const clock = { now: Date.parse('2026-10-12T14:00:00Z') };

beforeAll(async () => {
  github = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: 't', defaultLabels: false });
  client = createGitHubClient({ owner: 'belize-ncss', repo: 'strategy', baseUrl: github.url, auth: { kind: 'token', token: 't' } }, { throttling: false, timeoutMs: 10_000 });
  root = mkdtempSync(join(tmpdir(), 'consulta-respond-batch-'));
  cpSync('content', join(root, 'content'), { recursive: true });
});
afterAll(async () => {
  await github.close();
  rmSync(root, { recursive: true, force: true });
});

/** A batch issue of the comments numbered `members`, on `section` of v0.1, created by `author`. */
function addBatch(number: number, members: number[], section = 'governance', author = FILER) {
  const batch = renderBatchIssue(
    members.map((n) => ({
      reference: ref(n),
      unverified: false,
      submission: CommentSubmission.parse({
        submissionId: `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`,
        version: 'v0.1',
        section,
        type: 'general',
        comment: `Comment ${n}: the Council should publish its minutes.`,
        sector: 'academia',
        channel: 'web',
        submittedAt: '2026-09-10T10:00:00Z',
      }),
    })),
  )!;
  return github.state.addIssue({ number, title: batch.title, body: batch.body, labels: [...batch.labels, 'noted'], author });
}

beforeEach(() => {
  github.reset();
  github.state.viewer = 'secretariat-lead';
  github.state.viewerAssociation = 'MEMBER';
});

const isReply = (r: RecordedRequest) => r.method === 'POST' && /\/issues\/\d+\/comments$/.test(r.path);
const isWrite = (r: RecordedRequest) => r.method !== 'GET';

/** What the report makes of batch issue `number` as the double holds it now. */
function reported(number: number): FeedbackComment[] {
  const issue = github.state.issue(number)!;
  const replies: SourceComment[] = github.state.commentsOn(number).map((c) => ({
    id: c.id,
    issue_number: number,
    body: c.body,
    author_association: c.author_association,
    created_at: c.created_at,
    updated_at: c.updated_at,
    html_url: `https://github.com/belize-ncss/strategy/issues/${number}#issuecomment-${c.id}`,
  }));
  const source = siteIssue(number, issue.body!, issue.labels);
  return collateFeedback({ version: 'v0.1', versions: VERSIONS, lookup: LOOKUP, sources: ['github'], snapshot: snapshot({ issues: [source], comments: replies }) }).report.comments;
}

describe('applyResponses on a batch issue', () => {
  const run = (targets: ResponseTarget[], filers = [FILER]) =>
    applyResponses({ github: client, targets, filers, now: () => clock.now, sleep: async (ms) => void (clock.now += ms) });

  it('answers each member named with a reply of its own, once even when an answer is lost, and leaves the labels alone', async () => {
    addBatch(40, [1, 2, 3]);
    let posts = 0;
    github.failWhen((r) => isReply(r) && ++posts === 2, 'lost-response');
    const targets: ResponseTarget[] = [
      { issue: 40, reference: ref(1), disposition: 'accepted', answer: 'Added in v0.2.' },
      { issue: 40, reference: ref(2), answer: 'Thank you: see section 2.' },
    ];
    const summary = await run(targets);
    expect(summary.stoppedBy).toBeUndefined();
    expect(summary.outcomes.map((o) => [o.reference, o.reply, o.skipped])).toEqual([
      [ref(1), true, undefined],
      [ref(2), true, undefined],
    ]);
    expect(github.state.commentsOn(40).map((c) => c.body.split('\n')[0])).toEqual([
      `Response to ${ref(1)} (accepted): Added in v0.2.`,
      `Response to ${ref(2)}: Thank you: see section 2.`,
    ]);
    // The second reply reached GitHub without an answer: found by its marker, not posted again.
    expect(github.requests.filter(isReply).map((r) => r.failure)).toEqual([undefined, 'lost-response']);
    expect(github.state.issue(40)!.labels).toEqual(['comment', 'batch', 'v:v0.1', 'section:governance', 'noted']);
    expect(github.requests.filter((r) => r.method === 'DELETE' || (r.method === 'POST' && r.path.endsWith('/labels')))).toEqual([]);
    // The report reads each member's own answer; the third keeps the batch's label and has no response.
    expect(reported(40).map((c) => [c.reference, c.disposition, c.response?.text])).toEqual([
      [ref(1), 'accepted', 'Added in v0.2.'],
      [ref(2), 'noted', 'Thank you: see section 2.'],
      [ref(3), 'noted', undefined],
    ]);

    const writes = github.requests.filter(isWrite).length;
    const again = await run(targets);
    expect(again.outcomes.map((o) => o.reply)).toEqual([false, false]);
    expect(again.writes).toBe(0);
    expect(github.requests.filter(isWrite)).toHaveLength(writes);
  });

  it('answers every member of a batch issue named without a member; a disposition alone is a reply too', async () => {
    addBatch(40, [1, 2, 3]);
    const summary = await run([{ issue: 40, disposition: 'out-of-scope' }]);
    expect(summary.outcomes.map((o) => [o.issue, o.reference, o.reply])).toEqual([
      [40, ref(1), true],
      [40, ref(2), true],
      [40, ref(3), true],
    ]);
    expect(summary.writes).toBe(3);
    expect(reported(40).map((c) => [c.disposition, c.response])).toEqual([
      ['out-of-scope', undefined],
      ['out-of-scope', undefined],
      ['out-of-scope', undefined],
    ]);
    const again = await run([{ issue: 40, disposition: 'out-of-scope' }]);
    expect(again.writes).toBe(0);
    expect(github.state.commentsOn(40)).toHaveLength(3);
  });

  it('refuses a member that is not in the batch, and treats a batch body typed by anyone else as an issue of its own', async () => {
    addBatch(40, [1, 2]);
    addBatch(41, [5, 6], 'governance', 'someone-else');
    const summary = await run([
      { issue: 40, reference: ref(9), answer: 'Noted.' },
      { issue: 41, reference: ref(5), disposition: 'accepted', answer: 'Noted.' },
    ]);
    expect(summary.outcomes.map((o) => [o.issue, o.reference, o.skipped ?? 'done'])).toEqual([
      [40, ref(9), `${ref(9)} is not one of the comments of this batch issue`],
      [41, undefined, 'done'],
    ]);
    expect(github.state.commentsOn(40)).toHaveLength(0);
    expect(github.state.commentsOn(41).map((c) => c.body.split('\n')[0])).toEqual(['Response: Noted.']);
    expect(github.state.issue(41)!.labels).toContain('accepted');
  });
});

describe('npm run respond with batched comments', () => {
  function respond(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['scripts/respond.ts', '--root', root, '--min-interval', '0', ...args], {
      env: { ...process.env, GITHUB_API_URL: github.url, GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'belize-ncss/strategy' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('answers a group whose members are partly batched: each batched comment by its reference, the others as issues', async () => {
    // The sample's group-51 is #51 to #56; here #52 and #53 were filed together, in batch issue #52.
    const path = join(root, 'content/feedback/v0.1.json');
    const report = JSON.parse(readFileSync(path, 'utf8').replaceAll('"#52"', `"${ref(52)}"`).replaceAll('"#53"', `"${ref(53)}"`)) as { comments: FeedbackComment[] };
    report.comments.find((c) => c.reference === ref(53))!.issue = { number: 52, url: 'https://github.com/belize-ncss/strategy/issues/52' };
    writeFileSync(path, JSON.stringify(report, null, 2));
    writeFileSync(join(root, 'answer.md'), 'The task force will add a skills programme for schools.');
    for (const n of [51, 54, 55, 56]) github.state.addIssue({ number: n, title: `Comment ${n}`, body: 'text', author: `citizen-${n}`, labels: ['comment', 'v:v0.1', 'noted'] });
    addBatch(52, [52, 53], 'capacity-building');
    const args = ['--version', 'v0.1', '--group', 'group-51', '--disposition', 'accepted', '--response-file', join(root, 'answer.md')];

    const first = await respond(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${ref(52)} (#52): replied`);
    expect(first.stdout).toContain(`${ref(53)} (#52): replied`);
    expect(first.stdout).toMatch(/#51: replied \S+; labelled accepted; removed noted/);
    expect(github.state.commentsOn(52).map((c) => c.body.split('\n')[0])).toEqual([
      `Response to ${ref(52)} (accepted): The task force will add a skills programme for schools.`,
      `Response to ${ref(53)} (accepted): The task force will add a skills programme for schools.`,
    ]);
    expect(github.state.issue(52)!.labels).not.toContain('accepted');
    for (const n of [51, 54, 55, 56]) expect(github.state.issue(n)!.labels).toContain('accepted');

    const writes = github.requests.filter(isWrite).length;
    const again = await respond(args);
    expect(again.code).toBe(0);
    expect(github.requests.filter(isWrite)).toHaveLength(writes);
    expect(again.stdout).toContain('0 replied to, 0 relabelled, 6 already answered, 0 skipped');
  }, 60_000);

  it('--issues with a batch issue answers every comment in it, and a re-run posts nothing new', async () => {
    addBatch(60, [7, 8, 9]);
    writeFileSync(join(root, 'noted.md'), 'Noted, with thanks.');
    const args = ['--issues', '60', '--disposition', 'noted', '--response-file', join(root, 'noted.md')];
    const first = await respond(args);
    expect(first.code).toBe(0);
    expect(github.state.commentsOn(60)).toHaveLength(3);
    expect(first.stdout).toContain('[3/3]');
    expect(reported(60).map((c) => [c.reference, c.disposition, c.response?.text])).toEqual([7, 8, 9].map((n) => [ref(n), 'noted', 'Noted, with thanks.']));
    const again = await respond(args);
    expect(again.code).toBe(0);
    expect(github.state.commentsOn(60)).toHaveLength(3);
    expect(again.stdout).toContain(`${ref(8)} (#60): already answered`);
  }, 60_000);
});
