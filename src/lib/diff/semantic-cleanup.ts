/**
 * Semantic clean-up of a word diff, after diff-match-patch's
 * `diff_cleanupSemantic`: a short unchanged stretch standing between two
 * longer changes is a coincidence ("of", "the" surviving a rewrite), not a
 * word the reader should hold on to, so it is absorbed into the change
 * around it: `<del>a b</del><ins>c d</ins> of <del>e f</del><ins>g h</ins>`
 * becomes `<del>a b of e f</del><ins>c d of g h</ins>`.
 *
 * diff-match-patch measures in characters and then factors common prefixes
 * out of each change character by character, which would cut words in
 * half; this pass works on jsdiff's word changes and measures in words, so
 * every boundary stays a word boundary.
 *
 * The rule: an unchanged stretch of `w` words is absorbed when the change
 * before it and the change after it each mark at least `w` words on one
 * side (`w ≤ max(inserted, deleted)` on both sides, as diff-match-patch
 * does in characters), and it has at most `maxIsland` words. Absorbing one
 * stretch makes its change longer, so the pass looks again at the stretch
 * before it, as diff-match-patch does.
 */
import type { Change } from 'diff';
import { countWords } from './similarity.ts';

interface SemanticCleanupOptions {
  /** Longest unchanged stretch, in words, that may be absorbed. Default 3. */
  maxIsland?: number;
  /** How many times longer than the stretch each change around it must be. Default 2. */
  ratio?: number;
}

/** The weight of a stretch: its words, and a stretch of punctuation alone counts as one. */
function weight(text: string): number {
  return countWords(text) || (/\S/.test(text) ? 1 : 0);
}

export function cleanupSemantic(changes: readonly Change[], options: SemanticCleanupOptions = {}): Change[] {
  const maxIsland = options.maxIsland ?? 3;
  const ratio = options.ratio ?? 2;
  const diffs = mergeRuns(changes);
  let absorbed = false;
  const equalities: number[] = [];
  let lastEquality: string | undefined;
  let insertedBefore = 0;
  let deletedBefore = 0;
  let insertedAfter = 0;
  let deletedAfter = 0;
  for (let k = 0; k < diffs.length; k++) {
    const current = diffs[k]!;
    if (!current.added && !current.removed) {
      equalities.push(k);
      insertedBefore = insertedAfter;
      deletedBefore = deletedAfter;
      insertedAfter = 0;
      deletedAfter = 0;
      lastEquality = current.value;
      continue;
    }
    if (current.added) insertedAfter += weight(current.value);
    else deletedAfter += weight(current.value);
    if (lastEquality === undefined) continue;
    const w = weight(lastEquality);
    if (w <= maxIsland && w * ratio <= insertedBefore + deletedBefore && w * ratio <= insertedAfter + deletedAfter) {
      const at = equalities.pop()!;
      diffs.splice(at, 1, change(lastEquality, 'removed'), change(lastEquality, 'added'));
      // The equality before this one may now sit between two long enough changes: look at it again.
      equalities.pop();
      k = equalities.length ? equalities[equalities.length - 1]! : -1;
      insertedBefore = deletedBefore = insertedAfter = deletedAfter = 0;
      lastEquality = undefined;
      absorbed = true;
    }
  }
  return absorbed ? mergeRuns(diffs) : diffs;
}

/**
 * Joins neighbouring changes: within a stretch with no unchanged text, all
 * deleted text first and then all inserted text, each as one change; two
 * unchanged stretches in a row become one. The deletions still spell the
 * old text with the unchanged parts, and the insertions the new.
 */
export function mergeRuns(changes: readonly Change[]): Change[] {
  const out: Change[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push(change(removed, 'removed'));
    if (added) out.push(change(added, 'added'));
    removed = '';
    added = '';
  };
  for (const current of changes) {
    if (!current.value) continue;
    if (current.removed) removed += current.value;
    else if (current.added) added += current.value;
    else {
      flush();
      const last = out[out.length - 1];
      if (last && !last.added && !last.removed) out[out.length - 1] = change(last.value + current.value, 'equal');
      else out.push(change(current.value, 'equal'));
    }
  }
  flush();
  return out;
}

export function change(value: string, kind: 'added' | 'removed' | 'equal'): Change {
  return { value, added: kind === 'added', removed: kind === 'removed', count: 1 };
}
