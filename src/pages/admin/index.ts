/**
 * /admin/: Decap CMS. Rendered on demand rather than prerendered so that our
 * server can send its Content-Security-Policy as a header (src/middleware.ts);
 * the node adapter serves prerendered files without our headers.
 */
import type { APIRoute } from 'astro';
import settings from '../../../content/site.json' with { type: 'json' };
import { adminPageHtml } from '../../lib/cms/admin-page.ts';

export const prerender = false;

export const GET: APIRoute = () =>
  new Response(adminPageHtml(settings.strategyTitle), { headers: { 'content-type': 'text/html; charset=utf-8' } });
