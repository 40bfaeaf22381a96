/**
 * The durable outbox: every accepted comment is written here, synchronously
 * and to disk, before the commenter is told it was received. GitHub is
 * reached later by the dispatcher, at a pace GitHub allows, so the form never
 * waits on GitHub and a comment survives a crash, a restart or an outage.
 *
 * SQLite through `node:sqlite` (built into Node 24; DESIGN.md "SQLite"), in
 * WAL mode so the web server and a `comments:sync` run can share the file,
 * with `synchronous=FULL` so an accepted comment is on disk when `accept`
 * returns. Nothing here is personal beyond what the commenter agreed to
 * publish: no IP address, no e-mail address.
 *
 * Life of a row: `pending` -> `dispatching` (claimed, with a lease) ->
 * `filed` (issue number known), or back to `pending` with a later
 * `next_attempt_at`, or `failed` (GitHub refused it; kept for a person to
 * look at). A row whose create may have reached GitHub (`needs_lookup`) is
 * looked for by its marker before it is created again. A `dispatching` row
 * whose lease ran out (its process died mid-request) counts as such a row.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { CommentSubmission } from './schema.ts';

export const OUTBOX_STATUSES = ['pending', 'dispatching', 'filed', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** How long a claimed row belongs to the process that claimed it. Longer than any request and lookup. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Flags set when a comment is accepted. */
export interface AcceptFlags {
  /** Sent without a valid proof-of-work: labelled `unverified` for the maintainers. */
  unverified?: boolean;
}

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
  accept(submission: CommentSubmission, flags?: AcceptFlags): { reference: string; duplicate: boolean };
  /**
   * The same as `accept`, committed together with the other accepts of the
   * same turn of the event loop: one transaction and one fsync for a burst of
   * comments (group commit). Resolves only after the commit, so a reference
   * is still never given for a comment that is not on disk.
   */
  acceptSoon(submission: CommentSubmission, flags?: AcceptFlags): Promise<{ reference: string; duplicate: boolean }>;
  /** The entry for a submission id, or null. */
  get(submissionId: string): OutboxEntry | null;
  /** Claims the oldest comment due at `now` for dispatch (or one whose claim expired), or null. */
  claimNext(now: Date, leaseMs?: number): OutboxEntry | null;
  markFiled(submissionId: string, issue: { number: number; url: string }, now: Date): void;
  /** Back to pending, to be tried at `nextAt`. */
  markRetry(submissionId: string, nextAt: Date, error: string): void;
  /** Back to pending; the create may have happened, so look for it before creating again. */
  markAmbiguous(submissionId: string, nextAt: Date, error: string): void;
  /** GitHub refused it for good; a person must look. */
  markFailed(submissionId: string, error: string): void;
  /** Puts failed comments back in the queue; returns how many. */
  requeueFailed(now: Date): number;
  /** Entries, oldest first, optionally of one status. */
  list(options?: { status?: OutboxStatus; limit?: number }): OutboxEntry[];
  /** Counts by status, and when the oldest unfiled comment was accepted. */
  stats(): Record<OutboxStatus, number> & { total: number; oldestUnfiledAt: Date | null };
  /** Earliest `nextAttemptAt` among pending comments, or null when none is pending. */
  nextDueAt(): Date | null;
  /** Times comments were filed at or after `since`: lets a fresh dispatcher respect the hourly pace. */
  filedSince(since: Date): Date[];
  close(): void;
}

interface Row {
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
}

const SCHEMA = `
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
`;

const MAX_ERROR = 500;

/** Opens (creating if needed) the outbox at `path`; `:memory:` works for tests. */
export function openOutbox(path: string, options: OutboxOptions = {}): Outbox {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: 5_000 });
  db.exec('PRAGMA journal_mode = WAL');
  // FULL: the accept is on disk before the commenter sees a reference.
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(SCHEMA);
  const prefix = options.referencePrefix ?? 'BZ';
  const clock = options.now ?? (() => new Date());

  const q = {
    insert: db.prepare(
      `INSERT INTO comments (submission_id, submission, status, next_attempt_at, unverified, created_at)
       VALUES (?, ?, 'pending', ?, ?, ?) ON CONFLICT (submission_id) DO NOTHING`,
    ),
    setReference: db.prepare('UPDATE comments SET reference = ? WHERE seq = ?'),
    bySubmission: db.prepare('SELECT * FROM comments WHERE submission_id = ?'),
    due: db.prepare(
      `SELECT * FROM comments
       WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'dispatching' AND lease_until <= ?)
       ORDER BY seq LIMIT 1`,
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
    nextDue: db.prepare(`SELECT MIN(next_attempt_at) AS t FROM comments WHERE status = 'pending'`),
    filedSince: db.prepare('SELECT filed_at FROM comments WHERE filed_at >= ? ORDER BY filed_at'),
  };

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

  const one = (submissionId: string) => q.bySubmission.get(submissionId) as Row | undefined;

  function insertOne(submission: CommentSubmission, flags: AcceptFlags): { reference: string; duplicate: boolean } {
    const now = clock().getTime();
    const result = q.insert.run(submission.submissionId, JSON.stringify(submission), now, flags.unverified ? 1 : 0, now);
    if (result.changes === 1) {
      const seq = Number(result.lastInsertRowid);
      const reference = formatReference(prefix, new Date(now), seq);
      q.setReference.run(reference, seq);
      return { reference, duplicate: false };
    }
    return { reference: one(submission.submissionId)!.reference, duplicate: true };
  }

  interface Pending {
    submission: CommentSubmission;
    flags: AcceptFlags;
    resolve: (value: { reference: string; duplicate: boolean }) => void;
    reject: (error: unknown) => void;
  }
  let batch: Pending[] = [];
  function flushBatch(): void {
    const items = batch;
    batch = [];
    let results: { reference: string; duplicate: boolean }[];
    try {
      results = immediate(() => items.map((item) => insertOne(item.submission, item.flags)));
    } catch (error) {
      for (const item of items) item.reject(error);
      return;
    }
    items.forEach((item, i) => item.resolve(results[i]!));
  }

  return {
    path,
    referencePrefix: prefix,

    accept(submission, flags = {}) {
      return immediate(() => insertOne(submission, flags));
    },

    acceptSoon(submission, flags = {}) {
      return new Promise((resolve, reject) => {
        batch.push({ submission, flags, resolve, reject });
        if (batch.length === 1) setImmediate(flushBatch);
      });
    },

    get(submissionId) {
      const row = one(submissionId);
      return row ? toEntry(row) : null;
    },

    claimNext(now, leaseMs = DEFAULT_LEASE_MS) {
      return immediate(() => {
        const t = now.getTime();
        const row = q.due.get(t, t) as Row | undefined;
        if (!row) return null;
        q.claim.run(t + leaseMs, row.seq);
        return toEntry(q.bySubmission.get(row.submission_id) as unknown as Row);
      });
    },

    markFiled(submissionId, issue, now) {
      q.filed.run(issue.number, issue.url, now.getTime(), submissionId);
    },
    markRetry(submissionId, nextAt, error) {
      q.retry.run(nextAt.getTime(), clip(error), 0, submissionId);
    },
    markAmbiguous(submissionId, nextAt, error) {
      q.retry.run(nextAt.getTime(), clip(error), 1, submissionId);
    },
    markFailed(submissionId, error) {
      q.failed.run(clip(error), submissionId);
    },
    requeueFailed(now) {
      return Number(q.requeue.run(now.getTime()).changes);
    },

    list(options = {}) {
      const where = options.status ? 'WHERE status = ?' : '';
      const params: SQLInputValue[] = options.status ? [options.status] : [];
      const limit = options.limit ? ` LIMIT ${Math.max(1, Math.floor(options.limit))}` : '';
      const rows = db.prepare(`SELECT * FROM comments ${where} ORDER BY seq${limit}`).all(...params) as unknown as Row[];
      return rows.map(toEntry);
    },

    stats() {
      const counts = { pending: 0, dispatching: 0, filed: 0, failed: 0, total: 0 };
      for (const row of q.counts.all() as unknown as { status: OutboxStatus; n: number }[]) {
        counts[row.status] = row.n;
        counts.total += row.n;
      }
      const oldest = (q.oldestUnfiled.get() as { t: number | null }).t;
      return { ...counts, oldestUnfiledAt: oldest === null ? null : new Date(oldest) };
    },

    nextDueAt() {
      const t = (q.nextDue.get() as { t: number | null }).t;
      return t === null ? null : new Date(t);
    },

    filedSince(since) {
      return (q.filedSince.all(since.getTime()) as unknown as { filed_at: number }[]).map((r) => new Date(r.filed_at));
    },

    close() {
      if (db.isOpen) db.close();
    },
  };
}

/** `BZ-2026-000123`: prefix, year accepted (UTC), and the outbox's running number. */
export function formatReference(prefix: string, acceptedAt: Date, seq: number): string {
  return `${prefix}-${acceptedAt.getUTCFullYear()}-${String(seq).padStart(6, '0')}`;
}

function toEntry(row: Row): OutboxEntry {
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

function clip(error: string): string {
  const line = error.replace(/\s+/g, ' ').trim();
  return line.length > MAX_ERROR ? `${line.slice(0, MAX_ERROR - 1)}…` : line;
}

/** Where the outbox lives: `$CONSULTA_DATA_DIR/outbox.sqlite`, by default `var/outbox.sqlite`. Server and scripts agree on it. */
export function defaultOutboxPath(env: Record<string, string | undefined> = process.env): string {
  return join(env.CONSULTA_DATA_DIR || 'var', 'outbox.sqlite');
}
