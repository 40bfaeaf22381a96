/** The summary of a comparison as plain text lines, for a terminal. */
import { renumberedSections } from './renumbering.ts';
import { changedSections, sectionCounts } from './section-outline.ts';
import type { Comparison } from './types.ts';

export function formatSummaryText(comparison: Comparison, options: { fromLabel: string; toLabel: string }): string {
  const { words } = comparison.summary;
  const head = `${options.fromLabel} -> ${options.toLabel}`;
  if (!comparison.summary.hasChanges) return `${head}: no changes\n`;
  const counts = sectionCounts(comparison.summary);
  const lines = [`${head}: sections ${counts.join(', ')}; words +${words.added} -${words.removed}`];
  const renumbered = renumberedSections(comparison);
  if (renumbered) lines.push(`  renumbered sections: ${renumbered}`);
  for (const outline of changedSections(comparison.sections)) {
    lines.push(`  ${outline.id} "${outline.title}": ${outline.changes.join('; ')} (+${outline.words.added} -${outline.words.removed} words)`);
  }
  return `${lines.join('\n')}\n`;
}
