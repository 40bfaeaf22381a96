/**
 * The server side of the comment form, without HTTP: validate, check, guard
 * and store one comment. GitHub is never called here: an accepted comment is
 * in the outbox, and the dispatcher files it. The HTTP boundary (the origin
 * check, reading the body, turning the result into an answer) is in
 * src/server/comment-request.ts and answer.ts.
 *
 * Steps, in order:
 * 1. the schema (`invalid`, with a message per field), and the address of
 *    the "e-mail me when my comment is answered" box when it is ticked
 *    (notify-consent.ts);
 * 2. a repeat of a stored comment gets the first reference back, even if the
 *    window closed in between: a repeat of its submission id (double click,
 *    retried POST), or for a form posted without JavaScript (which carries no
 *    id) the same client sending every field identical within 30 minutes;
 * 3. the version is open for comment now, in its own time zone (`closed`);
 *    the section and paragraph exist in that version (`invalid`);
 * 4. ALTCHA proof of work (guard.ts). A missing or bad proof does not refuse
 *    the comment: it is accepted, labelled `unverified` for the maintainers,
 *    and counted against stricter limits;
 * 5. the rate limits (`rate-limited`);
 * 6. the honeypot: a hidden `website` field people never see nor fill. A bot
 *    that fills it gets an answer no different from a real one (a reference
 *    from the same sequence and a receipt that works) and nothing it wrote is
 *    stored. It is checked last so that a bot cannot tell it apart by how
 *    the other checks answer. (Give the field `autocomplete="off"`,
 *    `tabindex="-1"` and hide it from assistive technology, so no person or
 *    password manager fills it.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { translator, type Language } from '../i18n/translate.ts';
import { parseParagraphRef } from '../strategy/paragraphs.ts';
import type { IntakeGuard } from './guard.ts';
import { readNotifyConsent } from './notify-consent.ts';
import type { Outbox } from './outbox.ts';
import { CommentFormInput, fieldErrors, type CommentSubmission, type FieldProblem } from './schema.ts';

/** What intake needs to know about the strategy; the server implements it from src/lib/strategy. */
export interface CommentCatalog {
  /** Whether `version` takes comments at `now`, judged in the version's time zone; `reason` is shown to the commenter (in `language`) when not. An unknown version is not open. */
  isOpen(version: string, now: Date, language?: Language): { open: boolean; reason: string };
  /** Whether `section` is a section id of `version`. */
  sectionExists(version: string, section: string): boolean;
  /** Number of citable paragraphs of the section (strategy/paragraphs.ts). */
  paragraphCount(version: string, section: string): number;
}

/** The outcome of a submission. */
export type IntakeResult =
  | { kind: 'accepted'; reference: string; submissionId: string; duplicate: boolean }
  | { kind: 'invalid'; errors: Record<string, FieldProblem> }
  | { kind: 'closed'; message: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number; scope: 'client' | 'everyone' };

/** Something worth counting or logging; never the comment, the address or its hash. */
export type IntakeEvent =
  | { type: 'accepted'; reference: string; duplicate: boolean; unverified: boolean }
  | { type: 'honeypot' }
  | { type: 'unverified'; reason: 'missing' | 'invalid' }
  | { type: 'rate-limited'; unverified: boolean; scope: 'client' | 'everyone' };

/** How long the same client sending the same form without JavaScript counts as pressing submit again. */
export const RESUBMISSION_WINDOW_MS = 30 * 60_000;

/** Everything `acceptComment` needs besides the input. */
export interface IntakeContext {
  outbox: Outbox;
  catalog: CommentCatalog;
  guard: IntakeGuard;
  /** The client's address (after trusted proxies). Only its salted hash is used, and only in memory. */
  clientAddress: string | null;
  now: Date;
  /** The language the commenter reads (`en` when absent): of the messages in the result, and of a notice the commenter asked for. */
  language?: Language;
  onEvent?: (event: IntakeEvent) => void;
}

/**
 * Validates, checks and stores one comment. Never throws on bad input; throws
 * only when the outbox cannot be written (the route answers 503).
 */
export async function acceptComment(fields: Record<string, unknown>, ctx: IntakeContext): Promise<IntakeResult> {
  const { now, outbox, guard } = ctx;
  const emit = (event: IntakeEvent) => ctx.onEvent?.(event);

  const given = typeof fields.submissionId === 'string' && fields.submissionId.trim() !== '';
  const language = ctx.language ?? 'en';
  const parsed = CommentFormInput.safeParse(given ? fields : { ...fields, submissionId: randomUUID() });
  const consent = readNotifyConsent(fields);
  if (!parsed.success || !consent.ok) {
    return { kind: 'invalid', errors: { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(consent.ok ? {} : consent.errors) } };
  }
  const form = parsed.data;

  const resubmission = given ? undefined : { key: resubmissionKey(guard.clientKey(ctx.clientAddress), form), since: new Date(now.getTime() - RESUBMISSION_WINDOW_MS) };
  const earlier = resubmission ? await outbox.findResubmission(resubmission.key, resubmission.since) : await outbox.get(form.submissionId);
  if (earlier) {
    emit({ type: 'accepted', reference: earlier.reference, duplicate: true, unverified: earlier.unverified });
    return { kind: 'accepted', reference: earlier.reference, submissionId: earlier.submissionId, duplicate: true };
  }

  const place = checkPlace(form, now, ctx.catalog, language);
  if (place) return place;

  const proof = await guard.verifyProofOfWork(fields.altcha);
  if (!proof.verified) emit({ type: 'unverified', reason: proof.reason ?? 'invalid' });

  const allowance = await guard.consume(ctx.clientAddress, proof.verified, now);
  if (!allowance.allowed) {
    emit({ type: 'rate-limited', unverified: !proof.verified, scope: allowance.scope });
    return { kind: 'rate-limited', retryAfterSeconds: allowance.retryAfterSeconds, scope: allowance.scope };
  }

  if (typeof fields.website === 'string' && fields.website.trim() !== '') {
    emit({ type: 'honeypot' });
    const decoy = await outbox.recordDecoy({ submissionId: form.submissionId, version: form.version, section: form.section, unverified: !proof.verified });
    return { kind: 'accepted', reference: decoy.reference, submissionId: decoy.submissionId, duplicate: false };
  }

  // The form was validated above; the server adds what it knows, so there is nothing left to check twice.
  const submission: CommentSubmission = { ...form, channel: 'web', submittedAt: now.toISOString() };
  const contact = consent.address ? { contact: { address: consent.address, notify: { language } } } : {};
  const stored = await outbox.acceptSoon(submission, { unverified: !proof.verified, ...(resubmission ? { resubmission } : {}), ...contact });
  emit({ type: 'accepted', reference: stored.reference, duplicate: stored.duplicate, unverified: !proof.verified });
  return { kind: 'accepted', ...stored };
}

/**
 * Identifies "the same client sent exactly this form": the client's salted
 * hash and every field as validated (so a resubmitted form matches however
 * the browser encoded it). Two people who send the same words with any
 * difference, or from another address, get different keys.
 */
function resubmissionKey(clientKey: string, form: CommentFormInput): string {
  const { submissionId: _, ...fields } = form;
  const canonical = JSON.stringify(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(`${clientKey}\0${canonical}`).digest('hex');
}

/** `closed` when the version does not take comments now; `invalid` when the section or paragraph is not in it. */
function checkPlace(form: CommentFormInput, now: Date, catalog: CommentCatalog, language: Language): IntakeResult | null {
  try {
    const window = catalog.isOpen(form.version, now, language);
    if (!window.open) return { kind: 'closed', message: window.reason };
    if (!catalog.sectionExists(form.version, form.section)) {
      return { kind: 'invalid', errors: { section: { key: 'comment.error.sectionNotInVersion', values: { version: form.version } } } };
    }
    if (form.paragraph) {
      const n = parseParagraphRef(form.paragraph) ?? 0;
      if (n > catalog.paragraphCount(form.version, form.section)) {
        return { kind: 'invalid', errors: { paragraph: { key: 'comment.error.paragraphNotInSection', values: { paragraph: form.paragraph } } } };
      }
    }
    return null;
  } catch {
    return { kind: 'closed', message: translator(language)('comment.notOpen.notForComment', { version: form.version }) };
  }
}
