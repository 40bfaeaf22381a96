/**
 * Several servers on one PostgreSQL, behind Caddy configured as
 * docs/deploy.md ("Several servers") shows: three `npm run serve` processes
 * share the comment flow. Comments posted through the proxy land on all
 * three; one server files at a time; the filing server is killed with
 * SIGKILL while GitHub is still answering its create, and another takes the
 * lane, finds that issue by its marker instead of creating it again, and
 * files the rest. Every comment becomes exactly one issue, readers keep being
 * answered through the proxy, and the rate limit counts once for the whole
 * deployment. Real processes, real PostgreSQL, real Caddy, real HTTP to the
 * GitHub test double.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGitHubDouble, type GitHubDouble } from '../github-double/index.ts';
import { issuesBySubmission } from './filed-issues.ts';
import { startPostgres, type Postgres } from '../postgres/server.ts';
import { send, startProxy, type RunningProxy } from './reverse-proxy.ts';
import { startServer, type RunningServer } from './server.ts';

const TOKEN = 'ghp_e2eSeveralServersTokenNeverPrinted000001';
const SERVERS = 3;
const COMMENTS = 24;
// One client (everything arrives from the proxy at 127.0.0.1): room for the test's comments and four more.
const PER_CLIENT = COMMENTS + 4;

let postgres: Postgres;
let databaseUrl: string;
let github: GitHubDouble;
let proxy: RunningProxy;
const dataDirs: string[] = [];
const servers: RunningServer[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase('consulta');
  github = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: TOKEN });
  const env = {
    CONSULTA_DATABASE_URL: databaseUrl,
    ALTCHA_HMAC_KEY: 'several-servers-test-altcha-key-0123456789abcdef',
    COMMENTS_ADDRESS_SALT: 'several-servers-test-address-salt-0123456789ab',
    CONSULTA_TRUSTED_PROXIES: '127.0.0.1',
    CONSULTA_RATE_LIMITS: `unverified=${PER_CLIENT}/3600,unverifiedOverall=1000/3600,overall=1000/3600`,
    // A dead filer's lane is taken after 2 s, and the comment it held after 10 s.
    CONSULTA_FILING_LEASE_SECONDS: '2',
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'belize-ncss/strategy',
    GITHUB_API_URL: github.url,
  };
  // Started together, as after a deploy: they migrate the schema once between them.
  const started = await Promise.all(
    Array.from({ length: SERVERS }, () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'consulta-several-'));
      dataDirs.push(dataDir);
      return startServer({ dataDir, env });
    }),
  );
  servers.push(...started);
  proxy = await startProxy('caddy-several', servers.map((server) => new URL(server.url)));
}, 120_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await proxy?.stop();
  await github?.close();
  await postgres?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The server whose process holds the filing lane, from the lane's label ("the server (pid 123 on host)"). */
async function laneHolder(): Promise<RunningServer | undefined> {
  const [lane] = await query<{ label: string; lease_until: string }>(`SELECT label, lease_until FROM filing_lane`);
  const pid = lane && Number(lane.lease_until) > Date.now() ? Number(/pid (\d+)/.exec(lane.label)?.[1]) : NaN;
  return servers.find((server) => server.process.pid === pid);
}

function postThroughProxy(n: number): Promise<{ status: number; submissionId: string; body: string }> {
  const submissionId = crypto.randomUUID();
  return send(`${proxy.origin}/api/comments`, {
    localAddress: '127.0.0.1',
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: proxy.origin },
    body: JSON.stringify({ version: 'v0.2', section: 'governance', type: 'general', comment: `Comment ${n}, accepted by any server, filed by one.`, sector: 'individual', submissionId }),
  }).then(({ status, body }) => ({ status, submissionId, body }));
}

const creates = () => github.requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.path));

describe('three servers on one PostgreSQL behind Caddy', () => {
  it('file every comment exactly once when the filing server is killed mid-create, and keep answering readers', async () => {
    // At start-up one of the three takes the lane and the others stand by. (With nothing to file the
    // holder lets its lease lapse until the next comment wakes a server, so the lane is not asked for here.)
    await vi.waitFor(() => expect(servers.filter((server) => server.output().includes('[comments] filing comments from this outbox now')).length).toBeGreaterThan(0), { timeout: 20_000, interval: 100 });
    expect(servers.filter((server) => server.output().includes('[comments] standing by:')).length).toBeGreaterThan(0);

    const posted = await Promise.all(Array.from({ length: COMMENTS }, (_, i) => postThroughProxy(i + 1)));
    for (const { status, body } of posted) expect(status, body).toBe(202);
    const references = posted.map(({ body }) => (JSON.parse(body) as { reference: string }).reference);
    expect(new Set(references).size).toBe(COMMENTS);
    // Round robin: every server accepted some of them, into the one database.
    expect(await query<{ n: number }>(`SELECT count(*)::int AS n FROM comments`)).toEqual([{ n: COMMENTS }]);

    // GitHub creates the next issue but answers slowly; the filing server dies before it hears back.
    await vi.waitFor(async () => expect(await laneHolder()).toBeDefined(), { timeout: 20_000, interval: 50 });
    const victim = (await laneHolder())!;
    const before = creates().length;
    github.failWhen((r) => r.method === 'POST' && /\/issues$/.test(r.path), 'slow', 1);
    await vi.waitFor(() => expect(creates().length).toBeGreaterThan(before), { timeout: 30_000, interval: 20 });
    const exited = new Promise((resolve) => victim.process.once('exit', resolve));
    victim.process.kill('SIGKILL');
    await exited;
    const survivors = servers.filter((server) => server !== victim);
    const seenAtKill = new Map(survivors.map((server) => [server, server.output().length]));
    const since = (server: RunningServer) => server.output().slice(seenAtKill.get(server));

    // Readers: every page request through the proxy is answered by a live server.
    const pages = await Promise.all(
      Array.from({ length: 12 }, () => send(`${proxy.origin}/strategy/v0.2/`, { localAddress: '127.0.0.1' }).then((r) => r.status)),
    );
    expect(pages).toEqual(Array.from({ length: 12 }, () => 200));

    // Another server takes the lane and files the rest; the issue the dead one created is found, not made again.
    await vi.waitFor(() => expect(issuesBySubmission(github).size).toBe(COMMENTS), { timeout: 120_000, interval: 200 });
    const issues = issuesBySubmission(github);
    for (const { submissionId } of posted) expect(issues.get(submissionId), submissionId).toBe(1);
    expect(github.state.issues.filter((issue) => !issue.pull)).toHaveLength(COMMENTS);
    // Every issue is on GitHub; the outbox marks the last ones filed when their answers (or the lookup) arrive.
    await vi.waitFor(async () => {
      const rows = await query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM comments GROUP BY status`);
      expect(rows).toEqual([{ status: 'filed', n: COMMENTS }]);
    }, { timeout: 30_000, interval: 100 });
    // A survivor took the lane after the kill, and found the dead server's issue by its marker.
    expect(survivors.some((server) => since(server).includes('[comments] filing comments from this outbox now'))).toBe(true);
    await vi.waitFor(() => expect(survivors.some((server) => since(server).includes('(it had reached GitHub earlier)'))).toBe(true), { timeout: 15_000, interval: 50 });

    // One allowance for the deployment: four more from this client are taken, the next is refused, whichever server gets it.
    const more = await Promise.all(Array.from({ length: 4 }, (_, i) => postThroughProxy(COMMENTS + 1 + i)));
    expect(more.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const refused = await postThroughProxy(COMMENTS + 5);
    expect(refused.status, refused.body).toBe(429);

    for (const server of servers) expect(server.output()).not.toContain(TOKEN);
  }, 240_000);
});
