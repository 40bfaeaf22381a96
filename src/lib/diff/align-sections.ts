/**
 * Matches the sections of two versions. Ids are stable by design, so a
 * section keeps its identity through re-titling, re-numbering and re-ordering.
 * Only the few sections left without a match are compared by text, to catch a
 * section whose id was changed after all.
 */
import { diffArrays } from 'diff';
import type { Section } from '../strategy/schema.ts';
import { wordBag, wordOverlap } from './similarity.ts';

/** How a section of one version corresponds to the other. */
export interface SectionAlignment {
  /** `matched` by id; `moved-from` for a new id holding a removed id's text; `added` or `removed` otherwise. */
  kind: 'matched' | 'moved-from' | 'added' | 'removed';
  before?: Section;
  after?: Section;
  /** Set when the title changed. */
  retitled?: { from: string; to: string };
  /** Whether the section is out of the longest run of sections that kept their relative order. */
  reordered: boolean;
}

export interface AlignSectionsOptions {
  /** Word-overlap ratio from which a removed and an added section are one section under a new id. Default 0.7. */
  sectionSimilarity?: number;
}

/** Aligns sections; the result is in the new reading order, removed sections after their old predecessor. */
export function alignSections(from: readonly Section[], to: readonly Section[], options: AlignSectionsOptions = {}): SectionAlignment[] {
  const before = readingOrder(from);
  const after = readingOrder(to);
  const afterIds = new Set(after.map((s) => s.id));
  const beforeById = new Map(before.map((s) => [s.id, s]));
  const counterpart = new Map<Section, Section>(); // after -> before
  for (const section of after) {
    const old = beforeById.get(section.id);
    if (old) counterpart.set(section, old);
  }
  const unmatchedBefore = before.filter((s) => !afterIds.has(s.id));
  const unmatchedAfter = after.filter((s) => !counterpart.has(s));
  const moved = pairByText(unmatchedBefore, unmatchedAfter, options.sectionSimilarity ?? 0.7);
  for (const [section, old] of moved) counterpart.set(section, old);

  const reordered = reorderedSections(before, after, counterpart);
  const paired = new Set(counterpart.values());
  const removedAfter = removedByPredecessor(before, paired);
  const out: SectionAlignment[] = (removedAfter.get(undefined) ?? []).map(removedAlignment);
  for (const section of after) {
    const old = counterpart.get(section);
    if (!old) out.push({ kind: 'added', after: section, reordered: false });
    else {
      out.push({
        kind: moved.has(section) ? 'moved-from' : 'matched',
        before: old,
        after: section,
        ...(old.title.trim() !== section.title.trim() ? { retitled: { from: old.title, to: section.title } } : {}),
        reordered: reordered.has(section),
      });
      out.push(...(removedAfter.get(old) ?? []).map(removedAlignment));
    }
  }
  return out;
}

function readingOrder(sections: readonly Section[]): Section[] {
  return [...sections].sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
}

function removedAlignment(section: Section): SectionAlignment {
  return { kind: 'removed', before: section, reordered: false };
}

/**
 * Pairs removed and added sections whose texts overlap enough, best pair
 * first. All-pairs, but only over the unmatched sections, which are few.
 */
function pairByText(removed: Section[], added: Section[], threshold: number): Map<Section, Section> {
  const pairs: { old: Section; section: Section; score: number }[] = [];
  if (removed.length && added.length) {
    const oldBags = removed.map((s) => wordBag(s.body));
    for (const section of added) {
      const bag = wordBag(section.body);
      removed.forEach((old, k) => {
        const score = wordOverlap(oldBags[k]!, bag);
        if (score >= threshold) pairs.push({ old, section, score });
      });
    }
  }
  const out = new Map<Section, Section>();
  const taken = new Set<Section>();
  for (const { old, section } of pairs.sort((a, b) => b.score - a.score)) {
    if (taken.has(old) || out.has(section)) continue;
    out.set(section, old);
    taken.add(old);
  }
  return out;
}

/**
 * The sections that changed place: those outside a longest common
 * subsequence of the paired sections' old and new orders (jsdiff computes
 * it). Moving one section is then one move, not a shift of all that follow.
 *
 * When two minimal answers exist (two neighbours swapped: either one
 * "moved"), the one that names the sections whose `order` an editor changed
 * is the one a reader expects; jsdiff is asked forwards and backwards and
 * the better answer kept.
 */
function reorderedSections(before: Section[], after: Section[], counterpart: Map<Section, Section>): Set<Section> {
  const paired = new Set(counterpart.values());
  const oldOrder = before.filter((s) => paired.has(s));
  const newOrder = after.filter((s) => counterpart.has(s));
  const byOld = new Map(newOrder.map((s) => [counterpart.get(s)!, s]));
  const movedIn = (from: Section[], to: Section[]) => {
    const out = new Set<Section>();
    for (const change of diffArrays(from, to)) {
      if (change.added) for (const old of change.value) out.add(byOld.get(old)!);
    }
    return out;
  };
  const newAsOld = newOrder.map((s) => counterpart.get(s)!);
  const forwards = movedIn(oldOrder, newAsOld);
  const backwards = movedIn([...oldOrder].reverse(), [...newAsOld].reverse());
  const renumbered = (set: Set<Section>) => [...set].filter((s) => counterpart.get(s)!.order !== s.order).length;
  return backwards.size === forwards.size && renumbered(backwards) > renumbered(forwards) ? backwards : forwards;
}

/** Removed sections keyed by the nearest earlier old section that still exists (undefined: none). */
function removedByPredecessor(before: Section[], paired: Set<Section>): Map<Section | undefined, Section[]> {
  const out = new Map<Section | undefined, Section[]>();
  let predecessor: Section | undefined;
  for (const section of before) {
    if (paired.has(section)) predecessor = section;
    else out.set(predecessor, [...(out.get(predecessor) ?? []), section]);
  }
  return out;
}
