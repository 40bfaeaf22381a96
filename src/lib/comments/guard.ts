/**
 * The anti-abuse guard of the comment form: ALTCHA proof of work (no third
 * party) and rate limits per client address. It holds the long-lived state
 * of one server process (keys, limiters) and keeps the used challenges in
 * the outbox database, so a solved challenge cannot be replayed after a
 * restart either. The rate limits count in this process's memory by
 * default; with several servers they count in PostgreSQL (`limitStore`), so
 * a client cannot multiply its allowance by the number of servers.
 *
 * A client address is only ever used as a salted hash, in memory: the
 * address itself is never stored.
 */
import { createHash, randomInt } from 'node:crypto';
import { CappedMap, createChallenge as createAltchaChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { addressMatcher } from '../security/client-address.ts';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits, type Rate, type WorkshopAllowance } from './limits.ts';

/** ALTCHA challenge difficulty. */
interface ChallengeOptions {
  /** PBKDF2 iterations per attempt. */
  cost: number;
  /** The solution is a random counter in this range. */
  counterMin: number;
  counterMax: number;
  /** How long a challenge can be used: time to write a comment. */
  expiresInSeconds: number;
}

/**
 * About 2 million PBKDF2 rounds per comment: measured at 11.5 s in headless
 * Chromium on this 2-core machine for 5,000 x 5,000-10,000, so a tenth of that
 * work (under a second on a laptop, a few seconds on an old phone) is enough to
 * make a flood expensive without making people wait. The rate limits do the rest.
 */
const DEFAULT_CHALLENGE: ChallengeOptions = { cost: 1_000, counterMin: 1_500, counterMax: 3_000, expiresInSeconds: 20 * 60 };

/** Where used challenges are remembered until they expire (the outbox database). */
interface UsedChallenges {
  /** Records `nonce` as used; false when it already was. */
  markUsed(nonce: string, expiresAt: Date): Promise<boolean>;
}

/** Why a comment was refused for now, and for how long. */
interface Refusal {
  allowed: false;
  retryAfterSeconds: number;
  /** `client`: this address sent too many; `everyone`: the site as a whole is taking too many right now. */
  scope: 'client' | 'everyone';
}

export interface IntakeGuard {
  /** A new ALTCHA challenge, for the widget's challenge endpoint. */
  createChallenge(): Promise<Challenge>;
  /** Whether `payload` (the widget's base64 JSON, or the object) proves work on one of our unexpired, unused challenges. */
  verifyProofOfWork(payload: unknown): Promise<{ verified: boolean; reason?: 'missing' | 'invalid' }>;
  /** Counts one comment from `clientAddress` at `now`; when over a limit, how long to wait. */
  consume(clientAddress: string | null | undefined, verified: boolean, now: Date): Promise<{ allowed: true } | Refusal>;
  /** The salted hash of an address: what identifies a client in memory, never the address itself. */
  clientKey(clientAddress: string | null | undefined): string;
}

export interface IntakeGuardOptions {
  /** Secret that signs ALTCHA challenges. */
  altchaHmacKey: string;
  /** Secret mixed into client-address hashes, so the hashes cannot be reversed by trying every address. */
  addressSalt: string;
  limits?: Partial<IntakeLimits>;
  workshop?: WorkshopAllowance | null;
  challenge?: Partial<ChallengeOptions>;
  /** Defaults to memory (lost on restart): for tests. */
  usedChallenges?: UsedChallenges;
  /** Makes the limiter counting `rate` under `keyPrefix`; defaults to this process's memory. */
  limitStore?: LimitStore;
}

/** Where rate-limit counters live: one process's memory, or a database all the servers share. */
export type LimitStore = (rate: Rate, keyPrefix: string) => RateLimiterAbstract;

const memoryLimits: LimitStore = (rate, keyPrefix) => new RateLimiterMemory({ points: rate.points, duration: rate.durationSeconds, keyPrefix });

const ALGORITHM = 'PBKDF2/SHA-256';
const EVERYONE = 'all';

export function createIntakeGuard(options: IntakeGuardOptions): IntakeGuard {
  const limits = { ...DEFAULT_INTAKE_LIMITS, ...options.limits };
  const challengeOptions = { ...DEFAULT_CHALLENGE, ...options.challenge };
  const hmacSignatureSecret = options.altchaHmacKey;
  // A second secret lets the server check a solution with one HMAC instead of re-deriving the key.
  const hmacKeySignatureSecret = createHash('sha256').update(`altcha-key-signature:${options.altchaHmacKey}`).digest('hex');
  const usedChallenges = options.usedChallenges ?? memoryUsedChallenges();
  const limiter = options.limitStore ?? memoryLimits;
  const perClient = { verified: limiter(limits.verified, 'comments-verified'), unverified: limiter(limits.unverified, 'comments-unverified') };
  const unverifiedOverall = limiter(limits.unverifiedOverall, 'comments-unverified-all');
  const overall = limiter(limits.overall, 'comments-overall');
  const workshopLimiter = limiter(limits.workshop, 'comments-workshop');
  const workshop = options.workshop ?? null;
  const inWorkshop = workshop ? addressMatcher(workshop.addresses) : () => false;
  const clientKey = (address: string | null | undefined) =>
    createHash('sha256').update(`${options.addressSalt}\0${address ?? 'unknown'}`).digest('hex').slice(0, 32);

  return {
    clientKey,

    createChallenge() {
      return createAltchaChallenge({
        algorithm: ALGORITHM,
        cost: challengeOptions.cost,
        counter: randomInt(challengeOptions.counterMin, challengeOptions.counterMax + 1),
        deriveKey,
        expiresAt: new Date(Date.now() + challengeOptions.expiresInSeconds * 1000),
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
    },

    async verifyProofOfWork(payload) {
      if (payload === undefined || payload === null || payload === '') return { verified: false, reason: 'missing' };
      const decoded = decodePayload(payload);
      if (!decoded) return { verified: false, reason: 'invalid' };
      try {
        const result = await verifySolution({ challenge: decoded.challenge, solution: decoded.solution, deriveKey, hmacSignatureSecret, hmacKeySignatureSecret });
        if (!result.verified) return { verified: false, reason: 'invalid' };
      } catch {
        return { verified: false, reason: 'invalid' };
      }
      // One comment per solved challenge: a replayed payload proves no new work. The
      // signature covers expiresAt, so a verified challenge carries a real expiry.
      const expires = decoded.challenge.parameters.expiresAt;
      const expiresAt = new Date(typeof expires === 'number' ? expires * 1000 : Date.now() + challengeOptions.expiresInSeconds * 1000);
      if (!(await usedChallenges.markUsed(decoded.challenge.parameters.nonce, expiresAt))) return { verified: false, reason: 'invalid' };
      return { verified: true };
    },

    async consume(clientAddress, verified, now) {
      const key = clientKey(clientAddress);
      if (workshop && now < workshop.until && clientAddress && inWorkshop(clientAddress)) {
        return takeAll([[workshopLimiter, key, 'client']]);
      }
      if (verified) {
        const own = await take(perClient.verified, key);
        if (own === null) return { allowed: true };
        const pool = await take(overall, EVERYONE);
        if (pool === null) return { allowed: true };
        return { allowed: false, retryAfterSeconds: seconds(Math.min(own, pool)), scope: 'everyone' };
      }
      return takeAll([
        [perClient.unverified, key, 'client'],
        [unverifiedOverall, EVERYONE, 'everyone'],
        [overall, EVERYONE, 'everyone'],
      ]);
    },
  };
}

/** Takes a point from `limiter`; null when allowed, else milliseconds until a point is free. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
    throw rejection;
  }
}

/** Takes a point from each limiter in turn; on a refusal, gives back the points already taken, so a refused comment costs nothing. */
async function takeAll(steps: readonly [RateLimiterAbstract, string, Refusal['scope']][]): Promise<{ allowed: true } | Refusal> {
  for (let i = 0; i < steps.length; i++) {
    const [limiter, key, scope] = steps[i]!;
    const wait = await take(limiter, key);
    if (wait === null) continue;
    await limiter.reward(key, 1);
    for (const [earlier, earlierKey] of steps.slice(0, i)) await earlier.reward(earlierKey, 1);
    return { allowed: false, retryAfterSeconds: seconds(wait), scope };
  }
  return { allowed: true };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Used challenges in memory: for tests and for a guard without a database. */
function memoryUsedChallenges(): UsedChallenges {
  // Each challenge expires within its lifetime, and the rate limits keep far fewer than this in flight.
  const used = new CappedMap<string, true>({ maxSize: 50_000 });
  return { markUsed: async (nonce) => used.setIfAbsent(nonce, true) };
}

interface DecodedPayload {
  challenge: Challenge;
  solution: { counter: number; derivedKey: string };
}

function decodePayload(payload: unknown): DecodedPayload | null {
  let value: unknown = payload;
  if (typeof payload === 'string') {
    if (payload.length > 10_000) return null;
    try {
      value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== 'object') return null;
  const { challenge, solution } = value as Partial<DecodedPayload>;
  if (!challenge || typeof challenge !== 'object' || !challenge.parameters || typeof challenge.parameters !== 'object') return null;
  if (typeof challenge.parameters.nonce !== 'string' || challenge.parameters.nonce.length > 200) return null;
  if (!solution || typeof solution !== 'object') return null;
  return { challenge, solution };
}
