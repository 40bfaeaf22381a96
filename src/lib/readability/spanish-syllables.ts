/**
 * Syllables of Spanish words, counted from the spelling. Spanish spelling
 * marks syllable nuclei regularly: every vowel group is one syllable unless
 * two strong vowels (a, e, o) meet, or a weak vowel (i, u) carries a written
 * accent (hiatus: pa-ís, o-í-do); a silent u (que, qui, gue, gui) is no
 * vowel, ü is; a final y after a vowel (ley, muy) closes the syllable.
 *
 * Written here because no maintained npm package counts Spanish syllables:
 * `silabea` ships its test tools as runtime dependencies and has had one
 * release, and hyphenation patterns (`hyphen`, `hyphenation.es`) never split
 * the first or last letter of a word or a hiatus, so they count "amor",
 * "país" and "día" as one syllable (measured when this was chosen).
 */

const STRONG = new Set(['a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü']);

/** Syllables in one word (letters only; anything else is ignored). At least 1 for a word with letters. */
export function spanishSyllables(word: string): number {
  let w = word.toLocaleLowerCase('es').replace(/[^a-záéíóúüñ]/g, '');
  if (!w) return 0;
  // Silent u: "que", "qui", "gue", "gui" (but "güe", "güi" keep theirs, written ü).
  w = w.replace(/([qg])u([eéií])/g, '$1$2');
  // A final y after a vowel ("ley", "muy", "hoy") belongs to that vowel's syllable; elsewhere y is a consonant.
  w = w.replace(/y$/, (y, at: number) => (at > 0 && VOWELS.has(w[at - 1]!) ? '' : 'i'));
  let count = 0;
  let previous = '';
  for (const letter of w) {
    if (!VOWELS.has(letter)) {
      previous = '';
      continue;
    }
    // A new nucleus unless this vowel joins the previous one in a diphthong.
    if (!previous || (STRONG.has(previous) && STRONG.has(letter))) count += 1;
    previous = letter;
  }
  return Math.max(1, count);
}
