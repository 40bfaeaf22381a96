/**
 * scripts/label-closed-comments.ts end to end: a copy of the content whose
 * v0.2 consultation closed three days ago, and the GitHub double.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubDouble, type GitHubDouble } from '../../github-double/index.ts';

let root: string;
let github: GitHubDouble;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'consulta-closing-'));
  cpSync('content', join(root, 'content'), { recursive: true });
  const settings = JSON.parse(readFileSync(join(root, 'content/site.json'), 'utf8'));
  delete settings.sampleRollingWindow;
  writeFileSync(join(root, 'content/site.json'), JSON.stringify(settings, null, 2));
  const manifestPath = join(root, 'content/strategy/versions/v0.2/version.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const today = DateTime.now().setZone('America/Belize');
  manifest.consultation = { opens: today.minus({ days: 30 }).toISODate(), closes: today.minus({ days: 3 }).toISODate(), timeZone: 'America/Belize' };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  github = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: 'test-token' });
});

afterAll(async () => {
  await github?.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => github.reset());

/** Runs the script without blocking this process, which serves the GitHub double. */
async function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string; output: string | undefined }> {
  const { status, stdout, stderr } = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['scripts/label-closed-comments.ts', '--root', root, ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, GITHUB_API_URL: github.url, GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'belize-ncss/strategy', GITHUB_OUTPUT: join(root, 'github-output') },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  return { status, stdout, stderr, output: readFileSync(join(root, 'github-output'), 'utf8').trim().split('\n').at(-1) };
}

describe('comments:label-closed', () => {
  it('labels the open comment issues of the closed version, and only those', async () => {
    const open = github.state.addIssue({ title: 'a', labels: ['comment', 'v:v0.2', 'section:governance'] });
    const second = github.state.addIssue({ title: 'b', labels: ['comment', 'v:v0.2'] });
    const closed = github.state.addIssue({ title: 'c', labels: ['comment', 'v:v0.2'], state: 'closed' });
    const otherVersion = github.state.addIssue({ title: 'd', labels: ['comment', 'v:v0.1'] });
    const notAComment = github.state.addIssue({ title: 'e', labels: ['v:v0.2'] });
    const pull = github.state.addPull({ title: 'f', labels: ['comment', 'v:v0.2'] });
    const result = await run();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`v0.2: labelled 2 issue(s) (#${open.number}, #${second.number}); 0 already labelled`);
    const labels = (n: number) => github.state.issues.find((i) => i.number === n)!.labels;
    expect(labels(open.number)).toContain('consultation-closed');
    expect(labels(second.number)).toContain('consultation-closed');
    for (const other of [closed, otherVersion, notAComment, pull]) expect(labels(other.number)).not.toContain('consultation-closed');
    expect(result.output).toBe('closed=v0.2');
    expect(github.state.labels.find((l) => l.name === 'consultation-closed')).toMatchObject({ description: 'Filed on a version whose consultation has closed', color: '6e7781' });
  });

  it('leaves issues labelled by an earlier run alone, and the existing label too', async () => {
    github.state.addIssue({ title: 'a', labels: ['comment', 'v:v0.2', 'consultation-closed'] });
    const result = await run();
    expect(result.stdout).toContain('v0.2: labelled 0 issue(s); 1 already labelled');
    expect(github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/labels'))).toHaveLength(0);
  });

  it('only reports with --check, and finds nothing closed in the last day', async () => {
    github.state.addIssue({ title: 'a', labels: ['comment', 'v:v0.2'] });
    const check = await run('--check', '--closed-within', '100');
    expect(check.stdout).toContain('Closed: v0.2');
    expect(check.output).toBe('closed=v0.2');
    const recent = await run('--closed-within', '24');
    expect(recent.stdout).toContain('No consultation has closed in that time.');
    expect(recent.output).toBe('closed=');
    expect(github.requests).toHaveLength(0);
  });

  it('refuses a version that has not closed, in one line', async () => {
    const result = await run('--version', 'v0.1');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('comments:label-closed: the consultation on v0.1 has not closed (or its status is not "consultation")\n');
  });
});
