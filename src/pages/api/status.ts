/**
 * GET /api/status: the comment service's state, for monitoring: how many
 * comments wait to be filed, how many GitHub refused, since when the oldest
 * has waited, and the backlog: the filing rate, and when GitHub's pace will
 * have every waiting comment filed. Reading it changes nothing.
 *
 * Public, so it says whether a process is filing, not which one: the lane's
 * label names a host and a process id, which `npm run comments:list` shows
 * to whoever runs it on the server.
 */
import type { APIRoute } from 'astro';
import { backlogJson, readBacklog } from '../../lib/comments/forecast.ts';
import { services } from '../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = async () => {
  const running = services();
  const stats = await running.outbox.stats();
  const backlog = backlogJson(await readBacklog(running.outbox, new Date(), stats, running.config.filingPace));
  const body = {
    ok: true,
    github: running.github !== null,
    comments: { pending: stats.pending + stats.dispatching, filed: stats.filed, failed: stats.failed, oldestUnfiledAt: stats.oldestUnfiledAt?.toISOString() ?? null },
    backlog: { ...backlog, filing: backlog.filing !== null },
  };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
};
