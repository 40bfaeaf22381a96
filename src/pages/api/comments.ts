/**
 * POST /api/comments: the comment form's endpoint for JavaScript clients (and
 * anyone scripting a submission). Answers 202 with the reference once the
 * comment is durably in the outbox; never waits on GitHub.
 */
import type { APIRoute } from 'astro';
import { readCommentFields, receiptUrl, submitComment } from '../../server/comment-request.ts';

export const prerender = false;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });

export const POST: APIRoute = async ({ request, clientAddress, url }) => {
  const read = await readCommentFields(request);
  if (!read.ok) return json(read.status, { error: read.message });
  try {
    const { result, submissionId } = await submitComment(read.fields, { request, clientAddress, url });
    switch (result.kind) {
      case 'accepted':
        return json(202, { reference: result.reference, duplicate: result.duplicate, receipt: receiptUrl(submissionId) });
      case 'invalid':
        return json(400, { error: 'There is a problem with the comment', errors: result.errors });
      case 'closed':
        return json(410, { error: result.message });
      case 'rate-limited':
        return json(429, { error: 'Too many comments from this connection', retryAfterSeconds: result.retryAfterSeconds }, { 'retry-after': String(result.retryAfterSeconds) });
      case 'forbidden':
        return json(403, { error: result.message });
    }
  } catch (error) {
    // Only the outbox write can throw: the comment was not stored, so say so.
    console.error('[comments] could not store a comment:', error);
    return json(503, { error: 'Your comment could not be stored just now. Please try again in a minute.' }, { 'retry-after': '60' });
  }
};

export const ALL: APIRoute = () => json(405, { error: 'Use POST' }, { allow: 'POST' });
