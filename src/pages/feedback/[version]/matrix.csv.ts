/** The comment-response matrix as CSV, written at build time beside the page. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { matrixCsv } from '../../../lib/feedback/export-csv.ts';
import { siteContext } from '../../../config.ts';
import { publishedReport, publishedReports } from '../../../lib/feedback/site-data.ts';
import { t } from '../../../lib/i18n/translate.ts';

export const getStaticPaths = (() => publishedReports(siteContext()).map((r) => ({ params: { version: r.version.manifest.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const { view } = publishedReport(siteContext(), params.version!)!;
  return new Response(matrixCsv(view.rows, t), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
