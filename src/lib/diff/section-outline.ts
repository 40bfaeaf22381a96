/**
 * A section's comparison as plain, serialisable facts and one line of words
 * ("text changed; re-titled; moved"), shared by the Markdown, text and JSON
 * summaries so they never disagree.
 */
import type { ComparisonSummary, SectionComparison, SectionStatus, WordCount } from './types.ts';

export interface SectionOutline {
  /** Section id (new id; old id when removed). */
  id: string;
  /** Title in the new version (old title when removed). */
  title: string;
  status: SectionStatus;
  movedFrom?: string;
  retitled?: { from: string; to: string };
  reordered: boolean;
  words: WordCount;
  /** What happened, in words, most important first. */
  changes: string[];
}

export function outlineSection(section: SectionComparison): SectionOutline {
  const changes: string[] = [];
  if (section.status === 'added') changes.push('added');
  if (section.status === 'removed') changes.push('removed');
  if (section.status === 'moved-from') changes.push(`id changed from ${section.movedFrom}`);
  if (section.textChanged && (section.status === 'changed' || section.status === 'moved-from')) changes.push('text changed');
  if (section.retitled) changes.push(`re-titled (was "${section.retitled.from}")`);
  if (section.reordered) changes.push('moved');
  return {
    id: section.id,
    title: (section.after ?? section.before)!.title,
    status: section.status,
    ...(section.movedFrom ? { movedFrom: section.movedFrom } : {}),
    ...(section.retitled ? { retitled: section.retitled } : {}),
    reordered: section.reordered,
    words: section.words,
    changes,
  };
}

/** Outlines of the sections where something happened. */
export function changedSections(sections: readonly SectionComparison[]): SectionOutline[] {
  return sections.map(outlineSection).filter((outline) => outline.changes.length > 0);
}

/** "3 changed, 1 added, 0 removed, 1 re-titled, 1 moved, 4 unchanged": the section counts every summary starts with. */
export function sectionCounts(summary: ComparisonSummary): string[] {
  const { sections } = summary;
  return [
    `${sections.changed} changed`,
    `${sections.added} added`,
    `${sections.removed} removed`,
    ...(sections.movedFrom ? [`${sections.movedFrom} with a new id`] : []),
    `${sections.retitled} re-titled`,
    `${sections.reordered} moved`,
    `${sections.unchanged} unchanged`,
  ];
}
