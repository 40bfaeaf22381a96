import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consultationWindow, formatLocal, windowState } from '../../../src/lib/consultation/window.ts';
import { createIntakeGuard, type IntakeGuard } from '../../../src/lib/comments/guard.ts';
import { acceptComment, RESUBMISSION_WINDOW_MS, type CommentCatalog, type IntakeContext, type IntakeEvent, type IntakeResult } from '../../../src/lib/comments/intake.ts';
import { describeProblems } from '../../../src/lib/comments/schema.ts';
import { translator } from '../../../src/lib/i18n/translate.ts';
import { openOutbox, type Outbox } from '../../../src/lib/comments/outbox.ts';
import { validForm } from './helpers.ts';

/** A catalog like the site's: one version open in Belize time, one closed, sections with paragraph counts. */
const catalog: CommentCatalog = (() => {
  const versions: Record<string, { window: ReturnType<typeof consultationWindow>; sections: Record<string, number> }> = {
    'v0.2': {
      window: consultationWindow({ opens: '2026-11-21', closes: '2026-12-19T23:59', timeZone: 'America/Belize' }),
      sections: { governance: 5, 'incident-response': 9 },
    },
    'v0.1': {
      window: consultationWindow({ opens: '2026-01-01', closes: '2026-02-01', timeZone: 'America/Belize' }),
      sections: { governance: 4 },
    },
  };
  return {
    isOpen(version, now) {
      const v = versions[version];
      if (!v) return { open: false, reason: `There is no version ${version}` };
      const state = windowState(v.window, now);
      if (state === 'open') return { open: true, reason: '' };
      return {
        open: false,
        reason: state === 'closed'
          ? `Comments on ${version} closed at ${formatLocal(v.window.closes, 'America/Belize')} Belize time`
          : `Comments on ${version} open at ${formatLocal(v.window.opens, 'America/Belize')} Belize time`,
      };
    },
    sectionExists: (version, section) => section in (versions[version]?.sections ?? {}),
    paragraphCount: (version, section) => versions[version]?.sections[section] ?? 0,
  };
})();

const OPEN_NOW = new Date('2026-12-01T15:00:00Z');
const uuid = (n: number) => `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`;

describe('acceptComment', () => {
  let dir: string;
  let outbox: Outbox;
  let guard: IntakeGuard;
  let events: IntakeEvent[];
  let now: Date;

  const ctx = (overrides: Partial<IntakeContext> = {}): IntakeContext => ({
    outbox,
    catalog,
    guard,
    clientAddress: '203.0.113.7',
    now,
    onEvent: (e) => events.push(e),
    ...overrides,
  });

  /** Solves a fresh challenge as the ALTCHA widget does and returns its payload. */
  async function proofOfWork(): Promise<string> {
    const challenge = await guard.createChallenge();
    const solution = await solveChallenge({ challenge, deriveKey });
    return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consulta-intake-'));
    outbox = openOutbox(join(dir, 'outbox.sqlite'), { now: () => now });
    guard = createIntakeGuard({
      altchaHmacKey: 'test-hmac-key',
      addressSalt: 'test-salt',
      // Cheap challenges: the tests solve real ones.
      challenge: { cost: 1, counterMin: 1, counterMax: 30 },
      limits: {
        verified: { points: 3, durationSeconds: 600 },
        unverified: { points: 2, durationSeconds: 3600 },
        unverifiedOverall: { points: 3, durationSeconds: 3600 },
        overall: { points: 4, durationSeconds: 3600 },
      },
      usedChallenges: { markUsed: (nonce, expiresAt) => outbox.markChallengeUsed(nonce, expiresAt) },
    });
    events = [];
    now = OPEN_NOW;
  });
  afterEach(async () => {
    await outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a valid comment with a proof of work into the outbox, as a web comment received now', async () => {
    const result = await acceptComment(validForm({ altcha: await proofOfWork() }), ctx());
    expect(result).toEqual({ kind: 'accepted', reference: 'BZ-2026-000001', submissionId: validForm().submissionId, duplicate: false });
    const entry = (await outbox.get(validForm().submissionId as string))!;
    expect(entry).toMatchObject({ status: 'pending', unverified: false });
    expect(entry.submission).toMatchObject({ channel: 'web', submittedAt: OPEN_NOW.toISOString(), section: 'governance', paragraph: 'p3' });
  });

  it('gives a double-clicked or retried POST the same reference and stores one comment', async () => {
    const first = await acceptComment(validForm({ altcha: await proofOfWork() }), ctx());
    const again = await acceptComment(validForm({ altcha: 'already used or missing' }), ctx());
    expect(again).toEqual({ ...first, duplicate: true });
    expect((await outbox.stats()).total).toBe(1);
  });

  it('answers a retry with its reference even after the window has closed', async () => {
    await acceptComment(validForm({ altcha: await proofOfWork() }), ctx());
    now = new Date('2026-12-25T12:00:00Z');
    expect(await acceptComment(validForm(), ctx())).toMatchObject({ kind: 'accepted', duplicate: true });
  });

  it('returns a message per field for an invalid comment and stores nothing', async () => {
    const result = await acceptComment(validForm({ comment: '', type: 'rant' }), ctx());
    expect(result).toEqual({ kind: 'invalid', errors: { type: { key: 'comment.error.type' }, comment: { key: 'comment.error.commentRequired', values: { field: 'comment.field.comment' } } } });
    expect((await outbox.stats()).total).toBe(0);
  });

  it('answers in Spanish for a Spanish page, and stores the language the comment is written in', async () => {
    const spanish = (result: IntakeResult) => (result.kind === 'invalid' ? describeProblems(result.errors, { t: translator('es'), language: 'es' }) : result);
    const invalid = await acceptComment(validForm({ comment: '', type: 'rant', quote: 'x'.repeat(1001), language: 'fr' }), ctx({ language: 'es' }));
    expect(spanish(invalid)).toEqual({
      quote: 'El texto citado debe tener 1000 caracteres o menos',
      type: 'Elija el tipo de comentario',
      comment: 'Escriba su comentario',
      language: 'Elija el idioma de su comentario',
    });
    const misplaced = await acceptComment(validForm({ paragraph: 'p6' }), ctx({ language: 'es' }));
    expect(spanish(misplaced)).toEqual({ paragraph: 'El párrafo p6 no está en esta sección. Vuelva a cargar la página y envíe su comentario de nuevo' });
    const accepted = await acceptComment(validForm({ language: 'es', comment: 'Trimestral es muy poco durante un incidente.' }), ctx({ language: 'es' }));
    expect(accepted.kind).toBe('accepted');
    expect((await outbox.get(validForm().submissionId as string))!.submission.language).toBe('es');
  });

  it('rejects a comment after the window closes, judged in Belize time', async () => {
    // 23:59 on 19 December in Belize is 05:59 UTC on the 20th.
    now = new Date('2026-12-20T05:59:00Z');
    expect((await acceptComment(validForm({ submissionId: uuid(1) }), ctx())).kind).toBe('accepted');
    now = new Date('2026-12-20T05:59:01Z');
    // The reason is the catalog's (tests/unit/server/comment-catalog.test.ts checks the real one's words).
    expect(await acceptComment(validForm({ submissionId: uuid(2) }), ctx())).toEqual({ kind: 'closed', message: catalog.isOpen('v0.2', now).reason });
  });

  it('rejects a comment on a version that is not open or does not exist', async () => {
    expect((await acceptComment(validForm({ version: 'v0.1' }), ctx())).kind).toBe('closed');
    expect(await acceptComment(validForm({ version: 'v9.9' }), ctx())).toEqual({ kind: 'closed', message: catalog.isOpen('v9.9', now).reason });
  });

  it('rejects a section or paragraph that is not in the version', async () => {
    const section = await acceptComment(validForm({ section: 'budget' }), ctx());
    expect(section).toMatchObject({ kind: 'invalid', errors: { section: { key: 'comment.error.sectionNotInVersion', values: { version: 'v0.2' } } } });
    const paragraph = await acceptComment(validForm({ paragraph: 'p6' }), ctx());
    expect(paragraph).toMatchObject({ kind: 'invalid', errors: { paragraph: { key: 'comment.error.paragraphNotInSection', values: { paragraph: 'p6' } } } });
    expect((await acceptComment(validForm({ paragraph: 'p5' }), ctx())).kind).toBe('accepted');
  });

  it('stores the change a comment is on, and refuses a change of another section as an altered form', async () => {
    expect((await acceptComment(validForm({ change: 'change-governance-2' }), ctx())).kind).toBe('accepted');
    expect((await outbox.get(validForm().submissionId as string))!.submission.change).toBe('change-governance-2');
    expect(await acceptComment(validForm({ submissionId: uuid(2), change: 'change-incident-response-2' }), ctx())).toEqual({
      kind: 'invalid',
      errors: { change: { key: 'comment.error.reload', values: {} } },
    });
    expect(await outbox.get(uuid(2))).toBeNull();
  });

  it('answers a bot that fills the honeypot as it would a person, and stores nothing it wrote', async () => {
    const real = await acceptComment(validForm({ submissionId: uuid(1) }), ctx());
    const bot = await acceptComment(validForm({ submissionId: uuid(2), website: 'https://spam.example', comment: 'BUY NOW' }), ctx({ clientAddress: '198.51.100.1' }));
    const next = await acceptComment(validForm({ submissionId: uuid(3) }), ctx({ clientAddress: '198.51.100.2' }));
    // The pretend reference comes from the same sequence as real ones: nothing sets it apart.
    expect([real, bot, next].map((r) => (r as { reference: string }).reference)).toEqual(['BZ-2026-000001', 'BZ-2026-000002', 'BZ-2026-000003']);
    expect(bot).toEqual({ kind: 'accepted', reference: 'BZ-2026-000002', submissionId: uuid(2), duplicate: false });
    expect((await outbox.list()).map((e) => e.submissionId)).toEqual([uuid(1), uuid(3)]);
    // Its receipt works, and remembers nothing of the text.
    expect(await outbox.getDecoy(uuid(2))).toMatchObject({ reference: 'BZ-2026-000002', version: 'v0.2', section: 'governance', unverified: true });
    expect(JSON.stringify(await outbox.getDecoy(uuid(2)))).not.toContain('BUY NOW');
    expect(events).toContainEqual({ type: 'honeypot' });
  });

  it('refuses a honeypot post that is invalid the same way as any invalid post', async () => {
    expect(await acceptComment(validForm({ website: 'x', comment: '' }), ctx())).toMatchObject({ kind: 'invalid', errors: { comment: { key: 'comment.error.commentRequired' } } });
  });

  it('accepts a comment without a proof of work but flags it unverified', async () => {
    const result = await acceptComment(validForm(), ctx());
    expect(result.kind).toBe('accepted');
    expect((await outbox.list())[0]!.unverified).toBe(true);
    expect(events).toContainEqual({ type: 'unverified', reason: 'missing' });
  });

  it('treats a forged, tampered or replayed proof as unverified', async () => {
    const payload = await proofOfWork();
    const decoded = JSON.parse(Buffer.from(payload, 'base64').toString());
    decoded.challenge.parameters.cost = 2;
    const tampered = Buffer.from(JSON.stringify(decoded)).toString('base64');
    await acceptComment(validForm({ submissionId: uuid(1), altcha: payload }), ctx());
    await acceptComment(validForm({ submissionId: uuid(2), altcha: payload }), ctx());
    await acceptComment(validForm({ submissionId: uuid(3), altcha: tampered }), ctx({ clientAddress: '198.51.100.1' }));
    const other = createIntakeGuard({ altchaHmacKey: 'another-key', addressSalt: 's', challenge: { cost: 1, counterMin: 1, counterMax: 5 } });
    const foreign = await other.createChallenge();
    const foreignPayload = Buffer.from(JSON.stringify({ challenge: foreign, solution: await solveChallenge({ challenge: foreign, deriveKey }) })).toString('base64');
    await acceptComment(validForm({ submissionId: uuid(4), altcha: foreignPayload }), ctx({ clientAddress: '198.51.100.2' }));
    expect((await outbox.list()).map((e) => e.unverified)).toEqual([false, true, true, true]);
  });

  it('limits each client, more strictly without a proof of work', async () => {
    // Two unverified comments per hour for this client, then it must wait.
    for (const n of [1, 2]) expect((await acceptComment(validForm({ submissionId: uuid(n) }), ctx())).kind).toBe('accepted');
    const limited = await acceptComment(validForm({ submissionId: uuid(3) }), ctx());
    expect(limited).toMatchObject({ kind: 'rate-limited', scope: 'client' });
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(3000);
    // The same client with proofs of work has its own, larger allowance (3), then draws on
    // the shared pool (4, of which the two unverified comments took 2) before it must wait.
    for (const n of [4, 5, 6, 7, 8]) {
      expect((await acceptComment(validForm({ submissionId: uuid(n), altcha: await proofOfWork() }), ctx())).kind).toBe('accepted');
    }
    expect(await acceptComment(validForm({ submissionId: uuid(9), altcha: await proofOfWork() }), ctx())).toMatchObject({ kind: 'rate-limited', scope: 'everyone' });
    expect((await outbox.stats()).total).toBe(7);
  });

  it('caps unverified comments from all clients together', async () => {
    for (const n of [1, 2, 3]) {
      const result = await acceptComment(validForm({ submissionId: uuid(n) }), ctx({ clientAddress: `192.0.2.${n}` }));
      expect(result.kind).toBe('accepted');
    }
    const fourth = await acceptComment(validForm({ submissionId: uuid(4) }), ctx({ clientAddress: '192.0.2.4' }));
    expect(fourth.kind).toBe('rate-limited');
  });

  it('never stores the client address', async () => {
    await acceptComment(validForm({ altcha: await proofOfWork() }), ctx());
    await outbox.close();
    // Closing checkpoints the write-ahead log into the database file.
    const bytes = readFileSync(join(dir, 'outbox.sqlite')).toString('latin1');
    expect(bytes).toContain('Quarterly is too rare');
    expect(bytes).not.toContain('203.0.113.7');
    outbox = openOutbox(join(dir, 'outbox.sqlite'));
  });

  it('stores a form sent without JavaScript once when the same person presses submit twice', async () => {
    const noScript = (overrides: Record<string, unknown> = {}) => validForm({ submissionId: '', ...overrides });
    const first = await acceptComment(noScript(), ctx());
    const again = await acceptComment(noScript(), ctx({ now: new Date(OPEN_NOW.getTime() + 60_000) }));
    expect(first).toMatchObject({ kind: 'accepted', duplicate: false });
    expect(again).toEqual({ ...first, duplicate: true });
    expect((await outbox.stats()).total).toBe(1);
  });

  it('never merges two people who send the same words without JavaScript', async () => {
    const noScript = (overrides: Record<string, unknown>) => validForm({ submissionId: '', ...overrides });
    // Same words, same day, same address (a school behind one NAT): different organisations.
    await acceptComment(noScript({ organisation: 'Belize Digital Rights Forum' }), ctx());
    await acceptComment(noScript({ organisation: 'Youth for Open Government' }), ctx());
    // Same words from another address.
    await acceptComment(noScript({ organisation: 'Belize Digital Rights Forum' }), ctx({ clientAddress: '198.51.100.4' }));
    expect((await outbox.stats()).total).toBe(3);
  });

  it('treats the same form sent again after half an hour as a new comment', async () => {
    const noScript = validForm({ submissionId: '' });
    await acceptComment(noScript, ctx());
    await acceptComment(noScript, ctx({ now: new Date(OPEN_NOW.getTime() + RESUBMISSION_WINDOW_MS + 1000) }));
    expect((await outbox.stats()).total).toBe(2);
  });

  it('remembers a used proof of work across a restart', async () => {
    const payload = await proofOfWork();
    await acceptComment(validForm({ submissionId: uuid(1), altcha: payload }), ctx());
    // A new process: a new guard with the same keys, reading the same outbox.
    const restarted = createIntakeGuard({
      altchaHmacKey: 'test-hmac-key',
      addressSalt: 'test-salt',
      challenge: { cost: 1, counterMin: 1, counterMax: 30 },
      usedChallenges: { markUsed: (nonce, expiresAt) => outbox.markChallengeUsed(nonce, expiresAt) },
    });
    await acceptComment(validForm({ submissionId: uuid(2), altcha: payload }), ctx({ guard: restarted, clientAddress: '198.51.100.3' }));
    expect((await outbox.list()).map((e) => e.unverified)).toEqual([false, true]);
  });

  it('keeps the address of a ticked "e-mail me" box beside the comment, in the page\'s language, and nowhere in it', async () => {
    const result = await acceptComment(validForm({ notify: 'yes', notifyEmail: ' ana@example.org ', altcha: await proofOfWork() }), ctx({ language: 'es' }));
    expect(result).toMatchObject({ kind: 'accepted', duplicate: false });
    expect(await outbox.notifyRequests('v0.2')).toEqual([expect.objectContaining({ address: 'ana@example.org', language: 'es', submissionId: validForm().submissionId })]);
    expect(JSON.stringify(await outbox.list())).not.toContain('ana@example.org');
    expect(await outbox.commentedFrom('ana@example.org', 'v0.2')).toBe(true);
  });

  it('ignores the address unless the box is ticked, as the form without JavaScript always sends it', async () => {
    await acceptComment(validForm({ submissionId: uuid(1), notifyEmail: 'ana@example.org' }), ctx());
    await acceptComment(validForm({ submissionId: uuid(2), notify: 'no', notifyEmail: 'ben@example.org' }), ctx());
    expect((await outbox.stats()).total).toBe(2);
    expect(await outbox.notifyRequests('v0.2')).toEqual([]);
    expect(await outbox.commentedFrom('ana@example.org', 'v0.2')).toBe(false);
  });

  it('asks for a valid address when the box is ticked, with the other problems, and stores nothing', async () => {
    expect(await acceptComment(validForm({ notify: true }), ctx())).toEqual({
      kind: 'invalid',
      errors: { notifyEmail: { key: 'notify.error.missing' } },
    });
    for (const bad of ['ana', 'ana@', 'ana @example.org', 'a@b@example.org', `${'a'.repeat(250)}@example.org`, 'ana@example.org\nBcc: x@y.z']) {
      expect(await acceptComment(validForm({ notify: 'on', notifyEmail: bad }), ctx())).toEqual({
        kind: 'invalid',
        errors: { notifyEmail: { key: 'notify.error.invalid' } },
      });
    }
    expect(await acceptComment(validForm({ comment: '', notify: 'yes', notifyEmail: 'x' }), ctx())).toEqual({
      kind: 'invalid',
      errors: { comment: { key: 'comment.error.commentRequired', values: { field: 'comment.field.comment' } }, notifyEmail: { key: 'notify.error.invalid' } },
    });
    expect((await outbox.stats()).total).toBe(0);
  });

  it('keeps no address for a honeypot\'s pretend comment', async () => {
    await acceptComment(validForm({ website: 'http://spam.example', notify: 'yes', notifyEmail: 'bot@example.org' }), ctx());
    expect(await outbox.notifyRequests('v0.2')).toEqual([]);
    expect(await outbox.commentedFrom('bot@example.org', 'v0.2')).toBe(false);
  });

  it('never throws, whatever JSON it is given (property)', async () => {
    const kinds = new Set(['accepted', 'invalid', 'closed', 'rate-limited']);
    const looseGuard = createIntakeGuard({ altchaHmacKey: 'k', addressSalt: 's' });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ ...Object.fromEntries(Object.keys(validForm()).map((k) => [k, fc.jsonValue()])), altcha: fc.jsonValue() }, { requiredKeys: [] }),
          fc.jsonValue().map((v) => validForm({ altcha: v })),
        ),
        async (input) => {
          const fields = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : { value: input };
          const result = await acceptComment(fields, ctx({ guard: looseGuard }));
          expect(kinds.has(result.kind)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
