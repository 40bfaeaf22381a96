/**
 * The words a screen reader hears for each mark. Colour and strike-through
 * are invisible to it (most screen readers do not announce <ins>/<del> with
 * their default settings), so every mark carries visually hidden text inside it. The site
 * passes translated strings; these are the English defaults.
 */

export interface RedlineLabels {
  /** Before inserted words, inside `<ins>`. */
  inserted: string;
  /** Before deleted words, inside `<del>`. */
  deleted: string;
  /** Before a whole inserted paragraph. */
  paragraphInserted: string;
  /** Before a whole deleted paragraph. */
  paragraphDeleted: string;
  /** Before a whole inserted heading. */
  headingInserted: string;
  /** Before a whole deleted heading. */
  headingDeleted: string;
  /** Before the old form of a block replaced as a whole (a table, a changed component). */
  replacedBefore: string;
  /** Before the new form of a block replaced as a whole. */
  replacedAfter: string;
  /** Before a change's number ("Change " 3.4), hidden: the number alone is what is seen. */
  change: string;
  /** Where one unchanged paragraph is left out ("changes only"). */
  collapsedOne: string;
  /** Where unchanged paragraphs are left out ("changes only"); `{count}` is how many. */
  collapsedOther: string;
}

const DEFAULT_REDLINE_LABELS: RedlineLabels = {
  inserted: 'inserted: ',
  deleted: 'deleted: ',
  paragraphInserted: 'Paragraph inserted: ',
  paragraphDeleted: 'Paragraph deleted: ',
  headingInserted: 'Heading inserted: ',
  headingDeleted: 'Heading deleted: ',
  replacedBefore: 'Paragraph before the change: ',
  replacedAfter: 'Paragraph after the change: ',
  change: 'Change ',
  collapsedOne: '1 unchanged paragraph left out: show it in the full redline',
  collapsedOther: '{count} unchanged paragraphs left out: show them in the full redline',
};

/** Options of the redline, clean and side-by-side views. */
export interface RedlineOptions {
  /** Translated strings; missing ones fall back to English. */
  labels?: Partial<RedlineLabels>;
  /** Class of the visually hidden text. Default `visually-hidden`. */
  hiddenClass?: string;
  /**
   * Levels added to headings inside a section body. Default 1: the page shows
   * each section title as an h2, so a body's `##` becomes an h3, as on the
   * reading page.
   */
  headingShift?: number;
}

export interface ResolvedRedlineOptions {
  labels: RedlineLabels;
  hiddenClass: string;
  headingShift: number;
}

export function resolveRedlineOptions(options: RedlineOptions = {}): ResolvedRedlineOptions {
  return { labels: { ...DEFAULT_REDLINE_LABELS, ...options.labels }, hiddenClass: options.hiddenClass ?? 'visually-hidden', headingShift: options.headingShift ?? 1 };
}
