/** GET /api/altcha: a fresh proof-of-work challenge for the comment form (ALTCHA; no third party). */
import type { APIRoute } from 'astro';
import { createChallenge } from '../../lib/comments/intake.ts';
import { commentService } from '../../server/comment-service.ts';

export const prerender = false;

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await createChallenge(commentService().guard)), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
