/**
 * Turns the word diff of a changed paragraph back into mdast: the new
 * paragraph's inline content with deleted words (cut from the old paragraph)
 * and inserted words wrapped in marks. The cuts keep their emphasis and links.
 *
 * Marks that follow each other with nothing but spaces between them are one
 * change (./changes.ts numbers them); each is wrapped in a change node when
 * the caller gives the numbers.
 */
import type { PhrasingContent } from 'mdast';
import { flattenInline, sliceInline } from './inline-text.ts';
import { changeNode, markNode, type ChangeTag } from './to-hast.ts';
import type { Block, ParagraphRow } from './types.ts';

export interface InlineMarks {
  /** New content with deletions and insertions marked: the redline. */
  redline: PhrasingContent[];
  /** Old content with deletions marked: the left column of side by side. */
  before: PhrasingContent[];
  /** New content with insertions marked: the right column of side by side. */
  after: PhrasingContent[];
  /** Whether anything was marked (a change outside the inline text, e.g. a checkbox, marks nothing). */
  marked: boolean;
}

/** A stretch of the diff: offsets [start, end) in the old text and in the new. */
interface Piece {
  /** `restyled`: the same words in another link or emphasis, shown as the old form deleted and the new inserted. */
  kind: 'equal' | 'removed' | 'added' | 'restyled';
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
  /** Whether the piece is marked (a change of spacing alone is not worth a mark a screen reader would read out). */
  marked: boolean;
  /** Whether its text is spaces only. */
  blank: boolean;
}

/** One change inside a paragraph: pieces [first, last], and its wording on each side. */
interface InlineRun {
  first: number;
  last: number;
  /** Old wording, '' for an insertion. */
  before: string;
  /** New wording, '' for a deletion. */
  after: string;
}

function piecesOf(row: ParagraphRow): { pieces: Piece[]; oldText: string; newText: string } {
  const oldFlat = flattenInline(row.before!.host!.children);
  const newFlat = flattenInline(row.after!.host!.children);
  const pieces: Piece[] = [];
  let o = 0;
  let n = 0;
  for (const change of row.diff!.changes) {
    const length = change.value.length;
    const blank = !/\S/.test(change.value);
    if (change.removed) {
      pieces.push({ kind: 'removed', oldStart: o, oldEnd: o + length, newStart: n, newEnd: n, marked: !blank, blank });
      o += length;
    } else if (change.added) {
      pieces.push({ kind: 'added', oldStart: o, oldEnd: o, newStart: n, newEnd: n + length, marked: !blank, blank });
      n += length;
    } else {
      // Same words; where they sit in a different link or emphasis, the old form is deleted and the new inserted.
      for (const run of contextRuns(oldFlat.contexts, o, newFlat.contexts, n, length)) {
        const text = change.value.slice(run.start, run.end);
        const isBlank = !/\S/.test(text);
        pieces.push({
          kind: run.same ? 'equal' : 'restyled',
          oldStart: o + run.start,
          oldEnd: o + run.end,
          newStart: n + run.start,
          newEnd: n + run.end,
          marked: !run.same,
          blank: isBlank,
        });
      }
      o += length;
      n += length;
    }
  }
  return { pieces, oldText: oldFlat.text, newText: newFlat.text };
}

/** The changes of a paragraph in `words` mode, in reading order. */
export function inlineRuns(row: ParagraphRow): InlineRun[] {
  const { pieces, oldText, newText } = piecesOf(row);
  return groupRuns(pieces).map(([first, last]) => ({
    first,
    last,
    before: oldText.slice(pieces[first]!.oldStart, pieces[last]!.oldEnd).trim(),
    after: newText.slice(pieces[first]!.newStart, pieces[last]!.newEnd).trim(),
  }));
}

/** Runs of marked pieces with only blank pieces between them: [first, last] piece indices. */
function groupRuns(pieces: readonly Piece[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let open: [number, number] | undefined;
  pieces.forEach((piece, k) => {
    if (piece.marked) {
      if (open) open[1] = k;
      else runs.push((open = [k, k]));
    } else if (!piece.blank) open = undefined;
  });
  return runs;
}

/**
 * Marks for a changed row in `words` mode. With `tags` (one per run, from
 * ./changes.ts), each run is wrapped in a change node carrying its number.
 */
export function inlineMarks(row: ParagraphRow, tags?: readonly ChangeTag[]): InlineMarks {
  const oldNodes = row.before!.host!.children;
  const newNodes = row.after!.host!.children;
  const { pieces } = piecesOf(row);
  const runs = groupRuns(pieces);
  const out: InlineMarks = { redline: [], before: [], after: [], marked: false };
  // Where the nodes of the open run go, until it closes and is wrapped.
  let run: { tag: ChangeTag; redline: PhrasingContent[]; before: PhrasingContent[]; after: PhrasingContent[]; first: number; last: number } | undefined;
  const target = (side: 'redline' | 'before' | 'after') => (run ? run[side] : out[side]);
  const close = () => {
    if (!run) return;
    const hasAfter = pieces.slice(run.first, run.last + 1).some((p) => p.marked && p.kind !== 'removed');
    out.redline.push(changeNode(run.tag, run.redline, true));
    // Side by side: the number (and the anchor) goes with the new wording, or with the old when there is none.
    if (run.before.length) out.before.push(hasAfter ? changeNode(run.tag, run.before, false) : changeNode(run.tag, run.before, true));
    if (run.after.length) out.after.push(changeNode(run.tag, run.after, hasAfter));
    run = undefined;
  };
  const mark = (kind: 'ins' | 'del', nodes: PhrasingContent[]) => {
    out.marked = true;
    return markNode(kind, nodes);
  };
  let nextRun = 0;
  pieces.forEach((piece, k) => {
    const starting = runs[nextRun];
    if (starting && starting[0] === k) {
      const tag = tags?.[nextRun];
      if (tag) run = { tag, redline: [], before: [], after: [], first: starting[0], last: starting[1] };
      nextRun += 1;
    }
    const oldCut = sliceInline(oldNodes, piece.oldStart, piece.oldEnd);
    const newCut = sliceInline(newNodes, piece.newStart, piece.newEnd);
    if (piece.kind === 'removed') {
      if (!piece.marked) target('before').push(...oldCut);
      else {
        const del = mark('del', oldCut);
        target('redline').push(del);
        target('before').push(del);
      }
    } else if (piece.kind === 'added') {
      if (!piece.marked) {
        target('redline').push(...newCut);
        target('after').push(...newCut);
      } else {
        const ins = mark('ins', newCut);
        target('redline').push(ins);
        target('after').push(ins);
      }
    } else if (piece.kind === 'equal') {
      target('redline').push(...newCut);
      target('before').push(...oldCut);
      target('after').push(...newCut);
    } else {
      const del = mark('del', oldCut);
      const ins = mark('ins', newCut);
      target('redline').push(del, ins);
      target('before').push(del);
      target('after').push(ins);
    }
    if (run && run.last === k) close();
  });
  return out;
}

/** Splits an equal stretch into runs whose old and new contexts agree or differ. */
function contextRuns(oldContexts: string[], o: number, newContexts: string[], n: number, length: number) {
  const runs: { start: number; end: number; same: boolean }[] = [];
  for (let i = 0; i < length; i++) {
    const same = oldContexts[o + i] === newContexts[n + i];
    const last = runs[runs.length - 1];
    if (last && last.same === same) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, same });
  }
  return runs;
}

/** The block's node with its paragraph's inline content replaced. */
export function withInlineContent(block: Block, children: PhrasingContent[]): Block['node'] {
  const { node, host } = block;
  if (node === host) return { ...host, children };
  if ((node.type === 'listItem' || node.type === 'blockquote') && host) return { ...node, children: [{ ...host, children }] };
  throw new Error(`no paragraph to mark words in a ${node.type}`);
}
