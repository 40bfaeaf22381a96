/**
 * Everything the page and the exports show of one version's report, worked
 * out once: the figures, the matrix rows and the labels of sections.
 */
import type { Translate } from '../i18n/translate.ts';
import type { CatalogVersion } from '../strategy/catalog.ts';
import { matrixRows, type MatrixRow } from './matrix.ts';
import type { FeedbackReport } from './schema.ts';
import { feedbackStatistics, type FeedbackStatistics } from './statistics.ts';

export interface ReportView {
  report: FeedbackReport;
  version: string;
  versionTitle: string;
  timeZone: string;
  window: { opens: Date; closes: Date } | null;
  statistics: FeedbackStatistics;
  rows: MatrixRow[];
  /** Sections in reading order, numbered. */
  sections: { id: string; title: string; label: string }[];
  /** `2. Governance and coordination` for a section id (the id itself for a section the version does not have). */
  sectionLabel: (id: string) => string;
}

export interface ReportViewOptions {
  t: Translate;
  /** Time zone for days and dates when the version has no window (the site's). */
  timeZone: string;
  /** Absolute site address for links in exports; omit on the site. */
  siteUrl?: string;
  /** The next published version, whose sections name where a paragraph went. */
  next?: CatalogVersion;
}

export function reportView(report: FeedbackReport, version: CatalogVersion, options: ReportViewOptions): ReportView {
  const timeZone = version.window?.timeZone ?? options.timeZone;
  const sections = version.sections.map((s, i) => ({ id: s.id, title: s.title, label: `${i + 1}. ${s.title}` }));
  const labels = new Map(sections.map((s) => [s.id, s.label]));
  const window = version.window ? { opens: version.window.opens, closes: version.window.closes } : null;
  return {
    report,
    version: version.manifest.id,
    versionTitle: version.manifest.title,
    timeZone,
    window,
    statistics: feedbackStatistics(report, { sections: sections.map((s) => s.id), timeZone, window }),
    rows: matrixRows(report, {
      sections,
      timeZone,
      t: options.t,
      ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
      ...(options.next ? { nextSections: options.next.sections } : {}),
    }),
    sections,
    sectionLabel: (id) => labels.get(id) ?? id,
  };
}
