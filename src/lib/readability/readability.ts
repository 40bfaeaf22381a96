/**
 * Plain language, measured: reading time and a readability score for a
 * section, in English and in Spanish.
 *
 * - English: Flesch reading ease (the `flesch` package), syllables counted
 *   by the `syllable` package.
 * - Spanish: Szigriszt-Pazos perspicuity (the INFLESZ scale used for Spanish
 *   public information), 206.835 − 62.3 × syllables/words − words/sentences,
 *   syllables counted from the spelling (./spanish-syllables.ts). It is
 *   Flesch's formula recalibrated for Spanish, so both read on the same
 *   0–100 scale: higher is easier; under about 40 (Spanish) or 30 (English)
 *   a text is hard for most adults.
 * - Words and sentences come from `Intl.Segmenter` (the Unicode rules, which
 *   know ¿…? and «…»). Its rules end a sentence at an abbreviation's full
 *   stop ("Sr. Pérez"), which the strategy's text rarely has.
 * - Reading time uses reading speeds measured with the same standard texts
 *   in both languages (IReST, Trauzettel-Klosinski & Dietz 2012): 228 words
 *   a minute in English, 218 in Spanish.
 */
import { flesch } from 'flesch';
import { syllable } from 'syllable';
import type { Language } from '../i18n/translate.ts';
import { spanishSyllables } from './spanish-syllables.ts';

const WORDS_PER_MINUTE: Record<Language, number> = { en: 228, es: 218 };

interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
}

export interface Readability extends TextCounts {
  /** Flesch reading ease (English) or Szigriszt-Pazos (Spanish); higher is easier; 0 for an empty text. */
  score: number;
  /** Whole minutes to read, at least 1 for any text. */
  minutes: number;
}

const countSyllables: Record<Language, (word: string) => number> = { en: (word) => syllable(word), es: spanishSyllables };

/**
 * Counts the words, sentences and syllables of a text. Each line is its own
 * sentence too: callers join paragraphs and list items with line breaks, and
 * a list item ending in ";" is read as a sentence.
 */
export function countText(text: string, language: Language): TextCounts {
  const words = [...new Intl.Segmenter(language, { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike && /\p{L}/u.test(s.segment)).map((s) => s.segment);
  const sentences = [...new Intl.Segmenter(language, { granularity: 'sentence' }).segment(text)].filter((s) => /\p{L}/u.test(s.segment)).length;
  const syllables = words.reduce((sum, word) => sum + countSyllables[language](word), 0);
  return { words: words.length, sentences, syllables };
}

/** The score of counted text on the language's scale (see the module comment). */
export function readabilityScore(counts: TextCounts, language: Language): number {
  if (!counts.words || !counts.sentences) return 0;
  if (language === 'en') return flesch({ sentence: counts.sentences, word: counts.words, syllable: counts.syllables });
  return 206.835 - (62.3 * counts.syllables) / counts.words - counts.words / counts.sentences;
}

/** Minutes to read `words` words, rounded up, at least 1 when there is anything to read. */
export function readingMinutes(words: number, language: Language): number {
  return words ? Math.max(1, Math.ceil(words / WORDS_PER_MINUTE[language])) : 0;
}

/** Counts, score and reading time of a text whose paragraphs are separated by line breaks. */
export function readability(text: string, language: Language): Readability {
  const counts = countText(text, language);
  return { ...counts, score: readabilityScore(counts, language), minutes: readingMinutes(counts.words, language) };
}
