/**
 * scripts/respond.ts end to end, as a child process against the GitHub
 * double over real HTTP: the sample v0.1 report, whose group-51 is six
 * near-identical comments (#51 to #56), answered at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGitHubDouble, type GitHubDouble, type RecordedRequest } from '../../github-double/index.ts';
import ExcelJS from 'exceljs';
import { matrixXlsx } from '../../../src/lib/feedback/export-xlsx.ts';
import { MATRIX_COLUMNS } from '../../../src/lib/feedback/matrix.ts';
import { loadFeedbackReport } from '../../../src/lib/feedback/report-file.ts';
import { reportView } from '../../../src/lib/feedback/report-view.ts';
import { DISPOSITIONS } from '../../../src/lib/feedback/schema.ts';
import { maintainerResponse } from '../../../src/lib/feedback/responses.ts';
import { t } from '../../../src/lib/i18n/translate.ts';
import { loadSiteSettings } from '../../../src/lib/site/settings.ts';
import { loadCatalog } from '../../../src/lib/strategy/catalog.ts';

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

beforeEach(async () => {
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

/** Starts the script; resolves with its exit once it ends. */
function start(args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['scripts/respond.ts', '--root', root, '--min-interval', '0', ...args], {
    env: { ...process.env, GITHUB_API_URL: github.url, GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'belize-ncss/strategy' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

const respond = (args: string[]): Promise<Run> => start(args).done;

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
    const first = start(['--version', 'v0.1', '--group', 'group-51', '--disposition', 'accepted', '--response-file', join(root, 'answer.md')]);
    await vi.waitFor(() => expect(github.requests.some((r) => r.failure === 'slow')).toBe(true), { timeout: 30_000 });
    first.child.kill('SIGKILL');
    const killed = await first.done;
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

  it('stops with one line when the token is refused, posting nothing', async () => {
    const child = spawn(process.execPath, ['scripts/respond.ts', '--root', root, '--issues', '51', '--disposition', 'accepted'], {
      env: { ...process.env, GITHUB_API_URL: github.url, GITHUB_TOKEN: 'wrong-token', GITHUB_REPOSITORY: 'belize-ncss/strategy' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^respond: stopped: reading the last hour's replies: HTTP 401: Bad credentials/);
    expect(stderr).not.toContain('wrong-token');
    expect(github.requests.filter(isWrite)).toHaveLength(0);
  }, 30_000);

  it('in a dry run reads the issues and says what would change, writing nothing', async () => {
    const run = await respond(['--issues', '51,1,9999', '--disposition', 'noted', '--response-file', join(root, 'answer.md'), '--dry-run']);
    expect(github.requests.filter(isWrite)).toHaveLength(0);
    expect(run.stdout).toContain('#51: would reply');
    expect(run.stdout).toContain('#1: would reply; would label noted');
    expect(run.stdout).toMatch(/#9999: skipped: no such issue/);
    expect(run.code).toBe(1);
  }, 30_000);

  describe('--from matrix.xlsx', () => {
    /** A column's number in the exported sheet (1-based), found by its name, as the export orders them. */
    const column = (name: (typeof MATRIX_COLUMNS)[number]) => MATRIX_COLUMNS.indexOf(name) + 1;
    /** The v0.1 matrix as npm run feedback exports it, with `edit` applied to rows found by their first cell. */
    async function sheet(name: string, edit: Record<string, { disposition?: string; response?: string }>): Promise<string> {
      const settings = loadSiteSettings(root);
      const view = reportView(loadFeedbackReport(root, 'v0.1')!, loadCatalog(root, settings, new Date()).byId.get('v0.1')!, { t, timeZone: settings.timeZone });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await matrixXlsx(view.rows, t, { sheetName: 'v0.1 comments', createdAt: new Date(0) })).buffer);
      const ws = workbook.worksheets[0]!;
      ws.eachRow((row, line) => {
        const key = line > 1 ? String(row.getCell(column('group')).value || row.getCell(column('reference')).value) : '';
        if (edit[key]?.disposition !== undefined) row.getCell(column('disposition')).value = edit[key].disposition;
        if (edit[key]?.response !== undefined) row.getCell(column('response')).value = edit[key].response;
      });
      const file = join(root, name);
      await workbook.xlsx.writeFile(file);
      return file;
    }

    it('applies only the rows that changed, a group’s to every member, after saying what will change', async () => {
      github.state.addLabelsToIssue(7, ['noted']);
      const file = await sheet('answered.xlsx', {
        'group-51': { disposition: 'Accepted', response: 'Thank you all: the programme is in v0.2.' },
        '#7': { disposition: 'Aceptado en parte' },
        '#12': { response: 'Noted, with thanks to @someone.' },
      });
      const run = await respond(['--from', file]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/answered\.xlsx \(v0\.1\): \d+ rows, 3 changed/);
      expect(run.stdout).toContain('(group-51, 6 comments): disposition Noted → Accepted; response replaced: "Thank you all: the programme is in v0.2."');
      expect(run.stdout).toContain('issues: #51, #52, #53, #54, #55, #56');
      // The summary comes before any write.
      expect(run.stdout.indexOf('line ')).toBeLessThan(run.stdout.indexOf('Answering on'));
      for (const n of MEMBERS) {
        expect(response(n)?.text).toBe('Thank you all: the programme is in v0.2.');
        expect(dispositions(n)).toEqual(['accepted']);
      }
      expect(replies(7)).toHaveLength(0);
      expect(dispositions(7)).toEqual(['partially-accepted']);
      expect(response(12)?.text).toBe('Noted, with thanks to @someone.');
      expect(replies(12)[0]!.body).toContain('@\u200Bsomeone');
      expect(dispositions(12)).toEqual([]);
      expect(new Set(github.state.comments.map((c) => c.issue_number))).toEqual(new Set([...MEMBERS, 12]));
    }, 60_000);

    it('refuses a sheet with an unknown disposition or an emptied response, by line, and applies nothing', async () => {
      const file = await sheet('mistyped.xlsx', { '#2': { disposition: 'Acepted' }, '#3': { response: '' }, '#4': { response: 'ok <!-- x -->' } });
      const run = await respond(['--from', file]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/mistyped\.xlsx: line \d+: unknown disposition "Acepted" \(one of: Accepted, Partially accepted/);
      expect(run.stderr).toMatch(/line \d+: the response was emptied/);
      expect(run.stderr).toMatch(/line \d+: the answer contains a hidden HTML comment/);
      expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^respond: 3 problem\(s\) in .*mistyped\.xlsx; nothing was applied$/);
      expect(github.requests).toHaveLength(0);
    }, 30_000);

    it('does nothing for a sheet nobody changed', async () => {
      const run = await respond(['--from', await sheet('untouched.xlsx', {})]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/0 changed\nnothing to do/);
      expect(github.requests).toHaveLength(0);
    }, 30_000);
  });

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
