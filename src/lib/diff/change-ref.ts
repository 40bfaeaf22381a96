/**
 * How a change between two versions is named, in one place: the anchor and
 * id a comparison page gives it, the number a reader cites, and the quote a
 * comment on it carries. The comment intake and the feedback report use the
 * same functions, so a comment names the change exactly as the page does.
 */

/** `change-<section id>-<n>`: the anchor of the n-th change of a section (1-based), and the change's id in a comment. */
export function changeId(sectionId: string, n: number): string {
  return `change-${sectionId}-${n}`;
}

/** A change id as written by `changeId`; section ids are lower-case slugs. */
const CHANGE_ID_PATTERN = /^change-([a-z0-9][a-z0-9-]*)-([1-9][0-9]*)$/;

/** The section and number a change id names, or null when it is not one. */
export function parseChangeId(value: string): { section: string; n: number } | null {
  const match = CHANGE_ID_PATTERN.exec(value);
  return match ? { section: match[1]!, n: Number(match[2]) } : null;
}

/** What a reader sees and cites: "3.4", the 4th change of the section numbered 3 in the new version. */
export function changeLabel(sectionNumber: number | undefined, n: number): string {
  return sectionNumber === undefined ? String(n) : `${sectionNumber}.${n}`;
}

/** The longest quote a comment takes (the comment form's limit). */
const QUOTE_LIMIT = 1_000;

/**
 * The quote of a comment on a change: the old wording, an arrow, the new
 * wording, each in quotation marks, or a dash for a side that is empty
 * (an insertion or a deletion): `“month” → “quarter”`, `— → “new words”`.
 * A long side is shortened in its middle with "…" so the whole fits in
 * `limit` characters.
 */
export function changeQuote(before: string, after: string, limit = QUOTE_LIMIT): string {
  // An inline object (an image) has no words to quote.
  const fold = (text: string) => text.replace(/\uFFFC/g, '').replace(/\s+/g, ' ').trim();
  const sides = [fold(before), fold(after)];
  const frame = (text: string) => (text ? `“${text}”` : '—');
  const join = ([a, b]: string[]) => `${frame(a!)} → ${frame(b!)}`;
  const quote = join(sides);
  if ([...quote].length <= limit) return quote;
  // Share the room between the sides; a side shorter than half keeps all of itself.
  const room = limit - 7;
  const [a, b] = sides.map((side) => [...side].length) as [number, number];
  const half = Math.floor(room / 2);
  const budgetA = a <= half ? a : b <= half ? room - b : half;
  return join([shorten(sides[0]!, budgetA), shorten(sides[1]!, room - budgetA)]);
}

function shorten(text: string, budget: number): string {
  const chars = [...text];
  if (chars.length <= budget) return text;
  const keep = Math.max(0, budget - 1);
  const head = Math.ceil(keep / 2);
  return `${chars.slice(0, head).join('').trimEnd()}…${chars.slice(chars.length - (keep - head)).join('').trimStart()}`;
}
