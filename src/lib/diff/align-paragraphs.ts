/**
 * Aligns the blocks of two versions of a section, so that an inserted
 * paragraph is one inserted row and the paragraphs after it stay unchanged.
 *
 * First jsdiff's `diffArrays` over the blocks' normalised keys finds the
 * unchanged blocks; then, inside each run of removed and added blocks,
 * `diffArrays` again with a similarity comparator pairs a removed block with
 * an added one (in order) when they share enough words: those are "changed"
 * paragraphs, the rest are deleted or inserted.
 */
import { diffArrays } from 'diff';
import { inlineText } from './inline-text.ts';
import { countWords, wordBag, wordOverlap, type WordBag } from './similarity.ts';
import type { Block, ParagraphRow } from './types.ts';
import { diffWords } from './word-diff.ts';

export interface AlignParagraphsOptions {
  /** Word-overlap ratio from which a removed and an added block are one changed paragraph. Default 0.5. */
  paragraphSimilarity?: number;
}

export function alignParagraphs(before: readonly Block[], after: readonly Block[], options: AlignParagraphsOptions = {}): ParagraphRow[] {
  const threshold = options.paragraphSimilarity ?? 0.5;
  const rows: ParagraphRow[] = [];
  let removed: Block[] = [];
  let added: Block[] = [];
  let i = 0;
  let j = 0;
  const flush = () => {
    if (removed.length || added.length) rows.push(...pairRun(removed, added, threshold));
    removed = [];
    added = [];
  };
  for (const change of diffArrays(before.map((b) => b.key), after.map((b) => b.key))) {
    const taken = change.count;
    if (change.removed) removed.push(...before.slice(i, (i += taken)));
    else if (change.added) added.push(...after.slice(j, (j += taken)));
    else {
      flush();
      for (let k = 0; k < taken; k++) rows.push({ kind: 'unchanged', before: before[i + k], after: after[j + k], words: { added: 0, removed: 0 } });
      i += taken;
      j += taken;
    }
  }
  flush();
  return rows;
}

/** Rows for every block of a body that did not change. */
export function unchangedRows(before: readonly Block[], after: readonly Block[]): ParagraphRow[] {
  return after.map((block, k) => ({ kind: 'unchanged', before: before[k], after: block, words: { added: 0, removed: 0 } }));
}

/** Rows for a body that exists on one side only (an added or removed section). */
export function oneSidedRows(blocks: readonly Block[], side: 'before' | 'after'): ParagraphRow[] {
  return blocks.map((block) => {
    const count = countWords(block.text);
    return side === 'after'
      ? { kind: 'inserted', after: block, words: { added: count, removed: 0 } }
      : { kind: 'deleted', before: block, words: { added: 0, removed: count } };
  });
}

function pairRun(removed: Block[], added: Block[], threshold: number): ParagraphRow[] {
  if (!removed.length) return oneSidedRows(added, 'after');
  if (!added.length) return oneSidedRows(removed, 'before');
  const bags = new Map<Block, WordBag>();
  const bag = (block: Block) => bags.get(block) ?? bags.set(block, wordBag(block.text)).get(block)!;
  const similar = (a: Block, b: Block) => a.kind === b.kind && wordOverlap(bag(a), bag(b)) >= threshold;
  const rows: ParagraphRow[] = [];
  let i = 0;
  let j = 0;
  for (const change of diffArrays(removed, added, { comparator: similar })) {
    if (change.removed) rows.push(...oneSidedRows(removed.slice(i, (i += change.count)), 'before'));
    else if (change.added) rows.push(...oneSidedRows(added.slice(j, (j += change.count)), 'after'));
    else for (let k = 0; k < change.count; k++) rows.push(changedRow(removed[i++]!, added[j++]!));
  }
  return rows;
}

function changedRow(before: Block, after: Block): ParagraphRow {
  const inPlace = before.host && after.host && shell(before) === shell(after);
  const diff = inPlace
    ? diffWords(inlineText(before.host!.children), inlineText(after.host!.children))
    : diffWords(before.text, after.text);
  return { kind: 'changed', before, after, mode: inPlace ? 'words' : 'block', diff, words: { added: diff.added, removed: diff.removed } };
}

/**
 * What surrounds the words: the block with its paragraph's content left out
 * (a heading's level, a list item's checkbox, a quote). Words are marked in
 * place only when both sides have the same shell.
 */
function shell(block: Block): string {
  const { node } = block;
  if (node.type === 'heading') return `heading:${node.depth}`;
  if (node.type === 'listItem') return `listItem:${block.list?.ordered ? 'ol' : 'ul'}:${String(node.checked ?? null)}`;
  return node.type;
}
