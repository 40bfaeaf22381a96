/**
 * The durable outbox: every accepted comment is written here, synchronously
 * and to disk, before the commenter is told it was received. GitHub is
 * reached later by the dispatcher, at a pace GitHub allows, so the form never
 * waits on GitHub and a comment survives a crash, a restart or an outage.
 *
 * SQLite through `node:sqlite` (built into Node 24; docs/architecture.md "Decisions"), in
 * WAL mode so the web server and a `comments:sync` run can share the file,
 * with `synchronous=FULL` so an accepted comment is on disk when `accept`
 * returns. The comments hold nothing personal beyond what the commenter
 * agreed to publish: no IP address, no e-mail address. Two small tables
 * beside them do, and only for as long as they must (docs/e-mail.md):
 * `notify_addresses`, the address of a web commenter who asked to be told
 * when their comment is answered, deleted once told or when the version is
 * adopted; and `contact_hashes`, a keyed hash (never the address) of whoever
 * commented by e-mail or asked to be told, so a reminder skips them. Messages
 * of the reply mailbox that could not be read are listed without their
 * sender.
 *
 * Life of a row: `pending` -> `dispatching` (claimed, with a lease) ->
 * `filed` (issue number known), or back to `pending` with a later
 * `next_attempt_at`, or `failed` (GitHub refused it; kept for a person to
 * look at). A row whose create may have reached GitHub (`needs_lookup`) is
 * looked for by its marker before it is created again. A `dispatching` row
 * whose lease ran out (its process died mid-request) counts as such a row.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { CommentSubmission } from './schema.ts';

export const OUTBOX_STATUSES = ['pending', 'dispatching', 'filed', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** How long a claimed row belongs to the process that claimed it. Longer than any request and lookup. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** A process that files comments from this outbox: `id` is unique to it, `label` says what it is to a person. */
export interface LaneHolder {
  id: string;
  label: string;
}

/** Flags set when a comment is accepted. */
interface AcceptFlags {
  /** Sent without a valid proof-of-work: labelled `unverified` for the maintainers. */
  unverified?: boolean;
  /**
   * A form posted without JavaScript carries no submission id of its own.
   * `key` hashes its client and every field; a comment with the same key
   * accepted at or after `since` is the same comment sent again (a double
   * click, a reload), and its reference is given back instead.
   */
  resubmission?: { key: string; since: Date };
  /**
   * Who wrote it, when an address came with it (an e-mail, or the form's
   * "e-mail me" box). Only a keyed hash of the address is kept with the
   * comment, so reminders skip people who have commented; the address
   * itself is kept, apart from the comment, only when `notify` is set: the
   * commenter asked to be told when their comment is answered, in `language`.
   */
  contact?: { address: string; notify?: { language: string } };
}

/** What accepting a comment gave: its reference, and its submission id (an earlier one when it was a resubmission). */
interface Accepted {
  reference: string;
  submissionId: string;
  duplicate: boolean;
}

/** What a honeypot answer needs to look like a real receipt. */
interface Decoy {
  reference: string;
  submissionId: string;
  version: string;
  section: string;
  unverified: boolean;
  createdAt: Date;
}

/** What a reference says to whoever holds it: where the comment is, never what it says. */
export interface ReferenceRecord {
  reference: string;
  version: string;
  section: string;
  status: OutboxStatus;
  issueNumber?: number;
  issueUrl?: string;
}

/** A commenter waiting to be told that their comment was answered. Personal data. */
interface NotifyRequest {
  submissionId: string;
  reference: string;
  version: string;
  section: string;
  issueNumber?: number;
  address: string;
  language: string;
}

/** A message of the reply mailbox that could not become a comment; never who sent it. */
export interface UnreadableMessage {
  /** The Message-ID, or a hash of the message when it has none. */
  key: string;
  reason: string;
  /** One line for the person who looks at the mailbox. */
  detail: string;
  subject?: string;
  /** The message's Date. */
  receivedAt?: Date;
  attachments: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  timesSeen: number;
}

/** How long a honeypot's pretend receipt keeps working. */
export const DECOY_LIFETIME_MS = 30 * 24 * 60 * 60_000;

/** One comment in the outbox. */
export interface OutboxEntry {
  /** Reference given to the commenter, e.g. `BZ-2026-000123`. */
  reference: string;
  submissionId: string;
  submission: CommentSubmission;
  status: OutboxStatus;
  /** Times the dispatcher has claimed it. */
  attempts: number;
  /** Not to be tried before this time. */
  nextAttemptAt: Date;
  /** An earlier create may have reached GitHub: look for the marker first. */
  needsLookup: boolean;
  unverified: boolean;
  issueNumber?: number;
  issueUrl?: string;
  /** Last error, one line, credentials redacted. */
  lastError?: string;
  /** When it was accepted. */
  createdAt: Date;
  filedAt?: Date;
}

export interface OutboxOptions {
  /** First part of references, e.g. `BZ` (Belize). Defaults to `BZ`. */
  referencePrefix?: string;
  /** Clock for `accept`; defaults to the system clock. */
  now?: () => Date;
}

export interface Outbox {
  /** Path of the database file. */
  readonly path: string;
  readonly referencePrefix: string;
  /** Stores a comment once per submission id; a repeat returns the first reference with `duplicate: true`. */
  accept(submission: CommentSubmission, flags?: AcceptFlags): Promise<Accepted>;
  /**
   * The same as `accept`, committed together with the other writes of the
   * same turn of the event loop: one transaction and one fsync for a burst of
   * comments (group commit). Resolves only after the commit, so a reference
   * is still never given for a comment that is not on disk.
   */
  acceptSoon(submission: CommentSubmission, flags?: AcceptFlags): Promise<Accepted>;
  /** The entry for a submission id, or null. */
  get(submissionId: string): Promise<OutboxEntry | null>;
  /** The comment accepted at or after `since` under this resubmission key, or null. */
  findResubmission(key: string, since: Date): Promise<OutboxEntry | null>;
  /** Records a proof-of-work challenge as used until `expiresAt` (group commit); false when it already was. */
  markChallengeUsed(nonce: string, expiresAt: Date): Promise<boolean>;
  /**
   * Gives a honeypot's pretend comment a reference from the same sequence as
   * real ones, and remembers it for DECOY_LIFETIME_MS so its receipt works:
   * a bot learns nothing from either. Nothing of the text is kept.
   */
  recordDecoy(decoy: Omit<Decoy, 'reference' | 'createdAt'>): Promise<Decoy>;
  /** A honeypot's pretend comment, while its receipt lasts. */
  getDecoy(submissionId: string): Promise<Decoy | null>;
  /** Deletes used challenges that expired and decoys past their lifetime; returns how many rows went. */
  purgeExpired(now: Date): Promise<number>;
  /**
   * Takes or renews the filing lane for `holder` until `now + leaseMs`: only
   * the lane's holder files comments, so two processes sharing the outbox
   * (the server and `comments:sync --watch`) never pace GitHub creates
   * separately. Succeeds when the lane is free, already this holder's, or its
   * lease ran out (the holder died); otherwise says who holds it.
   */
  holdLane(holder: LaneHolder, now: Date, leaseMs: number): Promise<{ held: true } | { held: false; by: LaneHolder; until: Date }>;
  /** Gives the lane back, if `holderId` still holds it, so another process may take it at once. */
  releaseLane(holderId: string): Promise<void>;
  /** Who holds the filing lane at `now`, or null when nobody does. */
  laneHolder(now: Date): Promise<(LaneHolder & { until: Date }) | null>;
  /** Claims the oldest comment due at `now` for dispatch (or one whose claim expired), or null. */
  claimNext(now: Date, leaseMs?: number): Promise<OutboxEntry | null>;
  /**
   * Batch filing: claims up to `max` more comments due at `now` that share
   * `like`'s version, section and unverified flag, oldest first, passing over
   * any that need a lookup (`claimUncertain` takes those).
   */
  claimBatch(like: OutboxEntry, now: Date, leaseMs: number, max: number): Promise<OutboxEntry[]>;
  /**
   * Claims up to `max` comments that may already be on GitHub, oldest first,
   * so one listing of GitHub settles them all: those waiting after a create
   * that may have happened (due or not: a lookup is a read, and the listing
   * answering shows GitHub is back), and those whose claim ran out at `now`.
   */
  claimUncertain(now: Date, leaseMs: number, max: number): Promise<OutboxEntry[]>;
  /** A lookup found these claimed comments nowhere on GitHub: back in line, due at `now`, with no lookup needed. */
  markLookedUp(submissionIds: readonly string[], now: Date): Promise<void>;
  markFiled(submissionId: string, issue: { number: number; url: string }, now: Date): Promise<void>;
  /** Back to pending, to be tried at `nextAt`. */
  markRetry(submissionId: string, nextAt: Date, error: string): Promise<void>;
  /** Back to pending; the create may have happened, so look for it before creating again. */
  markAmbiguous(submissionId: string, nextAt: Date, error: string): Promise<void>;
  /** GitHub refused it for good; a person must look. */
  markFailed(submissionId: string, error: string): Promise<void>;
  /** Puts failed comments back in the queue; returns how many. */
  requeueFailed(now: Date): Promise<number>;
  /** Entries, oldest first, optionally of one status. */
  list(options?: { status?: OutboxStatus; limit?: number }): Promise<OutboxEntry[]>;
  /** Counts by status, and when the oldest unfiled comment was accepted. */
  stats(): Promise<Record<OutboxStatus, number> & { total: number; oldestUnfiledAt: Date | null }>;
  /**
   * When the next comment becomes due: the earliest `nextAttemptAt` of a
   * pending comment, or the end of the lease of one being filed (by a process
   * that may have died, whose claims come back then); null when nothing waits.
   */
  nextDueAt(): Promise<Date | null>;
  /**
   * When each issue filed at or after `since` was filed (the first of its
   * comments, for a batch): the creates that count against the pace, so a
   * fresh dispatcher respects the hourly pace. One time per issue, not per
   * comment: a batch of 50 is one create.
   */
  filedSince(since: Date): Promise<Date[]>;
  /** A comment (or a honeypot's pretend one) by its reference, e.g. `BZ-2026-000123`. */
  findReference(reference: string): Promise<ReferenceRecord | null>;
  /**
   * How many comments accepted before the one with this reference still wait
   * to be filed (pending or being filed): its place in the dispatcher's line,
   * which claims the oldest first. A honeypot's pretend reference gets the
   * place its number would have, like a real one.
   */
  waitingBefore(reference: string): Promise<number>;
  /** Whether someone with this address commented on `version` by e-mail, or asked to be told of the answer. */
  commentedFrom(address: string, version: string): Promise<boolean>;
  /** Commenters on `version` who asked to be told when their comment is answered, oldest first. */
  notifyRequests(version: string): Promise<NotifyRequest[]>;
  /** Deletes the address kept for a comment's notice (sent, or no longer wanted). */
  forgetNotifyAddress(submissionId: string): Promise<void>;
  /** Deletes the addresses and address hashes of comments on these versions (adopted ones); returns how many rows went. */
  forgetContacts(versions: readonly string[]): Promise<number>;
  /** Records an unreadable message, or that it was seen again; true the first time. */
  recordUnreadable(message: Omit<UnreadableMessage, 'firstSeenAt' | 'lastSeenAt' | 'timesSeen'>, now: Date): Promise<boolean>;
  /** Unreadable messages, first seen first. */
  listUnreadable(): Promise<UnreadableMessage[]>;
  close(): Promise<void>;
}

/** A comment row as stored: times in milliseconds since the epoch, flags as 0 or 1 (both engines). */
export interface OutboxRow {
  seq: number;
  submission_id: string;
  reference: string;
  submission: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  needs_lookup: number;
  unverified: number;
  issue_number: number | null;
  issue_url: string | null;
  last_error: string | null;
  created_at: number;
  filed_at: number | null;
  resubmission_key: string | null;
}

/**
 * The schema, as steps: `PRAGMA user_version` records how many have run, and
 * `openOutbox` runs the rest, so an outbox written by an older Consulta is
 * brought up to date at start-up, never by hand.
 */
const MIGRATIONS: readonly string[] = [
  `
CREATE TABLE IF NOT EXISTS comments (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  submission_id   TEXT NOT NULL UNIQUE,
  reference       TEXT UNIQUE,
  submission      TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'dispatching', 'filed', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until     INTEGER,
  needs_lookup    INTEGER NOT NULL DEFAULT 0,
  unverified      INTEGER NOT NULL DEFAULT 0,
  issue_number    INTEGER,
  issue_url       TEXT,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  filed_at        INTEGER
);
CREATE INDEX IF NOT EXISTS comments_due ON comments (status, next_attempt_at);
`,
  `
ALTER TABLE comments ADD COLUMN resubmission_key TEXT;
CREATE INDEX comments_resubmission ON comments (resubmission_key, created_at) WHERE resubmission_key IS NOT NULL;
CREATE TABLE used_challenges (
  nonce      TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE decoys (
  submission_id TEXT PRIMARY KEY,
  reference     TEXT NOT NULL,
  version       TEXT NOT NULL,
  section       TEXT NOT NULL,
  unverified    INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;
`,
  `
CREATE INDEX decoys_reference ON decoys (reference);
CREATE TABLE outbox_keys (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO outbox_keys (name, value) VALUES ('contact', lower(hex(randomblob(32))));
CREATE TABLE notify_addresses (
  submission_id TEXT PRIMARY KEY REFERENCES comments (submission_id),
  version       TEXT NOT NULL,
  address       TEXT NOT NULL,
  language      TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX notify_addresses_version ON notify_addresses (version);
CREATE TABLE contact_hashes (
  submission_id TEXT PRIMARY KEY REFERENCES comments (submission_id),
  version       TEXT NOT NULL,
  address_hash  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX contact_hashes_address ON contact_hashes (address_hash, version);
CREATE TABLE unreadable_messages (
  message_key   TEXT PRIMARY KEY,
  reason        TEXT NOT NULL,
  detail        TEXT NOT NULL,
  subject       TEXT,
  received_at   INTEGER,
  attachments   TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  times_seen    INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
`,
  `
CREATE TABLE filing_lane (
  lane        TEXT PRIMARY KEY CHECK (lane = 'github'),
  holder_id   TEXT NOT NULL,
  label       TEXT NOT NULL,
  lease_until INTEGER NOT NULL
) WITHOUT ROWID;
`,
  // filedSince (the dispatcher's pace, and the backlog on every GET /api/status) reads only the last hour.
  `
CREATE INDEX comments_filed ON comments (filed_at) WHERE filed_at IS NOT NULL;
`,
  // waitingBefore (the status page's place in line) counts index entries of waiting comments only, not a scan of the table.
  `
CREATE INDEX comments_waiting ON comments (status, seq) WHERE status IN ('pending', 'dispatching');
`,
  // claimBatch (batch filing) finds a section's waiting comments without reading every row's JSON.
  `
CREATE INDEX comments_batch ON comments (json_extract(submission, '$.version'), json_extract(submission, '$.section'), unverified, seq)
  WHERE status = 'pending' AND needs_lookup = 0;
`,
];

/** Runs the migration steps an outbox file has not had yet, each in its own transaction. */
function migrate(db: DatabaseSync): void {
  const done = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (done > MIGRATIONS.length) throw new Error(`the outbox was written by a newer Consulta (schema ${done}, this one knows ${MIGRATIONS.length})`);
  for (let step = done; step < MIGRATIONS.length; step++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Outboxes made before the steps were counted already have the first one's table.
      const hasComments = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'comments'`).get();
      if (!(step === 0 && hasComments)) db.exec(MIGRATIONS[step]!);
      db.exec(`PRAGMA user_version = ${step + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** Longest error line kept on a row. */
const MAX_ERROR = 500;

/** Opens (creating if needed) the outbox at `path`; `:memory:` works for tests. */
export function openOutbox(path: string, options: OutboxOptions = {}): Outbox {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: 5_000 });
  db.exec('PRAGMA journal_mode = WAL');
  // FULL: the accept is on disk before the commenter sees a reference.
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db);
  const prefix = options.referencePrefix ?? 'BZ';
  const clock = options.now ?? (() => new Date());

  const q = {
    insert: db.prepare(
      `INSERT INTO comments (submission_id, submission, status, next_attempt_at, unverified, created_at, resubmission_key)
       VALUES (?, ?, 'pending', ?, ?, ?, ?) ON CONFLICT (submission_id) DO NOTHING`,
    ),
    resubmission: db.prepare(
      'SELECT * FROM comments WHERE resubmission_key = ? AND created_at >= ? ORDER BY seq LIMIT 1',
    ),
    useChallenge: db.prepare('INSERT INTO used_challenges (nonce, expires_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING'),
    // A decoy takes the next number of the comments' own sequence, without a row there.
    nextSeq: db.prepare(`UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'comments' RETURNING seq`),
    firstSeq: db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('comments', 1)`),
    insertDecoy: db.prepare('INSERT INTO decoys (submission_id, reference, version, section, unverified, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (submission_id) DO NOTHING'),
    decoy: db.prepare('SELECT * FROM decoys WHERE submission_id = ? AND created_at >= ?'),
    purgeChallenges: db.prepare('DELETE FROM used_challenges WHERE expires_at < ?'),
    purgeDecoys: db.prepare('DELETE FROM decoys WHERE created_at < ?'),
    setReference: db.prepare('UPDATE comments SET reference = ? WHERE seq = ?'),
    bySubmission: db.prepare('SELECT * FROM comments WHERE submission_id = ?'),
    bySeq: db.prepare('SELECT * FROM comments WHERE seq = ?'),
    due: db.prepare(
      `SELECT * FROM comments
       WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'dispatching' AND lease_until <= ?)
       ORDER BY seq LIMIT 1`,
    ),
    // The same expressions as the comments_batch index, so the query reads the index.
    batch: db.prepare(
      `SELECT seq FROM comments
       WHERE json_extract(submission, '$.version') = ? AND json_extract(submission, '$.section') = ? AND unverified = ?
         AND status = 'pending' AND needs_lookup = 0 AND next_attempt_at <= ?
       ORDER BY seq LIMIT ?`,
    ),
    uncertain: db.prepare(
      `SELECT seq FROM comments
       WHERE (status = 'pending' AND needs_lookup = 1) OR (status = 'dispatching' AND lease_until <= ?)
       ORDER BY seq LIMIT ?`,
    ),
    lookedUp: db.prepare(
      `UPDATE comments SET status = 'pending', needs_lookup = 0, lease_until = NULL, next_attempt_at = ?
       WHERE submission_id = ? AND status = 'dispatching'`,
    ),
    claim: db.prepare(
      `UPDATE comments SET
         needs_lookup = CASE WHEN status = 'dispatching' THEN 1 ELSE needs_lookup END,
         status = 'dispatching', lease_until = ?, attempts = attempts + 1
       WHERE seq = ?`,
    ),
    filed: db.prepare(
      `UPDATE comments SET status = 'filed', issue_number = ?, issue_url = ?, filed_at = ?,
         lease_until = NULL, needs_lookup = 0, last_error = NULL
       WHERE submission_id = ?`,
    ),
    retry: db.prepare(
      `UPDATE comments SET status = 'pending', next_attempt_at = ?, last_error = ?, lease_until = NULL,
         needs_lookup = MAX(needs_lookup, ?)
       WHERE submission_id = ? AND status != 'filed'`,
    ),
    failed: db.prepare(
      `UPDATE comments SET status = 'failed', last_error = ?, lease_until = NULL WHERE submission_id = ? AND status != 'filed'`,
    ),
    requeue: db.prepare(`UPDATE comments SET status = 'pending', next_attempt_at = ? WHERE status = 'failed'`),
    counts: db.prepare('SELECT status, COUNT(*) AS n FROM comments GROUP BY status'),
    oldestUnfiled: db.prepare(`SELECT MIN(created_at) AS t FROM comments WHERE status != 'filed'`),
    nextDue: db.prepare(
      `SELECT MIN(t) AS t FROM (
         SELECT MIN(next_attempt_at) AS t FROM comments WHERE status = 'pending'
         UNION ALL SELECT MIN(lease_until) FROM comments WHERE status = 'dispatching'
       )`,
    ),
    filedSince: db.prepare('SELECT MIN(filed_at) AS filed_at FROM comments WHERE filed_at >= ? GROUP BY issue_number ORDER BY 1'),
    byReference: db.prepare('SELECT * FROM comments WHERE reference = ?'),
    waitingBefore: db.prepare(`SELECT COUNT(*) AS n FROM comments WHERE status IN ('pending', 'dispatching') AND seq < ?`),
    decoyByReference: db.prepare('SELECT * FROM decoys WHERE reference = ? AND created_at >= ?'),
    contactKey: db.prepare(`SELECT value FROM outbox_keys WHERE name = 'contact'`),
    insertHash: db.prepare('INSERT INTO contact_hashes (submission_id, version, address_hash) VALUES (?, ?, ?) ON CONFLICT (submission_id) DO NOTHING'),
    insertNotify: db.prepare('INSERT INTO notify_addresses (submission_id, version, address, language, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (submission_id) DO NOTHING'),
    commentedFrom: db.prepare('SELECT 1 FROM contact_hashes WHERE address_hash = ? AND version = ? LIMIT 1'),
    notifyRequests: db.prepare(
      `SELECT n.submission_id, n.version, n.address, n.language, c.reference, c.submission, c.issue_number
       FROM notify_addresses n JOIN comments c ON c.submission_id = n.submission_id
       WHERE n.version = ? ORDER BY c.seq`,
    ),
    forgetNotify: db.prepare('DELETE FROM notify_addresses WHERE submission_id = ?'),
    upsertUnreadable: db.prepare(
      `INSERT INTO unreadable_messages (message_key, reason, detail, subject, received_at, attachments, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (message_key) DO UPDATE SET last_seen_at = excluded.last_seen_at, times_seen = times_seen + 1
       RETURNING times_seen`,
    ),
    unreadable: db.prepare('SELECT * FROM unreadable_messages ORDER BY first_seen_at, message_key'),
    lane: db.prepare(`SELECT holder_id, label, lease_until FROM filing_lane WHERE lane = 'github'`),
    takeLane: db.prepare(
      `INSERT INTO filing_lane (lane, holder_id, label, lease_until) VALUES ('github', ?, ?, ?)
       ON CONFLICT (lane) DO UPDATE SET holder_id = excluded.holder_id, label = excluded.label, lease_until = excluded.lease_until`,
    ),
    releaseLane: db.prepare(`DELETE FROM filing_lane WHERE lane = 'github' AND holder_id = ?`),
  };
  type LaneRow = { holder_id: string; label: string; lease_until: number };
  const contactKey = (q.contactKey.get() as { value: string }).value;
  /** A keyed hash: the address cannot be read back from it, nor tested without the key in this database. */
  const addressHash = (address: string) => createHmac('sha256', contactKey).update(address.trim().toLowerCase()).digest('hex');

  /** Runs `fn` in a write transaction taken at once, so two processes never claim the same row. */
  function immediate<T>(fn: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  const one = (submissionId: string) => q.bySubmission.get(submissionId) as OutboxRow | undefined;

  const resubmissionOf = (key: string, since: Date) => q.resubmission.get(key, since.getTime()) as OutboxRow | undefined;

  function insertOne(submission: CommentSubmission, flags: AcceptFlags): Accepted {
    const now = clock().getTime();
    if (flags.resubmission) {
      const earlier = resubmissionOf(flags.resubmission.key, flags.resubmission.since);
      if (earlier) return { reference: earlier.reference, submissionId: earlier.submission_id, duplicate: true };
    }
    const result = q.insert.run(submission.submissionId, JSON.stringify(submission), now, flags.unverified ? 1 : 0, now, flags.resubmission?.key ?? null);
    if (result.changes === 1) {
      const seq = Number(result.lastInsertRowid);
      const reference = formatReference(prefix, new Date(now), seq);
      q.setReference.run(reference, seq);
      const { contact } = flags;
      if (contact) {
        q.insertHash.run(submission.submissionId, submission.version, addressHash(contact.address));
        if (contact.notify) q.insertNotify.run(submission.submissionId, submission.version, contact.address.trim(), contact.notify.language, now);
      }
      return { reference, submissionId: submission.submissionId, duplicate: false };
    }
    return { reference: one(submission.submissionId)!.reference, submissionId: submission.submissionId, duplicate: true };
  }

  function reserveSeq(): number {
    const row = q.nextSeq.get() as { seq: number } | undefined;
    if (row) return row.seq;
    q.firstSeq.run();
    return 1;
  }

  // Group commit: the writes asked for in one turn of the event loop share a transaction and an fsync.
  interface Pending {
    run: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  let batch: Pending[] = [];
  function soon<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      batch.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (batch.length === 1) setImmediate(flushBatch);
    });
  }
  function flushBatch(): void {
    const items = batch;
    batch = [];
    let results: unknown[];
    try {
      results = immediate(() => items.map((item) => item.run()));
    } catch (error) {
      for (const item of items) item.reject(error);
      return;
    }
    items.forEach((item, i) => item.resolve(results[i]));
  }

  return {
    path,
    referencePrefix: prefix,

    async accept(submission, flags = {}) {
      return immediate(() => insertOne(submission, flags));
    },

    acceptSoon(submission, flags = {}) {
      return soon(() => insertOne(submission, flags));
    },

    async get(submissionId) {
      const row = one(submissionId);
      return row ? toEntry(row) : null;
    },

    async findResubmission(key, since) {
      const row = resubmissionOf(key, since);
      return row ? toEntry(row) : null;
    },

    markChallengeUsed(nonce, expiresAt) {
      return soon(() => q.useChallenge.run(nonce, expiresAt.getTime()).changes === 1);
    },

    recordDecoy(decoy) {
      return soon(() => {
        const createdAt = clock();
        const reference = formatReference(prefix, createdAt, reserveSeq());
        q.insertDecoy.run(decoy.submissionId, reference, decoy.version, decoy.section, decoy.unverified ? 1 : 0, createdAt.getTime());
        const stored = q.decoy.get(decoy.submissionId, 0) as unknown as DecoyRow;
        return toDecoy(stored);
      });
    },

    async getDecoy(submissionId) {
      const row = q.decoy.get(submissionId, clock().getTime() - DECOY_LIFETIME_MS) as unknown as DecoyRow | undefined;
      return row ? toDecoy(row) : null;
    },

    async purgeExpired(now) {
      return immediate(
        () => Number(q.purgeChallenges.run(now.getTime()).changes) + Number(q.purgeDecoys.run(now.getTime() - DECOY_LIFETIME_MS).changes),
      );
    },

    async holdLane(holder, now, leaseMs) {
      return immediate(() => {
        const t = now.getTime();
        const row = q.lane.get() as LaneRow | undefined;
        if (row && row.holder_id !== holder.id && row.lease_until > t) {
          return { held: false as const, by: { id: row.holder_id, label: row.label }, until: new Date(row.lease_until) };
        }
        q.takeLane.run(holder.id, holder.label, t + leaseMs);
        return { held: true as const };
      });
    },

    async releaseLane(holderId) {
      if (db.isOpen) q.releaseLane.run(holderId);
    },

    async laneHolder(now) {
      const row = q.lane.get() as LaneRow | undefined;
      return row && row.lease_until > now.getTime() ? { id: row.holder_id, label: row.label, until: new Date(row.lease_until) } : null;
    },

    async claimNext(now, leaseMs = DEFAULT_LEASE_MS) {
      return immediate(() => {
        const t = now.getTime();
        const row = q.due.get(t, t) as OutboxRow | undefined;
        if (!row) return null;
        q.claim.run(t + leaseMs, row.seq);
        return toEntry(q.bySubmission.get(row.submission_id) as unknown as OutboxRow);
      });
    },

    async claimBatch(like, now, leaseMs, max) {
      if (max <= 0) return [];
      return immediate(() => {
        const t = now.getTime();
        const { version, section } = like.submission;
        const found = q.batch.all(version, section, like.unverified ? 1 : 0, t, max) as { seq: number }[];
        return found.map(({ seq }) => {
          q.claim.run(t + leaseMs, seq);
          return toEntry(q.bySeq.get(seq) as unknown as OutboxRow);
        });
      });
    },

    async claimUncertain(now, leaseMs, max) {
      if (max <= 0) return [];
      return immediate(() => {
        const t = now.getTime();
        return (q.uncertain.all(t, max) as { seq: number }[]).map(({ seq }) => {
          q.claim.run(t + leaseMs, seq);
          return toEntry(q.bySeq.get(seq) as unknown as OutboxRow);
        });
      });
    },

    async markLookedUp(submissionIds, now) {
      immediate(() => {
        for (const id of submissionIds) q.lookedUp.run(now.getTime(), id);
      });
    },

    async markFiled(submissionId, issue, now) {
      q.filed.run(issue.number, issue.url, now.getTime(), submissionId);
    },
    async markRetry(submissionId, nextAt, error) {
      q.retry.run(nextAt.getTime(), clip(error), 0, submissionId);
    },
    async markAmbiguous(submissionId, nextAt, error) {
      q.retry.run(nextAt.getTime(), clip(error), 1, submissionId);
    },
    async markFailed(submissionId, error) {
      q.failed.run(clip(error), submissionId);
    },
    async requeueFailed(now) {
      return Number(q.requeue.run(now.getTime()).changes);
    },

    async list(options = {}) {
      const where = options.status ? 'WHERE status = ?' : '';
      const params: SQLInputValue[] = options.status ? [options.status] : [];
      const limit = options.limit ? ` LIMIT ${Math.max(1, Math.floor(options.limit))}` : '';
      const rows = db.prepare(`SELECT * FROM comments ${where} ORDER BY seq${limit}`).all(...params) as unknown as OutboxRow[];
      return rows.map(toEntry);
    },

    async stats() {
      const counts = { pending: 0, dispatching: 0, filed: 0, failed: 0, total: 0 };
      for (const row of q.counts.all() as unknown as { status: OutboxStatus; n: number }[]) {
        counts[row.status] = row.n;
        counts.total += row.n;
      }
      const oldest = (q.oldestUnfiled.get() as { t: number | null }).t;
      return { ...counts, oldestUnfiledAt: oldest === null ? null : new Date(oldest) };
    },

    async nextDueAt() {
      const t = (q.nextDue.get() as { t: number | null }).t;
      return t === null ? null : new Date(t);
    },

    async filedSince(since) {
      return (q.filedSince.all(since.getTime()) as unknown as { filed_at: number }[]).map((r) => new Date(r.filed_at));
    },

    async findReference(reference) {
      const row = q.byReference.get(reference) as OutboxRow | undefined;
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
      const decoy = q.decoyByReference.get(reference, clock().getTime() - DECOY_LIFETIME_MS) as DecoyRow | undefined;
      return decoy ? { reference: decoy.reference, version: decoy.version, section: decoy.section, status: 'pending' } : null;
    },

    async waitingBefore(reference) {
      return (q.waitingBefore.get(referenceSeq(reference)) as { n: number }).n;
    },

    async commentedFrom(address, version) {
      return q.commentedFrom.get(addressHash(address), version) !== undefined;
    },

    async notifyRequests(version) {
      type NotifyRow = { submission_id: string; version: string; address: string; language: string; reference: string; submission: string; issue_number: number | null };
      return (q.notifyRequests.all(version) as unknown as NotifyRow[]).map((row) => ({
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
      q.forgetNotify.run(submissionId);
    },

    async forgetContacts(versions) {
      if (versions.length === 0) return 0;
      const marks = versions.map(() => '?').join(', ');
      return immediate(
        () =>
          Number(db.prepare(`DELETE FROM notify_addresses WHERE version IN (${marks})`).run(...versions).changes) +
          Number(db.prepare(`DELETE FROM contact_hashes WHERE version IN (${marks})`).run(...versions).changes),
      );
    },

    async recordUnreadable(message, now) {
      const row = q.upsertUnreadable.get(
        message.key,
        message.reason,
        clip(message.detail),
        message.subject ?? null,
        message.receivedAt?.getTime() ?? null,
        JSON.stringify(message.attachments),
        now.getTime(),
        now.getTime(),
      ) as { times_seen: number };
      return row.times_seen === 1;
    },

    async listUnreadable() {
      return (q.unreadable.all() as unknown as UnreadableRow[]).map(toUnreadable);
    },

    async close() {
      if (db.isOpen) db.close();
    },
  };
}

export interface DecoyRow {
  submission_id: string;
  reference: string;
  version: string;
  section: string;
  unverified: number;
  created_at: number;
}

/** An unreadable message as stored (both engines). */
export interface UnreadableRow {
  message_key: string;
  reason: string;
  detail: string;
  subject: string | null;
  received_at: number | null;
  attachments: string;
  first_seen_at: number;
  last_seen_at: number;
  times_seen: number;
}

export function toUnreadable(row: UnreadableRow): UnreadableMessage {
  return {
    key: row.message_key,
    reason: row.reason,
    detail: row.detail,
    ...(row.subject !== null ? { subject: row.subject } : {}),
    ...(row.received_at !== null ? { receivedAt: new Date(row.received_at) } : {}),
    attachments: JSON.parse(row.attachments) as string[],
    firstSeenAt: new Date(row.first_seen_at),
    lastSeenAt: new Date(row.last_seen_at),
    timesSeen: row.times_seen,
  };
}

export function toDecoy(row: DecoyRow): Decoy {
  return {
    reference: row.reference,
    submissionId: row.submission_id,
    version: row.version,
    section: row.section,
    unverified: row.unverified === 1,
    createdAt: new Date(row.created_at),
  };
}

/** `BZ-2026-000123`: prefix, year accepted (UTC), and the outbox's running number. */
export function formatReference(prefix: string, acceptedAt: Date, seq: number): string {
  return `${prefix}-${acceptedAt.getUTCFullYear()}-${String(seq).padStart(6, '0')}`;
}

/** The running number `formatReference` put in a reference: 123 for `BZ-2026-000123`. */
export function referenceSeq(reference: string): number {
  const match = /-(\d+)$/.exec(reference);
  if (!match) throw new Error(`not an outbox reference: ${JSON.stringify(reference.slice(0, 40))}`);
  return Number(match[1]);
}

export function toEntry(row: OutboxRow): OutboxEntry {
  const entry: OutboxEntry = {
    reference: row.reference,
    submissionId: row.submission_id,
    submission: JSON.parse(row.submission) as CommentSubmission,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    needsLookup: row.needs_lookup === 1,
    unverified: row.unverified === 1,
    createdAt: new Date(row.created_at),
  };
  if (row.issue_number !== null) entry.issueNumber = row.issue_number;
  if (row.issue_url !== null) entry.issueUrl = row.issue_url;
  if (row.last_error !== null) entry.lastError = row.last_error;
  if (row.filed_at !== null) entry.filedAt = new Date(row.filed_at);
  return entry;
}

export function clip(error: string): string {
  const line = error.replace(/\s+/g, ' ').trim();
  return line.length > MAX_ERROR ? `${line.slice(0, MAX_ERROR - 1)}…` : line;
}

/** Where the outbox lives in a data directory (CONSULTA_DATA_DIR): server and scripts agree on it. */
export function outboxPath(dataDir: string): string {
  return join(dataDir, 'outbox.sqlite');
}
