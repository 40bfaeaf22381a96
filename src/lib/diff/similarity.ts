/**
 * How much two texts share, as a word-overlap ratio. Used only to decide
 * which removed and added things are "the same one, edited": never to diff.
 */

/** A word: letters or digits, with inner apostrophes or hyphens (`don't`, `e-government`). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The words of a text, in order. */
function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Number of words in a text. */
export function countWords(text: string): number {
  return words(text).length;
}

/** Lower-cased word counts of a text. */
export type WordBag = Map<string, number>;

export function wordBag(text: string): WordBag {
  const bag: WordBag = new Map();
  for (const word of words(text)) {
    const key = word.toLowerCase();
    bag.set(key, (bag.get(key) ?? 0) + 1);
  }
  return bag;
}

/**
 * The Dice coefficient over word multisets: 2·shared / (words in a + words in b),
 * 1 for the same words in any order, 0 for none in common (or an empty side).
 */
export function wordOverlap(a: WordBag, b: WordBag): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const count of a.values()) sizeA += count;
  for (const [word, count] of b) {
    sizeB += count;
    shared += Math.min(count, a.get(word) ?? 0);
  }
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

/** The share of `part`'s words (with their counts) also in `whole`: 1 when all of them are, 0 for none (or an empty `part`). */
export function wordContainment(part: WordBag, whole: WordBag): number {
  let size = 0;
  let shared = 0;
  for (const [word, count] of part) {
    size += count;
    shared += Math.min(count, whole.get(word) ?? 0);
  }
  return size === 0 ? 0 : shared / size;
}
