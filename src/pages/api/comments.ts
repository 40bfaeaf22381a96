/**
 * POST /api/comments: the comment form's endpoint for JavaScript clients (and
 * anyone scripting a submission). Answers 202 with the reference once the
 * comment is durably in the outbox; never waits on GitHub.
 */
import type { APIRoute } from 'astro';
import { t } from '../../lib/i18n/translate.ts';
import { jsonAnswer, readCommentFields, submitComment } from '../../server/comment-request.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request, locals }) => {
  const read = await readCommentFields(request);
  if (!read.ok) return jsonAnswer(read.answer);
  return jsonAnswer(await submitComment(read.fields, locals.client.address));
};

export const ALL: APIRoute = () =>
  new Response(JSON.stringify({ error: t('comment.refused.method') }), { status: 405, headers: { allow: 'POST', 'content-type': 'application/json; charset=utf-8' } });
