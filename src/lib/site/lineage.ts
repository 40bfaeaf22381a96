/**
 * The lineage of the published versions' paragraphs, worked out once per
 * build from the comparisons the compare pages use (diff/lineage.ts).
 */
import { paragraphLineage, type LineageStep } from '../diff/lineage.ts';
import type { Catalog } from '../strategy/catalog.ts';
import { comparison } from './comparisons.ts';

/** Default of `feedback.lineageSimilarity` in content/site.json. */
const DEFAULT_LINEAGE_SIMILARITY = 0.6;

const cache = new WeakMap<Catalog, Map<number, LineageStep[]>>();

/** One step per consecutive pair of published versions, oldest first. */
export function catalogLineage(catalog: Catalog, certainty = DEFAULT_LINEAGE_SIMILARITY): LineageStep[] {
  const byCertainty = cache.get(catalog) ?? cache.set(catalog, new Map()).get(catalog)!;
  let steps = byCertainty.get(certainty);
  if (!steps) {
    const ids = catalog.versions.map((v) => v.manifest.id);
    steps = ids.slice(1).map((to, i) => ({ from: ids[i]!, to, lineage: paragraphLineage(comparison(catalog, ids[i]!, to)!, { certainty }) }));
    byCertainty.set(certainty, steps);
  }
  return steps;
}
