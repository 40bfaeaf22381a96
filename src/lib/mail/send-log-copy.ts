/**
 * Moving the send log from `mail.sqlite` to PostgreSQL, beside the outbox
 * (npm run outbox:migrate), so the mail scripts can run on any server and
 * still never send a message twice: every row with its Message-ID, status,
 * attempts and times.
 *
 * The copy is one PostgreSQL transaction, with `mail_sends` locked against
 * writers, so a copy cut short leaves nothing and is simply run again. A row
 * the target already holds with the same Message-ID is left as it is (a copy
 * done before; a run since may have sent it), so running the copy again
 * writes nothing. A target row for the same message with another Message-ID,
 * or a Message-ID kept for another message, means the target is another
 * send log: the copy refuses rather than mix the two.
 */
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { UsageError } from '../cli/usage-error.ts';
import { redactDatabaseUrl } from '../comments/outbox-postgres.ts';
import { openSendLog, type SendRow } from './send-log.ts';
import { openPostgresSendLog } from './send-log-postgres.ts';

const COLUMNS = [
  ['version', 'text'], ['kind', 'text'], ['address', 'text'], ['message_id', 'text'], ['status', 'text'], ['attempts', 'integer'],
  ['last_error', 'text'], ['sent_at', 'bigint'], ['lease_until', 'bigint'], ['updated_at', 'bigint'],
] as const satisfies readonly (readonly [keyof SendRow, string])[];

/** Rows per INSERT, and how often progress is told. */
const BATCH = 1_000;

interface SendLogCopyResult {
  /** `copied`; `done` when the target already held every row; `dry-run` when nothing was written. */
  outcome: 'copied' | 'done' | 'dry-run';
  /** Rows in the source, and of those, found in the target afterwards (null in a dry run). */
  source: number;
  target: number | null;
}

const keyOf = (row: Pick<SendRow, 'version' | 'kind' | 'address'>) => `${row.version}\n${row.kind}\n${row.address}`;

/** Reads the SQLite send log, bringing an older schema up to date first; refuses while a run is sending from it. */
async function readSqlite(path: string, now: Date): Promise<SendRow[]> {
  await openSendLog(path).close();
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const rows = db.prepare(`SELECT ${COLUMNS.map(([name]) => name).join(', ')} FROM sends ORDER BY version, kind, address`).all() as unknown as SendRow[];
    const live = rows.find((row) => row.status === 'sending' && row.lease_until !== null && row.lease_until > now.getTime());
    if (live) {
      throw new UsageError(
        `a mail run is sending from ${path} (${live.version} ${live.kind}, held until ${new Date(live.lease_until!).toISOString()}): stop invite, notify and comments:mail before copying the send log`,
      );
    }
    return rows;
  } finally {
    db.close();
  }
}

/** Of the source's rows, those the target holds already (same message, same Message-ID); throws when the target is another send log. */
async function alreadyThere(client: pg.ClientBase, source: SendRow[]): Promise<number> {
  const theirs = (await client.query<Pick<SendRow, 'version' | 'kind' | 'address' | 'message_id'>>('SELECT version, kind, address, message_id FROM mail_sends')).rows;
  const byKey = new Map(theirs.map((row) => [keyOf(row), row.message_id]));
  const byMessageId = new Map(theirs.map((row) => [row.message_id, keyOf(row)]));
  let same = 0;
  for (const row of source) {
    const theirId = byKey.get(keyOf(row));
    const theirKey = byMessageId.get(row.message_id);
    if ((theirId !== undefined && theirId !== row.message_id) || (theirKey !== undefined && theirKey !== keyOf(row))) {
      throw new UsageError(`the target already holds another send log (${row.version} ${row.kind} under Message-ID ${theirId ?? row.message_id}): refusing to mix two send logs`);
    }
    if (theirId !== undefined) same++;
  }
  return same;
}

/**
 * Copies the SQLite send log at `sqlitePath` into the PostgreSQL database at
 * `url` (creating its table), or with `dryRun` only says what it would do.
 * Throws a UsageError, having written nothing, when the copy must not happen.
 */
export async function copySendLog(sqlitePath: string, url: string, options: { dryRun?: boolean; progress?: (line: string) => void; now?: Date } = {}): Promise<SendLogCopyResult> {
  const progress = options.progress ?? (() => {});
  const source = await readSqlite(sqlitePath, options.now ?? new Date());

  if (!options.dryRun) {
    // Creates or brings up to date the target's table, then lets go: the copy uses a connection of its own.
    try {
      await (await openPostgresSendLog(url, { poolSize: 1 })).close();
    } catch (error) {
      throw new UsageError((error as Error).message, { cause: error });
    }
  }
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new UsageError(`cannot reach ${redactDatabaseUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (options.dryRun) {
      // Read only: the table may not exist yet, and is not made.
      const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('mail_sends') AS t`)).rows[0]!.t !== null;
      if (exists) await alreadyThere(client, source);
      return { outcome: 'dry-run', source: source.length, target: null };
    }
    await client.query('BEGIN');
    try {
      // A mail run started too early waits here until the copy is committed, instead of sending beside it.
      await client.query('LOCK TABLE mail_sends IN EXCLUSIVE MODE');
      const before = await alreadyThere(client, source);
      const names = COLUMNS.map(([name]) => name);
      const casts = COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
      const sql = `INSERT INTO mail_sends (${names.join(', ')}) SELECT * FROM unnest(${casts}) ON CONFLICT (version, kind, address) DO NOTHING`;
      for (let start = 0; start < source.length; start += BATCH) {
        const batch = source.slice(start, start + BATCH);
        await client.query(sql, names.map((name) => batch.map((row) => row[name] ?? null)));
        if (source.length > BATCH) progress(`mail_sends: ${Math.min(start + BATCH, source.length)} of ${source.length}`);
      }
      const target = await alreadyThere(client, source);
      if (target !== source.length) throw new Error(`the copy of the send log is incomplete: mail_sends has ${target} of the source's ${source.length} rows; nothing was written`);
      await client.query('COMMIT');
      return { outcome: before === source.length ? 'done' : 'copied', source: source.length, target };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.end();
  }
}
