/**
 * Version comparison: which sections were added, removed, re-titled, moved
 * or changed, which paragraphs and words, and the views built on that (a
 * redline, the clean new text, side by side, and summaries).
 */
export { compareVersions } from './compare.ts';
export { alignSections } from './align-sections.ts';
export { alignParagraphs } from './align-paragraphs.ts';
export { clearBlockCache, sectionBlocks } from './blocks.ts';
export { diffWords } from './word-diff.ts';
export { redlineSection, redlineTitle, type RedlineSectionOptions } from './redline-tree.ts';
export { sectionChanges, type SectionChange } from './changes.ts';
export { changeId, changeLabel, changeQuote, parseChangeId } from './change-ref.ts';
export { cleanSection } from './clean-view.ts';
export { sideBySideSection } from './side-by-side.ts';
export { summarise } from './summary.ts';
export { renumbering, type NumberRange, type Renumbering } from './renumbering.ts';
export { outlineSection } from './section-outline.ts';
export { formatSummaryMarkdown, REDLINE_SUMMARY_MARKER } from './markdown-summary.ts';
export { formatSummaryText } from './text-summary.ts';
export type { RedlineLabels } from './labels.ts';
export type { Comparison, ComparisonSummary, SectionComparison } from './types.ts';
