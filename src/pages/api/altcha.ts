/** GET /api/altcha: a fresh proof-of-work challenge for the comment form (ALTCHA; no third party). */
import type { APIRoute } from 'astro';
import { services } from '../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await services().guard.createChallenge()), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
