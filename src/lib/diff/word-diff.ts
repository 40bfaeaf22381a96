/**
 * Words inside one changed paragraph, diffed so that a reader can follow a
 * rewrite:
 *
 * 1. the two texts are cut into sentences (`Intl.Segmenter`) and the
 *    sentences aligned (./sentence-align.ts): unchanged sentences stay put,
 *    an edited sentence is paired with its old form, and one that was only
 *    deleted or only written anew is shown so, whole;
 * 2. the words of each pair of sentences are diffed with jsdiff
 *    (`diffWordsWithSpace`) and cleaned up (./semantic-cleanup.ts): short
 *    unchanged islands between longer changes are absorbed into them;
 * 3. a pair whose words mostly changed is shown deleted whole and inserted
 *    whole, as a lawyer's comparison would;
 * 4. changes separated only by spaces are joined into one.
 *
 * Whitespace is its own token all along, so the changes concatenate back to
 * exactly the old and the new text: that is what lets the redline cut the
 * mdast by offsets.
 */
import { diffWordsWithSpace, type Change } from 'diff';
import { change, cleanupSemantic, mergeRuns } from './semantic-cleanup.ts';
import { alignSentences, splitSentences } from './sentence-align.ts';
import { countWords } from './similarity.ts';
import type { WordDiff } from './types.ts';

/**
 * Share of a pair's words (Dice: 2·kept / (old + new)) below which the pair is
 * shown replaced whole rather than word by word.
 */
const MOSTLY_CHANGED = 0.5;
/** Below this share of kept words, a pair's clean-up absorbs islands as long as the changes around them. */
const MUCH_CHANGED = 0.6;

/** Diffs two texts word by word, sentences first, and counts the words added and removed. */
export function diffWords(before: string, after: string): WordDiff {
  const changes: Change[] = [];
  for (const bead of alignSentences(splitSentences(before), splitSentences(after))) {
    if (bead.kind === 'equal') changes.push(change(bead.before, 'equal'));
    else if (bead.kind === 'removed') changes.push(change(bead.before, 'removed'));
    else if (bead.kind === 'added') changes.push(change(bead.after, 'added'));
    else changes.push(...pairDiff(bead.before, bead.after));
  }
  const merged = mergeAcrossSpaces(keepCommonSpace(cleanupSemantic(changes)));
  let added = 0;
  let removed = 0;
  for (const c of merged) {
    if (c.added) added += countWords(c.value);
    else if (c.removed) removed += countWords(c.value);
  }
  return { changes: merged, added, removed };
}

/** The changes between an old sentence (or two) and its new form. */
function pairDiff(before: string, after: string): Change[] {
  const raw = diffWordsWithSpace(before, after);
  let kept = 0;
  for (const c of raw) if (!c.added && !c.removed) kept += countWords(c.value);
  const total = countWords(before) + countWords(after);
  const share = total === 0 ? 1 : (2 * kept) / total;
  // In a sentence much rewritten, even a one-word island between two one-word changes is a coincidence.
  if (share >= MOSTLY_CHANGED) return cleanupSemantic(raw, { ratio: share < MUCH_CHANGED ? 1 : 2 });
  // Mostly rewritten: the old sentence deleted and the new one inserted.
  return [change(before, 'removed'), change(after, 'added')];
}

/**
 * A replaced sentence is "<del>Old. </del><ins>New. </ins>Next": the space
 * both sides end with is not part of the change, and comes out of it.
 */
function keepCommonSpace(changes: Change[]): Change[] {
  const out: Change[] = [];
  for (let k = 0; k < changes.length; k++) {
    const removed = changes[k]!;
    const added = changes[k + 1];
    if (removed.removed && added?.added) {
      const space = /\s*$/.exec(removed.value)![0];
      if (space && space.length < removed.value.length && added.value.endsWith(space) && space.length < added.value.length) {
        out.push(change(removed.value.slice(0, -space.length), 'removed'), change(added.value.slice(0, -space.length), 'added'), change(space, 'equal'));
        k += 1;
        continue;
      }
    }
    out.push(removed);
  }
  return mergeRuns(out);
}

/**
 * Joins changes separated only by a space into one deletion and one
 * insertion: "<ins>,</ins> <ins>education</ins>" reads (and is read out) as
 * "<ins>, education</ins>". The space goes into both, so the deletions and
 * the equal parts still spell the old text, and the insertions the new.
 */
function mergeAcrossSpaces(changes: Change[]): Change[] {
  const out: Change[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push(change(removed, 'removed'));
    if (added) out.push(change(added, 'added'));
    removed = '';
    added = '';
  };
  changes.forEach((current, k) => {
    if (current.removed) removed += current.value;
    else if (current.added) added += current.value;
    else if (!/\S/.test(current.value) && (removed || added) && (changes[k + 1]?.added || changes[k + 1]?.removed)) {
      removed += current.value;
      added += current.value;
    } else {
      flush();
      out.push(current);
    }
  });
  flush();
  return out;
}
