/**
 * The PostgreSQL outbox against a real PostgreSQL (tests/postgres/server.ts).
 *
 * `behavesLikeTheOutbox` is what every outbox must do, whatever it is stored
 * in: it takes a way to make an empty store and open outboxes on it, and
 * runs against SQLite too, so the two engines are held to one behaviour. The
 * rest is what only a shared database is for: several servers, each with its
 * own pool, at the same time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DECOY_LIFETIME_MS, openOutbox, type Outbox, type OutboxOptions } from '../../../src/lib/comments/outbox.ts';
import { openPostgresOutbox, type PostgresOutbox } from '../../../src/lib/comments/outbox-postgres.ts';
import { startPostgres, type Postgres } from '../../postgres/server.ts';
import { validSubmission } from '../../unit/comments/helpers.ts';

const T0 = new Date('2026-12-01T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const id = (n: number) => `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`;
const numberOf = (reference: string) => Number(reference.slice(reference.lastIndexOf('-') + 1));

/** Opens an outbox on one store; call it again for a second connection (another server) or a reopen. */
type OpenOutbox = (options?: OutboxOptions) => Promise<Outbox>;
/** Makes an empty store and gives the way to open outboxes on it. */
type FreshStore = () => Promise<OpenOutbox>;

function behavesLikeTheOutbox(fresh: FreshStore) {
  let open: OpenOutbox;
  let outbox: Outbox;
  let clock = T0;
  const options = () => ({ referencePrefix: 'BZ', now: () => clock });

  beforeEach(async () => {
    clock = T0;
    open = await fresh();
    outbox = await open(options());
  });

  describe('comments and their life', () => {
    it('stores one comment per submission id and gives a repeat the same reference', async () => {
      const first = await outbox.accept(validSubmission({ submissionId: id(1) }));
      const again = await outbox.accept(validSubmission({ submissionId: id(1), comment: 'changed on retry' }));
      expect(first).toEqual({ reference: 'BZ-2026-000001', submissionId: id(1), duplicate: false });
      expect(again).toEqual({ reference: 'BZ-2026-000001', submissionId: id(1), duplicate: true });
      expect((await outbox.stats()).total).toBe(1);
      expect((await outbox.get(id(1)))!.submission.comment).toBe(validSubmission().comment);
      expect(await outbox.get(id(2))).toBeNull();
    });

    it('numbers references in the order comments arrive', async () => {
      const refs = [];
      for (const n of [1, 2, 3]) refs.push((await outbox.accept(validSubmission({ submissionId: id(n) }))).reference);
      expect(refs).toEqual(['BZ-2026-000001', 'BZ-2026-000002', 'BZ-2026-000003']);
    });

    it('commits a burst of acceptSoon and gives each its own reference', async () => {
      const ids = Array.from({ length: 20 }, (_, n) => id(100 + n));
      const results = await Promise.all([...ids, ids[0]!].map((submissionId) => outbox.acceptSoon(validSubmission({ submissionId }))));
      expect(new Set(results.slice(0, 20).map((r) => r.reference)).size).toBe(20);
      expect(results[20]).toEqual({ ...results[0]!, duplicate: true });
      const other = await open();
      expect((await other.stats()).total).toBe(20);
    });

    it('keeps comments across a close and reopen, and shows them to another connection at once', async () => {
      await outbox.accept(validSubmission({ submissionId: id(1) }), { unverified: true });
      const other = await open();
      expect((await other.get(id(1)))?.status).toBe('pending');
      await outbox.close();
      outbox = await open();
      const entry = (await outbox.get(id(1)))!;
      expect(entry).toMatchObject({ reference: 'BZ-2026-000001', status: 'pending', unverified: true, attempts: 0, needsLookup: false });
      expect(entry.createdAt).toEqual(T0);
      expect(entry.nextAttemptAt).toEqual(T0);
    });

    it('hands out the oldest due comment, once, until its claim expires', async () => {
      await outbox.accept(validSubmission({ submissionId: id(1) }));
      await outbox.accept(validSubmission({ submissionId: id(2) }));
      const other = await open();
      const a = (await outbox.claimNext(at(1), 60_000))!;
      const b = (await other.claimNext(at(1), 60_000))!;
      expect([a.submissionId, b.submissionId]).toEqual([id(1), id(2)]);
      expect(a).toMatchObject({ status: 'dispatching', attempts: 1, needsLookup: false });
      expect(await outbox.claimNext(at(2), 60_000)).toBeNull();
      // The claimer died: after the lease the row comes back, and may already be on GitHub.
      const again = (await other.claimNext(at(62), 60_000))!;
      expect(again).toMatchObject({ submissionId: id(1), status: 'dispatching', attempts: 2, needsLookup: true });
    });

    it('claims a batch of one section’s due comments, oldest first, once, passing over lookups and other sections', async () => {
      const governance = (n: number) => validSubmission({ submissionId: id(n) });
      await outbox.accept(governance(1));
      await outbox.accept(validSubmission({ submissionId: id(2), section: 'workforce', paragraph: undefined }));
      await outbox.accept(governance(3));
      await outbox.accept(validSubmission({ submissionId: id(4), version: 'v0.1' }));
      await outbox.accept(governance(5), { unverified: true });
      await outbox.accept(governance(6));
      await outbox.accept(governance(7));
      await outbox.accept(governance(8));
      // 6 may already be on GitHub; 7 waits for a retry; 2, 4 and 5 are being filed.
      for (let n = 1; n <= 7; n++) expect((await outbox.claimNext(at(0)))!.submissionId).toBe(id(n));
      await outbox.markAmbiguous(id(6), at(0), 'no response');
      await outbox.markRetry(id(7), at(100), 'HTTP 502');
      for (const n of [1, 3]) await outbox.markRetry(id(n), at(0), 'back in line');

      const first = (await outbox.claimNext(at(1), 60_000))!;
      expect(first.submissionId).toBe(id(1));
      const other = await open();
      const batch = await other.claimBatch(first, at(1), 60_000, 10);
      expect(batch.map((e) => e.submissionId)).toEqual([id(3), id(8)]);
      expect(batch[0]).toMatchObject({ status: 'dispatching', attempts: 2, needsLookup: false });
      expect(await outbox.claimBatch(first, at(1), 60_000, 10)).toEqual([]);
      // The unverified one goes in a batch of its own kind; the size is a bound.
      const unverified = (await outbox.get(id(5)))!;
      await outbox.markRetry(id(5), at(0), 'back in line');
      expect((await outbox.claimBatch(unverified, at(2), 60_000, 10)).map((e) => e.submissionId)).toEqual([id(5)]);
      await outbox.markRetry(id(7), at(2), 'due now');
      await outbox.markRetry(id(3), at(2), 'back in line');
      expect((await outbox.claimBatch(first, at(2), 60_000, 1)).map((e) => e.submissionId)).toEqual([id(3)]);
      expect(await outbox.claimBatch(first, at(2), 60_000, 0)).toEqual([]);
    });

    it('counts a batch as one create in the times filed, for the pace', async () => {
      for (const n of [1, 2, 3, 4]) await outbox.accept(validSubmission({ submissionId: id(n) }));
      const batch = { number: 7, url: 'https://github.com/o/r/issues/7' };
      for (const n of [1, 2, 3]) await outbox.markFiled(id(n), batch, at(10 + n));
      await outbox.markFiled(id(4), { number: 8, url: 'https://github.com/o/r/issues/8' }, at(20));
      expect(await outbox.filedSince(at(0))).toEqual([at(11), at(20)]);
      expect(await outbox.filedSince(at(12))).toEqual([at(12), at(20)]);
    });

    it('claims the comments that may already be on GitHub together, and puts back those a lookup did not find', async () => {
      for (const n of [1, 2, 3, 4, 5]) await outbox.accept(validSubmission({ submissionId: id(n), section: n === 4 ? 'workforce' : 'governance', paragraph: undefined }));
      for (const n of [1, 2, 3, 4]) expect((await outbox.claimNext(at(0), 60_000))!.submissionId).toBe(id(n));
      await outbox.markAmbiguous(id(2), at(10), 'no response');
      await outbox.markRetry(id(3), at(0), 'HTTP 403: secondary rate limit');
      // 2 may be on GitHub (its retry, at 10, need not be due for a lookup); 1 and 4 were claimed by a
      // filer whose claim runs out at 60; 3 and 5 need no lookup.
      expect((await outbox.claimUncertain(at(5), 60_000, 10)).map((e) => e.submissionId)).toEqual([id(2)]);
      expect(await outbox.claimUncertain(at(10), 60_000, 10)).toEqual([]);
      const other = await open();
      const settled = await other.claimUncertain(at(71), 60_000, 10);
      expect(settled.map((e) => [e.submissionId, e.needsLookup, e.status])).toEqual([id(1), id(2), id(4)].map((s) => [s, true, 'dispatching']));
      expect(await outbox.claimUncertain(at(71), 60_000, 10)).toEqual([]);
      expect((await other.claimUncertain(at(200), 60_000, 1)).map((e) => e.submissionId)).toEqual([id(1)]);
      // The lookup found 4 on GitHub and the others nowhere: those are due at once, with no lookup.
      await outbox.markFiled(id(4), { number: 4, url: 'https://github.com/o/r/issues/4' }, at(72));
      await outbox.markLookedUp([id(1), id(2), id(4)], at(72));
      expect(await outbox.get(id(4))).toMatchObject({ status: 'filed', issueNumber: 4 });
      expect(await outbox.get(id(2))).toMatchObject({ status: 'pending', needsLookup: false, nextAttemptAt: at(72) });
      expect((await outbox.claimNext(at(72)))!).toMatchObject({ submissionId: id(1), needsLookup: false });
      expect(await outbox.claimUncertain(at(100), 60_000, 10)).toEqual([]);
    });

    it('waits until the retry time, and remembers that a create may have happened', async () => {
      await outbox.accept(validSubmission({ submissionId: id(1) }));
      await outbox.claimNext(at(0));
      await outbox.markAmbiguous(id(1), at(30), 'no response: socket hang up');
      expect(await outbox.claimNext(at(29))).toBeNull();
      expect(await outbox.nextDueAt()).toEqual(at(30));
      const entry = (await outbox.claimNext(at(30), 60_000))!;
      expect(entry).toMatchObject({ needsLookup: true, lastError: 'no response: socket hang up', attempts: 2 });
      // Being filed, it is due again only if its claim runs out (its filer died).
      expect(await outbox.nextDueAt()).toEqual(at(90));
      // A plain retry afterwards does not forget the possible issue.
      await outbox.markRetry(id(1), at(40), 'HTTP 403: secondary rate limit');
      expect((await outbox.claimNext(at(40)))!.needsLookup).toBe(true);
    });

    it('says when the next comment is due: a retry, or a claim running out, whichever comes first', async () => {
      for (const n of [1, 2]) await outbox.accept(validSubmission({ submissionId: id(n) }));
      await outbox.claimNext(at(0));
      await outbox.markRetry(id(1), at(40), 'HTTP 502');
      await outbox.claimNext(at(0), 60_000);
      expect(await outbox.nextDueAt()).toEqual(at(40));
      await outbox.markFiled(id(1), { number: 1, url: 'https://github.com/o/r/issues/1' }, at(1));
      expect(await outbox.nextDueAt()).toEqual(at(60));
      await outbox.markFiled(id(2), { number: 2, url: 'https://github.com/o/r/issues/2' }, at(2));
      expect(await outbox.nextDueAt()).toBeNull();
    });

    it('records the issue when filed and never hands the comment out again', async () => {
      await outbox.accept(validSubmission({ submissionId: id(1) }));
      await outbox.accept(validSubmission({ submissionId: id(2) }));
      await outbox.claimNext(at(0));
      await outbox.markFiled(id(1), { number: 42, url: 'https://github.com/o/r/issues/42' }, at(1));
      await outbox.markRetry(id(1), at(2), 'late failure report');
      await outbox.markFailed(id(1), 'late refusal');
      const filed = (await outbox.get(id(1)))!;
      expect(filed).toMatchObject({ status: 'filed', issueNumber: 42, issueUrl: 'https://github.com/o/r/issues/42', needsLookup: false, filedAt: at(1) });
      expect(filed.lastError).toBeUndefined();
      expect((await outbox.claimNext(at(1000)))?.submissionId).toBe(id(2));
      expect(await outbox.claimNext(at(1000))).toBeNull();
      expect(await outbox.filedSince(at(0))).toEqual([at(1)]);
      expect(await outbox.filedSince(at(2))).toEqual([]);
    });

    it('keeps refused comments as failed until a person puts them back', async () => {
      await outbox.accept(validSubmission({ submissionId: id(1) }));
      await outbox.claimNext(at(0));
      await outbox.markFailed(id(1), 'HTTP 422: Validation Failed');
      expect(await outbox.claimNext(at(1000))).toBeNull();
      expect((await outbox.list({ status: 'failed' })).map((e) => [e.reference, e.lastError])).toEqual([['BZ-2026-000001', 'HTTP 422: Validation Failed']]);
      expect(await outbox.requeueFailed(at(5))).toBe(1);
      expect(await outbox.requeueFailed(at(5))).toBe(0);
      expect((await outbox.claimNext(at(5)))?.submissionId).toBe(id(1));
    });

    it('counts comments by status, and lists them oldest first', async () => {
      expect(await outbox.stats()).toEqual({ pending: 0, dispatching: 0, filed: 0, failed: 0, total: 0, oldestUnfiledAt: null });
      for (const n of [1, 2, 3]) {
        clock = at(n);
        await outbox.accept(validSubmission({ submissionId: id(n) }));
      }
      await outbox.claimNext(at(10));
      await outbox.markFiled(id(1), { number: 1, url: 'u' }, at(11));
      await outbox.claimNext(at(11));
      expect(await outbox.stats()).toEqual({ pending: 1, dispatching: 1, filed: 1, failed: 0, total: 3, oldestUnfiledAt: at(2) });
      expect((await outbox.list()).map((e) => e.status)).toEqual(['filed', 'dispatching', 'pending']);
      expect((await outbox.list({ limit: 1 })).map((e) => e.submissionId)).toEqual([id(1)]);
      expect((await outbox.list({ status: 'pending' })).map((e) => e.submissionId)).toEqual([id(3)]);
    });

    it('counts the comments waiting ahead of a reference, pretend ones given the place their number has', async () => {
      const refs: string[] = [];
      for (const n of [1, 2, 3, 4]) refs.push((await outbox.accept(validSubmission({ submissionId: id(n) }))).reference);
      const decoy = await outbox.recordDecoy({ submissionId: id(5), version: 'v0.2', section: 'governance', unverified: false });
      const last = (await outbox.accept(validSubmission({ submissionId: id(6) }))).reference;
      expect(await outbox.waitingBefore(refs[0]!)).toBe(0);
      expect(await outbox.waitingBefore(refs[3]!)).toBe(3);
      // Being filed still counts: it is not on GitHub yet.
      expect((await outbox.claimNext(at(1)))?.submissionId).toBe(id(1));
      expect(await outbox.waitingBefore(refs[3]!)).toBe(3);
      await outbox.markFiled(id(1), { number: 1, url: 'u' }, at(2));
      await outbox.markFailed(id(2), 'refused');
      expect(await outbox.waitingBefore(refs[3]!)).toBe(1);
      expect(await outbox.waitingBefore(decoy.reference)).toBe(2);
      expect(await outbox.waitingBefore(last)).toBe(2);
      expect(await outbox.waitingBefore('BZ-2026-999999')).toBe(3);
      expect(await outbox.waitingBefore(refs[0]!)).toBe(0);
      await expect(outbox.waitingBefore('BZ-2026-')).rejects.toThrow(/not an outbox reference/);
    });

    it('shortens a long error to one line', async () => {
      await outbox.accept(validSubmission({ submissionId: id(1) }));
      await outbox.markRetry(id(1), at(1), `first line\nsecond ${'x'.repeat(1000)}`);
      const error = (await outbox.get(id(1)))!.lastError!;
      expect(error).not.toContain('\n');
      expect(error.length).toBeLessThanOrEqual(500);
    });
  });

  describe('used challenges, pretend receipts and resubmissions', () => {
    it('marks a challenge used once, across a reopen, and forgets it when it expires', async () => {
      expect(await outbox.markChallengeUsed('nonce-1', at(1200))).toBe(true);
      expect(await outbox.markChallengeUsed('nonce-1', at(1200))).toBe(false);
      await outbox.close();
      outbox = await open(options());
      expect(await outbox.markChallengeUsed('nonce-1', at(1200))).toBe(false);
      expect(await outbox.purgeExpired(at(1200))).toBe(0);
      expect(await outbox.purgeExpired(at(1201))).toBe(1);
      expect(await outbox.markChallengeUsed('nonce-1', at(2400))).toBe(true);
    });

    it('gives a pretend comment the next reference of the real sequence, and its receipt for 30 days', async () => {
      const decoy = await outbox.recordDecoy({ submissionId: id(9), version: 'v0.2', section: 'governance', unverified: true });
      expect(decoy).toEqual({ reference: 'BZ-2026-000001', submissionId: id(9), version: 'v0.2', section: 'governance', unverified: true, createdAt: T0 });
      expect((await outbox.accept(validSubmission({ submissionId: id(1) }))).reference).toBe('BZ-2026-000002');
      expect((await outbox.recordDecoy({ submissionId: id(10), version: 'v0.2', section: 'governance', unverified: false })).reference).toBe('BZ-2026-000003');
      expect(await outbox.getDecoy(id(9))).toMatchObject({ reference: 'BZ-2026-000001', section: 'governance', unverified: true });
      expect(await outbox.getDecoy(id(1))).toBeNull();
      expect((await outbox.stats()).total).toBe(1);
      clock = new Date(T0.getTime() + DECOY_LIFETIME_MS + 24 * 3600_000);
      expect(await outbox.getDecoy(id(9))).toBeNull();
      expect(await outbox.findReference('BZ-2026-000001')).toBeNull();
      expect(await outbox.purgeExpired(clock)).toBe(2);
    });

    it('finds the same form sent again by its key, only within the window given', async () => {
      await outbox.accept(validSubmission({ submissionId: id(1) }), { resubmission: { key: 'k1', since: at(-1800) } });
      const again = await outbox.accept(validSubmission({ submissionId: id(2) }), { resubmission: { key: 'k1', since: at(-1800) } });
      expect(again).toEqual({ reference: 'BZ-2026-000001', submissionId: id(1), duplicate: true });
      expect((await outbox.stats()).total).toBe(1);
      clock = at(1801);
      expect(await outbox.findResubmission('k1', at(1))).toBeNull();
      expect((await outbox.findResubmission('k1', at(-1)))?.submissionId).toBe(id(1));
      // Outside the window the same form is a new comment, with the next number.
      expect((await outbox.accept(validSubmission({ submissionId: id(3) }), { resubmission: { key: 'k1', since: at(1) } })).reference).toBe('BZ-2026-000002');
    });
  });

  describe('contacts, notices and unreadable messages', () => {
    it('keeps a notify address beside the comment, never in it, and answers by address and version', async () => {
      const web = await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: ' Ana@Example.org ', notify: { language: 'es' } } });
      const mail = await outbox.accept(validSubmission({ submissionId: id(2), channel: 'email', version: 'v0.1' }), { contact: { address: 'delroy@example.org' } });
      await outbox.accept(validSubmission({ submissionId: id(3) }));
      expect(await outbox.notifyRequests('v0.2')).toEqual([
        { submissionId: id(1), reference: web.reference, version: 'v0.2', section: 'governance', address: 'Ana@Example.org', language: 'es' },
      ]);
      expect(await outbox.notifyRequests('v0.1')).toEqual([]);
      expect(await outbox.commentedFrom('ana@example.org', 'v0.2')).toBe(true);
      expect(await outbox.commentedFrom('DELROY@example.org', 'v0.1')).toBe(true);
      expect(await outbox.commentedFrom('delroy@example.org', 'v0.2')).toBe(false);
      expect(await outbox.commentedFrom('someone@example.org', 'v0.2')).toBe(false);
      expect(JSON.stringify(await outbox.list())).not.toMatch(/example\.org/i);
      expect(mail.duplicate).toBe(false);
      // Once filed, the notice knows its issue; another server hashes with the same key.
      await outbox.markFiled(id(1), { number: 7, url: 'https://github.com/o/r/issues/7' }, at(1));
      expect((await outbox.notifyRequests('v0.2'))[0]).toMatchObject({ issueNumber: 7 });
      expect(await (await open()).commentedFrom('ana@example.org', 'v0.2')).toBe(true);
    });

    it('keeps nothing of a repeat, and forgets an address once told or when its version is adopted', async () => {
      await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'ana@example.org', notify: { language: 'en' } } });
      await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'other@example.org', notify: { language: 'en' } } });
      await outbox.accept(validSubmission({ submissionId: id(2) }), { contact: { address: 'ben@example.org', notify: { language: 'en' } } });
      await outbox.accept(validSubmission({ submissionId: id(3), version: 'v0.1' }), { contact: { address: 'cy@example.org', notify: { language: 'en' } } });
      expect((await outbox.notifyRequests('v0.2')).map((r) => r.address)).toEqual(['ana@example.org', 'ben@example.org']);
      expect(await outbox.commentedFrom('other@example.org', 'v0.2')).toBe(false);
      await outbox.forgetNotifyAddress(id(1));
      expect((await outbox.notifyRequests('v0.2')).map((r) => r.address)).toEqual(['ben@example.org']);
      // The hash stays until the version is adopted: reminders still skip Ana.
      expect(await outbox.commentedFrom('ana@example.org', 'v0.2')).toBe(true);
      expect(await outbox.forgetContacts([])).toBe(0);
      expect(await outbox.forgetContacts(['v0.1'])).toBe(2);
      expect(await outbox.notifyRequests('v0.1')).toEqual([]);
      expect(await outbox.commentedFrom('cy@example.org', 'v0.1')).toBe(false);
      expect(await outbox.notifyRequests('v0.2')).toHaveLength(1);
      expect(await outbox.forgetContacts(['v0.1', 'v0.2'])).toBe(3);
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
      // Seen first at the same time: by key, byte by byte ('B' before 'a').
      expect(await outbox.recordUnreadable({ key: 'B', reason: 'bounce', detail: 'x', attachments: [] }, at(30))).toBe(true);
      expect(await outbox.listUnreadable()).toEqual([
        { ...message, firstSeenAt: T0, lastSeenAt: at(60), timesSeen: 2 },
        { key: 'B', reason: 'bounce', detail: 'x', attachments: [], firstSeenAt: at(30), lastSeenAt: at(30), timesSeen: 1 },
        { key: 'sha256:ab', reason: 'attachment-only', detail: 'no text besides 1 attachment: a.pdf', attachments: ['a.pdf'], firstSeenAt: at(30), lastSeenAt: at(30), timesSeen: 1 },
      ]);
    });
  });

  describe('the filing lane', () => {
    const a = { id: 'server-a', label: 'the server (pid 1 on web-1)' };
    const b = { id: 'server-b', label: 'the server (pid 2 on web-2)' };

    it('belongs to one holder until its lease runs out, and a late release does not free the next holder', async () => {
      const other = await open();
      expect(await outbox.laneHolder(at(0))).toBeNull();
      expect(await outbox.holdLane(a, at(0), 60_000)).toEqual({ held: true });
      expect(await other.holdLane(b, at(1), 60_000)).toEqual({ held: false, by: a, until: at(60) });
      // A renews, then stops renewing (it died, or hangs).
      expect(await outbox.holdLane(a, at(30), 60_000)).toEqual({ held: true });
      expect(await other.holdLane(b, at(89), 60_000)).toEqual({ held: false, by: a, until: at(90) });
      expect(await other.laneHolder(at(89))).toEqual({ ...a, until: at(90) });
      expect(await other.laneHolder(at(90))).toBeNull();
      expect(await other.holdLane(b, at(90), 60_000)).toEqual({ held: true });
      expect(await outbox.holdLane(a, at(91), 60_000)).toEqual({ held: false, by: b, until: at(150) });
      await outbox.releaseLane(a.id);
      expect(await outbox.laneHolder(at(91))).toEqual({ ...b, until: at(150) });
      await other.releaseLane(b.id);
      expect(await outbox.laneHolder(at(91))).toBeNull();
      expect(await outbox.holdLane(a, at(92), 60_000)).toEqual({ held: true });
    });
  });
}

describe('on SQLite', () => {
  const dirs: string[] = [];
  const opened: Outbox[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((outbox) => outbox.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  behavesLikeTheOutbox(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consulta-outbox-contract-'));
    dirs.push(dir);
    return async (options) => {
      const outbox = openOutbox(join(dir, 'outbox.sqlite'), options);
      opened.push(outbox);
      return outbox;
    };
  });
});

describe('on PostgreSQL', () => {
  let server: Postgres;
  let databases = 0;
  const opened: Outbox[] = [];

  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((outbox) => outbox.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const database = () => server.createDatabase(`outbox_${++databases}`);
  async function openOn(url: string, options: Parameters<typeof openPostgresOutbox>[1] = {}): Promise<PostgresOutbox> {
    const outbox = await openPostgresOutbox(url, options);
    opened.push(outbox);
    return outbox;
  }

  behavesLikeTheOutbox(async () => {
    const url = await database();
    return (options) => openOn(url, options);
  });

  describe('shared by several servers', () => {
    it('is migrated once when three servers open a fresh database at the same moment, and all three use one contact key', async () => {
      const url = await database();
      const [a, b, c] = await Promise.all([openOn(url), openOn(url), openOn(url)]);
      const steps = await a.pool.query<{ step: number }>('SELECT step FROM consulta_schema_migrations ORDER BY step');
      expect(steps.rows).toEqual([{ step: 1 }, { step: 2 }, { step: 3 }]);
      expect((await a.pool.query('SELECT value FROM outbox_keys')).rows).toHaveLength(1);
      await a.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'ana@example.org' } });
      expect([await b.commentedFrom('ana@example.org', 'v0.2'), await c.commentedFrom('ana@example.org', 'v0.2')]).toEqual([true, true]);
      // A fourth server, later, finds it done.
      const d = await openOn(url);
      expect((await d.pool.query('SELECT count(*) AS n FROM consulta_schema_migrations')).rows).toEqual([{ n: 3 }]);
    });

    it('brings a database set up by the first schema up to date, and counts a place in line from an index', async () => {
      const url = await database();
      const first = await openOn(url);
      await first.accept(validSubmission({ submissionId: id(1) }));
      // As the first PostgreSQL Consulta left it: one step, no index of waiting comments.
      await first.pool.query('DROP INDEX comments_waiting');
      await first.pool.query('DROP INDEX comments_batch');
      await first.pool.query('DELETE FROM consulta_schema_migrations WHERE step >= 2');
      const later = await openOn(url);
      expect((await later.pool.query('SELECT step FROM consulta_schema_migrations ORDER BY step')).rows).toEqual([{ step: 1 }, { step: 2 }, { step: 3 }]);
      expect(await later.waitingBefore('BZ-2026-000002')).toBe(1);
      const client = await later.pool.connect();
      try {
        // A test table is too small for the planner to prefer an index on its own.
        await client.query('SET enable_seqscan = off');
        const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT COUNT(*) AS n FROM comments WHERE status IN ('pending', 'dispatching') AND seq < 5`);
        expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/comments_waiting/);
      } finally {
        client.release();
      }
    });

    it('refuses a database set up by a newer Consulta rather than guess at its schema', async () => {
      const url = await database();
      const first = await openOn(url);
      await first.pool.query('INSERT INTO consulta_schema_migrations (step) VALUES (99)');
      await expect(openPostgresOutbox(url)).rejects.toThrow(/newer Consulta \(schema step 99; this one knows steps 1 to 3\)/);
    });

    it('gives 300 comments accepted at once on three servers 300 references, with no gap but the decoys, even when each is sent twice', async () => {
      const url = await database();
      const servers = await Promise.all([1, 2, 3].map(() => openOn(url, { now: () => T0 })));
      const ids = Array.from({ length: 300 }, (_, n) => id(n + 1));
      const accepting = ids.flatMap((submissionId, n) => [
        servers[n % 3]!.accept(validSubmission({ submissionId })),
        // The same submission again, at once, on another server: a double click behind a load balancer.
        servers[(n + 1) % 3]!.acceptSoon(validSubmission({ submissionId })),
      ]);
      const decoys = Array.from({ length: 15 }, (_, n) => servers[n % 3]!.recordDecoy({ submissionId: id(1000 + n), version: 'v0.2', section: 'governance', unverified: true }));
      const [accepted, pretend] = await Promise.all([Promise.all(accepting), Promise.all(decoys)]);

      const originals = accepted.filter((r) => !r.duplicate);
      expect(originals).toHaveLength(300);
      expect(new Set(originals.map((r) => r.submissionId)).size).toBe(300);
      for (const repeat of accepted.filter((r) => r.duplicate)) expect(repeat.reference).toBe(originals.find((r) => r.submissionId === repeat.submissionId)!.reference);
      const numbers = [...originals.map((r) => numberOf(r.reference)), ...pretend.map((d) => numberOf(d.reference))].sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: 315 }, (_, n) => n + 1));
      expect((await servers[0]!.stats()).total).toBe(300);
    });

    it('lets three servers claiming at once claim every comment exactly once', async () => {
      const url = await database();
      const servers = await Promise.all([1, 2, 3].map(() => openOn(url)));
      for (let n = 1; n <= 300; n++) await servers[0]!.accept(validSubmission({ submissionId: id(n) }));
      const claimedBy = new Map<string, number[]>();
      // Each server runs three claimers, as many as its pool allows beside other work.
      const claimer = async (server: number) => {
        for (;;) {
          const entry = await servers[server]!.claimNext(at(1), 60_000);
          if (!entry) return;
          claimedBy.set(entry.submissionId, [...(claimedBy.get(entry.submissionId) ?? []), server]);
        }
      };
      await Promise.all([0, 1, 2].flatMap((server) => [claimer(server), claimer(server), claimer(server)]));
      expect(claimedBy.size).toBe(300);
      expect([...claimedBy.values()].filter((by) => by.length !== 1)).toEqual([]);
      const perServer = [0, 1, 2].map((server) => [...claimedBy.values()].filter(([by]) => by === server).length);
      expect(perServer.reduce((x, y) => x + y)).toBe(300);
      expect(await servers[1]!.stats()).toMatchObject({ dispatching: 300, pending: 0 });
      expect(await servers[2]!.claimNext(at(2), 60_000)).toBeNull();
    });

    it('gives the lane to exactly one of three servers asking at the same moment', async () => {
      const url = await database();
      const servers = await Promise.all([1, 2, 3].map(() => openOn(url)));
      const answers = await Promise.all(servers.map((server, n) => server.holdLane({ id: `server-${n}`, label: `server ${n}` }, at(0), 60_000)));
      const winners = answers.flatMap((answer, n) => (answer.held ? [n] : []));
      expect(winners).toHaveLength(1);
      for (const answer of answers) if (!answer.held) expect(answer).toEqual({ held: false, by: { id: `server-${winners[0]}`, label: `server ${winners[0]}` }, until: at(60) });
    });

    it('hands a comment whose claimer died to another server, to be looked for on GitHub first', async () => {
      const url = await database();
      const [a, b] = await Promise.all([openOn(url), openOn(url)]);
      await a.accept(validSubmission({ submissionId: id(1) }));
      expect(await a.claimNext(at(0), 60_000)).toMatchObject({ submissionId: id(1), needsLookup: false });
      await a.close();
      expect(await b.claimNext(at(59), 60_000)).toBeNull();
      expect(await b.claimNext(at(60), 60_000)).toMatchObject({ submissionId: id(1), status: 'dispatching', attempts: 2, needsLookup: true });
    });

    it('stores addresses only in notify_addresses, and hashes with a key of its own database', async () => {
      const [first, second] = await Promise.all([database(), database()]);
      const one = await openOn(first, { now: () => T0 });
      const two = await openOn(second, { now: () => T0 });
      for (const outbox of [one, two]) await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'Ana@example.org', notify: { language: 'en' } } });
      await one.accept(validSubmission({ submissionId: id(2) }), { contact: { address: 'ben@example.org' } });
      expect(JSON.stringify((await one.pool.query('SELECT * FROM comments')).rows)).not.toMatch(/example\.org/i);
      expect((await one.pool.query('SELECT address FROM notify_addresses')).rows).toEqual([{ address: 'Ana@example.org' }]);
      const hashes = async (outbox: PostgresOutbox) => (await outbox.pool.query<{ address_hash: string }>('SELECT address_hash FROM contact_hashes ORDER BY submission_id')).rows.map((r) => r.address_hash);
      const [ones, twos] = [await hashes(one), await hashes(two)];
      expect(ones).toHaveLength(2);
      for (const hash of ones) expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(ones[0]).not.toBe(twos[0]);
      const columns = await one.pool.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'comments'`);
      expect(columns.rows.map((c) => c.column_name).join(' ')).not.toMatch(/ip|address|mail|agent/i);
    });

    it('keeps the rate-limit table RateLimiterPostgres expects, and never shows a password', async () => {
      const url = await database();
      const outbox = await openOn(url.replace('postgres@', 'postgres:s3cret-pa55@'));
      expect(outbox.path).toBe(url.replace('postgres@', 'postgres:***@'));
      const columns = await outbox.pool.query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'consulta_rate_limits' ORDER BY ordinal_position`,
      );
      expect(columns.rows).toEqual([
        { column_name: 'key', data_type: 'character varying' },
        { column_name: 'points', data_type: 'integer' },
        { column_name: 'expire', data_type: 'bigint' },
      ]);
      await expect(openPostgresOutbox('postgres://postgres:s3cret-pa55@127.0.0.1:1/none')).rejects.toThrow(
        /^cannot open the outbox at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/,
      );
    });
  });
});
