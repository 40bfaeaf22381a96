/**
 * What happens when a consultation closes: the site is rebuilt so the comment
 * form disappears (the pages are static), and every comment issue of that
 * version still open is labelled `consultation-closed`, so maintainers can
 * tell comments that arrived in time from the discussion that follows.
 * The GitHub calls are behind `CommentIssues`, so this stays free of Octokit
 * (scripts/label-closed-comments.ts supplies it).
 */
import type { Catalog, CatalogVersion } from './catalog.ts';

const CLOSED_LABEL = { name: 'consultation-closed', color: '6e7781', description: 'Filed on a version whose consultation has closed' } as const;

/**
 * Versions in status `consultation` whose window has closed by `now`; with
 * `withinHours`, only those that closed in the last that many hours (the
 * scheduled check: a rebuild is due only once).
 */
export function closedConsultations(catalog: Catalog, now: Date, withinHours?: number): CatalogVersion[] {
  return catalog.versions.filter((version) => {
    if (version.manifest.status !== 'consultation' || !version.window) return false;
    const closes = version.window.closes.getTime();
    if (closes >= now.getTime()) return false;
    return withinHours === undefined || now.getTime() - closes <= withinHours * 3_600_000;
  });
}

/** The comment issues of one repository, as this job needs them. */
export interface CommentIssues {
  /** Open issues carrying every one of `labels`, pull requests excluded. */
  listOpen(labels: string[]): AsyncIterable<{ number: number; labels: string[] }>;
  /** Creates the label unless it exists. */
  ensureLabel(label: { name: string; color: string; description: string }): Promise<void>;
  addLabel(issue: number, name: string): Promise<void>;
}

export interface LabelResult {
  /** Issues labelled now. */
  labelled: number[];
  /** Open issues that had the label already (an earlier run). */
  already: number;
}

/** Labels every open comment issue of `versionLabel` (e.g. `v:v0.2`) `consultation-closed`. */
export async function labelClosedComments(issues: CommentIssues, versionLabel: string, options: { dryRun?: boolean } = {}): Promise<LabelResult> {
  if (!options.dryRun) await issues.ensureLabel(CLOSED_LABEL);
  const result: LabelResult = { labelled: [], already: 0 };
  for await (const issue of issues.listOpen(['comment', versionLabel])) {
    if (issue.labels.includes(CLOSED_LABEL.name)) {
      result.already++;
      continue;
    }
    if (!options.dryRun) await issues.addLabel(issue.number, CLOSED_LABEL.name);
    result.labelled.push(issue.number);
  }
  return result;
}
