/**
 * Words inside one changed paragraph, diffed with jsdiff. Whitespace is its
 * own token (`diffWordsWithSpace`), so the changes concatenate back to exactly
 * the old and the new text: that is what lets the redline cut the mdast by
 * offsets.
 */
import { diffWordsWithSpace, type Change } from 'diff';
import { countWords } from './similarity.ts';
import type { WordDiff } from './types.ts';

/** Diffs two texts word by word and counts the words added and removed. */
export function diffWords(before: string, after: string): WordDiff {
  const changes = mergeAcrossSpaces(diffWordsWithSpace(before, after));
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    if (change.added) added += countWords(change.value);
    else if (change.removed) removed += countWords(change.value);
  }
  return { changes, added, removed };
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

function change(value: string, kind: 'added' | 'removed'): Change {
  return { value, added: kind === 'added', removed: kind === 'removed', count: 1 };
}
