import { describe, expect, it } from 'vitest';
import { heavyRewrite } from '../../../src/lib/bench/heavy-rewrite.ts';
import { comparisonLines, gitPorcelainLines, hastLines, redlineMetric, versionText } from '../../../src/lib/bench/redline-metric.ts';
import { compareVersions, redlineSection, sectionBlocks } from '../../../src/lib/diff/index.ts';
import { section, strategy } from '../diff/fixtures.ts';

describe('redlineMetric', () => {
  it('counts runs, islands and the words shown', () => {
    const metric = redlineMetric([
      [
        { kind: 'equal', text: 'Keep ' },
        { kind: 'del', text: 'old words' },
        { kind: 'ins', text: 'new ones' },
        { kind: 'equal', text: ' of ' },
        { kind: 'ins', text: 'more' },
        { kind: 'equal', text: ' and three more words ' },
        { kind: 'del', text: 'gone' },
      ],
      [{ kind: 'ins', text: 'A new paragraph.' }],
    ]);
    // "of" is an island; "and three more words" is not (four words); a new line starts a new run.
    expect(metric).toEqual({ runs: 4, islands: 1, added: 6, removed: 3, wordsPerRun: 9 / 4 });
  });

  it('reads git word-diff porcelain output, one line of text per ~', () => {
    const output = ['diff --git a/a.txt b/a.txt', 'index 1..2 100644', '--- a/a.txt', '+++ b/a.txt', '@@ -1,2 +1,2 @@', ' The council meets ', '-monthly', '+quarterly', ' in ', '-town', '+the city', '~', ' Next line', '~', ''].join('\n');
    const lines = gitPorcelainLines(output);
    expect(lines).toHaveLength(2);
    expect(redlineMetric(lines)).toEqual({ runs: 2, islands: 1, added: 3, removed: 2, wordsPerRun: 2.5 });
  });

  it('reads a redline as a reader sees it, without hidden labels or change numbers', () => {
    const comparison = compareVersions([section('s', 'S', 1, 'The council meets monthly in town.')], [section('s', 'S', 1, 'The council meets quarterly in town.')]);
    const lines = hastLines(redlineSection(comparison.sections[0]!, { changeNumbers: { section: 1 } }));
    expect(lines).toEqual([[{ kind: 'equal', text: 'The council meets ' }, { kind: 'del', text: 'monthly' }, { kind: 'ins', text: 'quarterly' }, { kind: 'equal', text: ' in town.' }]]);
    expect(redlineMetric(comparisonLines(comparison))).toMatchObject({ runs: 1, added: 1, removed: 1 });
  });
});

describe('heavyRewrite', () => {
  const sections = strategy().map((s) => ({ ...s, body: `${s.body} It is reviewed every year by the council. Progress is published.\n\n- Each ministry reports twice a year.` }));

  it('is deterministic and keeps every section and paragraph, rewriting most of the words', () => {
    const one = heavyRewrite(sections, { seed: 7, copies: 2 });
    expect(heavyRewrite(sections, { seed: 7, copies: 2 })).toEqual(one);
    expect(one.before.map((s) => s.id)).toEqual([...sections.map((s) => s.id), ...sections.map((s) => `${s.id}-copy-2`)]);
    one.after.forEach((s, k) => expect(sectionBlocks(s.id, s.body).length).toBe(sectionBlocks(one.before[k]!.id, one.before[k]!.body).length));
    expect(versionText(one.after)).not.toBe(versionText(one.before));
    const comparison = compareVersions(one.before, one.after);
    expect(comparison.summary.words.added).toBeGreaterThan(comparison.summary.words.removed / 3);
  });
});
