/**
 * What the feedback pages are built from: each published version that has a
 * committed report, with its view worked out once per build.
 */
import { t } from '../i18n/translate.ts';
import { contentRoot, siteContext } from '../site/context.ts';
import type { CatalogVersion } from '../strategy/catalog.ts';
import { listFeedbackReports, loadFeedbackReport } from './report-file.ts';
import { reportView, type ReportView } from './report-view.ts';

export interface PublishedReport {
  version: CatalogVersion;
  view: ReportView;
}

let cached: PublishedReport[] | undefined;

/** Reports of published versions, newest version first. A report for a version that is not published is ignored. */
export function publishedReports(): PublishedReport[] {
  if (!cached) {
    const root = contentRoot();
    const { catalog, settings } = siteContext();
    cached = listFeedbackReports(root)
      .map((id) => ({ id, version: catalog.byId.get(id) }))
      .filter((r): r is { id: string; version: CatalogVersion } => r.version !== undefined)
      .map(({ id, version }) => ({ version, view: reportView(loadFeedbackReport(root, id)!, version, { t, timeZone: settings.timeZone }) }))
      .reverse();
  }
  return cached;
}

/** The report of one version, or undefined. */
export function publishedReport(version: string): PublishedReport | undefined {
  return publishedReports().find((r) => r.version.manifest.id === version);
}
