/** The report's data (figures, comments, unreadable issues) as JSON, written at build time beside the page. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { reportJson } from '../../../lib/feedback/exports.ts';
import { siteContext } from '../../../config.ts';
import { publishedReport, publishedReports } from '../../../lib/feedback/site-data.ts';

export const getStaticPaths = (() => publishedReports(siteContext()).map((r) => ({ params: { version: r.version.manifest.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const { view } = publishedReport(siteContext(), params.version!)!;
  return new Response(reportJson(view), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
