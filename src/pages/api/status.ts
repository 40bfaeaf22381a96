/**
 * GET /api/status: the comment service's state, for monitoring: how many
 * comments wait to be filed, how many GitHub refused, and since when the
 * oldest has waited. Reading it changes nothing.
 */
import type { APIRoute } from 'astro';
import { services } from '../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = () => {
  const running = services();
  const stats = running.outbox.stats();
  const body = {
    ok: true,
    github: running.github !== null,
    comments: { pending: stats.pending + stats.dispatching, filed: stats.filed, failed: stats.failed, oldestUnfiledAt: stats.oldestUnfiledAt?.toISOString() ?? null },
  };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
};
