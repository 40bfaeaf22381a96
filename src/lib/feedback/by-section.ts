/**
 * "N comments on this section": what the version page shows under each
 * section, linking to that section's rows in the comment-response matrix.
 */
import { loadFeedbackReport } from './report-file.ts';

export interface SectionComments {
  /** Public comments on the section (spam and unreadable issues excluded). */
  count: number;
  /** The section's rows in the matrix: `/feedback/v0.1/#matrix-governance`. */
  url: string;
}

/** The anchor of a section's rows in the matrix. */
export function matrixSectionAnchor(section: string): string {
  return `matrix-${section}`;
}

/** Where a version's report is on the site. */
export function feedbackPageUrl(version: string): string {
  return `/feedback/${version}/`;
}

/**
 * Comment counts of a version's sections, from its committed report; only
 * sections with comments are listed, and a version without a report gives an
 * empty map.
 */
export function commentsBySection(version: string, root: string): Map<string, SectionComments> {
  const report = loadFeedbackReport(root, version);
  const out = new Map<string, SectionComments>();
  for (const comment of report?.comments ?? []) {
    const entry = out.get(comment.section) ?? { count: 0, url: `${feedbackPageUrl(version)}#${matrixSectionAnchor(comment.section)}` };
    entry.count++;
    out.set(comment.section, entry);
  }
  return out;
}
