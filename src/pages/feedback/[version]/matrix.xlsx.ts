/** The comment-response matrix as an Excel workbook, written at build time beside the page. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { matrixXlsx } from '../../../lib/feedback/export-xlsx.ts';
import { siteContext } from '../../../config.ts';
import { publishedReport, publishedReports } from '../../../lib/feedback/site-data.ts';
import { t } from '../../../lib/i18n/translate.ts';

export const getStaticPaths = (() => publishedReports(siteContext()).map((r) => ({ params: { version: r.version.manifest.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { view } = publishedReport(siteContext(), params.version!)!;
  const createdAt = view.report.lastActivityAt ? new Date(view.report.lastActivityAt) : new Date(0);
  const bytes = await matrixXlsx(view.rows, t, { sheetName: `${view.version} comments`, createdAt, title: `${view.version} ${view.versionTitle}` });
  return new Response(bytes, { headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
};
