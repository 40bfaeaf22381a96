/**
 * Moving a comment outbox from SQLite to PostgreSQL, when one server becomes
 * several: every comment with its status, number, attempts, times and issue;
 * used challenges and honeypot receipts (so neither works twice, nor stops
 * working); the contact key with the address hashes and notify addresses
 * (the key must come along, or the hashes no longer match their addresses);
 * and the unreadable messages. Not the filing lane: it is a lease held by a
 * process of the old deployment, which must be stopped; the new servers take
 * the lane themselves.
 *
 * The copy is one PostgreSQL transaction, with the tables locked against
 * writers, so a copy cut short leaves nothing and is simply run again. A
 * target that already holds comments is refused, unless they are exactly the
 * source's (a copy already done), which is then left as it is.
 */
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { UsageError } from '../cli/usage-error.ts';
import { openOutbox, type OutboxRow } from './outbox.ts';
import { openPostgresOutbox, redactDatabaseUrl, type PostgresOutbox } from './outbox-postgres.ts';

type Row = Record<string, string | number | null>;

interface Table {
  name: string;
  /** Column names and their PostgreSQL types, for `unnest`. */
  columns: readonly (readonly [string, 'bigint' | 'integer' | 'text'])[];
  /** The column a row is known by. */
  key: string;
  /** Rows the target made itself (a server started early) are kept: only the comments' tables must be empty. */
  keepTargetRows: boolean;
}

const TABLES: readonly Table[] = [
  {
    name: 'comments',
    columns: [
      ['seq', 'bigint'], ['submission_id', 'text'], ['reference', 'text'], ['submission', 'text'], ['status', 'text'], ['attempts', 'integer'],
      ['next_attempt_at', 'bigint'], ['lease_until', 'bigint'], ['needs_lookup', 'integer'], ['unverified', 'integer'], ['issue_number', 'integer'],
      ['issue_url', 'text'], ['last_error', 'text'], ['created_at', 'bigint'], ['filed_at', 'bigint'], ['resubmission_key', 'text'],
    ],
    key: 'seq',
    keepTargetRows: false,
  },
  { name: 'contact_hashes', columns: [['submission_id', 'text'], ['version', 'text'], ['address_hash', 'text']], key: 'submission_id', keepTargetRows: false },
  {
    name: 'notify_addresses',
    columns: [['submission_id', 'text'], ['version', 'text'], ['address', 'text'], ['language', 'text'], ['created_at', 'bigint']],
    key: 'submission_id',
    keepTargetRows: false,
  },
  { name: 'used_challenges', columns: [['nonce', 'text'], ['expires_at', 'bigint']], key: 'nonce', keepTargetRows: true },
  {
    name: 'decoys',
    columns: [['submission_id', 'text'], ['reference', 'text'], ['version', 'text'], ['section', 'text'], ['unverified', 'integer'], ['created_at', 'bigint']],
    key: 'submission_id',
    keepTargetRows: true,
  },
  {
    name: 'unreadable_messages',
    columns: [
      ['message_key', 'text'], ['reason', 'text'], ['detail', 'text'], ['subject', 'text'], ['received_at', 'bigint'], ['attachments', 'text'],
      ['first_seen_at', 'bigint'], ['last_seen_at', 'bigint'], ['times_seen', 'integer'],
    ],
    key: 'message_key',
    keepTargetRows: true,
  },
];

/** Rows per INSERT, and how often progress is told. */
const BATCH = 1_000;

/** What a SQLite outbox holds, read in one transaction. */
interface Snapshot {
  rows: Map<string, Row[]>;
  contactKey: string;
  /** The highest number the sequence gave, to comments or to decoys. */
  lastSeq: number;
}

export interface MigrationResult {
  /** `copied`; `done` when the target already held exactly these comments; `dry-run` when nothing was written. */
  outcome: 'copied' | 'done' | 'dry-run';
  /** Rows per table: in the source, and of those, found in the target afterwards (null in a dry run). */
  counts: { table: string; source: number; target: number | null }[];
  /** The number the next reference will have. */
  nextNumber: number;
}

async function readSqlite(path: string): Promise<Snapshot> {
  // Brings an older outbox's schema up to date, and says whether a process is filing from it.
  const outbox = openOutbox(path);
  try {
    const holder = await outbox.laneHolder(new Date());
    if (holder) {
      throw new UsageError(
        `${holder.label} holds the filing lane of ${path} until ${holder.until.toISOString()}: stop the servers and comments:sync --watch before copying the outbox`,
      );
    }
  } finally {
    await outbox.close();
  }
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    db.exec('BEGIN');
    const rows = new Map<string, Row[]>();
    for (const table of TABLES) {
      const columns = table.columns.map(([name]) => name).join(', ');
      rows.set(table.name, db.prepare(`SELECT ${columns} FROM ${table.name} ORDER BY ${table.key}`).all() as Row[]);
    }
    const contactKey = (db.prepare(`SELECT value FROM outbox_keys WHERE name = 'contact'`).get() as { value: string }).value;
    const counter = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'comments'`).get() as { seq: number } | undefined;
    const highest = (db.prepare('SELECT MAX(seq) AS seq FROM comments').get() as { seq: number | null }).seq;
    db.exec('COMMIT');
    return { rows, contactKey, lastSeq: Math.max(counter?.seq ?? 0, highest ?? 0) };
  } finally {
    db.close();
  }
}

/**
 * Whether the target can take the copy: `empty` (no comment yet), `same`
 * (exactly the source's comments, under the same key: copied before), or a
 * refusal.
 */
async function targetState(client: pg.ClientBase, source: Snapshot): Promise<'empty' | 'same'> {
  const mine = source.rows.get('comments')! as unknown as OutboxRow[];
  const theirs = (await client.query<OutboxRow>('SELECT * FROM comments ORDER BY seq')).rows;
  if (theirs.length === 0) return 'empty';
  const key = (await client.query<{ value: string }>(`SELECT value FROM outbox_keys WHERE name = 'contact'`)).rows[0]?.value;
  if (key !== source.contactKey) {
    throw new UsageError(`the target already holds ${theirs.length} comment${theirs.length === 1 ? '' : 's'} under another contact key: it is another outbox, not a copy of this one`);
  }
  // A bare connection (the dry run) reads BIGINT as text; the outbox's pool as numbers.
  const columns = TABLES[0]!.columns.map(([name, type]) => [name as keyof OutboxRow, type] as const);
  const read = (value: unknown, type: string) => (type === 'bigint' && typeof value === 'string' ? Number(value) : value);
  const differing = theirs.findIndex((row, i) => !mine[i] || columns.some(([column, type]) => read(row[column], type) !== mine[i]![column]));
  if (differing === -1 && theirs.length === mine.length) return 'same';
  const where = differing === -1 ? `it has ${theirs.length}, the source ${mine.length}` : `first difference: ${theirs[differing]!.reference}`;
  throw new UsageError(`the target already holds comments that are not exactly this outbox's (${where}): refusing to mix two outboxes`);
}

async function insertAll(client: pg.ClientBase, table: Table, rows: Row[], progress: (line: string) => void): Promise<void> {
  const names = table.columns.map(([name]) => name);
  const casts = table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const sql = `INSERT INTO ${table.name} (${names.join(', ')}) SELECT * FROM unnest(${casts})${table.keepTargetRows ? ` ON CONFLICT (${table.key}) DO NOTHING` : ''}`;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await client.query(sql, names.map((name) => batch.map((row) => row[name] ?? null)));
    if (rows.length > BATCH) progress(`${table.name}: ${Math.min(start + BATCH, rows.length)} of ${rows.length}`);
  }
}

/** Of the source's rows, how many the target holds. */
async function countIn(client: pg.ClientBase, table: Table, rows: Row[]): Promise<number> {
  const type = table.columns.find(([name]) => name === table.key)![1];
  const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table.name} WHERE ${table.key} = ANY($1::${type}[])`, [rows.map((row) => row[table.key])]);
  return Number(result.rows[0]!.n);
}

/**
 * Copies the SQLite outbox at `sqlitePath` into the PostgreSQL database at
 * `url` (creating its schema), or with `dryRun` only says what it would do.
 * Throws a UsageError, having written nothing, when the copy must not happen.
 */
export async function migrateOutbox(sqlitePath: string, url: string, options: { dryRun?: boolean; progress?: (line: string) => void } = {}): Promise<MigrationResult> {
  const progress = options.progress ?? (() => {});
  const source = await readSqlite(sqlitePath);
  const sourceCounts = TABLES.map((table) => ({ table: table.name, source: source.rows.get(table.name)!.length }));

  if (options.dryRun) {
    // Read only: a bare connection, since opening the outbox would create its schema.
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      throw new UsageError(`cannot reach ${redactDatabaseUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
    try {
      const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('comments') AS t`)).rows[0]!.t !== null;
      const state = exists ? await targetState(client, source) : 'empty';
      return { outcome: state === 'same' ? 'done' : 'dry-run', counts: sourceCounts.map((c) => ({ ...c, target: null })), nextNumber: source.lastSeq + 1 };
    } finally {
      await client.end();
    }
  }

  let target: PostgresOutbox;
  try {
    target = await openPostgresOutbox(url, { poolSize: 1 });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  try {
    const client = await target.pool.connect();
    try {
      await client.query('BEGIN');
      // A server started too early waits here until the copy is committed, instead of writing beside it.
      await client.query(`LOCK TABLE ${TABLES.map((t) => t.name).join(', ')}, outbox_keys IN EXCLUSIVE MODE`);
      const state = await targetState(client, source);
      if (state === 'empty') {
        // The source's key, or its address hashes would no longer match their addresses.
        await client.query(`UPDATE outbox_keys SET value = $1 WHERE name = 'contact'`, [source.contactKey]);
        for (const table of TABLES) await insertAll(client, table, source.rows.get(table.name)!, progress);
        const current = (await client.query<{ last_value: number; is_called: boolean }>('SELECT last_value, is_called FROM comments_seq')).rows[0]!;
        const last = Math.max(source.lastSeq, current.is_called ? current.last_value : 0);
        if (last > 0) await client.query(`SELECT setval('comments_seq', $1)`, [last]);
      }
      const counts = [];
      for (const [i, table] of TABLES.entries()) counts.push({ ...sourceCounts[i]!, target: await countIn(client, table, source.rows.get(table.name)!) });
      // Checked after a copy only: since an earlier one, the servers may have purged expired challenges.
      const short = state === 'empty' && counts.find((c) => c.target !== c.source);
      if (short) throw new Error(`the copy is incomplete: ${short.table} has ${short.target} of the source's ${short.source} rows; nothing was written`);
      const next = (await client.query<{ n: number }>(`SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS n FROM comments_seq`)).rows[0]!.n;
      await client.query('COMMIT');
      return { outcome: state === 'empty' ? 'copied' : 'done', counts, nextNumber: next };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  } finally {
    await target.close();
  }
}
