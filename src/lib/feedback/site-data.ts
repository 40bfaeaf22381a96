/**
 * What the feedback pages are built from: each published version that has a
 * committed report, with its view worked out once per build.
 */
import { translator, type Language } from '../i18n/translate.ts';
import type { SiteContext } from '../site/context.ts';
import { catalogLineage } from '../site/lineage.ts';
import { nextVersion, previousVersion, type CatalogVersion } from '../strategy/catalog.ts';
import { withParagraphFates } from './paragraph-fate.ts';
import { listFeedbackReports, loadFeedbackReport } from './report-file.ts';
import { reportView, type ReportView } from './report-view.ts';

export interface PublishedReport {
  version: CatalogVersion;
  view: ReportView;
}

const cache = new WeakMap<SiteContext, Map<Language, PublishedReport[]>>();

/**
 * Reports of published versions, newest version first, with their labels in
 * `language`. A report for a version that is not published is ignored.
 */
export function publishedReports(context: SiteContext, language: Language = 'en'): PublishedReport[] {
  const byLanguage = cache.get(context) ?? new Map<Language, PublishedReport[]>();
  cache.set(context, byLanguage);
  let cached = byLanguage.get(language);
  if (!cached) {
    const { root, catalog, settings } = context;
    const t = translator(language);
    cached = listFeedbackReports(root)
      .map((id) => ({ id, version: catalog.byId.get(id) }))
      .filter((r): r is { id: string; version: CatalogVersion } => r.version !== undefined)
      .map(({ id, version }) => {
        // Where each paragraph went is worked out from this build's versions, so a newly published one shows at once.
        const report = withParagraphFates(loadFeedbackReport(root, id)!, catalogLineage(catalog, settings.feedback?.lineageSimilarity));
        const next = nextVersion(catalog, id);
        const previous = previousVersion(catalog, id)?.manifest.id;
        return { version, view: reportView(report, version, { t, timeZone: settings.timeZone, ...(next ? { next } : {}), ...(previous ? { previousVersion: previous } : {}) }) };
      })
      .reverse();
    byLanguage.set(language, cached);
  }
  return cached;
}

/** The report of one version, or undefined. */
export function publishedReport(context: SiteContext, version: string, language: Language = 'en'): PublishedReport | undefined {
  return publishedReports(context, language).find((r) => r.version.manifest.id === version);
}
