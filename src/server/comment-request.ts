/**
 * From an HTTP request to `acceptComment` and back: body size and type
 * limits, the origin and client address, and the id for a form posted
 * without JavaScript. Shared by the JSON API and the no-JavaScript form page.
 */
import { createHash } from 'node:crypto';
import { acceptComment, type IntakeResult } from '../lib/comments/intake.ts';
import { commentService } from './comment-service.ts';
import { PUBLIC_ORIGINS } from './public-origins.ts';

/** Largest request body accepted: the longest valid comment is ~40 KB of UTF-8. */
export const MAX_BODY_BYTES = 64 * 1024;

export type ReadResult = { ok: true; fields: Record<string, unknown> } | { ok: false; status: 413 | 415 | 400; message: string };

/** Reads JSON or an HTML form body, refusing anything larger than MAX_BODY_BYTES without reading it all. */
export async function readCommentFields(request: Request): Promise<ReadResult> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'The comment is too large to send.' };
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await readCapped(request);
  if (text === null) return { ok: false, status: 413, message: 'The comment is too large to send.' };
  if (type === 'application/json') {
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, status: 400, message: 'Send the comment as a JSON object.' };
      return { ok: true, fields: value as Record<string, unknown> };
    } catch {
      return { ok: false, status: 400, message: 'The comment is not valid JSON.' };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { ok: true, fields: Object.fromEntries(new URLSearchParams(text)) };
  return { ok: false, status: 415, message: 'Send the comment as a form or as JSON.' };
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
 * A form posted without JavaScript from a prerendered page has no submission
 * id (a static page cannot hold a fresh one). Derive one from the client and
 * the comment, so a double-click or a resubmitted form stores one comment,
 * while two people are never merged: the client hash differs.
 */
export function derivedSubmissionId(fields: Record<string, unknown>, clientAddress: string | undefined, now: Date): string {
  const salt = process.env.COMMENTS_ADDRESS_SALT ?? processSalt;
  const parts = [salt, clientAddress ?? '', now.toISOString().slice(0, 10), ...['version', 'section', 'paragraph', 'type', 'comment'].map((k) => (typeof fields[k] === 'string' ? fields[k] : ''))];
  // Only strings count: anything else fails validation anyway, and String() can throw on hostile objects.
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Shaped as a UUID v4 (version and variant bits set) so it passes the same schema.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
const processSalt = createHash('sha256').update(String(Math.random()) + Date.now()).digest('hex');

export interface SubmitContext {
  request: Request;
  clientAddress: string | undefined;
  /** The URL the request came to: its origin is always allowed. */
  url: URL;
}

/** Validates, guards and stores one comment from request fields. */
export async function submitComment(fields: Record<string, unknown>, ctx: SubmitContext): Promise<{ result: IntakeResult; submissionId: string }> {
  const service = commentService();
  const now = new Date();
  const given = typeof fields.submissionId === 'string' ? fields.submissionId.trim() : '';
  const submissionId = given || derivedSubmissionId(fields, ctx.clientAddress, now);
  const result = await acceptComment(
    { ...fields, submissionId },
    {
      outbox: service.outbox,
      catalog: service.catalog,
      guard: service.guard,
      request: { origin: ctx.request.headers.get('origin'), clientAddress: ctx.clientAddress },
      allowedOrigins: [ctx.url.origin, ...PUBLIC_ORIGINS],
      now: () => now,
    },
  );
  if (result.kind === 'accepted' && !result.duplicate) service.dispatcher?.wake();
  return { result, submissionId };
}

/** The receipt page for a stored comment. */
export function receiptUrl(submissionId: string): string {
  return `/comment/receipt/?id=${encodeURIComponent(submissionId)}`;
}
