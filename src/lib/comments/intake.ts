/**
 * The server side of the comment form, without HTTP: the `/api/comments`
 * route parses the request, calls `acceptComment`, and turns the result into
 * a response. GitHub is never called here: an accepted comment is in the
 * outbox, and the dispatcher files it.
 *
 * Checks, in order:
 * 1. origin: a browser POST from another site is refused (`forbidden`);
 * 2. honeypot: a hidden `website` field that people never see nor fill. A bot
 *    that fills it is told "accepted" with a made-up reference and nothing is
 *    stored, so it learns nothing. (Give the field `autocomplete="off"`,
 *    `tabindex="-1"` and hide it from assistive technology, so no person or
 *    password manager fills it.)
 * 3. the schema (`invalid`, with a message per field);
 * 4. a repeat of a stored submission id (double click, retried POST) gets the
 *    first reference back, even if the window closed in between;
 * 5. the version is open for comment now, in its own time zone (`closed`);
 *    the section and paragraph exist in that version (`invalid`);
 * 6. ALTCHA proof-of-work. A missing or bad proof (no JavaScript, an old
 *    browser) does not refuse the comment: it is accepted, labelled
 *    `unverified` for the maintainers, and counted against stricter limits;
 * 7. rate limits per client, keyed by a salted hash of the client address
 *    (the address itself is never stored), stricter for unverified comments,
 *    plus an overall cap on unverified comments (`rate-limited`).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createChallenge as createAltchaChallenge, CappedMap, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Outbox } from './outbox.ts';
import { CommentFormInput, CommentSubmission, fieldErrors } from './schema.ts';

/** What intake needs to know about the strategy; the site implements it from src/lib/strategy. */
export interface CommentCatalog {
  /** Whether `version` takes comments at `now`, judged in the version's time zone; `reason` is shown to the commenter when not. An unknown version is not open. */
  isOpen(version: string, now: Date): { open: boolean; reason: string };
  /** Whether `section` is a section id of `version`. */
  sectionExists(version: string, section: string): boolean;
  /** Number of citable paragraphs of the section (strategy/paragraphs.ts). */
  paragraphCount(version: string, section: string): number;
}

/** The outcome of a submission. */
export type IntakeResult =
  | { kind: 'accepted'; reference: string; duplicate: boolean }
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'closed'; message: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'forbidden'; message: string };

/** Something worth counting or logging; never the comment, the address or its hash. */
export type IntakeEvent =
  | { type: 'accepted'; reference: string; duplicate: boolean; unverified: boolean }
  | { type: 'honeypot' }
  | { type: 'unverified'; reason: 'missing' | 'invalid' }
  | { type: 'rate-limited'; unverified: boolean }
  | { type: 'forbidden'; reason: string };

/** A rate: `points` comments per `durationSeconds`. */
export interface Rate {
  points: number;
  durationSeconds: number;
}

export interface IntakeLimits {
  /** Per client, comments with a valid proof-of-work. Default 20 per 10 minutes: a careful reviewer comments paragraph by paragraph. */
  verified: Rate;
  /** Per client, comments without one. Default 5 per hour. */
  unverified: Rate;
  /** All clients together, comments without one. Default 100 per hour. */
  unverifiedOverall: Rate;
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  verified: { points: 20, durationSeconds: 600 },
  unverified: { points: 5, durationSeconds: 3600 },
  unverifiedOverall: { points: 100, durationSeconds: 3600 },
};

/** ALTCHA challenge difficulty. Defaults follow altcha-lib's example: about a second of work in a browser. */
export interface ChallengeOptions {
  /** PBKDF2 iterations per attempt. Default 5,000. */
  cost: number;
  /** The solution is a random counter in this range. Default 5,000 to 10,000. */
  counterMin: number;
  counterMax: number;
  /** How long a challenge can be used. Default 20 minutes: time to write a comment. */
  expiresInSeconds: number;
}

/**
 * About 2 million PBKDF2 rounds per comment: measured at 11.5 s in headless
 * Chromium on this 2-core machine for 5,000 x 5,000-10,000, so a tenth of that
 * work (under a second on a laptop, a few seconds on an old phone) is enough to
 * make a flood expensive without making people wait. The rate limits do the rest.
 */
export const DEFAULT_CHALLENGE: ChallengeOptions = { cost: 1_000, counterMin: 1_500, counterMax: 3_000, expiresInSeconds: 20 * 60 };

/** Long-lived anti-abuse state of one server process: keys, rate limiters, used challenges. */
export interface IntakeGuard {
  /** A new ALTCHA challenge, for the widget's challenge endpoint. */
  createChallenge(): Promise<Challenge>;
  /** Whether `payload` (the widget's base64 JSON, or the object) proves work on one of our unexpired, unused challenges. */
  verifyProofOfWork(payload: unknown): Promise<{ verified: boolean; reason?: 'missing' | 'invalid' }>;
  /** Counts one comment from `clientAddress`; when over a limit, how long to wait. */
  consume(clientAddress: string | null | undefined, verified: boolean): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

export interface IntakeGuardOptions {
  /** Secret that signs ALTCHA challenges. */
  altchaHmacKey: string;
  /** Secret mixed into client-address hashes, so the hashes cannot be reversed by trying every address. */
  addressSalt: string;
  limits?: Partial<IntakeLimits>;
  challenge?: Partial<ChallengeOptions>;
}

const ALGORITHM = 'PBKDF2/SHA-256';

export function createIntakeGuard(options: IntakeGuardOptions): IntakeGuard {
  const limits = { ...DEFAULT_INTAKE_LIMITS, ...options.limits };
  const challengeOptions = { ...DEFAULT_CHALLENGE, ...options.challenge };
  const hmacSignatureSecret = options.altchaHmacKey;
  // A second secret lets the server check a solution with one HMAC instead of re-deriving the key.
  const hmacKeySignatureSecret = createHash('sha256').update(`altcha-key-signature:${options.altchaHmacKey}`).digest('hex');
  // Challenges already used; each expires within `expiresInSeconds`, and the rate limits keep far fewer than this in flight.
  const used = new CappedMap<string, true>({ maxSize: 50_000 });
  const limiter = (rate: Rate, keyPrefix: string) =>
    new RateLimiterMemory({ points: rate.points, duration: rate.durationSeconds, keyPrefix });
  const verifiedLimiter = limiter(limits.verified, 'comments-verified');
  const unverifiedLimiter = limiter(limits.unverified, 'comments-unverified');
  const overallLimiter = limiter(limits.unverifiedOverall, 'comments-unverified-all');
  const clientKey = (address: string | null | undefined) =>
    createHash('sha256').update(`${options.addressSalt}\0${address ?? 'unknown'}`).digest('hex').slice(0, 32);

  return {
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
        const result = await verifySolution({
          challenge: decoded.challenge,
          solution: decoded.solution,
          deriveKey,
          hmacSignatureSecret,
          hmacKeySignatureSecret,
        });
        if (!result.verified) return { verified: false, reason: 'invalid' };
      } catch {
        return { verified: false, reason: 'invalid' };
      }
      // One comment per solved challenge: a replayed payload proves no new work.
      if (!used.setIfAbsent(decoded.challenge.parameters.nonce, true)) return { verified: false, reason: 'invalid' };
      return { verified: true };
    },

    async consume(clientAddress, verified) {
      const key = clientKey(clientAddress);
      try {
        if (verified) {
          await verifiedLimiter.consume(key);
        } else {
          await unverifiedLimiter.consume(key);
          await overallLimiter.consume('all');
        }
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
  };
}

/**
 * A guard from the environment: `ALTCHA_HMAC_KEY` and `COMMENTS_ADDRESS_SALT`.
 * Either may be absent: a random one is made for this process, so the
 * embedded default works out of the box (challenges issued before a restart
 * then fail, and those comments count as unverified).
 */
export function intakeGuardFromEnv(env: Record<string, string | undefined> = process.env, overrides: Partial<IntakeGuardOptions> = {}): IntakeGuard {
  const secret = (name: string) => env[name]?.trim() || randomBytes(32).toString('hex');
  return createIntakeGuard({
    altchaHmacKey: secret('ALTCHA_HMAC_KEY'),
    addressSalt: secret('COMMENTS_ADDRESS_SALT'),
    ...overrides,
  });
}

/** A new ALTCHA challenge for the widget's `challengeurl` endpoint. */
export function createChallenge(guard: IntakeGuard): Promise<Challenge> {
  return guard.createChallenge();
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
  if (typeof challenge.parameters.nonce !== 'string') return null;
  if (!solution || typeof solution !== 'object') return null;
  return { challenge, solution };
}

/** Everything `acceptComment` needs besides the input. */
export interface IntakeContext {
  outbox: Outbox;
  catalog: CommentCatalog;
  guard: IntakeGuard;
  /** What the route knows about the request. */
  request: {
    /** The `Origin` header, if sent. */
    origin?: string | null;
    /** The client's address (after trusted proxies). Only its salted hash is used, and only in memory. */
    clientAddress?: string | null;
  };
  /** Origins allowed to post, e.g. `https://consult.gov.bz`. Empty: no origin check (development). */
  allowedOrigins: readonly string[];
  now?: () => Date;
  onEvent?: (event: IntakeEvent) => void;
}

const RELOAD = 'Reload the page and send your comment again';

/**
 * Validates, checks and stores one comment. Never throws on bad input; throws
 * only when the outbox cannot be written (the route answers 503).
 */
export async function acceptComment(input: unknown, ctx: IntakeContext): Promise<IntakeResult> {
  const now = (ctx.now ?? (() => new Date()))();
  const emit = (event: IntakeEvent) => ctx.onEvent?.(event);

  const origin = checkOrigin(ctx.request.origin, ctx.allowedOrigins);
  if (origin) {
    emit({ type: 'forbidden', reason: origin });
    return { kind: 'forbidden', message: 'Comments can only be sent from the consultation website' };
  }

  if (!input || typeof input !== 'object' || Array.isArray(input)) return { kind: 'invalid', errors: { form: RELOAD } };
  const fields = input as Record<string, unknown>;

  if (typeof fields.website === 'string' && fields.website.trim() !== '') {
    emit({ type: 'honeypot' });
    return { kind: 'accepted', reference: decoyReference(ctx.outbox.referencePrefix, now), duplicate: false };
  }

  const parsed = CommentFormInput.safeParse(fields);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error) };
  const form = parsed.data;

  const existing = ctx.outbox.get(form.submissionId);
  if (existing) {
    emit({ type: 'accepted', reference: existing.reference, duplicate: true, unverified: existing.unverified });
    return { kind: 'accepted', reference: existing.reference, duplicate: true };
  }

  const place = checkPlace(form, now, ctx.catalog);
  if (place) return place;

  const proof = await ctx.guard.verifyProofOfWork(fields.altcha);
  if (!proof.verified) emit({ type: 'unverified', reason: proof.reason ?? 'invalid' });

  const allowance = await ctx.guard.consume(ctx.request.clientAddress, proof.verified);
  if (!allowance.allowed) {
    emit({ type: 'rate-limited', unverified: !proof.verified });
    return { kind: 'rate-limited', retryAfterSeconds: allowance.retryAfterSeconds };
  }

  // The form was validated above; the server adds what it knows, so there is nothing left to check twice.
  const submission: CommentSubmission = { ...form, channel: 'web', submittedAt: now.toISOString() };
  const { reference, duplicate } = await ctx.outbox.acceptSoon(submission, { unverified: !proof.verified });
  emit({ type: 'accepted', reference, duplicate, unverified: !proof.verified });
  return { kind: 'accepted', reference, duplicate };
}

/** Why the origin is refused, or null when it is allowed. */
function checkOrigin(origin: string | null | undefined, allowed: readonly string[]): string | null {
  if (allowed.length === 0 || origin === undefined || origin === null || origin === '') {
    // Browsers send Origin on every cross-site POST; a client without one is not a browser being abused.
    return null;
  }
  let normalised: string;
  try {
    normalised = new URL(origin).origin;
  } catch {
    return 'malformed origin';
  }
  const ok = allowed.some((a) => {
    try {
      return new URL(a).origin === normalised;
    } catch {
      return false;
    }
  });
  return ok ? null : 'origin not allowed';
}

/** `closed` when the version does not take comments now; `invalid` when the section or paragraph is not in it. */
function checkPlace(form: CommentFormInput, now: Date, catalog: CommentCatalog): IntakeResult | null {
  try {
    const window = catalog.isOpen(form.version, now);
    if (!window.open) return { kind: 'closed', message: window.reason };
    if (!catalog.sectionExists(form.version, form.section)) {
      return { kind: 'invalid', errors: { section: `This section is not part of version ${form.version}. ${RELOAD}` } };
    }
    if (form.paragraph) {
      const n = Number(form.paragraph.slice(1));
      if (n > catalog.paragraphCount(form.version, form.section)) {
        return { kind: 'invalid', errors: { paragraph: `Paragraph ${form.paragraph} is not in this section. ${RELOAD}` } };
      }
    }
    return null;
  } catch {
    return { kind: 'closed', message: `Version ${form.version} is not open for comment` };
  }
}

/** A reference that looks like ours, for the honeypot's answer. */
function decoyReference(prefix: string, now: Date): string {
  return `${prefix}-${now.getUTCFullYear()}-${String(randomInt(100_000, 1_000_000)).padStart(6, '0')}`;
}
