/** npm run comments:sync -- [options]: file the comments waiting in the outbox as GitHub issues, now. */
import { existsSync } from 'node:fs';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { createDispatcher, type DispatchEvent } from '../src/lib/comments/dispatcher.ts';
import { openOutbox, outboxPath } from '../src/lib/comments/outbox.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { createGitHubClient } from '../src/lib/github/octokit.ts';

const usage = `
Usage: npm run comments:sync -- [options]

Files the comments waiting in the outbox as GitHub issues, one at a time at a
pace GitHub allows (at most 40 a minute, 450 an hour), then exits. A comment
whose earlier create may have reached GitHub is looked for first, so none is
filed twice. Use it when the server runs without GitHub credentials, or to
catch up after an outage. Do not run it while a server is filing comments
from the same outbox.

Credentials come from the environment:
  GITHUB_TOKEN                 a token with issues: write on the repository, or
  GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID
  GITHUB_REPOSITORY            owner/name of the repository
  GITHUB_API_URL               API root (default https://api.github.com)

Options:
  --db <path>          The outbox (default: $CONSULTA_DATA_DIR/outbox.sqlite, else var/outbox.sqlite)
  --max <n>            File at most n comments
  --wait <seconds>     Longest wait for a retry or the pace before stopping (default 300)
  --retry-failed       Put comments GitHub refused back in the queue first
  -h, --help           Show this help
`;

await main('comments:sync', usage, async (argv) => {
  const settings = parseConfig(process.env, { cwd: process.cwd() });
  const { values } = parseOptions(argv, {
    options: {
      db: { type: 'string', default: outboxPath(settings.dataDir) },
      max: { type: 'string' },
      wait: { type: 'string', default: '300' },
      'retry-failed': { type: 'boolean', default: false },
    },
  });
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) throw new UsageError('--max must be a whole number above 0');
  const waitSeconds = Number(values.wait);
  if (!(Number.isFinite(waitSeconds) && waitSeconds >= 0)) throw new UsageError('--wait must be a number of seconds');

  const config = settings.github;
  if (!config) throw new UsageError('no GitHub credentials (set GITHUB_TOKEN and GITHUB_REPOSITORY)');
  if (!existsSync(values.db)) throw new UsageError(`no outbox at ${values.db} (no comment has been accepted yet, or see --db)`);

  const outbox = openOutbox(values.db);
  try {
    const github = createGitHubClient(config);
    if (values['retry-failed']) {
      const requeued = outbox.requeueFailed(new Date());
      process.stdout.write(`put ${requeued} failed comment${requeued === 1 ? '' : 's'} back in the queue\n`);
    }
    const before = outbox.stats();
    process.stdout.write(`${before.pending + before.dispatching} comment(s) waiting for ${config.owner}/${config.repo}\n`);
    const dispatcher = createDispatcher({ outbox, github, onEvent: (event) => process.stdout.write(`${describe(event)}\n`) });
    const summary = await dispatcher.dispatchOnce({ max, maxWaitMs: waitSeconds * 1000 });
    const after = outbox.stats();
    const found = summary.foundByLookup ? ` (${summary.foundByLookup} found already on GitHub)` : '';
    process.stdout.write(
      `comments:sync: ${summary.created + summary.foundByLookup} filed${found}, ${summary.failed} refused; ` +
        `${after.pending + after.dispatching} still waiting, ${after.failed} failed in total\n`,
    );
    if (summary.stoppedBy && !summary.stoppedBy.startsWith('the pace')) {
      process.stderr.write(`comments:sync: stopped: ${summary.stoppedBy}\n`);
      return 1;
    }
    return 0;
  } finally {
    outbox.close();
  }
});

function describe(event: DispatchEvent): string {
  switch (event.type) {
    case 'filed':
      return `${event.reference} filed as #${event.issueNumber} ${event.issueUrl}${event.foundByLookup ? ' (it had reached GitHub earlier)' : ''}`;
    case 'retry':
      return `${event.reference} will be tried again after ${event.nextAttemptAt.toISOString()}: ${event.reason}`;
    case 'failed':
      return `${event.reference} refused by GitHub, kept as failed: ${event.reason}`;
    case 'waiting':
      return `waiting ${event.seconds} s (${event.reason === 'rate-limit' ? 'GitHub rate limit' : event.reason === 'pace' ? 'pace' : 'until a retry is due'})`;
    case 'label-created':
      return `created label ${event.name}`;
    case 'labels-unavailable':
      return `cannot create labels (${event.reason}): filing issues without them`;
    case 'stopped':
      return `stopped: ${event.reason}`;
  }
}
