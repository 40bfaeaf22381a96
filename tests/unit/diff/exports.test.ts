import { expect, it } from 'vitest';
import * as diff from '../../../src/lib/diff/index.ts';

it('exposes the public surface of the diff module and nothing else', () => {
  expect(Object.keys(diff).sort()).toEqual([
    'DEFAULT_REDLINE_LABELS',
    'REDLINE_SUMMARY_MARKER',
    'alignParagraphs',
    'alignSections',
    'changeId',
    'changeLabel',
    'changeQuote',
    'changedSections',
    'cleanSection',
    'clearBlockCache',
    'compareVersions',
    'diffWords',
    'formatSummaryMarkdown',
    'formatSummaryText',
    'outlineSection',
    'parseChangeId',
    'redlineSection',
    'redlineTitle',
    'renumbering',
    'sectionBlocks',
    'sectionChanges',
    'sideBySideSection',
    'summarise',
  ]);
});
