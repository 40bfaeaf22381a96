/** The clean new text of a section: no marks, every paragraph with the anchor readers cite. */
import type { Root } from 'hast';
import { anchor, groupLists, type PlacedBlock } from './block-elements.ts';
import { resolveRedlineOptions, type RedlineOptions } from './labels.ts';
import { renderBlock } from './to-hast.ts';
import type { SectionComparison } from './types.ts';

/** The new version of a section's body (empty for a removed section). */
export function cleanSection(section: SectionComparison, options?: RedlineOptions): Root {
  const resolved = resolveRedlineOptions(options);
  const placed: PlacedBlock[] = [];
  for (const { after } of section.rows) {
    if (!after) continue;
    const element = anchor(renderBlock(after, after.node, resolved), after);
    placed.push({ element, ...(after.list ? { list: { key: after.list.node, ordered: after.list.ordered } } : {}) });
  }
  return { type: 'root', children: groupLists(placed) };
}
