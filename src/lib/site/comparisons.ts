/**
 * Comparisons for the compare pages, computed once per pair per build: the
 * views of a pair (redline, changes only, clean, side by side; COMPARE_VIEWS) share one.
 */
import { compareVersions, type Comparison } from '../diff/index.ts';
import { sectionsOf, type Catalog } from '../strategy/catalog.ts';

const cache = new Map<string, Comparison>();

export function comparison(catalog: Catalog, from: string, to: string): Comparison | undefined {
  const key = `${from}...${to}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const before = sectionsOf(catalog, from);
  const after = sectionsOf(catalog, to);
  if (!before || !after) return undefined;
  const result = compareVersions(before, after);
  cache.set(key, result);
  return result;
}
