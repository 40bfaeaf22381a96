/**
 * npm run bench:consultation: a consultation replayed, scaled down, against
 * three `serve` processes behind Caddy sharing one PostgreSQL (docs/deploy.md,
 * "Several servers"), filing into the GitHub test double while it fails.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { main, parseOptions, UsageError } from '../../scripts/lib/main.ts';
import { issuesBySubmission } from '../e2e/filed-issues.ts';
import { findSubmissionIds, isBatchBody } from '../../src/lib/comments/batch-body.ts';
import { parseConfig } from '../../src/lib/config/settings.ts';
import { send, startProxy, type RunningProxy } from '../e2e/reverse-proxy.ts';
import { startServer, type RunningServer } from '../e2e/server.ts';
import { busiestWindow, startGitHubDouble, type GitHubDouble, type RecordedRequest } from '../github-double/index.ts';
import { startPostgres, type Postgres } from '../postgres/server.ts';

/** As systemd's RestartSec would bring a killed server back. */
const RESTART_SECONDS = 3;

const usage = `
Usage: npm run bench:consultation -- [options]

Replays a consultation, scaled down, against three built servers (npm run
serve) behind Caddy, sharing a real PostgreSQL, filing into the GitHub test
double over HTTP:
  - "three weeks": --comments spread evenly over --weeks seconds;
  - the workshop evening: --burst times that rate for --burst-seconds, in the
    middle of the weeks;
  - a campaign: --campaign comments posted as fast as the proxy takes them,
    after the weeks.
The filing server is killed with SIGKILL in the middle of each burst and
started again ${RESTART_SECONDS} s later, as systemd would. GitHub loses the answers to some
creates, answers one with a secondary rate limit, some with 500 and 502, and
fails every request (500 and 502 in turn) for --outage seconds. Readers fetch
a version page through Caddy all along.

Reports comments accepted, issues filed, duplicates and comments lost (both
must be 0), the peak backlog, the time to drain after the campaign, the
busiest minute and hour of content-creating requests GitHub received against
the pace, and the readers' p50/p99 latency during the bursts.

The real pace (40 a minute) would make this take hours, so the servers file
at --pace (CONSULTA_FILING_PACE) and the busiest windows are compared with
that same pace. The replay compresses weeks into minutes but not GitHub's
hour: at 400,4500, 5,000 comments over ten minutes spend the whole hour's
allowance and filing then waits, correctly, for the hour to pass. To replay
the full-size consultation in one sitting, lift the hourly figure (e.g.
--pace 400,24000) and say so with the figures.

Options:
  --comments <n>        Comments over the weeks (default 300)
  --weeks <seconds>     How long the weeks last (default 90)
  --burst <x>           The evening's rate, times the weeks' rate (default 10)
  --burst-seconds <s>   How long the evening lasts (default 10)
  --campaign <n>        Campaign comments (default 2000)
  --outage <seconds>    How long GitHub fails every request (default 20)
  --pace <m,h>          Filing pace, creates a minute,an hour (default 400,4500: ten times github.com's 40,450)
  --batch-after <h>     Batch filing when one-by-one filing would take longer than this many hours
                        (CONSULTA_BATCH_FILING_AFTER_HOURS; default: off, one issue per comment)
  --readers <n>         Readers fetching pages at once (default 2)
  --drain-limit <s>     Longest wait for the drain after the campaign (default 900)
  --logs <folder>       Write each server process's output there (server-<n>-<pid>.log)
  -h, --help            Show this help
`;

const TOKEN = 'ghp_benchConsultationToken000000000000001';
/** The sample's v0.2 sections: comments over the weeks go round them. */
const SECTIONS = [
  'vision-and-principles',
  'governance',
  'critical-infrastructure',
  'public-sector-security',
  'incident-response',
  'cybercrime-legislation',
  'international-cooperation',
  'capacity-building',
  'implementation',
];
/** A campaign is about one thing: every campaign letter is on this section. */
const CAMPAIGN_SECTION = 'capacity-building';
const SERVERS = 3;
const log = (line: string) => process.stderr.write(`bench:consultation: ${line}\n`);
const isCreate = (r: RecordedRequest) => r.method === 'POST' && /\/issues$/.test(r.path);
const isContentCreating = (r: RecordedRequest) => r.method === 'POST' && /\/(issues|labels)$/.test(r.path);

function wholeNumber(name: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number, at least ${min}`);
  return n;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Read {
  at: number;
  ms: number;
  status: number;
}

await main('bench:consultation', usage, async (argv) => {
  const { values } = parseOptions(argv, {
    options: {
      comments: { type: 'string', default: '300' },
      weeks: { type: 'string', default: '90' },
      burst: { type: 'string', default: '10' },
      'burst-seconds': { type: 'string', default: '10' },
      campaign: { type: 'string', default: '2000' },
      outage: { type: 'string', default: '20' },
      pace: { type: 'string', default: '400,4500' },
      'batch-after': { type: 'string' },
      readers: { type: 'string', default: '2' },
      'drain-limit': { type: 'string', default: '900' },
      logs: { type: 'string' },
    },
  });
  const comments = wholeNumber('comments', values.comments, 10);
  const weeksMs = wholeNumber('weeks', values.weeks, 10) * 1000;
  const burst = wholeNumber('burst', values.burst, 1);
  const burstMs = wholeNumber('burst-seconds', values['burst-seconds'], 1) * 1000;
  const campaign = wholeNumber('campaign', values.campaign, 0);
  const outageMs = wholeNumber('outage', values.outage, 0) * 1000;
  const readers = wholeNumber('readers', values.readers, 1);
  const drainLimitMs = wholeNumber('drain-limit', values['drain-limit'], 10) * 1000;
  // The same parser the servers use, so the bench counts against what they were told.
  let pace;
  try {
    pace = parseConfig({ CONSULTA_FILING_PACE: values.pace }).filingPace;
  } catch (error) {
    throw new UsageError(`--pace: ${(error as Error).message.replace(/^CONSULTA_FILING_PACE: /, '')}`);
  }
  const scale = pace.perMinute / 40;
  const hourScale = Math.round((pace.perHour / 450) * 10) / 10;
  const paceScale = hourScale === scale ? `×${scale} github.com's` : `×${scale} a minute and ×${hourScale} an hour of github.com's`;
  const batchAfter = values['batch-after'];
  if (batchAfter !== undefined) {
    try {
      parseConfig({ CONSULTA_BATCH_FILING_AFTER_HOURS: batchAfter });
    } catch (error) {
      throw new UsageError(`--batch-after: ${(error as Error).message.replace(/^CONSULTA_BATCH_FILING_AFTER_HOURS: /, '')}`);
    }
  }

  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  /** Every server process started, the killed ones too, for --logs. */
  const processes: Array<{ index: number; server: RunningServer }> = [];
  let postgres: Postgres | undefined;
  let github: GitHubDouble | undefined;
  let proxy: RunningProxy | undefined;
  let db: pg.Pool | undefined;
  let stopping = false;
  try {
    log('starting PostgreSQL, the GitHub double, three servers and Caddy');
    postgres = await startPostgres();
    const databaseUrl = await postgres.createDatabase('consultation');
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    db.on('error', () => {});
    // retry-after of the injected secondary limit, scaled with the pace (GitHub's is often 60 s).
    const gh = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: TOKEN, retryAfterSeconds: Math.max(1, Math.round(60 / scale)) });
    github = gh;
    const env = {
      CONSULTA_DATABASE_URL: databaseUrl,
      ALTCHA_HMAC_KEY: 'bench-consultation-altcha-key-0123456789abcdef',
      COMMENTS_ADDRESS_SALT: 'bench-consultation-address-salt-0123456789ab',
      CONSULTA_TRUSTED_PROXIES: '127.0.0.1',
      // Every comment arrives from one loopback address: the limits are not what is measured here.
      CONSULTA_RATE_LIMITS: 'unverified=10000000/3600,unverifiedOverall=10000000/3600,overall=10000000/3600',
      CONSULTA_FILING_LEASE_SECONDS: '2',
      CONSULTA_FILING_PACE: values.pace,
      ...(batchAfter === undefined ? {} : { CONSULTA_BATCH_FILING_AFTER_HOURS: batchAfter }),
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: 'belize-ncss/strategy',
      GITHUB_API_URL: gh.url,
    };
    const started = await Promise.all(
      Array.from({ length: SERVERS }, () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'consulta-bench-consultation-'));
        dirs.push(dataDir);
        return startServer({ dataDir, env });
      }),
    );
    servers.push(...started);
    started.forEach((server, index) => processes.push({ index, server }));
    const px = await startProxy('caddy-several', servers.map((s) => new URL(s.url)));
    proxy = px;

    const query = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => (await db!.query<T>(sql)).rows;
    const laneHolder = async (): Promise<number | undefined> => {
      const [lane] = await query<{ label: string; lease_until: string }>(`SELECT label, lease_until FROM filing_lane`);
      const pid = lane && Number(lane.lease_until) > Date.now() ? Number(/pid (\d+)/.exec(lane.label)?.[1]) : NaN;
      const index = servers.findIndex((s) => s.process.pid === pid);
      return index < 0 ? undefined : index;
    };
    for (let i = 0; (await laneHolder()) === undefined; i++) {
      if (i > 600) throw new Error(`no server took the filing lane within 60 s:\n${servers.map((s) => s.output()).join('\n')}`);
      await delay(100);
    }

    // Readers: one version page through Caddy, back to back, all along.
    const reads: Read[] = [];
    const readLoop = async () => {
      while (!stopping) {
        const t = performance.now();
        const at = Date.now();
        // A connection refused or reset counts as status 0: a reader who got no page.
        const status = await send(`${px.origin}/strategy/v0.2/`, { localAddress: '127.0.0.1' }).then(
          (answer) => answer.status,
          () => 0,
        );
        reads.push({ at, ms: performance.now() - t, status });
      }
    };
    const readerLoops = Array.from({ length: readers }, readLoop);

    // The backlog, as an operator would see it: comments accepted and not yet filed.
    let peakBacklog = 0;
    let peakAt = 0;
    const sampleLoop = (async () => {
      while (!stopping) {
        const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE status IN ('pending', 'dispatching')`).catch(() => [{ n: 0 }]);
        if (row!.n > peakBacklog) {
          peakBacklog = row!.n;
          peakAt = Date.now();
        }
        await delay(250);
      }
    })();

    // A commenter posts until answered 202, for up to a minute: a 502 or a dropped connection while a
    // server dies is tried again with the same submission id, so it cannot make a second comment.
    const accepted = new Map<string, string>();
    const retried = new Map<string, number>();
    let n = 0;
    const post = async (section = SECTIONS[n % SECTIONS.length]!) => {
      n += 1;
      const submissionId = crypto.randomUUID();
      const body = JSON.stringify({ version: 'v0.2', section, type: 'general', comment: `Bench comment ${n}: the strategy should say who answers for incident response.`, sector: 'individual', submissionId });
      const giveUpAt = Date.now() + 60_000;
      for (let attempt = 1; ; attempt++) {
        const answer = await send(`${px.origin}/api/comments`, { localAddress: '127.0.0.1', method: 'POST', headers: { 'content-type': 'application/json', origin: px.origin }, body }).catch(
          (error: unknown) => ({ status: 0, body: String((error as { code?: string }).code ?? error) }),
        );
        if (answer.status === 202) {
          accepted.set(submissionId, (JSON.parse(answer.body) as { reference: string }).reference);
          return;
        }
        if (![0, 502, 503, 504].includes(answer.status)) throw new Error(`comment answered ${answer.status}: ${answer.body.slice(0, 200)}`);
        const reason = answer.status === 0 ? answer.body : `HTTP ${answer.status}`;
        retried.set(reason, (retried.get(reason) ?? 0) + 1);
        if (Date.now() > giveUpAt) throw new Error(`a comment was not accepted within a minute (${reason}, ${attempt} tries): ${submissionId}`);
        await delay(Math.min(2_000, 250 * attempt));
      }
    };

    let kills = 0;
    const killFilingServer = async (why: string) => {
      const index = await laneHolder();
      if (index === undefined) {
        log(`${why}: no server holds the lane right now, none killed`);
        return;
      }
      const victim = servers[index]!;
      const exited = new Promise((resolve) => victim.process.once('exit', resolve));
      victim.process.kill('SIGKILL');
      await exited;
      kills += 1;
      log(`${why}: killed the filing server (pid ${victim.process.pid}) with SIGKILL; starting it again in ${RESTART_SECONDS} s`);
      await delay(RESTART_SECONDS * 1000);
      const restarted = await startServer({ dataDir: dirs[index]!, env, port: Number(new URL(victim.url).port) });
      servers[index] = restarted;
      processes.push({ index, server: restarted });
      log(`server ${index + 1} is back (pid ${restarted.process.pid})`);
    };

    /** Posts `count` comments evenly over `ms`, a few at a time. */
    const steady = async (count: number, ms: number) => {
      const start = Date.now();
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; i < count; i++) {
        const due = start + (i * ms) / count;
        if (due > Date.now()) await delay(due - Date.now());
        const p = post().finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.all(inFlight);
    };

    let outage = false;
    let outageTurn = 0;
    gh.failWhen(() => outage && outageTurn++ % 2 === 0, 'server-error', Infinity);
    gh.failWhen(() => outage, 'bad-gateway', Infinity);
    const faults = async () => {
      const at = (fraction: number) => delay(Math.max(0, runStart + fraction * weeksMs - Date.now()));
      await at(0.15);
      gh.failWhen(isCreate, 'lost-response', 3);
      log('GitHub: the answers to the next 3 creates will be lost');
      await at(0.3);
      gh.failWhen(isCreate, 'secondary-rate-limit', 1);
      log('GitHub: the next create is refused with a secondary rate limit');
      await at(0.4);
      gh.failWhen(isCreate, 'server-error', 3);
      gh.failWhen(isCreate, 'bad-gateway', 3);
      log('GitHub: the next 6 creates answer 500 or 502');
      await at(0.7);
      outage = true;
      log(`GitHub: outage, every request fails for ${outageMs / 1000} s`);
      await delay(outageMs);
      outage = false;
      log('GitHub: outage over');
    };

    const runStart = Date.now();
    const rate = comments / weeksMs;
    const eveningAt = runStart + 0.5 * weeksMs;
    const eveningCount = Math.round(rate * burst * burstMs);
    log(`the weeks: ${comments} comments over ${weeksMs / 1000} s; the evening at ${0.5 * weeksMs / 1000} s: ${eveningCount} more in ${burstMs / 1000} s (×${burst}); filing at ${pace.perMinute} a minute, ${pace.perHour} an hour (${paceScale})`);
    const faulting = faults();
    const progress = setInterval(() => {
      const issues = gh.state.issues.filter((i) => !i.pull).length;
      void query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE status = 'filed'`).then(
        ([row]) => log(`${accepted.size} accepted, ${row!.n} filed in ${issues} issues, backlog peak ${peakBacklog}`),
        () => {},
      );
    }, 10_000);
    const bursts: Array<{ name: string; from: number; to: number }> = [];
    const campaignLag = monitorEventLoopDelay({ resolution: 20 });
    try {
      const evening = (async () => {
        await delay(eveningAt - Date.now());
        const from = Date.now();
        await Promise.all([steady(eveningCount, burstMs), delay(burstMs / 2).then(() => killFilingServer('the evening'))]);
        bursts.push({ name: 'evening', from, to: Date.now() });
      })();
      await Promise.all([steady(comments, weeksMs), evening, faulting]);

      if (campaign > 0) {
        log(`the campaign: ${campaign} comments, 32 at a time`);
        const from = Date.now();
        // The double answers GitHub's part from this process, which also posts the campaign: how late its turns came.
        campaignLag.enable();
        let next = 0;
        let killed: Promise<void> | undefined;
        const worker = async () => {
          while (next < campaign) {
            next += 1;
            if (next === Math.ceil(campaign / 2)) killed = killFilingServer('the campaign');
            await post(CAMPAIGN_SECTION);
          }
        };
        await Promise.all(Array.from({ length: 32 }, worker));
        await killed;
        campaignLag.disable();
        bursts.push({ name: 'campaign', from, to: Date.now() });
        log(`the campaign: accepted in ${((Date.now() - from) / 1000).toFixed(1)} s`);
      }
    } finally {
      clearInterval(progress);
    }

    const drainFrom = Date.now();
    log(`draining ${accepted.size} accepted comments`);
    for (;;) {
      const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE status <> 'filed'`);
      if (row!.n === 0) break;
      if (Date.now() - drainFrom > drainLimitMs) {
        log(`drain: ${row!.n} comments still not filed after ${drainLimitMs / 1000} s; stopping`);
        break;
      }
      if ((Date.now() - drainFrom) % 10_000 < 500) log(`drain: ${row!.n} to go`);
      await delay(500);
    }
    const drainMs = Date.now() - drainFrom;
    stopping = true;
    await Promise.all([...readerLoops, sampleLoop]);

    // The figures.
    const issues = issuesBySubmission(gh);
    const filedIssues = gh.state.issues.filter((i) => !i.pull).length;
    const batchIssues = gh.state.issues.filter((i) => !i.pull && isBatchBody(i.body));
    const inBatches = batchIssues.reduce((sum, i) => sum + findSubmissionIds(i.body).length, 0);
    const duplicates = [...issues.values()].reduce((sum, count) => sum + count - 1, 0);
    const lost = [...accepted.keys()].filter((id) => !issues.has(id)).length;
    const unasked = [...issues.keys()].filter((id) => !accepted.has(id)).length;
    const [rows] = await query<{ n: number; failed: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM comments`);
    const creating = gh.requests.filter(isContentCreating).map((r) => r.at);
    // The longest time GitHub received no create while comments waited: how long the filing stood still.
    let stall = { ms: 0, from: runStart };
    for (let i = 1; i < creating.length; i++) if (creating[i]! - creating[i - 1]! > stall.ms) stall = { ms: creating[i]! - creating[i - 1]!, from: creating[i - 1]! };
    const injected = new Map<string, number>();
    for (const r of gh.requests) if (r.failure) injected.set(r.failure, (injected.get(r.failure) ?? 0) + 1);
    const inBurst = (r: Read) => bursts.some((b) => r.at >= b.from && r.at <= b.to);
    const summary = (list: Read[]) => {
      const ms = list.map((r) => r.ms).sort((a, b) => a - b);
      return `${list.length} reads, p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, ${list.filter((r) => r.status !== 200).length} not 200`;
    };
    const totalSeconds = (Date.now() - runStart) / 1000;

    console.log(`bench:consultation: 3 servers, one PostgreSQL, Caddy; ${totalSeconds.toFixed(0)} s from the first comment to the end of the drain`);
    console.log(`  pace: ${pace.perMinute} a minute, ${pace.perHour} an hour, ${pace.minIntervalMs} ms apart (${paceScale} 40,450)`);
    console.log(`  comments accepted: ${accepted.size} (${comments} weeks + ${eveningCount} evening + ${campaign} campaign; posts tried again: ${[...retried].map(([reason, count]) => `${reason} ×${count}`).join(', ') || 'none'}); in PostgreSQL: ${rows!.n}, failed ${rows!.failed}`);
    console.log(`  issues filed: ${filedIssues}, of which ${batchIssues.length} batch issues holding ${inBatches} comments; duplicates: ${duplicates}; comments lost (accepted, no issue): ${lost}; issues for comments never acknowledged: ${unasked}`);
    console.log(`  servers killed with SIGKILL: ${kills}; GitHub faults injected: ${[...injected].map(([mode, count]) => `${mode} ${count}`).join(', ') || 'none'}`);
    console.log(`  peak backlog: ${peakBacklog} (at ${((peakAt - runStart) / 1000).toFixed(0)} s); drain after the last comment: ${(drainMs / 1000).toFixed(1)} s`);
    console.log(`  busiest minute: ${busiestWindow(creating, 60_000)} content-creating requests (pace ${pace.perMinute}); busiest hour: ${busiestWindow(creating, 3_600_000)} (pace ${pace.perHour}); ${creating.length} in all, ${gh.requests.filter(isCreate).length} of them issue creates`);
    // What GitHub was asked while no create came: lookups after a kill, retries in an outage...
    const during = new Map<string, number>();
    for (const r of gh.requests) {
      if (r.at <= stall.from || r.at >= stall.from + stall.ms) continue;
      const kind = `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, '').replace(/\/\d+/g, '/N')}${r.failure ? ` (${r.failure})` : ''}`;
      during.set(kind, (during.get(kind) ?? 0) + 1);
    }
    const asked = [...during].map(([kind, count]) => `${kind} ×${count}`).join(', ') || 'nothing';
    console.log(`  longest time without a create: ${(stall.ms / 1000).toFixed(1)} s, from ${((stall.from - runStart) / 1000).toFixed(0)} s; GitHub was asked meanwhile: ${asked}`);
    if (campaign > 0) console.log(`  the bench's own event loop (posting the campaign and answering as GitHub) during the campaign: p50 ${(campaignLag.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(campaignLag.percentile(99) / 1e6).toFixed(0)} ms, max ${(campaignLag.max / 1e6).toFixed(0)} ms late`);
    for (const b of bursts) console.log(`  readers during the ${b.name} (${((b.to - b.from) / 1000).toFixed(1)} s): ${summary(reads.filter((r) => r.at >= b.from && r.at <= b.to))}`);
    console.log(`  readers during the bursts: ${summary(reads.filter(inBurst))}; outside them: ${summary(reads.filter((r) => !inBurst(r)))}`);
    const broken = duplicates > 0 || lost > 0 || busiestWindow(creating, 60_000) > pace.perMinute || busiestWindow(creating, 3_600_000) > pace.perHour;
    return broken ? 1 : 0;
  } finally {
    stopping = true;
    for (const server of servers) await server.stop();
    if (values.logs) {
      mkdirSync(values.logs, { recursive: true });
      for (const { index, server } of processes) writeFileSync(join(values.logs, `server-${index + 1}-${server.process.pid}.log`), server.output());
      log(`server output written to ${values.logs}`);
    }
    await proxy?.stop();
    await github?.close();
    await db?.end();
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});
