/**
 * The shapes of a comparison between two versions of a strategy. A comparison
 * is data (statuses, aligned paragraph rows, word diffs); the three views
 * (redline, clean new text, side by side) are built from it on demand, so the
 * build only pays for the pages it renders.
 */
import type { Change } from 'diff';
import type { Heading, List, Paragraph as MdastParagraph } from 'mdast';
import type { Paragraph as CitableParagraph } from '../strategy/paragraphs.ts';
import type { Section } from '../strategy/schema.ts';

/** A unit the paragraph alignment works on: a citable paragraph, or a heading inside the section. */
export interface Block {
  /** `paragraph` for a citable paragraph (it has an anchor); `heading` for a `##` heading inside the body. */
  kind: 'paragraph' | 'heading';
  /** 1-based paragraph number within the section; absent for headings. */
  n?: number;
  /** Anchor id `<section-id>-p<n>`; absent for headings. */
  anchor?: string;
  /** The node, normalised: no positions, whitespace folded, link references resolved to links. */
  node: CitableParagraph['node'] | Heading;
  /** The list this item belongs to, when the block is a list item. */
  list?: ListContext;
  /** Normalised serialisation of the node: equal keys mean "no change a reader could see". */
  key: string;
  /** Plain text, whitespace folded, cells and blocks separated by a space: for similarity and word counts. */
  text: string;
  /** The paragraph or heading whose words can be diffed in place, or undefined for tables, code, components... */
  host?: MdastParagraph | Heading;
}

/** Where a list item sits, so a redline can put items back into a list of the right kind. */
export interface ListContext {
  /** The (normalised) list node the item came from; identity groups items of one list. */
  node: List;
  /** Whether the list is numbered. */
  ordered: boolean;
  /** The number of this item in a numbered list (start + index). */
  number: number;
  /** Whether the list renders its items' paragraphs as `<p>` (a loose list). */
  loose: boolean;
}

/** How one row of the paragraph alignment differs. */
export type RowKind = 'unchanged' | 'changed' | 'inserted' | 'deleted';

/** Words added and removed. */
export interface WordCount {
  /** Words in the new text that are not in the old. */
  added: number;
  /** Words in the old text that are not in the new. */
  removed: number;
}

/** The word-level diff of one changed paragraph. */
export interface WordDiff extends WordCount {
  /**
   * Changes between the two paragraphs' inline texts (./word-diff.ts: sentences aligned, then
   * words, cleaned up): removed and unchanged values spell the old text, added and unchanged the new.
   */
  changes: Change[];
}

/** One row of the aligned paragraphs of a section: an old block, a new block, or both. */
export interface ParagraphRow {
  kind: RowKind;
  /** The block in the old version (absent for inserted rows). */
  before?: Block;
  /** The block in the new version (absent for deleted rows). */
  after?: Block;
  /**
   * For changed rows: `words` when both sides are the same kind of paragraph-like block, so
   * insertions and deletions are marked inside it; `block` when the old block is shown deleted
   * and the new one inserted as wholes (tables, code, components, a list item that became a paragraph).
   */
  mode?: 'words' | 'block';
  /** For changed rows: the word diff of the two blocks' texts (also used to count words in block mode). */
  diff?: WordDiff;
  /** Words added and removed by this row. */
  words: WordCount;
}

/** Status of a section between two versions. */
export type SectionStatus = 'unchanged' | 'changed' | 'added' | 'removed' | 'moved-from';

/** One section of a comparison. */
export interface SectionComparison {
  /** The section's id: the new id, or the old one for a removed section. */
  id: string;
  /**
   * `unchanged`/`changed` for a section matched by id (its body, not its title or position);
   * `added`/`removed` for one with no match; `moved-from` for a new id whose text is that of a
   * removed id (see `movedFrom`).
   */
  status: SectionStatus;
  /** For `moved-from`: the old id the text came from. */
  movedFrom?: string;
  /** The section in the old version (absent when added). */
  before?: Section;
  /** The section in the new version (absent when removed). */
  after?: Section;
  /** Set when the title changed. */
  retitled?: { from: string; to: string };
  /** Whether the section moved relative to the other matched sections (one move per moved section). */
  reordered: boolean;
  /** Whether the body changed in a way a reader could see (for `moved-from`: besides the id). */
  textChanged: boolean;
  /** Words added and removed in the body. */
  words: WordCount;
  /** Aligned paragraph rows; for a body that did not change byte for byte they are built on first use. */
  readonly rows: readonly ParagraphRow[];
}

/** Counts for a whole comparison. */
export interface ComparisonSummary {
  /** Whether anything at all changed. */
  hasChanges: boolean;
  sections: {
    /** Sections in either version. */
    total: number;
    /** New ids with no counterpart. */
    added: number;
    /** Old ids with no counterpart. */
    removed: number;
    /** New ids carrying the text of a removed id. */
    movedFrom: number;
    /** Matched sections whose body changed. */
    changed: number;
    /** Sections whose title changed. */
    retitled: number;
    /** Sections that moved relative to the others. */
    reordered: number;
    /** Matched sections with no change at all: same body, title and relative position. */
    unchanged: number;
  };
  /** Words added and removed over all sections. */
  words: WordCount;
}

/** The result of `compareVersions`. */
export interface Comparison {
  /** Sections in the new reading order; removed sections after the section that preceded them. */
  sections: SectionComparison[];
  summary: ComparisonSummary;
}

/** Tuning of the comparison. */
export interface CompareOptions {
  /** Word-overlap ratio (Dice) from which a removed and an inserted paragraph count as one changed paragraph. Default 0.5. */
  paragraphSimilarity?: number;
  /** Word-overlap ratio from which a removed and an added section count as the same section under a new id. Default 0.7. */
  sectionSimilarity?: number;
}
