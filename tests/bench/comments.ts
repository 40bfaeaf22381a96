/** npm run bench:comments: comment intake throughput and latency against a bare endpoint, and a flood. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { main, parseOptions, UsageError } from '../../scripts/lib/main.ts';
import { startServer, type RunningServer } from '../e2e/server.ts';

const usage = `
Usage: npm run bench:comments -- [options]

Runs the built server (npm run build first) on loopback and reports:
  1. requests/s and p99 latency of GET /api/health (a bare endpoint) and of
     POST /api/comments (each a new comment, stored in the outbox), at the same
     concurrency, in the same run, with the rate limits raised;
  2. a flood of unverified posts from many loopback addresses with the default
     limits: how many were shed (429), the server's memory, and whether a
     legitimate commenter (with a solved proof of work) still gets through.

Options:
  --connections <n>   Concurrent clients (default 50)
  --seconds <n>       Duration of each throughput run (default 10)
  --flood <n>         Posts in the flood (default 100000)
  -h, --help          Show this help
`;

const log = (line: string) => process.stderr.write(`bench:comments: ${line}\n`);
const COMMENT = { version: 'v0.2', section: 'governance', paragraph: 'p1', type: 'general', comment: 'Benchmark comment: the council should publish its minutes.', sector: 'individual' };

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

function post(url: string, body: unknown, localAddress: string, agent: Agent): Promise<number> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = request(`${url}/api/comments`, { method: 'POST', agent, localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

async function legitimateComment(url: string): Promise<number> {
  const challenge = (await (await fetch(`${url}/api/altcha`)).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  const altcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  const agent = new Agent();
  const status = await post(url, { ...COMMENT, submissionId: randomUUID(), altcha, comment: 'A legitimate comment during a flood.' }, '127.0.0.2', agent);
  agent.destroy();
  return status;
}

await main('bench:comments', usage, async (argv) => {
  const { values } = parseOptions(argv, {
    options: { connections: { type: 'string', default: '50' }, seconds: { type: 'string', default: '10' }, flood: { type: 'string', default: '100000' } },
  });
  const [connections, seconds, flood] = (['connections', 'seconds', 'flood'] as const).map((k) => {
    const n = Number(values[k]);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${k} must be a whole number above 0`);
    return n;
  }) as [number, number, number];
  if (!existsSync('dist/server/entry.mjs')) throw new UsageError('no build found: run npm run build first');

  const dataDir = mkdtempSync(join(tmpdir(), 'consulta-bench-comments-'));
  let server: RunningServer | undefined;
  try {
    log(`throughput: ${connections} connections, ${seconds} s each`);
    server = await startServer({ dataDir, env: { CONSULTA_RATE_LIMITS: 'verified=100000000/60,unverified=100000000/60,unverifiedOverall=100000000/60' } });
    const bare = await cannon({ url: `${server.url}/api/health`, connections, duration: seconds });
    const comments = await cannon({
      url: `${server.url}/api/comments`,
      method: 'POST',
      connections,
      duration: seconds,
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ ...COMMENT, submissionId: randomUUID() }) }) }],
    });
    await server.stop();

    log(`flood: ${flood.toLocaleString('en-GB')} unverified posts from 250 addresses, default limits`);
    server = await startServer({ dataDir: mkdtempSync(join(tmpdir(), 'consulta-bench-flood-')) });
    const pid = server.process.pid!;
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
    const statuses = new Map<number, number>();
    const agents = Array.from({ length: 250 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    let sent = 0;
    const legit: Promise<number>[] = [];
    const checkpoints: string[] = [];
    const floodStart = Date.now();
    const worker = async () => {
      while (sent < flood) {
        const i = sent++;
        if (i % 25_000 === 0) {
          log(`  ${i.toLocaleString('en-GB')} sent`);
          checkpoints.push(`${(i / 1000).toFixed(0)}k: ${rssMb(pid).toFixed(0)} MB`);
          legit.push(legitimateComment(server!.url));
        }
        const status = await post(server!.url, { ...COMMENT, submissionId: randomUUID() }, `127.0.1.${(i % 250) + 1}`, agents[i % 250]!);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    const floodSeconds = (Date.now() - floodStart) / 1000;
    const legitStatuses = await Promise.all(legit);
    clearInterval(sampler);
    const after = rssMb(pid);
    for (const agent of agents) agent.destroy();

    const ratio = comments.requests.average / bare.requests.average;
    const lines = [
      `Bare endpoint (GET /api/health): ${bare.requests.average.toFixed(0)} req/s, p99 ${bare.latency.p99} ms`,
      `Comments (POST /api/comments):   ${comments.requests.average.toFixed(0)} req/s, p99 ${comments.latency.p99} ms, ${comments['2xx'].toLocaleString('en-GB')} accepted, ${comments.non2xx} refused`,
      `Comments / bare: ${(ratio * 100).toFixed(0)}% (goal: at least 60%); comment p99 ${comments.latency.p99} ms (goal: under 100 ms)`,
      `Flood: ${flood.toLocaleString('en-GB')} posts in ${floodSeconds.toFixed(0)} s; statuses ${[...statuses].map(([s, n]) => `${s}: ${n.toLocaleString('en-GB')}`).join(', ')}`,
      `Server memory: ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB after; during the flood ${checkpoints.join(', ')}`,
      `Legitimate commenter during the flood: ${legitStatuses.map(String).join(', ')} (202 = accepted)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
