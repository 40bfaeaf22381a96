import fc from 'fast-check';
import type { ElementContent, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { compareVersions, redlineSection, sectionChanges, sideBySideSection } from '../../../src/lib/diff/index.ts';
import { section } from './fixtures.ts';

/** A run of words, plain, emphasised or linked: enough inline structure to exercise the cutting. */
const run = fc.record({
  words: fc.array(fc.constantFrom('the', 'council', 'shall', 'report', 'cyber', 'risk', 'every', 'year', 'data', 'law'), { minLength: 1, maxLength: 4 }),
  style: fc.constantFrom('plain', 'plain', 'emphasis', 'strong', 'link'),
  target: fc.constantFrom('a', 'b'),
});
const paragraph = fc.array(run, { minLength: 1, maxLength: 8 });
type Run = { words: string[]; style: string; target: string };

/** An old paragraph and a new one made from it by replacing a stretch of runs (so words are marked in place). */
const edit = fc
  .tuple(paragraph, fc.array(run, { maxLength: 3 }), fc.nat(), fc.nat(3))
  .map(([before, inserted, at, cut]): [Run[], Run[]] => {
    const start = at % (before.length + 1);
    const after = [...before.slice(0, start), ...inserted, ...before.slice(start + cut)];
    return [before, after.length ? after : before];
  });

function markdown(runs: Run[]): string {
  return `${runs
    .map(({ words, style, target }) => {
      const text = words.join(' ');
      if (style === 'emphasis') return `*${text}*`;
      if (style === 'strong') return `**${text}**`;
      if (style === 'link') return `[${text}](https://example.org/${target})`;
      return text;
    })
    .join(' ')}.`;
}

function plain(runs: Run[]): string {
  return `${runs.map((r) => r.words.join(' ')).join(' ')}.`;
}

/** Visible text of a tree, leaving out hidden labels and either the deletions or the insertions. */
function visibleText(node: Root | ElementContent, skip: 'ins' | 'del'): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') {
    const element = node;
    if (element.tagName === skip) return '';
    if (String(element.properties.className ?? '').includes('visually-hidden')) return '';
    // A change's number is not text of the strategy.
    if (String(element.properties.className ?? '').includes('change-ref')) return '';
  }
  if ('children' in node) return (node.children as ElementContent[]).map((child) => visibleText(child, skip)).join('');
  return '';
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('redline properties', () => {
  it('reads as the new text without deletions and as the old text without insertions', () => {
    fc.assert(
      fc.property(fc.oneof(edit, fc.tuple(paragraph, paragraph)), ([before, after]) => {
        const comparison = compareVersions([section('s', 'S', 1, markdown(before))], [section('s', 'S', 1, markdown(after))]).sections[0]!;
        // Numbered or not, the marks are the same.
        for (const options of [{}, { changeNumbers: { section: 2 } }]) {
          const tree = redlineSection(comparison, options);
          expect(fold(visibleText(tree, 'del'))).toBe(plain(after));
          expect(fold(visibleText(tree, 'ins'))).toBe(plain(before));
          const [row] = sideBySideSection(comparison, options);
          if (row?.before) expect(fold(visibleText(row.before, 'ins'))).toBe(plain(before));
          if (row?.after) expect(fold(visibleText(row.after, 'del'))).toBe(plain(after));
        }
        // Every change the list names has its anchor in the numbered redline, once.
        const html = toHtml(redlineSection(comparison, { changeNumbers: {} }));
        for (const change of sectionChanges(comparison)) expect(html.split(`id="${change.id}"`)).toHaveLength(2);
      }),
      { numRuns: 400 },
    );
  });

  it('finds no change between a paragraph and itself', () => {
    fc.assert(
      fc.property(paragraph, (runs) => {
        const comparison = compareVersions([section('s', 'S', 1, markdown(runs))], [section('s', 'S', 1, `${markdown(runs)}\n`)]);
        expect(comparison.summary.hasChanges).toBe(false);
      }),
    );
  });
});
