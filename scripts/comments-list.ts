/** npm run comments:list -- [options]: what is in the comment outbox, and whether it reached GitHub. */
import { describeLocation, openCommentStore, outboxExists, outboxLocation } from '../src/lib/comments/store.ts';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { excerpt } from '../src/lib/comments/issue-body.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { parseParagraphRef } from '../src/lib/strategy/paragraphs.ts';
import { backlogJson, describeBacklog, readBacklog } from '../src/lib/comments/forecast.ts';
import { OUTBOX_STATUSES, type OutboxEntry, type OutboxStatus, type UnreadableMessage } from '../src/lib/comments/outbox.ts';

const usage = `
Usage: npm run comments:list -- [options]

Lists the comments in the outbox, oldest first: reference, status, where the
comment points (version § section ¶paragraph), its issue once filed, and the
start of the comment. The last line is the backlog: how many wait, when
GitHub's pace (40 a minute, 450 an hour) will have them all filed, and which
process is filing them (or that none is).

Options:
  --status <status>   Only pending, dispatching, filed or failed comments
  --unreadable        Instead, the messages of the reply mailbox that npm run
                      comments:mail could not make into comments (bounces,
                      automatic replies, no text, only an attachment): still in
                      the mailbox, unread, for a person to look at
  --json              One JSON object, for other tools: "comments", every field
                      of each comment, and "backlog", the figures of the last line
  --db <path>         The SQLite outbox file (default: the PostgreSQL database of
                      CONSULTA_DATABASE_URL when set, else
                      $CONSULTA_DATA_DIR/outbox.sqlite, else var/outbox.sqlite)
  -h, --help          Show this help
`;

await main('comments:list', usage, async (argv) => {
  const config = parseConfig(process.env, { cwd: process.cwd() });
  const { values } = parseOptions(argv, {
    options: {
      status: { type: 'string' },
      json: { type: 'boolean', default: false },
      unreadable: { type: 'boolean', default: false },
      db: { type: 'string' },
    },
  });
  const status = values.status;
  if (status !== undefined && !(OUTBOX_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status must be one of ${OUTBOX_STATUSES.join(', ')}`);
  }
  const location = outboxLocation(config, values.db);
  if (!outboxExists(location)) throw new UsageError(`no outbox at ${describeLocation(location)} (no comment has been accepted yet, or see --db)`);

  const { outbox } = await openCommentStore(location);
  try {
    if (values.unreadable) {
      if (status !== undefined) throw new UsageError('--status lists comments; --unreadable lists messages: give one of them');
      const messages = await outbox.listUnreadable();
      if (values.json) process.stdout.write(`${JSON.stringify(messages, null, 2)}\n`);
      else {
        for (const message of messages) process.stdout.write(`${formatUnreadable(message)}\n`);
        process.stdout.write(`${messages.length} unreadable message${messages.length === 1 ? '' : 's'} left in the mailbox\n`);
      }
      return;
    }
    const entries = await outbox.list(status ? { status: status as OutboxStatus } : {});
    const stats = await outbox.stats();
    const backlog = await readBacklog(outbox, new Date(), stats, config.filingPace);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ comments: entries, backlog: backlogJson(backlog) }, null, 2)}\n`);
      return;
    }
    for (const entry of entries) process.stdout.write(`${formatEntry(entry)}\n`);
    const counts = OUTBOX_STATUSES.filter((s) => stats[s] > 0).map((s) => `${stats[s]} ${s}`);
    process.stdout.write(`${stats.total} comment${stats.total === 1 ? '' : 's'}${counts.length ? `: ${counts.join(', ')}` : ''}\n`);
    process.stdout.write(`${describeBacklog(backlog)}\n`);
  } finally {
    await outbox.close();
  }
});

function formatUnreadable(message: UnreadableMessage): string {
  const when = (message.receivedAt ?? message.firstSeenAt).toISOString().slice(0, 16).replace('T', ' ');
  const subject = message.subject ? `"${excerpt(message.subject.replace(/\s+/g, ' '), 50)}"` : '(no subject)';
  return [when, message.reason.padEnd(15), subject, message.detail, message.key].join('  ');
}

function formatEntry(entry: OutboxEntry): string {
  const c = entry.submission;
  const where = `${c.version} § ${c.section}${c.paragraph ? ` ¶${parseParagraphRef(c.paragraph)}` : ''}`;
  const issue = entry.issueNumber ? `#${entry.issueNumber}` : '-';
  const flags = [entry.unverified ? 'unverified' : '', entry.lastError && entry.status !== 'filed' ? `last error: ${entry.lastError}` : '']
    .filter(Boolean)
    .join('; ');
  const text = excerpt(c.comment.replace(/\s+/g, ' ').trim(), 60);
  return [entry.reference, entry.status.padEnd(11), where.padEnd(32), issue.padEnd(6), text, flags ? `(${flags})` : '']
    .filter((part) => part !== '')
    .join('  ');
}
