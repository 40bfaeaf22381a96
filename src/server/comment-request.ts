/**
 * From an HTTP request to the comment intake and back, for the JSON API and
 * the no-JavaScript form page alike: body size and type limits, the client
 * (resolved once per request by the middleware, behind trusted proxies), and
 * one answer (src/lib/comments/answer.ts) whichever way the comment came.
 * The origin check is the middleware's, for every unsafe request.
 */
import { answerHeaders, answerIntake, answerRefusal, type CommentAnswer } from '../lib/comments/answer.ts';
import { acceptComment } from '../lib/comments/intake.ts';
import { localePath } from '../lib/i18n/paths.ts';
import { translator, type Language } from '../lib/i18n/translate.ts';
import { timeZoneLabelIn } from '../lib/site/settings.ts';
import { services } from './services.ts';

/** Largest request body accepted: the longest valid comment is ~40 KB of UTF-8. */
const MAX_BODY_BYTES = 64 * 1024;

export type ReadResult = { ok: true; fields: Record<string, unknown> } | { ok: false; answer: CommentAnswer };

const TOO_LARGE = (language: Language) => answerRefusal(413, translator(language)('comment.refused.tooLarge'));

/** Reads JSON or an HTML form body, refusing anything larger than MAX_BODY_BYTES without reading it all; refusals in `language`. */
export async function readCommentFields(request: Request, language: Language = 'en'): Promise<ReadResult> {
  const t = translator(language);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, answer: TOO_LARGE(language) };
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await readCapped(request);
  if (text === null) return { ok: false, answer: TOO_LARGE(language) };
  if (type === 'application/json') {
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, answer: answerRefusal(400, t('comment.refused.notAnObject')) };
      return { ok: true, fields: value as Record<string, unknown> };
    } catch {
      return { ok: false, answer: answerRefusal(400, t('comment.refused.notJson')) };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { ok: true, fields: Object.fromEntries(new URLSearchParams(text)) };
  return { ok: false, answer: answerRefusal(415, t('comment.refused.type')) };
}

async function readCapped(request: Request): Promise<string | null> {
  if (!request.body) return '';
  // A declared length within the limit was checked above: read it in one go (the common, faster case).
  if (request.headers.get('content-length')) {
    const text = await request.text();
    return Buffer.byteLength(text) > MAX_BODY_BYTES ? null : text;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Validates, guards and stores one comment from request fields, and says how
 * to answer, in `language` (the page's, or what the API client asked for).
 * A comment that does not say which language it is written in is taken to
 * be in that language. Never throws.
 */
export async function submitComment(fields: Record<string, unknown>, clientAddress: string, language: Language = 'en'): Promise<CommentAnswer> {
  const running = services();
  const now = new Date();
  const { settings } = running.site;
  const t = translator(language);
  const written = fields.language === undefined || fields.language === '' ? { ...fields, language } : fields;
  try {
    const result = await acceptComment(written, { outbox: running.outbox, catalog: running.catalog, guard: running.guard, clientAddress, now, language });
    if (result.kind === 'accepted' && !result.duplicate) running.dispatcher?.wake();
    const timeZoneLabel = timeZoneLabelIn(settings, language);
    return answerIntake(result, { t, language, timeZone: settings.timeZone, ...(timeZoneLabel ? { timeZoneLabel } : {}), now });
  } catch (error) {
    // Only the outbox write can throw: the comment was not stored, so say so.
    console.error('[comments] could not store a comment:', (error as Error).message);
    return answerRefusal(503, t('comment.refused.unavailable'));
  }
}

/** The answer as the JSON API sends it; the receipt is the page in `language`. */
export function jsonAnswer(answer: CommentAnswer, language: Language = 'en'): Response {
  const { status } = answer;
  const body =
    status === 202
      ? { reference: answer.reference, duplicate: answer.duplicate, receipt: receiptUrl(answer.submissionId, language) }
      : status === 400
        ? { error: answer.message, errors: answer.errors }
        : status === 429
          ? { error: answer.message, retryAfterSeconds: answer.retryAfterSeconds, retryAt: answer.retryAt }
          : { error: answer.message };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...answerHeaders(answer) },
  });
}

/** The receipt page for a stored comment, in `language`. */
export function receiptUrl(submissionId: string, language: Language = 'en'): string {
  return localePath(language, `/comment/receipt/?id=${encodeURIComponent(submissionId)}`);
}
