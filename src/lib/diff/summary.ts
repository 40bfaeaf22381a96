/** Counts over a comparison: what the headline of a compare page or a pull-request comment says. */
import type { ComparisonSummary, SectionComparison } from './types.ts';

export function summarise(sections: readonly SectionComparison[]): ComparisonSummary {
  const count = (test: (s: SectionComparison) => boolean) => sections.filter(test).length;
  const counts: ComparisonSummary['sections'] = {
    total: sections.length,
    added: count((s) => s.status === 'added'),
    removed: count((s) => s.status === 'removed'),
    movedFrom: count((s) => s.status === 'moved-from'),
    changed: count((s) => s.status === 'changed'),
    retitled: count((s) => Boolean(s.retitled)),
    reordered: count((s) => s.reordered),
    unchanged: count((s) => s.status === 'unchanged' && !s.retitled && !s.reordered),
  };
  const words = { added: 0, removed: 0 };
  for (const section of sections) {
    words.added += section.words.added;
    words.removed += section.words.removed;
  }
  const hasChanges = counts.unchanged !== counts.total || words.added + words.removed > 0;
  return { hasChanges, sections: counts, words };
}
