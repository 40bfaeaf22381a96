/**
 * The process model of a deployment that separates filing from serving: the
 * web server and `npm run comments:sync -- --watch` share one outbox file.
 * Only the holder of the outbox's filing lane files, so every comment becomes
 * exactly one issue; when the filing process stops, the other takes over.
 * Real processes, real SQLite (WAL) and real HTTP to the GitHub test double.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGitHubDouble, type GitHubDouble } from '../github-double/index.ts';
import { issuesBySubmission } from './filed-issues.ts';
import { startServer, type RunningServer } from './server.ts';

const TOKEN = 'ghp_e2eProcessModelTokenNeverPrinted00000001';
const GITHUB_ENV = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'belize-ncss/strategy' };
// Room for the test's comments from one loopback client.
const LIMITS = { CONSULTA_RATE_LIMITS: 'unverified=100/3600,unverifiedOverall=100/3600,overall=100/3600' };

let github: GitHubDouble;
let dataDir: string;
const servers: RunningServer[] = [];
let sync: { process: ChildProcess; output: () => string } | undefined;

beforeAll(async () => {
  github = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: TOKEN });
  dataDir = mkdtempSync(join(tmpdir(), 'consulta-process-model-'));
});
afterAll(async () => {
  if (sync && sync.process.exitCode === null) sync.process.kill('SIGKILL');
  for (const server of servers) await server.stop();
  await github?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function startSync(): { process: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['scripts/comments-sync.ts', '--watch', '--interval', '1'], {
    env: { ...process.env, ...GITHUB_ENV, GITHUB_API_URL: github.url, CONSULTA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return { process: child, output: () => output };
}

async function postComment(server: RunningServer, n: number): Promise<string> {
  const submissionId = crypto.randomUUID();
  const response = await fetch(`${server.url}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version: 'v0.2', section: 'governance', type: 'general', comment: `Comment ${n}, filed by whichever process holds the lane.`, sector: 'individual', submissionId }),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return submissionId;
}

describe('the server and comments:sync --watch on one outbox', () => {
  it('file each comment exactly once, and comments:sync takes over when the filing server stops', async () => {
    const server = await startServer({ dataDir, env: { ...GITHUB_ENV, GITHUB_API_URL: github.url, ...LIMITS } });
    servers.push(server);
    await vi.waitFor(() => expect(server.output()).toContain('[comments] filing comments from this outbox now'), { timeout: 15_000, interval: 50 });
    sync = startSync();
    await vi.waitFor(() => expect(sync!.output()).toMatch(/standing by: the server \(pid \d+ on .+\) is filing from this outbox/), { timeout: 15_000, interval: 50 });

    const first = await Promise.all(Array.from({ length: 8 }, (_, i) => postComment(server, i + 1)));
    await vi.waitFor(() => expect(issuesBySubmission(github).size).toBe(8), { timeout: 60_000, interval: 100 });
    // The server filed them; comments:sync, standing by, filed none. The issue
    // exists on GitHub a moment before the filer reads GitHub's answer and logs
    // it, so wait for the log lines rather than reading them once.
    await vi.waitFor(() => expect(server.output().match(/\[comments\] BZ-\d{4}-\d{6} filed/g) ?? []).toHaveLength(8), { timeout: 15_000, interval: 50 });
    expect(sync.output()).not.toMatch(/filed as #/);

    // The server stops (a deploy); a new one that never files (CONSULTA_DISPATCHER=off) takes the comments.
    await server.stop();
    expect(server.process.exitCode).toBe(0);
    const next = await startServer({ dataDir, env: { ...GITHUB_ENV, GITHUB_API_URL: github.url, ...LIMITS, CONSULTA_DISPATCHER: 'off' } });
    servers.push(next);
    const more = await Promise.all(Array.from({ length: 3 }, (_, i) => postComment(next, 9 + i)));
    await vi.waitFor(() => expect(issuesBySubmission(github).size).toBe(11), { timeout: 60_000, interval: 100 });
    expect(sync.output()).toContain('filing comments from this outbox now');
    await vi.waitFor(() => expect(sync!.output().match(/filed as #\d+/g) ?? []).toHaveLength(3), { timeout: 15_000, interval: 50 });
    expect(next.output()).not.toMatch(/\[comments\] BZ-\d{4}-\d{6} filed/);

    const issues = issuesBySubmission(github);
    for (const id of [...first, ...more]) expect(issues.get(id), id).toBe(1);
    expect(github.requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.path))).toHaveLength(11);

    // SIGTERM stops comments:sync cleanly, and it says so.
    const exited = new Promise<number | null>((resolve) => sync!.process.once('exit', (code) => resolve(code)));
    sync.process.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
    expect(sync.output()).toContain('comments:sync: stopped; 0 still waiting');
    expect(sync.output()).not.toContain(TOKEN);
  }, 180_000);
});
