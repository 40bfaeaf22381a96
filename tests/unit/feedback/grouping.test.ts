/**
 * Grouping of identical and near-identical comments, measured on a labelled
 * sample (fixtures/grouping-sample.json): form letters with names changed,
 * sentences added and typos, and distinct comments that quote the same
 * strategy paragraph. The figures printed here are the ones in
 * docs/feedback-grouping.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY, groupTexts, normaliseForGrouping, type TextGroup } from '../../../src/lib/feedback/grouping.ts';

interface Labelled {
  reference: string;
  label: string | null;
  text: string;
}
const sample = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/grouping-sample.json'), 'utf8')) as { strategyParagraphs: string[]; comments: Labelled[] };

/** Pairwise precision and recall: a pair is right when both are in one campaign and in one group. */
function measure(groups: TextGroup[], comments: readonly Labelled[]) {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.members.forEach((m) => groupOf.set(m, i)));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < comments.length; i++) {
    for (let j = i + 1; j < comments.length; j++) {
      const a = comments[i]!;
      const b = comments[j]!;
      const truth = a.label !== null && a.label === b.label;
      const predicted = groupOf.has(a.reference) && groupOf.get(a.reference) === groupOf.get(b.reference);
      if (truth && predicted) tp++;
      else if (predicted) fp++;
      else if (truth) fn++;
    }
  }
  const distinctGrouped = comments.filter((c) => c.label === null && groupOf.has(c.reference)).length;
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), distinctGrouped };
}

describe('groupTexts on the labelled sample', () => {
  it('finds every campaign whole and puts no distinct comment in a group at the default threshold', () => {
    const groups = groupTexts(sample.comments, { similarity: DEFAULT_SIMILARITY, quotedText: sample.strategyParagraphs });
    const m = measure(groups, sample.comments);
    expect(m.precision).toBeGreaterThanOrEqual(0.98);
    expect(m.recall).toBeGreaterThanOrEqual(0.98);
    expect(m.distinctGrouped).toBe(0);
    expect(groups.map((g) => g.members.length)).toEqual([10, 8, 6]);
    expect(groups.map((g) => g.kind)).toEqual(['near-duplicate', 'near-duplicate', 'near-duplicate']);
    // The most copied text leads: A1 and A8 are the same letter, as are B1 and B6.
    expect(groups.map((g) => g.representative)).toEqual(['A1', 'B1', 'C1']);
  });

  it('prints precision and recall at each threshold, with and without the strategy text', () => {
    const lines: string[] = [];
    for (const quoted of [true, false]) {
      for (const similarity of [0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
        const m = measure(groupTexts(sample.comments, { similarity, ...(quoted ? { quotedText: sample.strategyParagraphs } : {}) }), sample.comments);
        lines.push(`${quoted ? 'with' : 'without'} strategy text, similarity ${similarity}: precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}, distinct comments grouped ${m.distinctGrouped}`);
      }
    }
    console.log(lines.join('\n'));
    // Without the strategy text, two comments that quote its paragraph and add little are taken for copies.
    const without = measure(groupTexts(sample.comments, { similarity: DEFAULT_SIMILARITY }), sample.comments);
    expect(without.distinctGrouped).toBeGreaterThan(0);
    // Too strict a threshold splits campaigns.
    expect(measure(groupTexts(sample.comments, { similarity: 0.9, quotedText: sample.strategyParagraphs }), sample.comments).recall).toBeLessThan(0.5);
  });
});

describe('groupTexts', () => {
  it('groups texts equal after normalising as identical, and leaves a lone comment out', () => {
    const groups = groupTexts(
      [
        { reference: '#1', text: 'Agreed.' },
        { reference: '#2', text: 'Something else entirely, said once.' },
        { reference: '#3', text: '  AGREED!! ' },
        { reference: '#4', text: 'agreed' },
      ],
      { similarity: 0.6 },
    );
    expect(groups).toEqual([{ kind: 'identical', representative: '#1', members: ['#1', '#3', '#4'] }]);
  });

  it('never groups short texts that are merely similar', () => {
    expect(groupTexts([{ reference: 'a', text: 'I agree with this' }, { reference: 'b', text: 'I agree with that' }], { similarity: 0.1 })).toEqual([]);
  });

  it('gives the same groups whatever the run, and refuses a threshold outside (0, 1]', () => {
    const once = groupTexts(sample.comments, { similarity: 0.6 });
    expect(groupTexts(sample.comments, { similarity: 0.6 })).toEqual(once);
    expect(() => groupTexts([], { similarity: 0 })).toThrow(RangeError);
    expect(() => groupTexts([], { similarity: 1.5 })).toThrow(RangeError);
  });

  it('normalises case, whitespace, punctuation and compatibility forms', () => {
    expect(normaliseForGrouping('  Ｈello,\n  WORLD — it’s me! ')).toBe('hello world it s me');
  });
});
