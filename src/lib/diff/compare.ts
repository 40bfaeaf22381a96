/**
 * Compares two versions of the strategy: aligns sections, then the paragraphs
 * of each section whose body changed. A body that is byte-for-byte the same
 * is not even parsed (parsing is most of the cost); its rows are built only if
 * a view asks for them.
 */
import type { Section } from '../strategy/schema.ts';
import { alignParagraphs, oneSidedRows, unchangedRows } from './align-paragraphs.ts';
import { alignSections, type SectionAlignment } from './align-sections.ts';
import { sectionBlocks } from './blocks.ts';
import { summarise } from './summary.ts';
import type { CompareOptions, Comparison, ParagraphRow, SectionComparison, WordCount } from './types.ts';

export function compareVersions(from: readonly Section[], to: readonly Section[], options: CompareOptions = {}): Comparison {
  const sections = alignSections(from, to, options).map((alignment) => compareSection(alignment, options));
  return { sections, summary: summarise(sections) };
}

function compareSection(alignment: SectionAlignment, options: CompareOptions): SectionComparison {
  const { before, after, retitled, reordered } = alignment;
  const flags = { ...(retitled ? { retitled } : {}), reordered };
  if (!before || !after) {
    const section = (before ?? after)!;
    const rows = oneSidedRows(sectionBlocks(section.id, section.body), before ? 'before' : 'after');
    return { id: section.id, status: before ? 'removed' : 'added', ...(before ? { before } : { after }), ...flags, textChanged: true, words: total(rows), rows };
  }
  const moved = alignment.kind === 'moved-from';
  const identity = { id: after.id, ...(moved ? { movedFrom: before.id } : {}), before, after, ...flags };
  if (before.body === after.body) {
    const status = moved ? 'moved-from' : 'unchanged';
    return withLazyRows({ ...identity, status, textChanged: false, words: { added: 0, removed: 0 } }, before, after);
  }
  const rows = alignParagraphs(sectionBlocks(before.id, before.body), sectionBlocks(after.id, after.body), options);
  const textChanged = rows.some((row) => row.kind !== 'unchanged');
  const status = moved ? 'moved-from' : textChanged ? 'changed' : 'unchanged';
  return { ...identity, status, textChanged, words: total(rows), rows };
}

/** Adds the rows of an identical body as a getter that parses it on first use. */
function withLazyRows<T extends object>(fields: T, before: Section, after: Section): T & { readonly rows: readonly ParagraphRow[] } {
  let rows: ParagraphRow[] | undefined;
  return Object.defineProperty(fields, 'rows', {
    enumerable: true,
    get() {
      if (!rows) {
        const blocks = sectionBlocks(after.id, after.body);
        rows = unchangedRows(before.id === after.id ? blocks : sectionBlocks(before.id, before.body), blocks);
      }
      return rows;
    },
  }) as T & { readonly rows: readonly ParagraphRow[] };
}

function total(rows: readonly ParagraphRow[]): WordCount {
  let added = 0;
  let removed = 0;
  for (const row of rows) {
    added += row.words.added;
    removed += row.words.removed;
  }
  return { added, removed };
}
