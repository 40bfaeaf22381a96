/** npm run comments:sync -- [options]: file the comments waiting in the outbox as GitHub issues, now or continuously. */
import { describeLocation, openCommentStore, outboxExists, outboxLocation } from '../src/lib/comments/store.ts';
import { hostname } from 'node:os';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { describeDispatchEvent } from '../src/lib/comments/dispatch-log.ts';
import { createDispatcher, filingOptions } from '../src/lib/comments/dispatcher.ts';
import type { Outbox } from '../src/lib/comments/outbox.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { createGitHubClient } from '../src/lib/github/octokit.ts';

const usage = `
Usage: npm run comments:sync -- [options]

Files the comments waiting in the outbox as GitHub issues, one at a time at a
pace GitHub allows (CONSULTA_FILING_PACE: at most 40 a minute, 450 an hour), then exits; with
--watch it keeps running and files comments as they arrive. A comment whose
earlier create may have reached GitHub is looked for first, so none is filed
twice.

Any number of processes may share the outbox: the server (unless
CONSULTA_DISPATCHER=off) and comments:sync take turns, and only the one
holding the outbox's filing lane files. Another one stands by (--watch) or
says who is filing and exits (without --watch). Stopping with SIGTERM or
Ctrl-C puts the comment in hand back and gives the lane up at once.

Credentials come from the environment:
  GITHUB_TOKEN                 a token with issues: write on the repository, or
  GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID
  GITHUB_REPOSITORY            owner/name of the repository
  GITHUB_API_URL               API root (default https://api.github.com)

Options:
  --db <path>          The SQLite outbox file (default: the PostgreSQL database of
                       CONSULTA_DATABASE_URL when set, else
                       $CONSULTA_DATA_DIR/outbox.sqlite, else var/outbox.sqlite)
  --watch              Keep filing until stopped (SIGTERM or Ctrl-C)
  --interval <seconds> With --watch: how often to look for new comments (default 30)
  --max <n>            File at most n comments (not with --watch)
  --wait <seconds>     Longest wait for a retry or the pace before stopping (default 300; not with --watch)
  --retry-failed       Put comments GitHub refused back in the queue first
  -h, --help           Show this help
`;

await main('comments:sync', usage, async (argv) => {
  const settings = parseConfig(process.env, { cwd: process.cwd() });
  const { values } = parseOptions(argv, {
    options: {
      db: { type: 'string' },
      watch: { type: 'boolean', default: false },
      interval: { type: 'string' },
      max: { type: 'string' },
      wait: { type: 'string' },
      'retry-failed': { type: 'boolean', default: false },
    },
  });
  if (values.watch && (values.max !== undefined || values.wait !== undefined)) throw new UsageError('--max and --wait are for a single run, not with --watch');
  if (!values.watch && values.interval !== undefined) throw new UsageError('--interval needs --watch');
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) throw new UsageError('--max must be a whole number above 0');
  const waitSeconds = Number(values.wait ?? '300');
  if (!(Number.isFinite(waitSeconds) && waitSeconds >= 0)) throw new UsageError('--wait must be a number of seconds');
  const intervalSeconds = Number(values.interval ?? '30');
  if (!(Number.isFinite(intervalSeconds) && intervalSeconds > 0)) throw new UsageError('--interval must be a number of seconds above 0');

  const config = settings.github;
  if (!config) throw new UsageError('no GitHub credentials (set GITHUB_TOKEN and GITHUB_REPOSITORY)');
  const location = outboxLocation(settings, values.db);
  if (!outboxExists(location)) throw new UsageError(`no outbox at ${describeLocation(location)} (no comment has been accepted yet, or see --db)`);

  const { outbox } = await openCommentStore(location);
  try {
    const github = createGitHubClient(config);
    if (values['retry-failed']) {
      const requeued = await outbox.requeueFailed(new Date());
      say(`put ${requeued} failed comment${requeued === 1 ? '' : 's'} back in the queue`);
    }
    say(`${await waiting(outbox)} comment(s) waiting for ${config.owner}/${config.repo}`);
    const dispatcher = createDispatcher({
      outbox,
      github,
      label: `comments:sync (pid ${process.pid} on ${hostname()})`,
      ...filingOptions(settings),
      onEvent: (event) => say(describeDispatchEvent(event)),
    });

    if (values.watch) {
      const running = dispatcher.start({ pollMs: intervalSeconds * 1000 });
      say(`comments:sync: watching ${describeLocation(location)}; stop with SIGTERM or Ctrl-C`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      say(`comments:sync: ${signal}: stopping after the request in flight`);
      await running.stop();
      say(`comments:sync: stopped; ${await waiting(outbox)} still waiting`);
      return 0;
    }

    const summary = await dispatcher.dispatchOnce({ max, maxWaitMs: waitSeconds * 1000 });
    if (summary.laneHeldBy) {
      say(`comments:sync: ${summary.laneHeldBy.label} is filing from this outbox (its turn lasts until ${summary.laneHeldBy.until.toISOString()} unless renewed); nothing to do here`);
      return 0;
    }
    const found = summary.foundByLookup ? ` (${summary.foundByLookup} found already on GitHub)` : '';
    const batches = summary.batches ? `, ${summary.batched} of them in ${summary.batches} batch issue${summary.batches === 1 ? '' : 's'}` : '';
    const filed = summary.created - summary.batches + summary.batched + summary.foundByLookup;
    say(
      `comments:sync: ${filed} filed${batches}${found}, ${summary.failed} refused; ` +
        `${await waiting(outbox)} still waiting, ${(await outbox.stats()).failed} failed in total`,
    );
    if (summary.stoppedBy && !summary.stoppedBy.startsWith('the pace')) {
      process.stderr.write(`comments:sync: stopped: ${summary.stoppedBy}\n`);
      return 1;
    }
    return 0;
  } finally {
    await outbox.close();
  }
});

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function waiting(outbox: Outbox): Promise<number> {
  const stats = await outbox.stats();
  return stats.pending + stats.dispatching;
}

