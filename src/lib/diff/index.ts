/**
 * Version comparison: which sections were added, removed, re-titled, moved
 * or changed, which paragraphs and words, and the views built on that (a
 * redline, the clean new text, side by side, and summaries).
 */
export { compareVersions } from './compare.ts';
export { alignSections, type AlignSectionsOptions, type SectionAlignment } from './align-sections.ts';
export { alignParagraphs, type AlignParagraphsOptions } from './align-paragraphs.ts';
export { clearBlockCache, sectionBlocks } from './blocks.ts';
export { diffWords } from './word-diff.ts';
export { redlineSection, redlineTitle, type RedlineSectionOptions } from './redline-tree.ts';
export { sectionChanges, type SectionChange } from './changes.ts';
export { changeId, changeLabel, changeQuote, parseChangeId } from './change-ref.ts';
export { cleanSection } from './clean-view.ts';
export { sideBySideSection, type SideBySideRow } from './side-by-side.ts';
export { summarise } from './summary.ts';
export { renumbering, type NumberRange, type Renumbering } from './renumbering.ts';
export { outlineSection, changedSections, type SectionOutline } from './section-outline.ts';
export { formatSummaryMarkdown, REDLINE_SUMMARY_MARKER, type MarkdownSummaryOptions } from './markdown-summary.ts';
export { formatSummaryText } from './text-summary.ts';
export { DEFAULT_REDLINE_LABELS, type RedlineLabels, type RedlineOptions } from './labels.ts';
export type {
  Block,
  CompareOptions,
  Comparison,
  ComparisonSummary,
  ListContext,
  ParagraphRow,
  RowKind,
  SectionComparison,
  SectionStatus,
  WordCount,
  WordDiff,
} from './types.ts';
