/** The CSV template of the workshop's comment cards, for `npm run comments:import` (src/lib/workshop/cards.ts). */
import type { APIRoute } from 'astro';
import { commentCardsCsv } from '../../lib/workshop/cards.ts';

export const GET: APIRoute = () => new Response(commentCardsCsv(), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
