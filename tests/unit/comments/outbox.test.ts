import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatReference, openOutbox, type Outbox } from '../../../src/lib/comments/outbox.ts';
import { validSubmission } from './helpers.ts';

const T0 = new Date('2026-12-01T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const id = (n: number) => `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`;

describe('outbox', () => {
  let dir: string;
  let path: string;
  let outbox: Outbox;
  let clock = T0;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consulta-outbox-'));
    path = join(dir, 'var', 'outbox.sqlite');
    clock = T0;
    outbox = openOutbox(path, { referencePrefix: 'BZ', now: () => clock });
  });
  afterEach(async () => {
    await outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores one comment per submission id and gives a repeat the same reference', async () => {
    const first = await outbox.accept(validSubmission({ submissionId: id(1) }));
    const again = await outbox.accept(validSubmission({ submissionId: id(1), comment: 'changed on retry' }));
    expect(first).toEqual({ reference: 'BZ-2026-000001', submissionId: id(1), duplicate: false });
    expect(again).toEqual({ reference: 'BZ-2026-000001', submissionId: id(1), duplicate: true });
    expect((await outbox.stats()).total).toBe(1);
    expect((await outbox.get(id(1)))!.submission.comment).toBe(validSubmission().comment);
  });

  it('numbers references in the order comments arrive', async () => {
    const refs: string[] = [];
    for (const n of [1, 2, 3]) refs.push((await outbox.accept(validSubmission({ submissionId: id(n) }))).reference);
    expect(refs).toEqual(['BZ-2026-000001', 'BZ-2026-000002', 'BZ-2026-000003']);
    expect(formatReference('BZ', new Date('2027-01-01T00:00:00Z'), 123)).toBe('BZ-2027-000123');
  });

  it('keeps comments across a close and reopen, in WAL mode', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }), { unverified: true });
    await outbox.close();
    const raw = new DatabaseSync(path);
    expect((raw.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    raw.close();
    outbox = openOutbox(path);
    const entry = (await outbox.get(id(1)))!;
    expect(entry).toMatchObject({ reference: 'BZ-2026-000001', status: 'pending', unverified: true, attempts: 0 });
    expect(entry.createdAt).toEqual(T0);
  });

  it('lets a second connection see an accepted comment at once', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }));
    expect(existsSync(`${path}-wal`)).toBe(true);
    const other = openOutbox(path);
    expect((await other.get(id(1)))?.status).toBe('pending');
    await other.close();
  });

  it('stores no address or e-mail column', async () => {
    const raw = new DatabaseSync(path);
    const columns = (raw.prepare('PRAGMA table_info(comments)').all() as { name: string }[]).map((c) => c.name);
    raw.close();
    expect(columns.join(' ')).not.toMatch(/ip|address|mail|agent/i);
  });

  it('hands out the oldest due comment, once, until its claim expires', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }));
    await outbox.accept(validSubmission({ submissionId: id(2) }));
    const other = openOutbox(path);
    const a = (await outbox.claimNext(at(1), 60_000))!;
    const b = (await other.claimNext(at(1), 60_000))!;
    expect([a.submissionId, b.submissionId]).toEqual([id(1), id(2)]);
    expect(a).toMatchObject({ status: 'dispatching', attempts: 1, needsLookup: false });
    expect(await outbox.claimNext(at(2), 60_000)).toBeNull();
    // The claimer died: after the lease the row comes back, and may already be on GitHub.
    const again = (await other.claimNext(at(62), 60_000))!;
    expect(again).toMatchObject({ submissionId: id(1), attempts: 2, needsLookup: true });
    await other.close();
  });

  it('waits until the retry time, and remembers that a create may have happened', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }));
    await outbox.claimNext(at(0));
    await outbox.markAmbiguous(id(1), at(30), 'no response: socket hang up');
    expect(await outbox.claimNext(at(29))).toBeNull();
    expect(await outbox.nextDueAt()).toEqual(at(30));
    const entry = (await outbox.claimNext(at(30)))!;
    expect(entry).toMatchObject({ needsLookup: true, lastError: 'no response: socket hang up', attempts: 2 });
    // A plain retry afterwards does not forget the possible issue.
    await outbox.markRetry(id(1), at(40), 'HTTP 403: secondary rate limit');
    expect((await outbox.claimNext(at(40)))!.needsLookup).toBe(true);
  });

  it('records the issue when filed and never hands the comment out again', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }));
    await outbox.claimNext(at(0));
    await outbox.markFiled(id(1), { number: 42, url: 'https://github.com/o/r/issues/42' }, at(1));
    await outbox.markRetry(id(1), at(2), 'late failure report');
    expect(await outbox.get(id(1))).toMatchObject({ status: 'filed', issueNumber: 42, issueUrl: 'https://github.com/o/r/issues/42', needsLookup: false });
    expect((await outbox.get(id(1)))!.lastError).toBeUndefined();
    expect(await outbox.claimNext(at(1000))).toBeNull();
    expect(await outbox.filedSince(at(0))).toEqual([at(1)]);
  });

  it('keeps refused comments as failed until a person puts them back', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }));
    await outbox.claimNext(at(0));
    await outbox.markFailed(id(1), 'HTTP 422: Validation Failed');
    expect(await outbox.claimNext(at(1000))).toBeNull();
    expect((await outbox.list({ status: 'failed' })).map((e) => e.reference)).toEqual(['BZ-2026-000001']);
    expect(await outbox.requeueFailed(at(5))).toBe(1);
    expect((await outbox.claimNext(at(5)))?.submissionId).toBe(id(1));
  });

  it('counts comments by status', async () => {
    for (const n of [1, 2, 3]) await outbox.accept(validSubmission({ submissionId: id(n) }));
    await outbox.claimNext(at(0));
    await outbox.markFiled(id(1), { number: 1, url: 'u' }, at(1));
    await outbox.claimNext(at(1));
    expect(await outbox.stats()).toEqual({ pending: 1, dispatching: 1, filed: 1, failed: 0, total: 3, oldestUnfiledAt: T0 });
    expect((await outbox.list()).map((e) => e.status)).toEqual(['filed', 'dispatching', 'pending']);
    expect(await outbox.list({ limit: 1 })).toHaveLength(1);
  });

  it('shortens a long error to one line', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }));
    await outbox.markRetry(id(1), at(1), `first line\nsecond ${'x'.repeat(1000)}`);
    const error = (await outbox.get(id(1)))!.lastError!;
    expect(error).not.toContain('\n');
    expect(error.length).toBeLessThanOrEqual(500);
  });
});

describe('group commit', () => {
  it('commits a burst of accepts in one transaction and gives each its own reference', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'outbox-batch-')), 'outbox.sqlite');
    const outbox = openOutbox(path);
    const base = { version: 'v0.2', section: 'governance', type: 'general', comment: 'x', sector: 'individual', publishName: false, channel: 'web', submittedAt: '2026-11-28T12:00:00.000Z' } as const;
    const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
    const results = await Promise.all([...ids, ids[0]!].map((submissionId) => outbox.acceptSoon({ ...base, submissionId })));
    expect(new Set(results.slice(0, 20).map((r) => r.reference)).size).toBe(20);
    expect(results[20]).toEqual({ ...results[0]!, duplicate: true });
    await outbox.close();
    // Another connection sees every one: they were committed before the promises resolved.
    const reopened = openOutbox(path);
    expect((await reopened.stats()).total).toBe(20);
    await reopened.close();
  });
});

describe('the outbox schema', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consulta-outbox-schema-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings an outbox written before the schema was versioned up to date, keeping its comments', async () => {
    const path = join(dir, 'outbox.sqlite');
    // The first schema, as an earlier Consulta wrote it, with one comment.
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE comments (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, submission_id TEXT NOT NULL UNIQUE, reference TEXT UNIQUE, submission TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'dispatching', 'filed', 'failed')), attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL, lease_until INTEGER, needs_lookup INTEGER NOT NULL DEFAULT 0, unverified INTEGER NOT NULL DEFAULT 0,
      issue_number INTEGER, issue_url TEXT, last_error TEXT, created_at INTEGER NOT NULL, filed_at INTEGER)`);
    old.prepare(`INSERT INTO comments (submission_id, reference, submission, status, next_attempt_at, created_at) VALUES (?, 'BZ-2026-000001', ?, 'pending', 0, 0)`).run(id(1), JSON.stringify(validSubmission({ submissionId: id(1) })));
    old.close();

    const outbox = openOutbox(path, { now: () => T0 });
    try {
      expect((await outbox.get(id(1)))?.reference).toBe('BZ-2026-000001');
      expect((await outbox.accept(validSubmission({ submissionId: id(2) }))).reference).toBe('BZ-2026-000002');
    } finally {
      await outbox.close();
    }
    const check = new DatabaseSync(path);
    expect((check.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(7);
    expect(check.prepare(`EXPLAIN QUERY PLAN SELECT filed_at FROM comments WHERE filed_at >= 0 ORDER BY filed_at`).all()).toEqual([
      expect.objectContaining({ detail: expect.stringMatching(/USING COVERING INDEX comments_filed/) as unknown }),
    ]);
    // The status page's place in line counts the waiting comments' index, never the whole table.
    expect(check.prepare(`EXPLAIN QUERY PLAN SELECT COUNT(*) AS n FROM comments WHERE status IN ('pending', 'dispatching') AND seq < 5`).all()).toEqual([
      expect.objectContaining({ detail: expect.stringMatching(/USING COVERING INDEX comments_waiting/) as unknown }),
    ]);
    check.close();
  });

  it('refuses an outbox from a newer Consulta rather than guess at its schema', async () => {
    const path = join(dir, 'outbox.sqlite');
    const newer = new DatabaseSync(path);
    newer.exec('PRAGMA user_version = 99');
    newer.close();
    expect(() => openOutbox(path)).toThrow(/newer Consulta \(schema 99/);
  });
});

describe('used challenges and pretend receipts', () => {
  let dir: string;
  let outbox: Outbox;
  let clock = T0;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consulta-outbox-guard-'));
    clock = T0;
    outbox = openOutbox(join(dir, 'outbox.sqlite'), { now: () => clock });
  });
  afterEach(async () => {
    await outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks a challenge used once, across a reopen, and forgets it when it expires', async () => {
    expect(await outbox.markChallengeUsed('nonce-1', at(1200))).toBe(true);
    expect(await outbox.markChallengeUsed('nonce-1', at(1200))).toBe(false);
    await outbox.close();
    outbox = openOutbox(join(dir, 'outbox.sqlite'), { now: () => clock });
    expect(await outbox.markChallengeUsed('nonce-1', at(1200))).toBe(false);
    expect(await outbox.purgeExpired(at(1201))).toBe(1);
    expect(await outbox.markChallengeUsed('nonce-1', at(2400))).toBe(true);
  });

  it('gives a pretend comment the next reference of the real sequence, and its receipt for 30 days', async () => {
    const decoy = await outbox.recordDecoy({ submissionId: id(9), version: 'v0.2', section: 'governance', unverified: true });
    expect(decoy.reference).toBe('BZ-2026-000001');
    expect((await outbox.accept(validSubmission({ submissionId: id(1) }))).reference).toBe('BZ-2026-000002');
    expect((await outbox.recordDecoy({ submissionId: id(10), version: 'v0.2', section: 'governance', unverified: false })).reference).toBe('BZ-2026-000003');
    expect(await outbox.getDecoy(id(9))).toMatchObject({ reference: 'BZ-2026-000001', section: 'governance' });
    expect((await outbox.stats()).total).toBe(1);
    clock = at(31 * 24 * 3600);
    expect(await outbox.getDecoy(id(9))).toBeNull();
    expect(await outbox.purgeExpired(clock)).toBe(2);
  });

  it('finds the same form sent again by its key, only within the window given', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }), { resubmission: { key: 'k1', since: at(-1800) } });
    const again = await outbox.accept(validSubmission({ submissionId: id(2) }), { resubmission: { key: 'k1', since: at(-1800) } });
    expect(again).toEqual({ reference: 'BZ-2026-000001', submissionId: id(1), duplicate: true });
    clock = at(1801);
    expect(await outbox.findResubmission('k1', at(1))).toBeNull();
    expect((await outbox.findResubmission('k1', at(-1)))?.submissionId).toBe(id(1));
  });
});

describe('contacts, notices and unreadable messages', () => {
  let dir: string;
  let path: string;
  let outbox: Outbox;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consulta-outbox-contacts-'));
    path = join(dir, 'outbox.sqlite');
    outbox = openOutbox(path, { now: () => T0 });
  });
  afterEach(async () => {
    await outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a notify address beside the comment, never in it, and hashes every contact address', async () => {
    const web = await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: ' Ana@Example.org ', notify: { language: 'es' } } });
    const mail = await outbox.accept(validSubmission({ submissionId: id(2), channel: 'email', version: 'v0.1' }), { contact: { address: 'delroy@example.org' } });
    await outbox.accept(validSubmission({ submissionId: id(3) }));
    expect(await outbox.notifyRequests('v0.2')).toEqual([
      { submissionId: id(1), reference: web.reference, version: 'v0.2', section: 'governance', address: 'Ana@Example.org', language: 'es' },
    ]);
    expect(await outbox.notifyRequests('v0.1')).toEqual([]);
    // Reminders ask by address and version, in any case.
    expect(await outbox.commentedFrom('ana@example.org', 'v0.2')).toBe(true);
    expect(await outbox.commentedFrom('DELROY@example.org', 'v0.1')).toBe(true);
    expect(await outbox.commentedFrom('delroy@example.org', 'v0.2')).toBe(false);
    expect(await outbox.commentedFrom('someone@example.org', 'v0.2')).toBe(false);
    expect(JSON.stringify(await outbox.list())).not.toMatch(/example\.org/i);
    expect(mail.duplicate).toBe(false);

    // On disk: the address only in notify_addresses, hashes that are not the address, and nothing in the comments.
    const db = new DatabaseSync(path);
    try {
      const comments = db.prepare('SELECT * FROM comments').all();
      expect(JSON.stringify(comments)).not.toMatch(/example\.org/i);
      const hashes = db.prepare('SELECT address_hash FROM contact_hashes ORDER BY submission_id').all() as { address_hash: string }[];
      expect(hashes).toHaveLength(2);
      for (const { address_hash } of hashes) expect(address_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(db.prepare('SELECT address FROM notify_addresses').all()).toEqual([{ address: 'Ana@Example.org' }]);
    } finally {
      db.close();
    }
  });

  it('hashes addresses with a key of its own, so two outboxes give different hashes', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'ana@example.org' } });
    const other = openOutbox(join(dir, 'other.sqlite'), { now: () => T0 });
    await other.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'ana@example.org' } });
    await other.close();
    const hash = (file: string) => {
      const db = new DatabaseSync(join(dir, file));
      try {
        return (db.prepare('SELECT address_hash FROM contact_hashes').get() as { address_hash: string }).address_hash;
      } finally {
        db.close();
      }
    };
    expect(hash('outbox.sqlite')).not.toBe(hash('other.sqlite'));
  });

  it('keeps nothing of a repeat, and forgets an address once told or when its version is adopted', async () => {
    await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'ana@example.org', notify: { language: 'en' } } });
    await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'other@example.org', notify: { language: 'en' } } });
    await outbox.accept(validSubmission({ submissionId: id(2) }), { contact: { address: 'ben@example.org', notify: { language: 'en' } } });
    await outbox.accept(validSubmission({ submissionId: id(3), version: 'v0.1' }), { contact: { address: 'cy@example.org', notify: { language: 'en' } } });
    expect((await outbox.notifyRequests('v0.2')).map((r) => r.address)).toEqual(['ana@example.org', 'ben@example.org']);
    await outbox.forgetNotifyAddress(id(1));
    expect((await outbox.notifyRequests('v0.2')).map((r) => r.address)).toEqual(['ben@example.org']);
    // The hash stays until the version is adopted: reminders still skip Ana.
    expect(await outbox.commentedFrom('ana@example.org', 'v0.2')).toBe(true);
    expect(await outbox.forgetContacts([])).toBe(0);
    expect(await outbox.forgetContacts(['v0.1'])).toBe(2);
    expect(await outbox.notifyRequests('v0.1')).toEqual([]);
    expect(await outbox.commentedFrom('cy@example.org', 'v0.1')).toBe(false);
    expect(await outbox.notifyRequests('v0.2')).toHaveLength(1);
  });

  it('finds a comment by its reference, with its issue once filed, and a honeypot receipt too', async () => {
    const { reference } = await outbox.accept(validSubmission({ submissionId: id(1) }));
    expect(await outbox.findReference(reference)).toEqual({ reference, version: 'v0.2', section: 'governance', status: 'pending' });
    await outbox.markFiled(id(1), { number: 12, url: 'https://github.com/o/r/issues/12' }, T0);
    expect(await outbox.findReference(reference)).toEqual({ reference, version: 'v0.2', section: 'governance', status: 'filed', issueNumber: 12, issueUrl: 'https://github.com/o/r/issues/12' });
    const decoy = await outbox.recordDecoy({ submissionId: id(2), version: 'v0.2', section: 'funding', unverified: true });
    expect(await outbox.findReference(decoy.reference)).toEqual({ reference: decoy.reference, version: 'v0.2', section: 'funding', status: 'pending' });
    expect(await outbox.findReference('BZ-2026-999999')).toBeNull();
  });

  it('records an unreadable message once, counting each time it is seen again', async () => {
    const message = { key: '<auto@example.org>', reason: 'auto-reply', detail: 'Auto-Submitted: auto-replied', subject: 'Out of office', receivedAt: T0, attachments: [] };
    expect(await outbox.recordUnreadable(message, T0)).toBe(true);
    expect(await outbox.recordUnreadable(message, at(60))).toBe(false);
    expect(await outbox.recordUnreadable({ key: 'sha256:ab', reason: 'attachment-only', detail: 'no text besides 1 attachment: a.pdf', attachments: ['a.pdf'] }, at(30))).toBe(true);
    expect(await outbox.listUnreadable()).toEqual([
      { ...message, firstSeenAt: T0, lastSeenAt: at(60), timesSeen: 2 },
      { key: 'sha256:ab', reason: 'attachment-only', detail: 'no text besides 1 attachment: a.pdf', attachments: ['a.pdf'], firstSeenAt: at(30), lastSeenAt: at(30), timesSeen: 1 },
    ]);
  });
});
