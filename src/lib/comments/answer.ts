/**
 * One answer to a comment submission, whichever way it came: the JSON API
 * (`POST /api/comments`) and the no-JavaScript form page (`/comment/`) both
 * turn an intake result, or a refusal at the HTTP boundary, into this, and
 * differ only in how they show it (a JSON body, or the page with the form
 * filled in again).
 */
import { formatOffset } from '../consultation/window.ts';
import { clockTime, inAbout } from '../i18n/time.ts';
import type { Translate } from '../i18n/translate.ts';
import type { IntakeResult } from './intake.ts';
import { describeProblems } from './schema.ts';

export type CommentAnswer =
  | { status: 202; reference: string; submissionId: string; duplicate: boolean }
  | { status: 400; message: string; errors: Record<string, string> }
  | { status: 403 | 410 | 413 | 415 | 503; message: string }
  | { status: 429; message: string; retryAfterSeconds: number; retryAt: string };

/** What the words of an answer depend on. */
export interface AnswerWords {
  t: Translate;
  language: string;
  /** The consultation's time zone, e.g. `America/Belize`. */
  timeZone: string;
  /**
   * What the site calls that zone in the reader's language, e.g. "hora de
   * Belice (UTC-6)"; left out when the site has no label in that language,
   * so a Spanish answer never carries the English one.
   */
  timeZoneLabel?: string;
  now: Date;
}

export function answerIntake(result: IntakeResult, words: AnswerWords): CommentAnswer {
  const { t } = words;
  switch (result.kind) {
    case 'accepted':
      return { status: 202, reference: result.reference, submissionId: result.submissionId, duplicate: result.duplicate };
    case 'invalid':
      return { status: 400, message: t('comment.errorSummary.title'), errors: describeProblems(result.errors, words) };
    case 'closed':
      return { status: 410, message: result.message };
    case 'rate-limited': {
      const retryAt = new Date(words.now.getTime() + result.retryAfterSeconds * 1000);
      const values = { wait: inAbout(result.retryAfterSeconds, words.language), time: clockTime(retryAt, words.timeZone, words.language), zone: zoneName(retryAt, words) };
      return {
        status: 429,
        message: t(result.scope === 'client' ? 'comment.rateLimited.client' : 'comment.rateLimited.everyone', values),
        retryAfterSeconds: result.retryAfterSeconds,
        retryAt: retryAt.toISOString(),
      };
    }
  }
}

/** The site's label for the zone, if it has one in the reader's language and it gives the offset of that moment; else the offset, in the reader's words. */
export function zoneName(at: Date, words: Pick<AnswerWords, 't' | 'timeZone' | 'timeZoneLabel'>): string {
  const offset = formatOffset(at, words.timeZone);
  return words.timeZoneLabel?.includes(offset) ? words.timeZoneLabel : words.t('comment.rateLimited.zone', { offset });
}

/** A submission refused before intake: from another site, too large, of an unknown type, or not stored. */
export function answerRefusal(status: 403 | 413 | 415 | 400 | 503, message: string): CommentAnswer {
  return status === 400 ? { status, message, errors: { form: message } } : { status, message };
}

/** Headers an answer carries besides its body. */
export function answerHeaders(answer: CommentAnswer): Record<string, string> {
  if (answer.status === 429) return { 'retry-after': String(answer.retryAfterSeconds) };
  if (answer.status === 503) return { 'retry-after': '60' };
  return {};
}
