/**
 * The send log on PostgreSQL (CONSULTA_DATABASE_URL), so the mail scripts
 * (invite, notify, comments:mail) can run on any of several servers, or on
 * several at once, and still send each message once. The same rows, statuses
 * and lease as the SQLite send log (send-log.ts explains them), in the table
 * `mail_sends`; what differs is how several processes agree:
 *
 * - A claim is one transaction that locks the message's row
 *   (`SELECT … FOR UPDATE`) before deciding, so of two runs claiming the same
 *   message at once one sends and the other is told it is in progress. A
 *   first claim inserts the row with `ON CONFLICT DO NOTHING`; the run that
 *   loses that race reads the winner's row and decides on it.
 * - The schema is applied at open by numbered steps recorded in
 *   `consulta_mail_migrations`, inside a transaction holding an advisory
 *   lock of its own, so scripts starting together migrate once. The steps
 *   are counted apart from the outbox's (`consulta_schema_migrations`): the
 *   two can share a database and each moves at its own pace.
 *
 * Times are BIGINT milliseconds since the epoch, as in SQLite, so a row reads
 * as a `SendRow` and `toEntry` serves both.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { openPool, redactDatabaseUrl } from '../comments/outbox-postgres.ts';
import { LEASE_MS, MAX_ERROR, addressKey, bracketed, claimOf, toEntry, type Claim, type SendLog, type SendRow } from './send-log.ts';

/**
 * The schema, as steps: `consulta_mail_migrations` records each step run,
 * and `openPostgresSendLog` runs the rest. Add a step; never edit one that
 * has shipped.
 */
const MIGRATIONS: readonly string[] = [
  `
CREATE TABLE mail_sends (
  version     TEXT NOT NULL,
  kind        TEXT NOT NULL CONSTRAINT mail_sends_kind CHECK (kind IN ('invitation', 'reminder', 'acknowledgement', 'notice')),
  address     TEXT NOT NULL,
  message_id  TEXT NOT NULL UNIQUE,
  status      TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  sent_at     BIGINT,
  lease_until BIGINT,
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (version, kind, address)
);
`,
];

/** pg_advisory_xact_lock key of the send log's migration: 'mailsend' in ASCII (the outbox's is 'consulta'). */
const MIGRATION_LOCK = '7881696737388490340';

/** Connections: a mail script does one thing at a time. */
const DEFAULT_POOL_SIZE = 2;

/** Runs the steps the database has not had yet, once, however many processes open it at the same time. */
async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(`CREATE TABLE IF NOT EXISTS consulta_mail_migrations (
      step       INTEGER PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ step: number }>('SELECT step FROM consulta_mail_migrations')).rows.map((row) => row.step));
    const unknown = [...done].filter((step) => !Number.isInteger(step) || step < 1 || step > MIGRATIONS.length).sort((a, b) => a - b);
    if (unknown.length > 0) {
      throw new Error(`the send log was set up by a newer Consulta (schema step ${unknown.join(', ')}; this one knows steps 1 to ${MIGRATIONS.length})`);
    }
    for (let step = 1; step <= MIGRATIONS.length; step++) {
      if (done.has(step)) continue;
      await client.query(MIGRATIONS[step - 1]!);
      await client.query('INSERT INTO consulta_mail_migrations (step) VALUES ($1)', [step]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Opens the send log in the PostgreSQL database at `url`, bringing its schema up to date. */
export async function openPostgresSendLog(url: string, options: { now?: () => Date; poolSize?: number } = {}): Promise<SendLog> {
  const path = redactDatabaseUrl(url);
  const pool = openPool(url, options.poolSize ?? DEFAULT_POOL_SIZE);
  const clock = options.now ?? (() => new Date());
  let closed = false;
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new Error(`cannot open the send log at ${path}: ${(error as Error).message}`, { cause: error });
  }

  const rows = async <R extends QueryResultRow>(sql: string, values: unknown[] = [], on: Pool | PoolClient = pool) => (await on.query<R>(sql, values)).rows;
  const first = async <R extends QueryResultRow>(sql: string, values: unknown[] = [], on: Pool | PoolClient = pool) => (await rows<R>(sql, values, on))[0];
  const KEY = 'version = $1 AND kind = $2 AND address = $3';

  return {
    path,

    async claim(version, kind, address, newMessageId) {
      const now = clock().getTime();
      const key = [version, kind, addressKey(address)];
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        try {
          const locked = () => first<SendRow>(`SELECT * FROM mail_sends WHERE ${KEY} FOR UPDATE`, key, client);
          let row = await locked();
          let claim: Claim | undefined;
          if (!row) {
            const messageId = newMessageId();
            const inserted = await client.query(
              `INSERT INTO mail_sends (version, kind, address, message_id, status, attempts, lease_until, updated_at)
               VALUES ($1, $2, $3, $4, 'sending', 1, $5, $6)
               ON CONFLICT (version, kind, address) DO NOTHING`,
              [...key, messageId, now + LEASE_MS, now],
            );
            if (inserted.rowCount === 1) claim = { send: true, messageId };
            // Another run inserted it first (the insert waited for its commit): decide on its row.
            else row = await locked();
          }
          if (!claim) {
            claim = claimOf(row!, now);
            if (claim.send) {
              await client.query(`UPDATE mail_sends SET status = 'sending', attempts = attempts + 1, lease_until = $4, updated_at = $5 WHERE ${KEY}`, [
                ...key,
                now + LEASE_MS,
                now,
              ]);
            }
          }
          await client.query('COMMIT');
          return claim;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      } finally {
        client.release();
      }
    },

    async markSent(version, kind, address) {
      const now = clock().getTime();
      await pool.query(`UPDATE mail_sends SET status = 'sent', sent_at = $4, lease_until = NULL, last_error = NULL, updated_at = $4 WHERE ${KEY}`, [
        version,
        kind,
        addressKey(address),
        now,
      ]);
    },

    async markFailed(version, kind, address, error) {
      await pool.query(`UPDATE mail_sends SET status = 'failed', last_error = $4, lease_until = NULL, updated_at = $5 WHERE ${KEY} AND status != 'sent'`, [
        version,
        kind,
        addressKey(address),
        error.slice(0, MAX_ERROR),
        clock().getTime(),
      ]);
    },

    async get(version, kind, address) {
      const row = await first<SendRow>(`SELECT * FROM mail_sends WHERE ${KEY}`, [version, kind, addressKey(address)]);
      return row ? toEntry(row) : null;
    },

    async sentTo(version, kind) {
      return new Set((await rows<{ address: string }>(`SELECT address FROM mail_sends WHERE version = $1 AND kind = $2 AND status = 'sent'`, [version, kind])).map((r) => r.address));
    },

    async findMessage(messageId) {
      const row = await first<{ version: string; kind: SendRow['kind'] }>('SELECT version, kind FROM mail_sends WHERE message_id = $1', [bracketed(messageId)]);
      return row ? { version: row.version, kind: row.kind } : null;
    },

    async list(version) {
      // COLLATE "C": text sorts by bytes, as SQLite sorts it.
      const found =
        version === undefined
          ? await rows<SendRow>('SELECT * FROM mail_sends ORDER BY version COLLATE "C", kind COLLATE "C", updated_at, address COLLATE "C"')
          : await rows<SendRow>('SELECT * FROM mail_sends WHERE version = $1 ORDER BY kind COLLATE "C", updated_at, address COLLATE "C"', [version]);
      return found.map(toEntry);
    },

    async forgetVersion(version) {
      return (await pool.query('DELETE FROM mail_sends WHERE version = $1', [version])).rowCount ?? 0;
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
