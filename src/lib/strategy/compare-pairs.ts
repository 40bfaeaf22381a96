/**
 * Which comparisons the site prerenders: every consecutive pair, every
 * version against the latest, each version against itself ("no changes"),
 * and the latest against the working draft. That is linear in the number of
 * versions: doubling the versions at most doubles the compare pages.
 */
export interface ComparePair {
  from: string;
  to: string;
}

export function comparePairs(versionIds: readonly string[], includeDraft = true): ComparePair[] {
  const pairs = new Map<string, ComparePair>();
  const add = (from: string, to: string) => pairs.set(`${from}...${to}`, { from, to });
  const latest = versionIds.at(-1);
  versionIds.forEach((id, i) => {
    add(id, id);
    if (i > 0) add(versionIds[i - 1]!, id);
    if (latest && id !== latest) add(id, latest);
  });
  if (includeDraft && latest) add(latest, 'draft');
  return [...pairs.values()];
}

/** `/strategy/compare/v0.1...v0.2/` (plus `changes/`, `clean/` or `side-by-side/` for the other views). */
export function compareUrl(from: string, to: string, view: CompareView = 'redline'): string {
  return `/strategy/compare/${from}...${to}/${view === 'redline' ? '' : `${view}/`}`;
}

/** The views of a comparison: `changes` is the redline with only the changed paragraphs and their neighbours. */
export const COMPARE_VIEWS = ['redline', 'changes', 'clean', 'side-by-side'] as const;
export type CompareView = (typeof COMPARE_VIEWS)[number];

/** Parses `v0.1...v0.2`; null when it is not a pair. */
export function parsePair(value: string): ComparePair | null {
  const match = /^([a-z0-9][a-z0-9.-]*?)\.\.\.([a-z0-9][a-z0-9.-]*)$/.exec(value);
  return match ? { from: match[1]!, to: match[2]! } : null;
}
