import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIntakeGuard } from '../../../src/lib/comments/guard.ts';
import type { IntakeLimits } from '../../../src/lib/comments/limits.ts';

const NOW = new Date('2026-12-01T15:00:00Z');
const guardWith = (limits: Partial<IntakeLimits>, workshop?: { addresses: string[]; until: Date }) =>
  createIntakeGuard({ altchaHmacKey: 'k', addressSalt: 's', limits, workshop: workshop ?? null });

describe('the rate limits', () => {
  it('lets a busy address with proven work (a school behind one NAT) draw on the shared pool', async () => {
    const guard = guardWith({ verified: { points: 2, durationSeconds: 600 }, overall: { points: 3, durationSeconds: 3600 } });
    const school = '203.0.113.10';
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await guard.consume(school, true, NOW));
    // Two from its own allowance, three from the pool, then everyone must wait.
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, true, true, false]);
    expect(answers[5]).toMatchObject({ allowed: false, scope: 'everyone' });
  });

  it('never refuses proven work while an unverified comment from elsewhere still gets in (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ verified: fc.boolean(), client: fc.integer({ min: 0, max: 6 }) }), { minLength: 1, maxLength: 120 }),
        fc.record({
          verified: fc.integer({ min: 1, max: 6 }),
          unverified: fc.integer({ min: 1, max: 4 }),
          unverifiedOverall: fc.integer({ min: 1, max: 12 }),
          overall: fc.integer({ min: 1, max: 20 }),
        }),
        async (arrivals, points) => {
          const rate = (n: number) => ({ points: n, durationSeconds: 3600 });
          const guard = guardWith({ verified: rate(points.verified), unverified: rate(points.unverified), unverifiedOverall: rate(points.unverified + points.unverifiedOverall), overall: rate(points.overall) });
          let verifiedRefused = false;
          for (const arrival of arrivals) {
            const answer = await guard.consume(`198.51.100.${arrival.client}`, arrival.verified, NOW);
            if (arrival.verified && !answer.allowed) verifiedRefused = true;
            // Once proven work has been turned away, no unverified comment may get in.
            if (!arrival.verified && answer.allowed) expect(verifiedRefused).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not charge a refused comment against the allowances it passed', async () => {
    const guard = guardWith({ unverified: { points: 3, durationSeconds: 3600 }, unverifiedOverall: { points: 1, durationSeconds: 3600 } });
    expect((await guard.consume('192.0.2.1', false, NOW)).allowed).toBe(true);
    // The overall cap refuses the next two; they must not use up 192.0.2.2's own allowance.
    expect(await guard.consume('192.0.2.2', false, NOW)).toMatchObject({ allowed: false, scope: 'everyone' });
    expect(await guard.consume('192.0.2.2', false, NOW)).toMatchObject({ allowed: false, scope: 'everyone' });
    const fresh = guardWith({ unverified: { points: 3, durationSeconds: 3600 } });
    for (let i = 0; i < 3; i++) expect((await fresh.consume('192.0.2.2', false, NOW)).allowed).toBe(true);
  });

  it('gives the addresses of a workshop room their own allowance until it ends', async () => {
    const until = new Date(NOW.getTime() + 3600_000);
    const guard = guardWith(
      { unverified: { points: 1, durationSeconds: 3600 }, unverifiedOverall: { points: 5, durationSeconds: 3600 }, workshop: { points: 4, durationSeconds: 3600 } },
      { addresses: ['10.20.0.0/16'], until },
    );
    const room = [];
    for (let i = 0; i < 5; i++) room.push((await guard.consume('10.20.3.4', false, NOW)).allowed);
    expect(room).toEqual([true, true, true, true, false]);
    // The room does not use up what everyone else may send (five an hour in all).
    for (let i = 1; i <= 5; i++) expect((await guard.consume(`192.0.2.${i}`, false, NOW)).allowed).toBe(true);
    // After the workshop an address of the room is an ordinary address again: one an hour.
    const later = new Date(until.getTime() + 1);
    const after = guardWith({ unverified: { points: 1, durationSeconds: 3600 }, workshop: { points: 4, durationSeconds: 3600 } }, { addresses: ['10.20.0.0/16'], until });
    expect((await after.consume('10.20.9.9', false, later)).allowed).toBe(true);
    expect(await after.consume('10.20.9.9', false, later)).toMatchObject({ allowed: false, scope: 'client' });
  });

  it('tells how long to wait, in seconds, rounded up', async () => {
    const guard = guardWith({ unverified: { points: 1, durationSeconds: 90 } });
    await guard.consume('192.0.2.1', false, NOW);
    const refused = await guard.consume('192.0.2.1', false, NOW);
    expect(refused).toMatchObject({ allowed: false, scope: 'client' });
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(89);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeLessThanOrEqual(90);
  });
});
