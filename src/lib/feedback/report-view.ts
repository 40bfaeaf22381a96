/**
 * Everything the page and the exports show of one version's report, worked
 * out once: the figures, the matrix rows, the comments on each change and
 * the labels of sections.
 */
import type { Translate } from '../i18n/translate.ts';
import type { CatalogVersion } from '../strategy/catalog.ts';
import { commentsByChange, type ChangeComments } from './by-change.ts';
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
  /** The version before this one, whose comparison with it numbers the changes comments are on. */
  previousVersion?: string;
  /** Comments on changes, change by change in comparison order. */
  changes: ChangeComments[];
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
  /** The version before this one (`previousVersion` of the catalog): links a comment on a change to it on the comparison page. */
  previousVersion?: string;
  /** The next published version, whose sections name where a paragraph went. */
  next?: CatalogVersion;
}

export function reportView(report: FeedbackReport, version: CatalogVersion, options: ReportViewOptions): ReportView {
  const timeZone = version.window?.timeZone ?? options.timeZone;
  const sections = version.sections.map((s, i) => ({ id: s.id, title: s.title, label: `${i + 1}. ${s.title}` }));
  const labels = new Map(sections.map((s) => [s.id, s.label]));
  const window = version.window ? { opens: version.window.opens, closes: version.window.closes } : null;
  const rows = matrixRows(report, {
    sections,
    timeZone,
    t: options.t,
    ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
    ...(options.next ? { nextSections: options.next.sections } : {}),
    ...(options.previousVersion ? { previousVersion: options.previousVersion } : {}),
  });
  return {
    report,
    version: version.manifest.id,
    versionTitle: version.manifest.title,
    timeZone,
    window,
    statistics: feedbackStatistics(report, { sections: sections.map((s) => s.id), timeZone, window }),
    rows,
    ...(options.previousVersion ? { previousVersion: options.previousVersion } : {}),
    changes: commentsByChange(rows),
    sections,
    sectionLabel: (id) => labels.get(id) ?? id,
  };
}
