/**
 * What has been sent to whom: one row per (version, kind, address), in
 * `<dataDir>/mail.sqlite` (SQLite through `node:sqlite`, WAL, like the
 * outbox), or in PostgreSQL when the deployment shares one
 * (send-log-postgres.ts; send-log-store.ts chooses). It makes a run safe to
 * repeat: a message the server accepted is never sent again, one that was
 * refused or failed is tried again on the next run with the same Message-ID,
 * and a reply's In-Reply-To is matched to the version its invitation was
 * about.
 *
 * The addresses are personal data and this log is the only place they are
 * kept; `forgetVersion` deletes a version's rows once its consultation is
 * over (the privacy notice says when). An acknowledgement or a notice, which
 * goes to someone who commented, is keyed by the comment instead
 * (`commentRecipient`): this log never holds a commenter's address.
 *
 * A row is `sending` while its message is with the SMTP server. A run that
 * stops there (killed, power cut) leaves it so; the next run tries it again
 * with the same Message-ID, which most mail systems show once, because the
 * server may or may not have taken it. A live run holds its row for
 * `LEASE_MS`, so two runs at once never send the same message.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { MailKind } from './compose.ts';

type SendStatus = 'sending' | 'sent' | 'failed';

/** How long a run owns a message it is sending. Far longer than one SMTP exchange. */
export const LEASE_MS = 10 * 60_000;
export const MAX_ERROR = 500;

interface SendLogEntry {
  version: string;
  kind: MailKind;
  /** Lower case. Personal data. For an acknowledgement or a notice, `comment:<submission id>`. */
  address: string;
  messageId: string;
  status: SendStatus;
  attempts: number;
  lastError?: string;
  sentAt?: Date;
  updatedAt: Date;
}

/** What a run should do with one message. */
export type Claim =
  /** Send it with this Message-ID; `previous` says why it is being sent again. */
  | { send: true; messageId: string; previous?: 'failed' | 'interrupted' }
  /** Do not send: accepted by the server already, or another run is sending it now. */
  | { send: false; messageId: string; reason: 'sent' | 'in-progress' };

/**
 * The send log, whatever it is stored in: the SQLite file of one machine
 * (here) or PostgreSQL shared by several (send-log-postgres.ts). Asynchronous,
 * so the two engines answer through one interface.
 */
export interface SendLog {
  /** Where it is, for messages: a file path, or a database URL with its password hidden. */
  readonly path: string;
  /** Takes (version, kind, address) for sending now; `newMessageId` is used only for a first send. */
  claim(version: string, kind: MailKind, address: string, newMessageId: () => string): Promise<Claim>;
  markSent(version: string, kind: MailKind, address: string): Promise<void>;
  markFailed(version: string, kind: MailKind, address: string, error: string): Promise<void>;
  get(version: string, kind: MailKind, address: string): Promise<SendLogEntry | null>;
  /** Addresses (lower case) of a version with a message of `kind` accepted by the server. */
  sentTo(version: string, kind: MailKind): Promise<Set<string>>;
  /** The version and kind a sent Message-ID (with or without angle brackets) belongs to. */
  findMessage(messageId: string): Promise<{ version: string; kind: MailKind } | null>;
  /** Rows by version, kind and last change (oldest first). */
  list(version?: string): Promise<SendLogEntry[]>;
  /** Deletes every row of a version; returns how many. */
  forgetVersion(version: string): Promise<number>;
  close(): Promise<void>;
}

/** A row as both engines store it: times in milliseconds since the epoch. */
export interface SendRow {
  version: string;
  kind: MailKind;
  address: string;
  message_id: string;
  status: SendStatus;
  attempts: number;
  last_error: string | null;
  sent_at: number | null;
  lease_until: number | null;
  updated_at: number;
}

const sendsTable = (name: string, kinds: readonly string[]) => `
CREATE TABLE ${name} (
  version     TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')})),
  address     TEXT NOT NULL,
  message_id  TEXT NOT NULL UNIQUE,
  status      TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  sent_at     INTEGER,
  lease_until INTEGER,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (version, kind, address)
);
`;

/**
 * The schema, as steps (`PRAGMA user_version` counts those that ran), like
 * the outbox's: a send log written by an older Consulta is brought up to
 * date when it is opened. Never edit a step; add one.
 */
const MIGRATIONS: readonly string[] = [
  sendsTable('sends', ['invitation', 'reminder']),
  // Acknowledgements and notices: SQLite cannot change a CHECK, so the table is copied.
  `${sendsTable('sends_next', ['invitation', 'reminder', 'acknowledgement', 'notice'])}
INSERT INTO sends_next SELECT version, kind, address, message_id, status, attempts, last_error, sent_at, lease_until, updated_at FROM sends;
DROP TABLE sends;
ALTER TABLE sends_next RENAME TO sends;
`,
];

function migrate(db: DatabaseSync): void {
  const done = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (done > MIGRATIONS.length) throw new Error(`the send log was written by a newer Consulta (schema ${done}, this one knows ${MIGRATIONS.length})`);
  for (let step = done; step < MIGRATIONS.length; step++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Send logs made before the steps were counted already have the first step's table.
      const hasSends = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sends'`).get();
      if (!(step === 0 && hasSends)) db.exec(MIGRATIONS[step]!);
      db.exec(`PRAGMA user_version = ${step + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** A stored row as the interface gives it. */
export function toEntry(row: SendRow): SendLogEntry {
  return {
    version: row.version,
    kind: row.kind,
    address: row.address,
    messageId: row.message_id,
    status: row.status,
    attempts: row.attempts,
    ...(row.last_error ? { lastError: row.last_error } : {}),
    ...(row.sent_at !== null ? { sentAt: new Date(row.sent_at) } : {}),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * What to do with a row found for the message being claimed: the decision
 * both engines take, inside their own transaction.
 */
export function claimOf(row: Pick<SendRow, 'status' | 'lease_until' | 'message_id'>, now: number): Claim {
  if (row.status === 'sent') return { send: false, messageId: row.message_id, reason: 'sent' };
  if (row.status === 'sending' && row.lease_until !== null && row.lease_until > now) return { send: false, messageId: row.message_id, reason: 'in-progress' };
  return { send: true, messageId: row.message_id, previous: row.status === 'failed' ? 'failed' : 'interrupted' };
}

/** The form a Message-ID is stored in: with its angle brackets. */
export function bracketed(messageId: string): string {
  const id = messageId.trim();
  return id.startsWith('<') ? id : `<${id}>`;
}

/** The key an address is stored under. */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/** The send log's key for a message about one comment (an acknowledgement, a notice): never the commenter's address. */
export function commentRecipient(submissionId: string): string {
  return `comment:${submissionId}`;
}

/** The send log's file in a data directory. */
export function sendLogPath(dataDir: string): string {
  return join(dataDir, 'mail.sqlite');
}

/** Opens (creating if needed) the send log at `path`; `:memory:` works for tests. */
export function openSendLog(path: string, options: { now?: () => Date } = {}): SendLog {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: 5_000 });
  db.exec('PRAGMA journal_mode = WAL');
  // A "sent" must be on disk before the next message goes, or a crash could send it twice.
  db.exec('PRAGMA synchronous = FULL');
  migrate(db);
  const clock = options.now ?? (() => new Date());
  const key = addressKey;
  let closed = false;

  const q = {
    get: db.prepare('SELECT * FROM sends WHERE version = ? AND kind = ? AND address = ?'),
    insert: db.prepare(
      `INSERT INTO sends (version, kind, address, message_id, status, attempts, lease_until, updated_at)
       VALUES (?, ?, ?, ?, 'sending', 1, ?, ?)`,
    ),
    reclaim: db.prepare(
      `UPDATE sends SET status = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = ?
       WHERE version = ? AND kind = ? AND address = ?`,
    ),
    sent: db.prepare(
      `UPDATE sends SET status = 'sent', sent_at = ?, lease_until = NULL, last_error = NULL, updated_at = ?
       WHERE version = ? AND kind = ? AND address = ?`,
    ),
    failed: db.prepare(
      `UPDATE sends SET status = 'failed', last_error = ?, lease_until = NULL, updated_at = ?
       WHERE version = ? AND kind = ? AND address = ? AND status != 'sent'`,
    ),
    sentTo: db.prepare(`SELECT address FROM sends WHERE version = ? AND kind = ? AND status = 'sent'`),
    byMessageId: db.prepare('SELECT version, kind FROM sends WHERE message_id = ?'),
    all: db.prepare('SELECT * FROM sends ORDER BY version, kind, updated_at, address'),
    ofVersion: db.prepare('SELECT * FROM sends WHERE version = ? ORDER BY kind, updated_at, address'),
    forget: db.prepare('DELETE FROM sends WHERE version = ?'),
  };

  return {
    path,
    async claim(version, kind, address, newMessageId) {
      const now = clock().getTime();
      db.exec('BEGIN IMMEDIATE');
      try {
        const row = q.get.get(version, kind, key(address)) as SendRow | undefined;
        let claim: Claim;
        if (!row) {
          const messageId = newMessageId();
          q.insert.run(version, kind, key(address), messageId, now + LEASE_MS, now);
          claim = { send: true, messageId };
        } else {
          claim = claimOf(row, now);
          if (claim.send) q.reclaim.run(now + LEASE_MS, now, version, kind, key(address));
        }
        db.exec('COMMIT');
        return claim;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async markSent(version, kind, address) {
      const now = clock().getTime();
      q.sent.run(now, now, version, kind, key(address));
    },
    async markFailed(version, kind, address, error) {
      q.failed.run(error.slice(0, MAX_ERROR), clock().getTime(), version, kind, key(address));
    },
    async get(version, kind, address) {
      const row = q.get.get(version, kind, key(address)) as SendRow | undefined;
      return row ? toEntry(row) : null;
    },
    async sentTo(version, kind) {
      return new Set((q.sentTo.all(version, kind) as { address: string }[]).map((r) => r.address));
    },
    async findMessage(messageId) {
      const row = q.byMessageId.get(bracketed(messageId)) as { version: string; kind: MailKind } | undefined;
      return row ? { version: row.version, kind: row.kind } : null;
    },
    async list(version) {
      const rows = (version === undefined ? q.all.all() : q.ofVersion.all(version)) as unknown as SendRow[];
      return rows.map(toEntry);
    },
    async forgetVersion(version) {
      return Number(q.forget.run(version).changes);
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
