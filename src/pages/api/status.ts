/**
 * GET /api/status: the comment service's state, for monitoring: how many
 * comments wait to be filed, how many GitHub refused, and since when the
 * oldest has waited. Asking also starts the service, and with it the
 * dispatcher: scripts/serve.ts asks once at boot, so filing resumes after a
 * restart without waiting for a commenter.
 */
import type { APIRoute } from 'astro';
import { commentService } from '../../server/comment-service.ts';

export const prerender = false;

export const GET: APIRoute = () => {
  const service = commentService();
  const stats = service.outbox.stats();
  const body = {
    ok: true,
    github: service.github !== null,
    comments: { pending: stats.pending + stats.dispatching, filed: stats.filed, failed: stats.failed, oldestUnfiledAt: stats.oldestUnfiledAt?.toISOString() ?? null },
  };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
};
