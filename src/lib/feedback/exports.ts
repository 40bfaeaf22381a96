/**
 * The files of `reports/<v>/`: `matrix.csv`, `matrix.xlsx`, `report.md` and
 * `report.json`, all drawn from one ReportView.
 */
import type { Translate } from '../i18n/translate.ts';
import { matrixCsv } from './export-csv.ts';
import { markdownReport } from './export-markdown.ts';
import { matrixXlsx } from './export-xlsx.ts';
import type { ReportView } from './report-view.ts';

export type ExportFile = 'matrix.csv' | 'matrix.xlsx' | 'report.md' | 'report.json';

/** What machines read: the figures, the groups and flags, every public comment (each naming its group), and the issues that could not be read. */
export function reportJson(view: ReportView): string {
  const { report } = view;
  return `${JSON.stringify(
    {
      version: view.version,
      title: view.versionTitle,
      sources: report.sources,
      ...(report.repository ? { repository: report.repository } : {}),
      lastActivityAt: report.lastActivityAt,
      statistics: view.statistics,
      ...(report.grouping ? { grouping: report.grouping } : {}),
      groups: report.groups,
      flags: report.flags,
      comments: report.comments,
      unreadable: report.unreadable,
    },
    null,
    2,
  )}\n`;
}

export async function buildExports(view: ReportView, t: Translate, options: { pageUrl?: string } = {}): Promise<Record<ExportFile, string | Uint8Array<ArrayBuffer>>> {
  const createdAt = view.report.lastActivityAt ? new Date(view.report.lastActivityAt) : new Date(0);
  return {
    'matrix.csv': matrixCsv(view.rows, t),
    'matrix.xlsx': await matrixXlsx(view.rows, t, { sheetName: `${view.version} comments`, createdAt, title: `${view.version} ${view.versionTitle}` }),
    'report.md': markdownReport({
      version: view.version,
      versionTitle: view.versionTitle,
      statistics: view.statistics,
      rows: view.rows,
      changes: view.changes,
      ...(view.previousVersion ? { previousVersion: view.previousVersion } : {}),
      unreadable: view.report.unreadable,
      flags: view.report.flags,
      timeZone: view.timeZone,
      sectionLabel: view.sectionLabel,
      t,
      ...(options.pageUrl ? { pageUrl: options.pageUrl } : {}),
    }),
    'report.json': reportJson(view),
  };
}
