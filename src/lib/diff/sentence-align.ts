/**
 * Aligns the sentences of two versions of a paragraph before any word is
 * diffed, as lawyers' comparison tools do: sentences that did not change
 * anchor the alignment (jsdiff `diffArrays` over them), and between two
 * anchors the old and new sentences are paired by the words they share,
 * allowing one sentence to become two or two to become one (the beads of
 * Gale and Church's sentence alignment). A sentence paired with nothing was
 * deleted or written anew and is shown whole.
 */
import { diffArrays } from 'diff';
import { wordBag, type WordBag } from './similarity.ts';

/** One step of the alignment; `before` and `after` are exact slices of the two texts. */
type SentenceBead =
  | { kind: 'equal'; before: string; after: string }
  | { kind: 'paired'; before: string; after: string }
  | { kind: 'removed'; before: string }
  | { kind: 'added'; after: string };

/** Word overlap (Dice) from which an old and a new sentence (or two) are one sentence, edited. */
const SENTENCE_SIMILARITY = 0.5;
/** Above this many (old, new) sentence pairs between two anchors, the search (quadratic) is not worth it: all replaced. */
const MAX_SEARCH = 10_000;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The sentences of a text, each with the spaces after it: together they spell the text exactly. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}

export function alignSentences(before: readonly string[], after: readonly string[]): SentenceBead[] {
  const beads: SentenceBead[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  let i = 0;
  let j = 0;
  const flush = () => {
    if (removed.length || added.length) beads.push(...pairGap(removed, added));
    removed = [];
    added = [];
  };
  // Sentences compare without their trailing spaces: the last sentence of a paragraph has none.
  for (const part of diffArrays(before.map((s) => s.trimEnd()), after.map((s) => s.trimEnd()))) {
    if (part.removed) removed.push(...before.slice(i, (i += part.count)));
    else if (part.added) added.push(...after.slice(j, (j += part.count)));
    else {
      flush();
      for (let k = 0; k < part.count; k++) {
        const old = before[i++]!;
        const now = after[j++]!;
        beads.push(old === now ? { kind: 'equal', before: old, after: now } : { kind: 'paired', before: old, after: now });
      }
    }
  }
  flush();
  return beads;
}

/** A group of one or two sentences on each side, with its words. */
interface Group {
  text: string;
  bag: WordBag;
  size: number;
}

/**
 * Pairs the old and new sentences between two anchors, in order, so as to
 * keep as many shared words as possible. Dynamic programming over
 * (old sentences used, new sentences used); a step deletes one old
 * sentence, inserts one new sentence, or pairs 1–1, 1–2 or 2–1 sentences
 * whose word overlap is high enough.
 */
function pairGap(removed: readonly string[], added: readonly string[]): SentenceBead[] {
  if (!added.length) return removed.map((before) => ({ kind: 'removed', before }));
  if (!removed.length) return added.map((after) => ({ kind: 'added', after }));
  const m = removed.length;
  const n = added.length;
  if (m * n > MAX_SEARCH) return [...removed.map((before) => ({ kind: 'removed' as const, before })), ...added.map((after) => ({ kind: 'added' as const, after }))];
  const oldBags = removed.map((s) => bagOf(s));
  const newBags = added.map((s) => bagOf(s));
  const group = (bags: Group[], from: number, to: number): Group => (to - from === 1 ? bags[from]! : joinGroups(bags[from]!, bags[from + 1]!));
  // score[i][j]: best shared words aligning the first i old and j new sentences; step[i][j]: the last step taken.
  const score = Array.from({ length: m + 1 }, () => new Float64Array(n + 1));
  const step = Array.from({ length: m + 1 }, () => new Uint8Array(n + 1));
  const STEPS: ReadonlyArray<readonly [number, number]> = [
    [1, 0],
    [0, 1],
    [1, 1],
    [1, 2],
    [2, 1],
  ];
  for (let i = 0; i <= m; i++) {
    for (let j = 0; j <= n; j++) {
      if (i === 0 && j === 0) continue;
      let best = -1;
      let bestStep = 0;
      STEPS.forEach(([a, b], s) => {
        if (i < a || j < b) return;
        let value = score[i - a]![j - b]!;
        if (a && b) {
          const shared = sharedWords(group(oldBags, i - a, i), group(newBags, j - b, j));
          if (shared === undefined) return;
          // A 1–2 or 2–1 pair must keep more words than a 1–1 pair to be chosen.
          value += shared - (a + b - 2) * 0.5;
        }
        if (value > best) {
          best = value;
          bestStep = s;
        }
      });
      score[i]![j] = best;
      step[i]![j] = bestStep;
    }
  }
  const beads: SentenceBead[] = [];
  let i = m;
  let j = n;
  while (i > 0 || j > 0) {
    const [a, b] = STEPS[step[i]![j]!]!;
    const before = removed.slice(i - a, i).join('');
    const after = added.slice(j - b, j).join('');
    if (a && b) beads.push({ kind: 'paired', before, after });
    else if (a) beads.push({ kind: 'removed', before });
    else beads.push({ kind: 'added', after });
    i -= a;
    j -= b;
  }
  return beads.reverse();
}

function bagOf(text: string): Group {
  const bag = wordBag(text);
  let size = 0;
  for (const count of bag.values()) size += count;
  return { text, bag, size };
}

function joinGroups(a: Group, b: Group): Group {
  const bag = new Map(a.bag);
  for (const [word, count] of b.bag) bag.set(word, (bag.get(word) ?? 0) + count);
  return { text: a.text + b.text, bag, size: a.size + b.size };
}

/** Words the two groups share, or undefined when they share too few to be one sentence edited. */
function sharedWords(a: Group, b: Group): number | undefined {
  if (!a.size || !b.size) return undefined;
  let shared = 0;
  for (const [word, count] of b.bag) shared += Math.min(count, a.bag.get(word) ?? 0);
  return (2 * shared) / (a.size + b.size) >= SENTENCE_SIMILARITY ? shared : undefined;
}
