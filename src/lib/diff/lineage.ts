/**
 * Where each paragraph of a version comes from in the version before it,
 * read off the comparison's paragraph alignment, so a comment on a
 * paragraph can follow that paragraph's text into later versions.
 *
 * - `unchanged`: the aligned paragraph, same text (its number may differ);
 * - `edited`: the aligned paragraph, changed (the alignment pairs a removed
 *   and an added paragraph sharing at least half their words);
 * - `moved`: an added paragraph whose words are mostly those of a removed
 *   one elsewhere (word overlap at least 0.7), in the same section or another;
 * - `split`: one old paragraph gave several new ones (at least 70% of each
 *   new one's words are found in it);
 * - `merged`: several old paragraphs became one (at least 70% of each old
 *   one's words are found in it).
 *
 * Every link has a similarity: how much of the earlier text is still there,
 * which is what decides whether a comment on it still applies. For an edit,
 * a move or a merge, the share of the earlier paragraph's words the later
 * one keeps (an added clause keeps them all; a rewrite keeps few); 1 for an
 * unchanged paragraph; for a split, the share of the new paragraph's words
 * that come from the old one. A link below `certainty` is kept but marked
 * uncertain: a page says so instead of attaching comments to text they may
 * not be about.
 */
import { wordBag, wordContainment, wordOverlap, type WordBag } from './similarity.ts';
import type { Block, Comparison } from './types.ts';

export type LineageKind = 'unchanged' | 'edited' | 'moved' | 'split' | 'merged';

/** A citable paragraph of one version. */
export interface ParagraphRef {
  section: string;
  n: number;
  /** `<section>-p<n>`. */
  anchor: string;
}

/** One link between a paragraph of the earlier version and one of the later. */
export interface LineageLink {
  from: ParagraphRef;
  to: ParagraphRef;
  kind: LineageKind;
  /** 0 to 1; see above. */
  similarity: number;
  /** similarity ≥ certainty. */
  certain: boolean;
}

/** The lineage between two consecutive versions. */
interface VersionLineage {
  /** Where a paragraph of the later version comes from (none for new text). */
  parentsOf(anchor: string): readonly LineageLink[];
  /** Where a paragraph of the earlier version went (none when its text was removed). */
  childrenOf(anchor: string): readonly LineageLink[];
  /**
   * The links worked out from the alignment. A section whose text is byte for byte
   * the same in both versions is not parsed (most are not, between two versions):
   * its paragraphs map to themselves, and its links are made when asked for.
   */
  links: readonly LineageLink[];
  /** Each section of the earlier version, by id: its id in the later one (absent when removed) and whether its text changed. */
  sections: ReadonlyMap<string, { to?: string; textChanged: boolean }>;
}

interface LineageOptions {
  /** Similarity below which a link is uncertain. Default 0.6. */
  certainty?: number;
  /** Share of a text's words found in another from which it is taken from it (a split or a merge). Default 0.7. */
  containment?: number;
  /** Word overlap (Dice) from which an added paragraph is a removed one moved: higher than for an edit in place, since any two paragraphs share some words. Default 0.7. */
  moveSimilarity?: number;
}

/** Texts this short have too few words to say where they come from. */
const MIN_WORDS = 4;

interface Side {
  block: Block;
  section: string;
  bag: WordBag;
}

export function paragraphLineage(comparison: Comparison, options: LineageOptions = {}): VersionLineage {
  const certainty = options.certainty ?? 0.6;
  const containment = options.containment ?? 0.7;
  const moveSimilarity = options.moveSimilarity ?? 0.7;
  const links: LineageLink[] = [];
  const deleted: Side[] = [];
  const inserted: Side[] = [];
  /** Old and new paragraphs of edited rows, by section (candidates for splits and merges). */
  const edited: { before: Side; after: Side }[] = [];
  const sections = new Map<string, { to?: string; textChanged: boolean }>();
  const side = (block: Block, section: string): Side => ({ block, section, bag: wordBag(block.text) });
  const link = (from: Side, to: Side, kind: LineageKind, similarity: number) =>
    links.push({ from: ref(from), to: ref(to), kind, similarity, certain: similarity >= certainty });

  /** Identical sections, by their id in the later version → in the earlier, and back. */
  const sameBefore = new Map<string, string>();
  const sameAfter = new Map<string, string>();
  for (const section of comparison.sections) {
    if (section.before) sections.set(section.before.id, { ...(section.after ? { to: section.after.id } : {}), textChanged: section.textChanged });
    const beforeId = section.before?.id ?? section.id;
    if (section.before && section.after && section.before.body === section.after.body) {
      sameBefore.set(section.after.id, section.before.id);
      sameAfter.set(section.before.id, section.after.id);
      continue;
    }
    for (const row of section.rows) {
      const before = row.before?.kind === 'paragraph' ? row.before : undefined;
      const after = row.after?.kind === 'paragraph' ? row.after : undefined;
      if (before && after) {
        if (row.kind === 'unchanged') link(side(before, beforeId), side(after, section.id), 'unchanged', 1);
        else {
          const pair = { before: side(before, beforeId), after: side(after, section.id) };
          edited.push(pair);
          link(pair.before, pair.after, 'edited', wordContainment(pair.before.bag, pair.after.bag));
        }
      } else if (before) deleted.push(side(before, beforeId));
      else if (after) inserted.push(side(after, section.id));
    }
  }

  // Moves: an added paragraph with the words of a removed one, best pairs first.
  const moves = inserted
    .flatMap((to) => deleted.map((from) => ({ from, to, score: wordOverlap(from.bag, to.bag) })))
    .filter((m) => m.score >= moveSimilarity && size(m.to.bag) >= MIN_WORDS)
    .sort((a, b) => b.score - a.score);
  const movedFrom = new Set<Side>();
  const movedTo = new Set<Side>();
  for (const { from, to } of moves) {
    if (movedFrom.has(from) || movedTo.has(to)) continue;
    movedFrom.add(from);
    movedTo.add(to);
    link(from, to, 'moved', wordContainment(from.bag, to.bag));
  }

  // Splits: an added paragraph of a section made mostly of the words of an edited or removed old paragraph there.
  const splitSources = new Set<Side>();
  for (const to of inserted) {
    if (movedTo.has(to) || size(to.bag) < MIN_WORDS) continue;
    const candidates = [...edited.filter((e) => e.after.section === to.section).map((e) => e.before), ...deleted.filter((d) => !movedFrom.has(d) && d.section === sectionBefore(comparison, to.section))];
    const best = bestBy(candidates, (from) => wordContainment(to.bag, from.bag));
    if (best && best.score >= containment) {
      link(best.item, to, 'split', best.score);
      splitSources.add(best.item);
    }
  }
  // Merges: a removed old paragraph whose words are mostly in an edited new paragraph of its section.
  const mergeTargets = new Set<string>();
  for (const from of deleted) {
    if (movedFrom.has(from) || splitSources.has(from) || size(from.bag) < MIN_WORDS) continue;
    const candidates = edited.filter((e) => e.before.section === from.section).map((e) => e.after);
    const best = bestBy(candidates, (to) => wordContainment(from.bag, to.bag));
    if (best && best.score >= containment) {
      link(from, best.item, 'merged', best.score);
      mergeTargets.add(best.item.block.anchor!);
    }
  }

  // Name the other links of a split or a merge as such, measured the same way.
  const splitAnchors = new Set([...splitSources].map((s) => s.block.anchor!));
  const bags = new Map<string, WordBag>();
  for (const e of edited) {
    bags.set(`b:${e.before.block.anchor}`, e.before.bag);
    bags.set(`a:${e.after.block.anchor}`, e.after.bag);
  }
  for (const l of links) {
    if (l.kind !== 'edited') continue;
    const before = bags.get(`b:${l.from.anchor}`)!;
    const after = bags.get(`a:${l.to.anchor}`)!;
    if (splitAnchors.has(l.from.anchor)) retag(l, 'split', wordContainment(after, before), certainty);
    else if (mergeTargets.has(l.to.anchor)) retag(l, 'merged', wordContainment(before, after), certainty);
  }

  const parents = new Map<string, LineageLink[]>();
  const children = new Map<string, LineageLink[]>();
  for (const l of links) {
    parents.set(l.to.anchor, [...(parents.get(l.to.anchor) ?? []), l]);
    children.set(l.from.anchor, [...(children.get(l.from.anchor) ?? []), l]);
  }
  const same = (anchor: string, other: ReadonlyMap<string, string>, from: boolean): LineageLink[] => {
    const at = ANCHOR.exec(anchor);
    const section = at ? other.get(at[1]!) : undefined;
    if (!at || section === undefined) return [];
    const here = { section: at[1]!, n: Number(at[2]), anchor };
    const there = { section, n: here.n, anchor: `${section}-p${here.n}` };
    return [{ from: from ? here : there, to: from ? there : here, kind: 'unchanged', similarity: 1, certain: true }];
  };
  return {
    parentsOf: (anchor) => parents.get(anchor) ?? same(anchor, sameBefore, false),
    childrenOf: (anchor) => children.get(anchor) ?? same(anchor, sameAfter, true),
    links,
    sections,
  };
}

const ANCHOR = /^(.*)-p([1-9][0-9]*)$/;

function retag(l: LineageLink, kind: LineageKind, similarity: number, certainty: number): void {
  l.kind = kind;
  l.similarity = similarity;
  l.certain = similarity >= certainty;
}

function ref(side: Side): ParagraphRef {
  return { section: side.section, n: side.block.n!, anchor: side.block.anchor! };
}

function size(bag: WordBag): number {
  let n = 0;
  for (const count of bag.values()) n += count;
  return n;
}

/** The id a section of the later version had in the earlier one (a section may have been given a new id). */
function sectionBefore(comparison: Comparison, after: string): string {
  const section = comparison.sections.find((s) => s.after?.id === after);
  return section?.before?.id ?? after;
}

function bestBy<T>(items: readonly T[], score: (item: T) => number): { item: T; score: number } | undefined {
  let best: { item: T; score: number } | undefined;
  for (const item of items) {
    const s = score(item);
    if (!best || s > best.score) best = { item, score: s };
  }
  return best;
}

/** The lineage of a run of versions: one step per consecutive pair, oldest first. */
export interface LineageStep {
  from: string;
  to: string;
  lineage: VersionLineage;
}

/** A paragraph of an earlier version that a paragraph comes from. */
export interface Ancestor {
  version: string;
  paragraph: ParagraphRef;
  /** Every link on the way is certain. */
  certain: boolean;
  /** The kinds of the links from this ancestor to the paragraph, oldest first. */
  kinds: LineageKind[];
}

/**
 * Every ancestor of paragraph `anchor` of `version`, back to the first
 * version, newest first. A paragraph reached by a certain and an uncertain
 * path is certain.
 */
export function ancestors(steps: readonly LineageStep[], version: string, anchor: string): Ancestor[] {
  const out: Ancestor[] = [];
  let current = version;
  let frontier: { anchor: string; certain: boolean; kinds: LineageKind[] }[] = [{ anchor, certain: true, kinds: [] }];
  for (;;) {
    const step = steps.find((s) => s.to === current);
    if (!step || frontier.length === 0) return out;
    const reached = new Map<string, Ancestor>();
    for (const node of frontier) {
      for (const link of step.lineage.parentsOf(node.anchor)) {
        const certain = node.certain && link.certain;
        const seen = reached.get(link.from.anchor);
        if (!seen || (certain && !seen.certain)) reached.set(link.from.anchor, { version: step.from, paragraph: link.from, certain, kinds: [link.kind, ...node.kinds] });
      }
    }
    out.push(...reached.values());
    frontier = [...reached.values()].map((a) => ({ anchor: a.paragraph.anchor, certain: a.certain, kinds: a.kinds }));
    current = step.from;
  }
}
