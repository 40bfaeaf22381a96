/**
 * A heavy rewrite of a real text, for the redline benchmark: most sentences
 * of every paragraph and list item are rewritten the way a drafting team
 * rewrites a consultation draft into its final text. Most words of a
 * rewritten sentence change, but common words ("the", "of", "and") come
 * back often, in new places, as they do in real prose: those coincidental
 * matches are what fragment a word diff. Some sentences get a light edit,
 * some are deleted, some new ones are inserted, a few stay as they were.
 *
 * Only the words of prose lines are touched; headings, tables, components
 * and any word carrying Markdown (links, emphasis, code) stay, so the result
 * is valid Markdown with the same paragraphs. Deterministic: the same text
 * and seed give the same bytes.
 */
import type { Section } from '../strategy/schema.ts';
import { random } from './random.ts';

interface HeavyRewriteOptions {
  /** Seed of the pseudo-random choices. Default 2026. */
  seed?: number;
  /**
   * Copies of the text, each under new section ids and rewritten differently,
   * to reach the size of a real strategy from a short sample. Default 1.
   */
  copies?: number;
}

interface RewrittenText {
  before: Section[];
  after: Section[];
}

/** A plain word, maybe with trailing punctuation: the only tokens the rewrite touches. */
const PLAIN = /^[A-Za-z][A-Za-z'’-]*[,;:.]?$/;
/** Lines of prose: a paragraph, a list item or a quote line (not a heading, table, component such as `<Callout>` or fence). */
const PROSE = /^(\s*(?:[-*+]|\d+[.)]|>)\s+)?(?=[A-Za-z"“(])/;

export function heavyRewrite(sections: readonly Section[], options: HeavyRewriteOptions = {}): RewrittenText {
  const rand = random(options.seed ?? 2026);
  const copies = Math.max(1, options.copies ?? 1);
  const vocabulary = sections.flatMap((s) => s.body.split(/\s+/).filter((t) => PLAIN.test(t)).map((t) => t.replace(/[,;:.]$/, '').toLowerCase()));
  const pick = () => vocabulary[Math.floor(rand() * vocabulary.length)]!;
  const before: Section[] = [];
  const after: Section[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const section of sections) {
      const suffix = copy === 0 ? '' : `-copy-${copy + 1}`;
      const base = { ...section, id: `${section.id}${suffix}`, order: section.order + copy * 1000, file: `${copy}-${section.file}` };
      before.push(base);
      const body = base.body
        .split('\n')
        // A line with emphasis is left alone: cutting it into sentences could separate an `_` from its pair.
        .map((line) => (PROSE.test(line) && !/[_*]/.test(line) ? rewriteLine(line, rand, pick) : line))
        .join('\n');
      after.push({ ...base, body });
    }
  }
  return { before, after };
}

function rewriteLine(line: string, rand: () => number, pick: () => string): string {
  const prefix = PROSE.exec(line)?.[1] ?? '';
  const sentences = splitSentences(line.slice(prefix.length));
  const out: string[] = [];
  sentences.forEach((sentence) => {
    const roll = rand();
    if (roll < 0.5) out.push(rewriteSentence(sentence, rand, pick, 0.7));
    else if (roll < 0.65) out.push(rewriteSentence(sentence, rand, pick, 0.12));
    else if (roll < 0.75 && sentences.length > 1) {
      // Deleted.
    } else if (roll < 0.85) out.push(sentence, newSentence(rand, pick));
    else out.push(sentence);
  });
  if (!out.length) out.push(newSentence(rand, pick));
  return `${prefix}${out.join(' ')}`;
}

/** Sentences of a line of prose, with their final punctuation and without the spaces between them. */
function splitSentences(text: string): string[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
}

/** Replaces about `share` of the plain words; a heavy rewrite also adds and drops some. */
function rewriteSentence(sentence: string, rand: () => number, pick: () => string, share: number): string {
  const tokens = sentence.split(' ');
  const out: string[] = [];
  tokens.forEach((token, k) => {
    if (!PLAIN.test(token)) {
      out.push(token);
      return;
    }
    const tail = /[,;:.]$/.test(token) ? token.slice(-1) : '';
    if (share > 0.5 && rand() < 0.1 && k > 0 && !tail) return;
    let word = rand() < share ? pick() : token.slice(0, token.length - tail.length);
    if (k === 0) word = capitalise(word);
    out.push(`${word}${tail}`);
    if (share > 0.5 && rand() < 0.12) out.push(pick());
  });
  return out.join(' ');
}

function newSentence(rand: () => number, pick: () => string): string {
  const length = 10 + Math.floor(rand() * 12);
  const words = Array.from({ length }, pick);
  return `${capitalise(words.join(' '))}.`;
}

function capitalise(word: string): string {
  return word ? `${word[0]!.toUpperCase()}${word.slice(1)}` : word;
}
