/** npm run bench:pace: how fast comments really reach GitHub with the production client and the default pace. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseOptions, UsageError } from '../../scripts/lib/main.ts';
import { createDispatcher } from '../../src/lib/comments/dispatcher.ts';
import { openOutbox } from '../../src/lib/comments/outbox.ts';
import { DEFAULT_PACE } from '../../src/lib/comments/pace.ts';
import { createGitHubClient } from '../../src/lib/github/octokit.ts';
import { busiestWindow, startGitHubDouble } from '../github-double/index.ts';
import { comment } from '../integration/comments/harness.ts';

const usage = `
Usage: npm run bench:pace -- [options]

Files comments from a fresh outbox into the GitHub test double, on the real
clock, with the client the server uses (createGitHubClient with its default
throttling and retry plugins) and the dispatcher's default pace, then reports
the creates per minute GitHub saw: the busiest 60 seconds, and the mean gap
between creates. The documented ceiling is ${DEFAULT_PACE.perMinute} a minute,
at least ${DEFAULT_PACE.minIntervalMs} ms apart; a second layer of spacing
would show here as a lower figure. The labels exist already, so every create
counted is an issue.

Options:
  --comments <n>   Comments to file (default 50: past the first minute's ${DEFAULT_PACE.perMinute})
  -h, --help       Show this help
`;

const log = (line: string) => process.stderr.write(`bench:pace: ${line}\n`);
const TOKEN = 'ghp_benchPaceToken000000000000000000000001';

await main('bench:pace', usage, async (argv) => {
  const { values } = parseOptions(argv, { options: { comments: { type: 'string', default: '50' } } });
  const count = Number(values.comments);
  if (!Number.isInteger(count) || count < 2) throw new UsageError('--comments must be a whole number above 1');

  const gh = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'consulta-bench-pace-'));
  const outbox = openOutbox(join(dir, 'outbox.sqlite'));
  try {
    for (let n = 1; n <= count; n++) {
      const c = comment(n, Date.now() - 60_000);
      await outbox.accept(c);
      for (const label of ['comment', `v:${c.version}`, `section:${c.section}`, `type:${c.type}`, `sector:${c.sector}`, `channel:${c.channel}`, 'unverified']) {
        if (!gh.state.labels.some((l) => l.name === label)) gh.state.addLabel({ name: label });
      }
    }
    const github = createGitHubClient({ owner: 'belize-ncss', repo: 'strategy', baseUrl: gh.url, auth: { kind: 'token', token: TOKEN } });
    let filed = 0;
    const dispatcher = createDispatcher({
      outbox,
      github,
      onEvent: (event) => {
        if (event.type !== 'filed') return;
        filed += 1;
        if (filed % 10 === 0 || filed === count) log(`${filed} of ${count} filed`);
      },
    });
    log(`filing ${count} comments at the default pace (${DEFAULT_PACE.perMinute} a minute, ${DEFAULT_PACE.minIntervalMs} ms apart)`);
    const started = Date.now();
    const summary = await dispatcher.dispatchOnce({ maxWaitMs: 10 * 60_000 });
    const seconds = (Date.now() - started) / 1000;
    if (summary.created !== count) throw new Error(`filed ${summary.created} of ${count}: ${JSON.stringify(summary)}`);

    const creates = gh.requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.path));
    // When GitHub received each create: what its secondary limits count.
    const created = creates.map((r) => r.at);
    const busiest = busiestWindow(created, 60_000);
    const gaps = created.slice(1).map((t, i) => t - created[i]!);
    const firstMinute = gaps.slice(0, DEFAULT_PACE.perMinute - 1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(`bench:pace: ${count} comments filed in ${seconds.toFixed(1)} s (${creates.length} issue creates, ${gh.requests.filter((r) => r.status === 403 || r.status === 429).length} refused by the double)`);
    console.log(`  busiest 60 s: ${busiest} creates (ceiling ${DEFAULT_PACE.perMinute})`);
    console.log(`  gap between creates in the first minute: mean ${mean(firstMinute).toFixed(0)} ms, min ${Math.min(...firstMinute)} ms, max ${Math.max(...firstMinute)} ms (pace ${DEFAULT_PACE.minIntervalMs} ms)`);
    console.log(`  overall: ${((created.length / seconds) * 60).toFixed(1)} creates a minute`);
    return 0;
  } finally {
    await outbox.close();
    await gh.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
