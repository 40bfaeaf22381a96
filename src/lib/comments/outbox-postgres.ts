/**
 * The comment outbox on PostgreSQL, for several web servers sharing one
 * comment flow (CONSULTA_DATABASE_URL). The same tables, statuses and life of
 * a row as the SQLite outbox (outbox.ts explains them); what differs is how
 * several processes on several machines agree:
 *
 * - References come from one PostgreSQL sequence, `comments_seq`, drawn by
 *   comments and honeypot decoys alike, as SQLite's AUTOINCREMENT counter is.
 *   Accepting a submission takes a transaction-scoped advisory lock on its id
 *   (and on its resubmission key) before it looks for an earlier copy, so a
 *   repeat sent to two servers at once is stored once and draws no number.
 * - `claimNext` picks its row with `FOR UPDATE SKIP LOCKED`: any number of
 *   servers claim each row once, without waiting on each other.
 * - `holdLane` is one conditional upsert: the lane changes hands only when
 *   it is free, already the caller's, or its lease ran out.
 * - The schema is applied at open by numbered steps recorded in
 *   `consulta_schema_migrations`, inside a transaction holding an advisory
 *   lock, so servers starting together migrate once.
 * - `acceptSoon` is `accept`: PostgreSQL already groups the WAL flushes of
 *   concurrent commits (commit_delay / group commit in the WAL writer), so a
 *   batch of our own would add latency and gain nothing.
 *
 * Times are BIGINT milliseconds since the epoch and flags INTEGER 0 or 1, as
 * in SQLite, so a row reads as an `OutboxRow` and `toEntry` serves both.
 * The pool (`openPool`) parses int8 (BIGINT, COUNT) as a JavaScript number:
 * every value is a time in milliseconds or a count, far below 2^53. That
 * parser is set on this pool only, not on pg's global type table.
 */
import { randomBytes, createHmac } from 'node:crypto';
import pg from 'pg';
import {
  DECOY_LIFETIME_MS,
  DEFAULT_LEASE_MS,
  clip,
  formatReference,
  referenceSeq,
  toDecoy,
  toEntry,
  toUnreadable,
  type DecoyRow,
  type Outbox,
  type OutboxOptions,
  type OutboxRow,
  type OutboxStatus,
  type UnreadableRow,
} from './outbox.ts';
import type { CommentSubmission } from './schema.ts';

/** An outbox on PostgreSQL, with its pool: the rate limits can share it (RateLimiterPostgres, table `consulta_rate_limits`) rather than open a second. */
export interface PostgresOutbox extends Outbox {
  readonly pool: pg.Pool;
}

/**
 * The schema, as steps: `consulta_schema_migrations` records each step run,
 * and `openPostgresOutbox` runs the rest. Add a step; never edit one that
 * has shipped.
 */
const MIGRATIONS: readonly string[] = [
  `
CREATE SEQUENCE comments_seq AS BIGINT;
CREATE TABLE comments (
  seq              BIGINT PRIMARY KEY,
  submission_id    TEXT NOT NULL UNIQUE,
  reference        TEXT NOT NULL UNIQUE,
  submission       TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'dispatching', 'filed', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT NOT NULL,
  lease_until      BIGINT,
  needs_lookup     INTEGER NOT NULL DEFAULT 0 CHECK (needs_lookup IN (0, 1)),
  unverified       INTEGER NOT NULL DEFAULT 0 CHECK (unverified IN (0, 1)),
  issue_number     INTEGER,
  issue_url        TEXT,
  last_error       TEXT,
  created_at       BIGINT NOT NULL,
  filed_at         BIGINT,
  resubmission_key TEXT
);
CREATE INDEX comments_due ON comments (status, next_attempt_at);
CREATE INDEX comments_resubmission ON comments (resubmission_key, created_at) WHERE resubmission_key IS NOT NULL;
CREATE INDEX comments_filed ON comments (filed_at) WHERE filed_at IS NOT NULL;
CREATE TABLE used_challenges (
  nonce      TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE TABLE decoys (
  submission_id TEXT PRIMARY KEY,
  reference     TEXT NOT NULL,
  version       TEXT NOT NULL,
  section       TEXT NOT NULL,
  unverified    INTEGER NOT NULL CHECK (unverified IN (0, 1)),
  created_at    BIGINT NOT NULL
);
CREATE INDEX decoys_reference ON decoys (reference);
CREATE TABLE outbox_keys (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE notify_addresses (
  submission_id TEXT PRIMARY KEY REFERENCES comments (submission_id),
  version       TEXT NOT NULL,
  address       TEXT NOT NULL,
  language      TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX notify_addresses_version ON notify_addresses (version);
CREATE TABLE contact_hashes (
  submission_id TEXT PRIMARY KEY REFERENCES comments (submission_id),
  version       TEXT NOT NULL,
  address_hash  TEXT NOT NULL
);
CREATE INDEX contact_hashes_address ON contact_hashes (address_hash, version);
CREATE TABLE unreadable_messages (
  message_key   TEXT PRIMARY KEY,
  reason        TEXT NOT NULL,
  detail        TEXT NOT NULL,
  subject       TEXT,
  received_at   BIGINT,
  attachments   TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  last_seen_at  BIGINT NOT NULL,
  times_seen    INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE filing_lane (
  lane        TEXT PRIMARY KEY CHECK (lane = 'github'),
  holder_id   TEXT NOT NULL,
  label       TEXT NOT NULL,
  lease_until BIGINT NOT NULL
);
-- rate-limiter-flexible's RateLimiterPostgres, created here so the servers can pass tableCreated: true.
CREATE TABLE consulta_rate_limits (
  key    VARCHAR(255) PRIMARY KEY,
  points INTEGER NOT NULL DEFAULT 0,
  expire BIGINT
);
`,
  // waitingBefore (the status page's place in line) counts index entries of waiting comments only, not a scan of the table.
  `
CREATE INDEX comments_waiting ON comments (status, seq) WHERE status IN ('pending', 'dispatching');
`,
  // claimBatch (batch filing) finds a section's waiting comments without reading every row's JSON.
  `
CREATE INDEX comments_batch ON comments (((submission::jsonb) ->> 'version'), ((submission::jsonb) ->> 'section'), unverified, seq)
  WHERE status = 'pending' AND needs_lookup = 0;
`,
];

/** pg_advisory_xact_lock key of the schema migration: 'consulta' in ASCII. */
const MIGRATION_LOCK = '7165066974340084833';
/** First keys of the two-key advisory locks taken while accepting ('cons', 'resu' in ASCII): a submission id, a resubmission key. */
const SUBMISSION_LOCK = 0x636f6e73;
const RESUBMISSION_LOCK = 0x72657375;

const INT8_OID = 20;

/** How long a query waits for a connection: a new one to the server, or a free one of the pool. */
const CONNECT_TIMEOUT_MS = 15_000;

/** Pool size when the options give none: enough for a server's requests and its dispatcher, few enough for several servers on one database. */
const DEFAULT_POOL_SIZE = 5;

/** The URL with its password replaced, for messages and `path`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return url.replace(/(\/\/[^:@/]*:)[^@]*@/, '$1***@');
  }
}

/** Runs the steps the database has not had yet, once, however many servers start at the same time. */
async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(`CREATE TABLE IF NOT EXISTS consulta_schema_migrations (
      step       INTEGER PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ step: number }>('SELECT step FROM consulta_schema_migrations')).rows.map((row) => row.step));
    const unknown = [...done].filter((step) => !Number.isInteger(step) || step < 1 || step > MIGRATIONS.length).sort((a, b) => a - b);
    if (unknown.length > 0) {
      throw new Error(`the outbox database was set up by a newer Consulta (schema step ${unknown.join(', ')}; this one knows steps 1 to ${MIGRATIONS.length})`);
    }
    for (let step = 1; step <= MIGRATIONS.length; step++) {
      if (done.has(step)) continue;
      await client.query(MIGRATIONS[step - 1]!);
      await client.query('INSERT INTO consulta_schema_migrations (step) VALUES ($1)', [step]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * A pool on the database at `url` as Consulta's PostgreSQL stores use it
 * (the outbox here, the mail send log): int8 read as a number, a bounded
 * wait for a connection, and a dropped idle connection never fatal.
 */
export function openPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // An unreachable database fails the start (or the request) with an error instead of hanging it.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server dropped (restart, idle timeout) is removed from the
  // pool and the next query opens another; without a listener the error would end the process.
  pool.on('error', () => {});
  return pool;
}

/** Opens the outbox in the PostgreSQL database at `url`, bringing its schema up to date. */
export async function openPostgresOutbox(url: string, options: OutboxOptions & { poolSize?: number } = {}): Promise<PostgresOutbox> {
  const path = redactDatabaseUrl(url);
  const pool = openPool(url, options.poolSize ?? DEFAULT_POOL_SIZE);
  const prefix = options.referencePrefix ?? 'BZ';
  const clock = options.now ?? (() => new Date());
  let closed = false;

  let contactKey: string;
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    // Generated once: the first server to open the database writes it, every other reads it back.
    await pool.query(`INSERT INTO outbox_keys (name, value) VALUES ('contact', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32).toString('hex')]);
    contactKey = (await pool.query<{ value: string }>(`SELECT value FROM outbox_keys WHERE name = 'contact'`)).rows[0]!.value;
  } catch (error) {
    await pool.end();
    throw new Error(`cannot open the outbox at ${path}: ${(error as Error).message}`, { cause: error });
  }
  /** A keyed hash: the address cannot be read back from it, nor tested without the key in this database. */
  const addressHash = (address: string) => createHmac('sha256', contactKey).update(address.trim().toLowerCase()).digest('hex');

  async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      client.release();
    }
  }

  const rows = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = [], on: pg.Pool | pg.PoolClient = pool) => (await on.query<R>(sql, values)).rows;
  const first = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = [], on: pg.Pool | pg.PoolClient = pool) =>
    (await rows<R>(sql, values, on))[0];
  const changes = async (sql: string, values: unknown[] = [], on: pg.Pool | pg.PoolClient = pool) => (await on.query(sql, values)).rowCount ?? 0;

  const resubmissionOf = (key: string, since: Date, on: pg.Pool | pg.PoolClient = pool) =>
    first<OutboxRow>('SELECT * FROM comments WHERE resubmission_key = $1 AND created_at >= $2 ORDER BY seq LIMIT 1', [key, since.getTime()], on);
  const nextSeq = async (on: pg.PoolClient) => (await first<{ seq: number }>(`SELECT nextval('comments_seq') AS seq`, [], on))!.seq;

  const accept: Outbox['accept'] = (submission, flags = {}) =>
    transaction(async (client) => {
      // Serialises the check and the insert for this id (and key) across every server,
      // so a repeat is found rather than racing the first copy, and draws no number.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SUBMISSION_LOCK, submission.submissionId]);
      if (flags.resubmission) {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RESUBMISSION_LOCK, flags.resubmission.key]);
        const earlier = await resubmissionOf(flags.resubmission.key, flags.resubmission.since, client);
        if (earlier) return { reference: earlier.reference, submissionId: earlier.submission_id, duplicate: true };
      }
      const existing = await first<{ reference: string }>('SELECT reference FROM comments WHERE submission_id = $1', [submission.submissionId], client);
      if (existing) return { reference: existing.reference, submissionId: submission.submissionId, duplicate: true };
      const now = clock();
      const seq = await nextSeq(client);
      const reference = formatReference(prefix, now, seq);
      await client.query(
        `INSERT INTO comments (seq, submission_id, reference, submission, status, next_attempt_at, unverified, created_at, resubmission_key)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $5, $7)`,
        [seq, submission.submissionId, reference, JSON.stringify(submission), now.getTime(), flags.unverified ? 1 : 0, flags.resubmission?.key ?? null],
      );
      const { contact } = flags;
      if (contact) {
        await client.query('INSERT INTO contact_hashes (submission_id, version, address_hash) VALUES ($1, $2, $3) ON CONFLICT (submission_id) DO NOTHING', [
          submission.submissionId,
          submission.version,
          addressHash(contact.address),
        ]);
        if (contact.notify) {
          await client.query(
            'INSERT INTO notify_addresses (submission_id, version, address, language, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (submission_id) DO NOTHING',
            [submission.submissionId, submission.version, contact.address.trim(), contact.notify.language, now.getTime()],
          );
        }
      }
      return { reference, submissionId: submission.submissionId, duplicate: false };
    });

  type LaneRow = { holder_id: string; label: string; lease_until: number };
  const laneRow = () => first<LaneRow>(`SELECT holder_id, label, lease_until FROM filing_lane WHERE lane = 'github'`);

  return {
    path,
    referencePrefix: prefix,
    pool,

    accept,
    acceptSoon: accept,

    async get(submissionId) {
      const row = await first<OutboxRow>('SELECT * FROM comments WHERE submission_id = $1', [submissionId]);
      return row ? toEntry(row) : null;
    },

    async findResubmission(key, since) {
      const row = await resubmissionOf(key, since);
      return row ? toEntry(row) : null;
    },

    async markChallengeUsed(nonce, expiresAt) {
      return (await changes('INSERT INTO used_challenges (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING', [nonce, expiresAt.getTime()])) === 1;
    },

    async recordDecoy(decoy) {
      return transaction(async (client) => {
        const createdAt = clock();
        // The next number of the comments' own sequence, without a row there.
        const reference = formatReference(prefix, createdAt, await nextSeq(client));
        await client.query(
          'INSERT INTO decoys (submission_id, reference, version, section, unverified, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (submission_id) DO NOTHING',
          [decoy.submissionId, reference, decoy.version, decoy.section, decoy.unverified ? 1 : 0, createdAt.getTime()],
        );
        return toDecoy((await first<DecoyRow>('SELECT * FROM decoys WHERE submission_id = $1', [decoy.submissionId], client))!);
      });
    },

    async getDecoy(submissionId) {
      const row = await first<DecoyRow>('SELECT * FROM decoys WHERE submission_id = $1 AND created_at >= $2', [submissionId, clock().getTime() - DECOY_LIFETIME_MS]);
      return row ? toDecoy(row) : null;
    },

    async purgeExpired(now) {
      return transaction(
        async (client) =>
          (await changes('DELETE FROM used_challenges WHERE expires_at < $1', [now.getTime()], client)) +
          (await changes('DELETE FROM decoys WHERE created_at < $1', [now.getTime() - DECOY_LIFETIME_MS], client)) +
          // Rate-limit counters whose window ended (RateLimiterPostgres writes `expire` in milliseconds).
          (await changes('DELETE FROM consulta_rate_limits WHERE expire < $1', [now.getTime()], client)),
      );
    },

    async holdLane(holder, now, leaseMs) {
      const t = now.getTime();
      // The upsert and the read are two statements: between them the holder may let go or
      // another take over, so a refusal is only given for a live holder other than us.
      for (;;) {
        const taken = await changes(
          `INSERT INTO filing_lane (lane, holder_id, label, lease_until) VALUES ('github', $1, $2, $3)
           ON CONFLICT (lane) DO UPDATE SET holder_id = excluded.holder_id, label = excluded.label, lease_until = excluded.lease_until
           WHERE filing_lane.holder_id = excluded.holder_id OR filing_lane.lease_until <= $4`,
          [holder.id, holder.label, t + leaseMs, t],
        );
        if (taken === 1) return { held: true as const };
        const row = await laneRow();
        if (row && row.holder_id !== holder.id && row.lease_until > t) {
          return { held: false as const, by: { id: row.holder_id, label: row.label }, until: new Date(row.lease_until) };
        }
      }
    },

    async releaseLane(holderId) {
      if (!closed) await pool.query(`DELETE FROM filing_lane WHERE lane = 'github' AND holder_id = $1`, [holderId]);
    },

    async laneHolder(now) {
      const row = await laneRow();
      return row && row.lease_until > now.getTime() ? { id: row.holder_id, label: row.label, until: new Date(row.lease_until) } : null;
    },

    async claimNext(now, leaseMs = DEFAULT_LEASE_MS) {
      const t = now.getTime();
      // SKIP LOCKED: a row another server is claiming is passed over, not waited for; the
      // row the inner SELECT locked is the one the UPDATE changes, so no two servers get it.
      const row = await first<OutboxRow>(
        `UPDATE comments SET
           needs_lookup = CASE WHEN status = 'dispatching' THEN 1 ELSE needs_lookup END,
           status = 'dispatching', lease_until = $2, attempts = attempts + 1
         WHERE seq = (
           SELECT seq FROM comments
           WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'dispatching' AND lease_until <= $1)
           ORDER BY seq LIMIT 1
           FOR UPDATE SKIP LOCKED
         )
         RETURNING *`,
        [t, t + leaseMs],
      );
      return row ? toEntry(row) : null;
    },

    async claimBatch(like, now, leaseMs, max) {
      if (max <= 0) return [];
      const t = now.getTime();
      // The same expressions as the comments_batch index; SKIP LOCKED as in claimNext.
      const claimed = await rows<OutboxRow>(
        `UPDATE comments SET status = 'dispatching', lease_until = $6, attempts = attempts + 1
         WHERE seq IN (
           SELECT seq FROM comments
           WHERE ((submission::jsonb) ->> 'version') = $1 AND ((submission::jsonb) ->> 'section') = $2 AND unverified = $3
             AND status = 'pending' AND needs_lookup = 0 AND next_attempt_at <= $4
           ORDER BY seq LIMIT $5
           FOR UPDATE SKIP LOCKED
         )
         RETURNING *`,
        [like.submission.version, like.submission.section, like.unverified ? 1 : 0, t, max, t + leaseMs],
      );
      return claimed.sort((a, b) => a.seq - b.seq).map(toEntry);
    },

    async claimUncertain(now, leaseMs, max) {
      if (max <= 0) return [];
      const t = now.getTime();
      const claimed = await rows<OutboxRow>(
        `UPDATE comments SET
           needs_lookup = 1, status = 'dispatching', lease_until = $2, attempts = attempts + 1
         WHERE seq IN (
           SELECT seq FROM comments
           WHERE (status = 'pending' AND needs_lookup = 1) OR (status = 'dispatching' AND lease_until <= $1)
           ORDER BY seq LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         RETURNING *`,
        [t, t + leaseMs, max],
      );
      return claimed.sort((a, b) => a.seq - b.seq).map(toEntry);
    },

    async markLookedUp(submissionIds, now) {
      if (submissionIds.length === 0) return;
      await pool.query(
        `UPDATE comments SET status = 'pending', needs_lookup = 0, lease_until = NULL, next_attempt_at = $1
         WHERE submission_id = ANY($2) AND status = 'dispatching'`,
        [now.getTime(), submissionIds],
      );
    },

    async markFiled(submissionId, issue, now) {
      await pool.query(
        `UPDATE comments SET status = 'filed', issue_number = $1, issue_url = $2, filed_at = $3,
           lease_until = NULL, needs_lookup = 0, last_error = NULL
         WHERE submission_id = $4`,
        [issue.number, issue.url, now.getTime(), submissionId],
      );
    },
    async markRetry(submissionId, nextAt, error) {
      await retry(submissionId, nextAt, error, 0);
    },
    async markAmbiguous(submissionId, nextAt, error) {
      await retry(submissionId, nextAt, error, 1);
    },
    async markFailed(submissionId, error) {
      await pool.query(`UPDATE comments SET status = 'failed', last_error = $1, lease_until = NULL WHERE submission_id = $2 AND status != 'filed'`, [clip(error), submissionId]);
    },
    async requeueFailed(now) {
      return changes(`UPDATE comments SET status = 'pending', next_attempt_at = $1 WHERE status = 'failed'`, [now.getTime()]);
    },

    async list(options = {}) {
      const where = options.status ? 'WHERE status = $1' : '';
      const limit = options.limit ? ` LIMIT ${Math.max(1, Math.floor(options.limit))}` : '';
      return (await rows<OutboxRow>(`SELECT * FROM comments ${where} ORDER BY seq${limit}`, options.status ? [options.status] : [])).map(toEntry);
    },

    async stats() {
      const counts = { pending: 0, dispatching: 0, filed: 0, failed: 0, total: 0 };
      for (const row of await rows<{ status: OutboxStatus; n: number }>('SELECT status, COUNT(*) AS n FROM comments GROUP BY status')) {
        counts[row.status] = row.n;
        counts.total += row.n;
      }
      const oldest = (await first<{ t: number | null }>(`SELECT MIN(created_at) AS t FROM comments WHERE status != 'filed'`))!.t;
      return { ...counts, oldestUnfiledAt: oldest === null ? null : new Date(oldest) };
    },

    async nextDueAt() {
      const t = (
        await first<{ t: number | null }>(
          `SELECT LEAST((SELECT MIN(next_attempt_at) FROM comments WHERE status = 'pending'), (SELECT MIN(lease_until) FROM comments WHERE status = 'dispatching')) AS t`,
        )
      )!.t;
      return t === null ? null : new Date(t);
    },

    async filedSince(since) {
      return (await rows<{ filed_at: number }>('SELECT MIN(filed_at) AS filed_at FROM comments WHERE filed_at >= $1 GROUP BY issue_number ORDER BY 1', [since.getTime()])).map((r) => new Date(r.filed_at));
    },

    async findReference(reference) {
      const row = await first<OutboxRow>('SELECT * FROM comments WHERE reference = $1', [reference]);
      if (row) {
        const { version, section } = JSON.parse(row.submission) as CommentSubmission;
        return {
          reference: row.reference,
          version,
          section,
          status: row.status,
          ...(row.issue_number !== null ? { issueNumber: row.issue_number } : {}),
          ...(row.issue_url !== null ? { issueUrl: row.issue_url } : {}),
        };
      }
      const decoy = await first<DecoyRow>('SELECT * FROM decoys WHERE reference = $1 AND created_at >= $2', [reference, clock().getTime() - DECOY_LIFETIME_MS]);
      return decoy ? { reference: decoy.reference, version: decoy.version, section: decoy.section, status: 'pending' } : null;
    },

    async waitingBefore(reference) {
      return (await first<{ n: number }>(`SELECT COUNT(*) AS n FROM comments WHERE status IN ('pending', 'dispatching') AND seq < $1`, [referenceSeq(reference)]))!.n;
    },

    async commentedFrom(address, version) {
      return (await first('SELECT 1 FROM contact_hashes WHERE address_hash = $1 AND version = $2 LIMIT 1', [addressHash(address), version])) !== undefined;
    },

    async notifyRequests(version) {
      type NotifyRow = { submission_id: string; version: string; address: string; language: string; reference: string; submission: string; issue_number: number | null };
      const found = await rows<NotifyRow>(
        `SELECT n.submission_id, n.version, n.address, n.language, c.reference, c.submission, c.issue_number
         FROM notify_addresses n JOIN comments c ON c.submission_id = n.submission_id
         WHERE n.version = $1 ORDER BY c.seq`,
        [version],
      );
      return found.map((row) => ({
        submissionId: row.submission_id,
        reference: row.reference,
        version: row.version,
        section: (JSON.parse(row.submission) as CommentSubmission).section,
        ...(row.issue_number !== null ? { issueNumber: row.issue_number } : {}),
        address: row.address,
        language: row.language,
      }));
    },

    async forgetNotifyAddress(submissionId) {
      await pool.query('DELETE FROM notify_addresses WHERE submission_id = $1', [submissionId]);
    },

    async forgetContacts(versions) {
      if (versions.length === 0) return 0;
      return transaction(
        async (client) =>
          (await changes('DELETE FROM notify_addresses WHERE version = ANY($1)', [versions], client)) +
          (await changes('DELETE FROM contact_hashes WHERE version = ANY($1)', [versions], client)),
      );
    },

    async recordUnreadable(message, now) {
      const row = await first<{ times_seen: number }>(
        `INSERT INTO unreadable_messages (message_key, reason, detail, subject, received_at, attachments, first_seen_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (message_key) DO UPDATE SET last_seen_at = excluded.last_seen_at, times_seen = unreadable_messages.times_seen + 1
         RETURNING times_seen`,
        [message.key, message.reason, clip(message.detail), message.subject ?? null, message.receivedAt?.getTime() ?? null, JSON.stringify(message.attachments), now.getTime()],
      );
      return row!.times_seen === 1;
    },

    async listUnreadable() {
      // COLLATE "C": ties sort by bytes, as SQLite sorts them.
      return (await rows<UnreadableRow>('SELECT * FROM unreadable_messages ORDER BY first_seen_at, message_key COLLATE "C"')).map(toUnreadable);
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };

  async function retry(submissionId: string, nextAt: Date, error: string, lookup: 0 | 1): Promise<void> {
    await pool.query(
      `UPDATE comments SET status = 'pending', next_attempt_at = $1, last_error = $2, lease_until = NULL,
         needs_lookup = GREATEST(needs_lookup, $3)
       WHERE submission_id = $4 AND status != 'filed'`,
      [nextAt.getTime(), clip(error), lookup, submissionId],
    );
  }
}
