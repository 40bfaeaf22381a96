/**
 * The summary of a comparison as GitHub-flavoured Markdown, for a comment on
 * a pull request. The hidden marker on the first line lets a workflow find
 * and update its own comment instead of adding one per push.
 */
import { renumberedSections } from './renumbering.ts';
import { changedSections, sectionCounts } from './section-outline.ts';
import type { Comparison } from './types.ts';

export const REDLINE_SUMMARY_MARKER = '<!-- consulta:redline-summary -->';

export interface MarkdownSummaryOptions {
  /** Name of the old version, e.g. `v0.1`. */
  fromLabel: string;
  /** Name of the new version, e.g. `draft`. */
  toLabel: string;
  /** Link to the compare page on the site (optional). */
  compareUrl?: string;
}

export function formatSummaryMarkdown(comparison: Comparison, options: MarkdownSummaryOptions): string {
  const { words } = comparison.summary;
  const from = code(options.fromLabel);
  const to = code(options.toLabel);
  const lines = [REDLINE_SUMMARY_MARKER, `### Changes from ${from} to ${to}`, ''];
  if (!comparison.summary.hasChanges) {
    lines.push(`No changes between ${from} and ${to}.`);
  } else {
    const counts = sectionCounts(comparison.summary);
    const renumbered = renumberedSections(comparison);
    lines.push(`- **Sections:** ${counts.join(', ')}`, ...(renumbered ? [`- **Renumbered sections:** ${renumbered}`] : []), `- **Words:** +${words.added} / -${words.removed}`, '');
    lines.push('| Section | What happened | Words + / - |', '| --- | --- | --- |');
    for (const outline of changedSections(comparison.sections)) {
      lines.push(`| ${cell(outline.title)} (${code(outline.id)}) | ${cell(outline.changes.join('; '))} | +${outline.words.added} / -${outline.words.removed} |`);
    }
  }
  if (options.compareUrl) lines.push('', `[See the full comparison](${options.compareUrl.replace(/[()\s]/g, encodeURIComponent)})`);
  return `${lines.join('\n')}\n`;
}

/** Text safe inside a table cell: no pipes or line breaks, no HTML. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\s+/g, ' ').trim();
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
