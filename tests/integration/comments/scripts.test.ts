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
    h.acceptComments(2);
    h.outbox.claimNext(new Date(h.clock.now));
    h.outbox.markFiled(h.outbox.list()[0]!.submissionId, { number: 12, url: 'https://github.com/o/r/issues/12' }, new Date(h.clock.now));
    const text = await run('comments-list.ts', ['--db', h.outboxPath]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^BZ-\d{4}-000001 {2}filed +v0\.2 § governance ¶2 +#12 +Comment number 1: @maintainers see #1\.$/);
    expect(lines[1]).toMatch(/^BZ-\d{4}-000002 {2}pending +v0\.2 § incident-response ¶3 +- +Comment number 2/);
    expect(lines[2]).toBe('2 comments: 1 pending, 1 filed');

    const json = await run('comments-list.ts', ['--db', h.outboxPath, '--json', '--status', 'pending']);
    const entries = JSON.parse(json.stdout) as { reference: string; status: string }[];
    expect(entries.map((e) => [e.reference.slice(-6), e.status])).toEqual([['000002', 'pending']]);
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
    const ids = h.acceptComments(2);
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
