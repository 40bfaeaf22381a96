/**
 * scripts/respond.ts end to end, as a child process against the GitHub
 * double over real HTTP: the sample v0.1 report, whose group-51 is six
 * near-identical comments (#51 to #56), answered at once.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubDouble, type GitHubDouble, type RecordedRequest } from '../../github-double/index.ts';
import { DISPOSITIONS } from '../../../src/lib/feedback/schema.ts';
import { maintainerResponse } from '../../../src/lib/feedback/responses.ts';

const MEMBERS = [51, 52, 53, 54, 55, 56];
const ANSWER = 'Thank you. The task force will add a skills programme for schools, as @secretariat-lead proposed at the workshop.';

let root: string;
let github: GitHubDouble;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'consulta-respond-'));
  cpSync('content', join(root, 'content'), { recursive: true });
  writeFileSync(join(root, 'answer.md'), `Response: ${ANSWER}\n`);
  github = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: 'test-token' });
});

afterAll(async () => {
  await github?.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  github.reset();
  github.state.viewer = 'secretariat-lead';
  github.state.viewerAssociation = 'MEMBER';
  for (let n = 1; n <= 56; n++) {
    const member = MEMBERS.includes(n);
    github.state.addIssue({ number: n, title: `Comment ${n}`, body: 'text', author: `citizen-${n}`, labels: member ? ['comment', 'v:v0.1', 'noted'] : ['comment', 'v:v0.1'] });
  }
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the script; `kill` is called with the child once `when` holds for a request the double received. */
function respond(args: string[], kill?: { when: (r: RecordedRequest) => boolean }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/respond.ts', '--root', root, '--min-interval', '0', ...args], {
      env: { ...process.env, GITHUB_API_URL: github.url, GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'belize-ncss/strategy' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    let watcher: NodeJS.Timeout | undefined;
    if (kill) {
      watcher = setInterval(() => {
        if (github.requests.some(kill.when)) child.kill('SIGKILL');
      }, 5);
    }
    child.on('close', (code, signal) => {
      clearInterval(watcher);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const isReply = (r: RecordedRequest) => r.method === 'POST' && /\/issues\/\d+\/comments$/.test(r.path);
const isWrite = (r: RecordedRequest) => r.method !== 'GET';
const replies = (n: number) => github.state.commentsOn(n);
const dispositions = (n: number) => github.state.issue(n)!.labels.filter((l) => (DISPOSITIONS as readonly string[]).includes(l));
/** The report's reading of an issue's replies. */
const response = (n: number) =>
  maintainerResponse(replies(n).map((c) => ({ id: c.id, issue_number: n, body: c.body, author_association: c.author_association, created_at: c.created_at, updated_at: c.updated_at, html_url: `https://github.com/x/y/issues/${n}` })));

describe('npm run respond', () => {
  it('answers every member of a group exactly once, even when killed between a post and its answer', async () => {
    // The third reply reaches GitHub, and the script dies before it hears back.
    let posts = 0;
    github.failWhen((r) => isReply(r) && ++posts === 3, 'slow');
    const killed = await respond(['--version', 'v0.1', '--group', 'group-51', '--disposition', 'accepted', '--response-file', join(root, 'answer.md')], {
      when: (r) => r.failure === 'slow',
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(github.requests.filter(isReply)).toHaveLength(3);
    expect(replies(MEMBERS[2]!)).toHaveLength(1);
    expect(dispositions(MEMBERS[2]!)).toEqual(['noted']);

    const resumed = await respond(['--version', 'v0.1', '--group', 'group-51', '--disposition', 'accepted', '--response-file', join(root, 'answer.md')]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    for (const n of MEMBERS) {
      expect(replies(n), `#${n}`).toHaveLength(1);
      expect(dispositions(n), `#${n}`).toEqual(['accepted']);
      // The report reads it as this answer, the marker hidden and the mention inert.
      expect(response(n)?.text).toBe(ANSWER);
      expect(replies(n)[0]!.body).toContain('@\u200Bsecretariat-lead');
      expect(replies(n)[0]!.body).toMatch(/<!-- consulta:response=[0-9a-f]{64} -->$/);
    }
    // Other comments are untouched.
    expect(github.state.comments.every((c) => MEMBERS.includes(c.issue_number))).toBe(true);
    expect(resumed.stdout).toMatch(/#53: already answered|#53: labelled accepted; removed noted/);

    // A third run finds everything done and writes nothing.
    const writesBefore = github.requests.filter(isWrite).length;
    const again = await respond(['--version', 'v0.1', '--group', 'group-51', '--disposition', 'accepted', '--response-file', join(root, 'answer.md')]);
    expect(again.code).toBe(0);
    expect(github.requests.filter(isWrite)).toHaveLength(writesBefore);
    expect(again.stdout).toContain('0 replied to, 0 relabelled, 6 already answered, 0 skipped');
  }, 60_000);

  it('posts a corrected answer once, and the same answer again only after a different one', async () => {
    const run = (file: string) => respond(['--issues', '51,52', '--disposition', 'accepted', '--response-file', file]);
    writeFileSync(join(root, 'other.md'), 'A different answer.');
    await run(join(root, 'answer.md'));
    await run(join(root, 'other.md'));
    await run(join(root, 'other.md'));
    expect(replies(51)).toHaveLength(2);
    expect(response(51)?.text).toBe('A different answer.');
    await run(join(root, 'answer.md'));
    expect(replies(51)).toHaveLength(3);
    expect(response(52)?.text).toBe(ANSWER);
  }, 60_000);

  it('stops after one reply when GitHub does not count the identity as a maintainer', async () => {
    github.state.viewerAssociation = 'NONE';
    const run = await respond(['--issues', '51,52,53', '--disposition', 'accepted', '--response-file', join(root, 'answer.md')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^respond: stopped: the reply to #51 was posted as secretariat-lead, whom GitHub reports as NONE/m);
    expect(github.requests.filter(isReply)).toHaveLength(1);
  }, 30_000);

  it('in a dry run reads the issues and says what would change, writing nothing', async () => {
    const run = await respond(['--issues', '51,1,9999', '--disposition', 'noted', '--response-file', join(root, 'answer.md'), '--dry-run']);
    expect(github.requests.filter(isWrite)).toHaveLength(0);
    expect(run.stdout).toContain('#51: would reply');
    expect(run.stdout).toContain('#1: would reply; would label noted');
    expect(run.stdout).toMatch(/#9999: skipped: no such issue/);
    expect(run.code).toBe(1);
  }, 30_000);

  it('refuses bad input with one line', async () => {
    writeFileSync(join(root, 'hidden.md'), 'Accepted. <!-- consulta:response=0000 -->');
    const cases: [string[], RegExp][] = [
      [['--issues', '51', '--disposition', 'acepted', '--response-file', join(root, 'answer.md')], /^respond: unknown disposition "acepted"/],
      [['--issues', '51', '--response-file', join(root, 'hidden.md')], /^respond: .*hidden\.md: the answer contains a hidden HTML comment/],
      [['--version', 'v0.1', '--group', 'group-99', '--disposition', 'noted'], /^respond: no group "group-99" in the v0.1 report; its groups: group-51 \(6\)/],
      [['--group', 'group-51', '--issues', '1', '--disposition', 'noted'], /^respond: give one of --group, --issues or --from/],
    ];
    for (const [args, message] of cases) {
      const run = await respond(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
    expect(github.requests).toHaveLength(0);
  }, 60_000);
});
