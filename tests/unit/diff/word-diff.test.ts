import type { Change } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffWords } from '../../../src/lib/diff/index.ts';
import { change, cleanupSemantic, mergeRuns } from '../../../src/lib/diff/semantic-cleanup.ts';
import { alignSentences, splitSentences } from '../../../src/lib/diff/sentence-align.ts';

/** A change list written as text: `[-deleted-]{+inserted+}`, unchanged text as is. */
const show = (changes: readonly Change[]) => changes.map((c) => (c.added ? `{+${c.value}+}` : c.removed ? `[-${c.value}-]` : c.value)).join('');
const oldText = (changes: readonly Change[]) => changes.filter((c) => !c.added).map((c) => c.value).join('');
const newText = (changes: readonly Change[]) => changes.filter((c) => !c.removed).map((c) => c.value).join('');

const eq = (value: string) => change(value, 'equal');
const del = (value: string) => change(value, 'removed');
const ins = (value: string) => change(value, 'added');

describe('cleanupSemantic', () => {
  it('absorbs a one-word island between two changes at least twice as long', () => {
    const cleaned = cleanupSemantic([eq('Keep '), del('a b'), ins('c d'), eq(' of '), del('e f'), ins('g h'), eq('. End')]);
    expect(show(cleaned)).toBe('Keep [-a b of e f-]{+c d of g h+}. End');
  });

  it('keeps an unchanged word between two changes shorter than twice its length', () => {
    const changes = [eq('The '), del('month'), eq(' in '), ins('quarter'), eq(' Belmopan.')];
    expect(show(cleanupSemantic(changes))).toBe('The [-month-] in {+quarter+} Belmopan.');
  });

  it('absorbs shorter islands when asked to (a much rewritten sentence)', () => {
    const changes = [eq('The '), del('month'), eq(' in '), ins('quarter'), eq(' Belmopan.')];
    expect(show(cleanupSemantic(changes, { ratio: 1 }))).toBe('The [-month in -]{+ in quarter+} Belmopan.');
  });

  it('never absorbs an island longer than maxIsland words', () => {
    const long = 'one two three four';
    const changes = [del('a b c d e f g h i j'), eq(` ${long} `), ins('k l m n o p q r s t')];
    expect(show(cleanupSemantic(changes))).toBe(`[-a b c d e f g h i j-] ${long} {+k l m n o p q r s t+}`);
    expect(show(cleanupSemantic(changes, { maxIsland: 4 }))).toBe(`[-a b c d e f g h i j ${long} -]{+ ${long} k l m n o p q r s t+}`);
  });

  it('looks again at the island before one it absorbed, as diff-match-patch does', () => {
    // "x1 x2" is kept at first (the change after it is too short), until "y" is absorbed and that change grows.
    const changes = [del('a b c d'), eq(' x1 x2 '), del('e'), ins('f'), eq(' y '), del('g h i j'), ins('k l m n')];
    expect(show(cleanupSemantic(changes))).toBe('[-a b c d x1 x2 e y g h i j-]{+ x1 x2 f y k l m n+}');
  });

  it('leaves a diff with nothing to absorb as it was', () => {
    const changes = [eq('Nothing '), ins('new '), eq('here.')];
    expect(cleanupSemantic(changes)).toEqual(changes);
  });
});

describe('mergeRuns', () => {
  it('puts the deletions of a run before its insertions and joins neighbours of the same kind', () => {
    expect(show(mergeRuns([ins('a'), del('b'), ins('c'), eq('d'), eq('e')]))).toBe('[-b-]{+ac+}de');
  });
});

describe('alignSentences', () => {
  it('cuts a text into sentences that spell it exactly', () => {
    const text = 'The council meets. It reports, e.g. yearly, to the Minister!  Then it rests.';
    expect(splitSentences(text).join('')).toBe(text);
    expect(splitSentences(text)).toHaveLength(3);
  });

  it('keeps unchanged sentences, pairs an edited one and shows a new one as added', () => {
    const beads = alignSentences(
      splitSentences('The council meets twice a year. It publishes its minutes.'),
      splitSentences('The council meets three times a year. A new sentence about something else entirely. It publishes its minutes.'),
    );
    expect(beads.map((b) => b.kind)).toEqual(['paired', 'added', 'equal']);
  });

  it('pairs a sentence split in two with both halves', () => {
    const beads = alignSentences(
      splitSentences('Operators report serious incidents to the CSIRT within 72 hours and the CSIRT replies within one day.'),
      splitSentences('Operators report serious incidents to the CSIRT within 72 hours. The CSIRT replies within one day.'),
    );
    expect(beads).toEqual([
      {
        kind: 'paired',
        before: 'Operators report serious incidents to the CSIRT within 72 hours and the CSIRT replies within one day.',
        after: 'Operators report serious incidents to the CSIRT within 72 hours. The CSIRT replies within one day.',
      },
    ]);
  });

  it('leaves sentences with few words in common unpaired', () => {
    const beads = alignSentences(splitSentences('Budgets are set every year.'), splitSentences('Schools teach children to spot phishing.'));
    expect(beads.map((b) => b.kind).sort()).toEqual(['added', 'removed']);
  });
});

describe('diffWords', () => {
  it('marks a sentence split in two by its few changed words, not as a new sentence', () => {
    const diff = diffWords(
      'Operators report serious incidents to the CSIRT within 72 hours and the CSIRT replies within one day.',
      'Operators report serious incidents to the CSIRT within 72 hours. The CSIRT replies within one day.',
    );
    expect(show(diff.changes)).toBe('Operators report serious incidents to the CSIRT within 72 hours[- and the-]{+. The+} CSIRT replies within one day.');
  });

  it('shows a rewritten sentence deleted whole and inserted whole, with the space after it unmarked', () => {
    const diff = diffWords('Keep this one. The old wording of the rule goes. Keep that one.', 'Keep this one. A rule of quite another kind comes. Keep that one.');
    expect(show(diff.changes)).toBe('Keep this one. [-The old wording of the rule goes.-]{+A rule of quite another kind comes.+} Keep that one.');
    expect(diff).toMatchObject({ added: 7, removed: 7 });
  });

  const sentence = fc
    .array(fc.constantFrom('the', 'council', 'of', 'report', 'cyber', 'risk', 'every', 'year', 'data', 'law', 'and', 'e.g.', 'Art.', '5,'), { minLength: 1, maxLength: 9 })
    .map((words) => `${words.join(' ')}${['.', '!', '?', ';'][words.length % 4]}`);
  const text = fc.array(sentence, { minLength: 1, maxLength: 5 }).map((s) => s.join(' '));

  it('gives changes that spell exactly the old text and the new text', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const { changes } = diffWords(before, after);
        expect(oldText(changes)).toBe(before);
        expect(newText(changes)).toBe(after);
        // No two changes of the same kind in a row, no empty change.
        for (let k = 1; k < changes.length; k++) {
          const kind = (c: Change) => (c.added ? 'added' : c.removed ? 'removed' : 'equal');
          expect(kind(changes[k]!) === kind(changes[k - 1]!)).toBe(false);
        }
        for (const c of changes) expect(c.value).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
