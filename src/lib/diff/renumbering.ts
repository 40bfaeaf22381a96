/**
 * Numbers that changed only because something was inserted or removed
 * before them. Sections are numbered by their place in a version (as on its
 * reading page) and items of a numbered list by their place in the list;
 * when one is inserted, all that follow move up by one. A reader needs that
 * said once ("sections 4–8 renumbered 5–9"), not as a change to every
 * number, and needs to know which cross-references in the text ("see
 * section 5") point to a section whose number changed.
 */
import { sectionBlocks } from './blocks.ts';
import type { Comparison, ParagraphRow, SectionComparison } from './types.ts';

/** Consecutive numbers that all moved by the same amount: `from` became `to`. */
export interface NumberRange {
  from: [first: number, last: number];
  to: [first: number, last: number];
}

/** Numbered list items of one section renumbered. */
interface ListRenumbering {
  section: string;
  ranges: NumberRange[];
}

/** A place in the new text that cites a section by a number that changed meaning. */
interface CrossReference {
  /** The section whose text cites it. */
  section: string;
  /** The paragraph anchor it is in, when it is in a citable paragraph. */
  anchor?: string;
  /** The words citing it, e.g. "section 5" or "sections 4 and 5". */
  text: string;
  /** Each cited number, with the section it named in the old version and the one it names in the new. */
  numbers: { n: number; before?: string; after?: string }[];
}

export interface Renumbering {
  sections: NumberRange[];
  lists: ListRenumbering[];
  crossReferences: CrossReference[];
}

/** Sections in a version's reading order, numbered from 1. */
function numbered(sections: readonly SectionComparison[], side: 'before' | 'after') {
  return sections
    .map((s) => s[side])
    .filter((s) => s !== undefined)
    .sort((a, b) => a.order - b.order || a.file.localeCompare(b.file))
    .map((section, index) => ({ section, n: index + 1 }));
}

/** Each view of a comparison asks; the answer is worked out once. */
const cache = new WeakMap<Comparison, Renumbering>();

export function renumbering(comparison: Comparison): Renumbering {
  const cached = cache.get(comparison);
  if (cached) return cached;
  const result = computeRenumbering(comparison);
  cache.set(comparison, result);
  return result;
}

function computeRenumbering(comparison: Comparison): Renumbering {
  const before = numbered(comparison.sections, 'before');
  const after = numbered(comparison.sections, 'after');
  const oldNumber = new Map(before.map(({ section, n }) => [section, n]));
  const newNumber = new Map(after.map(({ section, n }) => [section, n]));
  // A moved section is reported as moved; the others whose number changed were renumbered.
  const pairs: Array<[number, number]> = [];
  for (const s of comparison.sections) {
    if (!s.before || !s.after || s.reordered) continue;
    const from = oldNumber.get(s.before)!;
    const to = newNumber.get(s.after)!;
    if (from !== to) pairs.push([from, to]);
  }
  const sections = ranges(pairs.sort((a, b) => a[0] - b[0]));
  const lists = comparison.sections.flatMap((s) => {
    const listRanges = s.textChanged ? ranges(listPairs(s.rows)) : [];
    return listRanges.length ? [{ section: s.id, ranges: listRanges }] : [];
  });
  const renumbered = new Set(sections.flatMap(({ from, to }) => [...span(from), ...span(to)]));
  const titleAt = (list: typeof before, n: number) => list.find((x) => x.n === n)?.section.title;
  const crossReferences = renumbered.size
    ? after.flatMap(({ section }) =>
        citations(section.body)
          .filter((c) => c.numbers.some((n) => renumbered.has(n)))
          .map((c) => ({
            section: section.id,
            ...anchorOf(section.id, section.body, c.text),
            text: c.text,
            numbers: c.numbers.map((n) => ({ n, before: titleAt(before, n), after: titleAt(after, n) })),
          })),
      )
    : [];
  return { sections, lists, crossReferences };
}

/** Old and new numbers of the items of numbered lists that stayed (unchanged or edited) but moved in their list. */
function listPairs(rows: readonly ParagraphRow[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const { kind, before, after } of rows) {
    if ((kind === 'unchanged' || kind === 'changed') && before?.list?.ordered && after?.list?.ordered && before.list.number !== after.list.number) {
      out.push([before.list.number, after.list.number]);
    }
  }
  return out;
}

/** Groups (old, new) pairs, in old order, into runs of consecutive numbers shifted by the same amount. */
function ranges(pairs: ReadonlyArray<[number, number]>): NumberRange[] {
  const out: NumberRange[] = [];
  for (const [from, to] of pairs) {
    const last = out[out.length - 1];
    if (last && from === last.from[1] + 1 && to === last.to[1] + 1) {
      last.from[1] = from;
      last.to[1] = to;
    } else out.push({ from: [from, from], to: [to, to] });
  }
  return out;
}

function span([first, last]: [number, number]): number[] {
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/** "section 5", "sections 4 and 5", "Sections 4–6", "section 3.2" (the section is the number before the dot). */
const CITATION = /\bsections?\s+\d+(?:\.\d+)*(?:\s*(?:,|and|or|to|–|-)\s*\d+(?:\.\d+)*)*/giu;

function citations(body: string): { text: string; numbers: number[] }[] {
  return [...body.matchAll(CITATION)].map((match) => {
    const text = match[0].replace(/\s+/g, ' ');
    const numbers = [...text.matchAll(/\d+(?:\.\d+)*/g)].map((m) => Number(m[0].split('.')[0]));
    return { text, numbers: [...new Set(numbers)] };
  });
}

/** The citable paragraph holding the words, if any: parsed only for a section that cites a renumbered section. */
function anchorOf(sectionId: string, body: string, text: string): { anchor?: string } {
  const block = sectionBlocks(sectionId, body).find((b) => b.anchor && b.text.includes(text));
  return block?.anchor ? { anchor: block.anchor } : {};
}

/** Renumbered sections in plain English, for the pull-request and terminal summaries: "4–5 are now 5–6; 6 is now 8". */
export function renumberedSections(comparison: Comparison): string | undefined {
  const { sections } = renumbering(comparison);
  const span = ([a, b]: [number, number]) => (a === b ? String(a) : `${a}–${b}`);
  return sections.length ? sections.map(({ from, to }) => `${span(from)} ${from[0] === from[1] ? 'is' : 'are'} now ${span(to)}`).join('; ') : undefined;
}
