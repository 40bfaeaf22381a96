/**
 * POST /api/comments: the comment form's endpoint for JavaScript clients (and
 * anyone scripting a submission). Answers 202 with the reference once the
 * comment is durably in the outbox; never waits on GitHub.
 */
import type { APIRoute } from 'astro';
import { requestLanguage, translator } from '../../lib/i18n/translate.ts';
import { jsonAnswer, readCommentFields, submitComment } from '../../server/comment-request.ts';

export const prerender = false;

/** The answer is in the language of a `lang` field, or else the one Accept-Language prefers (the form's script sends its page's). */
export const POST: APIRoute = async ({ request, locals }) => {
  const accepted = requestLanguage(undefined, request.headers.get('accept-language'));
  const read = await readCommentFields(request, accepted);
  if (!read.ok) return jsonAnswer(read.answer, accepted);
  const language = requestLanguage(read.fields.lang, request.headers.get('accept-language'));
  return jsonAnswer(await submitComment(read.fields, locals.client.address, language), language);
};

export const ALL: APIRoute = ({ request }) =>
  new Response(JSON.stringify({ error: translator(requestLanguage(undefined, request.headers.get('accept-language')))('comment.refused.method') }), { status: 405, headers: { allow: 'POST', 'content-type': 'application/json; charset=utf-8' } });
