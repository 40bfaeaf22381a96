/** npm run outbox:migrate -- [--from <outbox.sqlite>] [--to <postgres url>] [--dry-run]: the SQLite outbox (and mail send log) into PostgreSQL. */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { outboxPath } from '../src/lib/comments/outbox.ts';
import { migrateOutbox } from '../src/lib/comments/outbox-copy.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { sendLogPath } from '../src/lib/mail/send-log.ts';
import { copySendLog } from '../src/lib/mail/send-log-copy.ts';

const usage = `
Usage: npm run outbox:migrate -- [options]

Copies the comment outbox from its SQLite file into a PostgreSQL database, so
several servers can share it (CONSULTA_DATABASE_URL): every comment with its
status, reference number, attempts, times and issue; used proof-of-work
challenges and honeypot receipts; the contact key, address hashes and the
addresses of commenters waiting for a notice; unreadable reply messages. New
references continue the same numbering. The filing lane is not copied: the
servers take it when they start.

Then, when there is one, the e-mail send log (mail.sqlite beside the outbox,
or --send-log) into the table mail_sends, so invite, notify and comments:mail
can run on any server and still send nothing twice.

Stop every server and any comments:sync --watch first: comments accepted
after the copy would stay behind in the SQLite file. The copy refuses to run
while a process holds the outbox's filing lane, or while a mail run is
sending from the send log (stop invite, notify and comments:mail too).

Each copy is one transaction: if it is cut short nothing is written, and it
can be run again. It refuses a database that already holds other comments
(or another send log); run again after it succeeded, it finds the same rows
and writes nothing. It ends with the number of rows of each table in both
databases.

Options:
  --from <file>   The SQLite outbox (default: $CONSULTA_DATA_DIR/outbox.sqlite, else var/outbox.sqlite)
  --send-log <file>  The SQLite send log (default: mail.sqlite beside --from);
                  copied only when the file exists
  --to <url>      The PostgreSQL database, postgres://user:password@host:5432/name
                  (default: $CONSULTA_DATABASE_URL)
  --dry-run       Count what would be copied and check the target, writing nothing
  -h, --help      Show this help
`;

await main('outbox:migrate', usage, async (argv) => {
  const config = parseConfig(process.env, { cwd: process.cwd() });
  const { values } = parseOptions(argv, {
    options: {
      from: { type: 'string', default: outboxPath(config.dataDir) },
      'send-log': { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const to = values.to ?? config.databaseUrl;
  if (!to) throw new UsageError('no target database: give --to postgres://… or set CONSULTA_DATABASE_URL');
  if (!/^postgres(ql)?:$/.test(URL.parse(to)?.protocol ?? '')) throw new UsageError('--to must be a postgres:// URL, e.g. postgres://consulta:password@db.example.gov.bz:5432/consulta');
  if (!existsSync(values.from)) throw new UsageError(`no outbox at ${values.from} (see --from)`);
  const sendLog = values['send-log'] ?? sendLogPath(dirname(values.from));
  if (values['send-log'] !== undefined && !existsSync(sendLog)) throw new UsageError(`no send log at ${sendLog} (see --send-log)`);

  const result = await migrateOutbox(values.from, to, {
    dryRun: values['dry-run'],
    progress: (line) => process.stderr.write(`outbox:migrate: ${line}\n`),
  });
  const counts = (table: string, source: number, target: number | null) =>
    process.stdout.write(`${table.padEnd(20)} ${String(source).padStart(7)} in SQLite${target === null ? '' : `, ${String(target).padStart(7)} of them in PostgreSQL`}\n`);
  for (const { table, source, target } of result.counts) counts(table, source, target);
  const outcome = {
    copied: `copied; the next reference number is ${result.nextNumber}`,
    done: 'already copied: the target holds exactly these comments; nothing written',
    'dry-run': `dry run: nothing written; the target can take the copy, and the next reference number would be ${result.nextNumber}`,
  }[result.outcome];
  process.stdout.write(`${outcome}\n`);

  if (!existsSync(sendLog)) return;
  const mail = await copySendLog(sendLog, to, {
    dryRun: values['dry-run'],
    progress: (line) => process.stderr.write(`outbox:migrate: ${line}\n`),
  });
  counts('mail_sends', mail.source, mail.target);
  const mailOutcome = {
    copied: 'send log copied',
    done: 'send log already copied: the target holds these rows; nothing written',
    'dry-run': 'dry run: nothing written; the target can take the send log',
  }[mail.outcome];
  process.stdout.write(`${mailOutcome}\n`);
});
