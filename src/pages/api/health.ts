/** GET /api/health: is the server up. Also the bare endpoint `npm run bench:comments` measures against. */
import type { APIRoute } from 'astro';

export const prerender = false;

export const GET: APIRoute = () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
