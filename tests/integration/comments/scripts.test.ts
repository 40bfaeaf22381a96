import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const node = `${root}node_modules/.bin/node`;

function run(script: string, args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const childEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) childEnv[k] = v;
    for (const k of ['GITHUB_TOKEN', 'GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_INSTALLATION_ID']) if (!(k in env)) delete childEnv[k];
    const proc = spawn(node, [`scripts/${script}`, ...args], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('comment scripts', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('comments:list shows each comment with its place and status, or JSON', async () => {
    h = await startHarness({ start: Date.now() });
    await h.acceptComments(2);
    await h.outbox.claimNext(new Date(h.clock.now));
    await h.outbox.markFiled((await h.outbox.list())[0]!.submissionId, { number: 12, url: 'https://github.com/o/r/issues/12' }, new Date(h.clock.now));
    const text = await run('comments-list.ts', ['--db', h.outboxPath]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^BZ-\d{4}-000001 {2}filed +v0\.2 § governance ¶2 +#12 +Comment number 1: @maintainers see #1\.$/);
    expect(lines[1]).toMatch(/^BZ-\d{4}-000002 {2}pending +v0\.2 § incident-response ¶3 +- +Comment number 2/);
    expect(lines[2]).toBe('2 comments: 1 pending, 1 filed');
    expect(lines[3]).toMatch(/^1 waiting: once a process files them, at GitHub's pace .*; nobody is filing \(no process holds the filing lane\)$/);

    const json = await run('comments-list.ts', ['--db', h.outboxPath, '--json', '--status', 'pending']);
    const { comments } = JSON.parse(json.stdout) as { comments: { reference: string; status: string }[] };
    expect(comments.map((e) => [e.reference.slice(-6), e.status])).toEqual([['000002', 'pending']]);
  });

  it('comments:list ends with the backlog: when the pace will have it filed, and who is filing', async () => {
    h = await startHarness({ start: Date.now() });
    await h.acceptComments(42);
    // Filed 5 minutes ago: in the hour's count, but not in the minute's, so the 41 left take exactly a minute.
    const first = (await h.outbox.claimNext(new Date(h.clock.now)))!;
    await h.outbox.markFiled(first.submissionId, { number: 1, url: 'https://github.com/o/r/issues/1' }, new Date(Date.now() - 5 * 60_000));

    const idle = await run('comments-list.ts', ['--db', h.outboxPath, '--status', 'filed']);
    expect(idle.code).toBe(0);
    expect(idle.stdout.trim().split('\n').slice(-2)).toEqual([
      '42 comments: 41 pending, 1 filed',
      "41 waiting: once a process files them, at GitHub's pace (40 a minute, 450 an hour) all filed in about 1 min; 1 filed in the last hour; nobody is filing (no process holds the filing lane)",
    ]);

    await h.outbox.holdLane({ id: 'server-1', label: 'the server (pid 4120 on web-1)' }, new Date(), 10 * 60_000);
    const filing = await run('comments-list.ts', ['--db', h.outboxPath, '--status', 'filed']);
    expect(filing.stdout.trim().split('\n').at(-1)).toMatch(
      /^41 waiting: at GitHub's pace \(40 a minute, 450 an hour\) all filed by (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC \(in about 1 min\); 1 filed in the last hour; the server \(pid 4120 on web-1\) is filing$/,
    );

    const before = Date.now();
    const json = await run('comments-list.ts', ['--db', h.outboxPath, '--json']);
    const { comments, backlog } = JSON.parse(json.stdout) as { comments: unknown[]; backlog: Record<string, unknown> & { drainedBy: string } };
    expect(comments).toHaveLength(42);
    expect(backlog).toMatchObject({
      waiting: 41,
      filedLast10Minutes: 1,
      filedLastHour: 1,
      ratePerHour: { last10Minutes: 6, lastHour: 1 },
      pace: { perMinute: 40, perHour: 450 },
      secondsToDrain: 60,
      filing: 'the server (pid 4120 on web-1)',
    });
    expect(Date.parse(backlog.drainedBy)).toBeGreaterThanOrEqual(before + 60_000);
    expect(Date.parse(backlog.drainedBy)).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('comments:sync says in one line that it has no credentials', async () => {
    const result = await run('comments-sync.ts', ['--db', 'var/does-not-matter.sqlite'], { GITHUB_REPOSITORY: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('comments:sync: no GitHub credentials (set GITHUB_TOKEN and GITHUB_REPOSITORY)\n');
    expect(result.stdout).toBe('');
  });

  it('comments:sync refuses bad options with a one-line reason', async () => {
    const result = await run('comments-sync.ts', ['--max', 'lots']);
    expect(result).toMatchObject({ code: 1, stderr: 'comments:sync: --max must be a whole number above 0\n' });
  });

  it('comments:sync files waiting comments with the credentials in the environment, with progress', async () => {
    h = await startHarness({ start: Date.now() });
    h.seedLabels();
    h.gh.setClock(() => Date.now());
    const ids = await h.acceptComments(2);
    const result = await run('comments-sync.ts', ['--db', h.outboxPath], {
      GITHUB_TOKEN: 't0ken',
      GITHUB_REPOSITORY: 'belize-ncss/strategy',
      GITHUB_API_URL: h.gh.url,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('2 comment(s) waiting for belize-ncss/strategy');
    expect(lines.filter((l) => / filed as #\d+ /.test(l))).toHaveLength(2);
    expect(lines.at(-1)).toBe('comments:sync: 2 filed, 0 refused; 0 still waiting, 0 failed in total');
    expect(h.issuesBySubmission().size).toBe(ids.length);
  }, 30_000);
});
