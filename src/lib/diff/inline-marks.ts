/**
 * Turns the word diff of a changed paragraph back into mdast: the new
 * paragraph's inline content with deleted words (cut from the old paragraph)
 * and inserted words wrapped in marks. The cuts keep their emphasis and links.
 */
import type { PhrasingContent } from 'mdast';
import { flattenInline, sliceInline } from './inline-text.ts';
import { markNode } from './to-hast.ts';
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

/** Marks for a changed row in `words` mode. */
export function inlineMarks(row: ParagraphRow): InlineMarks {
  const oldNodes = row.before!.host!.children;
  const newNodes = row.after!.host!.children;
  const oldContexts = flattenInline(oldNodes).contexts;
  const newContexts = flattenInline(newNodes).contexts;
  const out: InlineMarks = { redline: [], before: [], after: [], marked: false };
  const mark = (kind: 'ins' | 'del', nodes: PhrasingContent[]) => {
    out.marked = true;
    return markNode(kind, nodes);
  };
  let o = 0;
  let n = 0;
  for (const change of row.diff!.changes) {
    const length = change.value.length;
    // A change of spacing alone is not worth a mark a screen reader would read out.
    const spacing = !/\S/.test(change.value);
    if (change.removed) {
      const cut = sliceInline(oldNodes, o, o + length);
      if (spacing) out.before.push(...cut);
      else {
        const del = mark('del', cut);
        out.redline.push(del);
        out.before.push(del);
      }
      o += length;
    } else if (change.added) {
      const cut = sliceInline(newNodes, n, n + length);
      if (spacing) {
        out.redline.push(...cut);
        out.after.push(...cut);
      } else {
        const ins = mark('ins', cut);
        out.redline.push(ins);
        out.after.push(ins);
      }
      n += length;
    } else {
      // Same words; where they sit in a different link or emphasis, the old form is deleted and the new inserted.
      for (const run of contextRuns(oldContexts, o, newContexts, n, length)) {
        const oldCut = sliceInline(oldNodes, o + run.start, o + run.end);
        const newCut = sliceInline(newNodes, n + run.start, n + run.end);
        if (run.same) {
          out.redline.push(...newCut);
          out.before.push(...oldCut);
          out.after.push(...newCut);
        } else {
          const del = mark('del', oldCut);
          const ins = mark('ins', newCut);
          out.redline.push(del, ins);
          out.before.push(del);
          out.after.push(ins);
        }
      }
      o += length;
      n += length;
    }
  }
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
  if (node === host) return { ...host, children } as Block['node'];
  if ((node.type === 'listItem' || node.type === 'blockquote') && host) return { ...node, children: [{ ...host, children }] } as Block['node'];
  throw new Error(`no paragraph to mark words in a ${node.type}`);
}
