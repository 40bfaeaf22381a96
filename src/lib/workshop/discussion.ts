/**
 * What the room at the validation workshop is told about each section: how
 * many comments it has had so far and which of its paragraphs drew the most,
 * from the version's committed feedback report.
 */
import type { FeedbackReport } from '../feedback/schema.ts';
import { parseParagraphRef } from '../strategy/paragraphs.ts';

export interface SectionDiscussion {
  /** Comments on the section, whole-section comments included. */
  comments: number;
  /** The paragraphs with the most comments, most first (ties in reading order); at most `top`. */
  paragraphs: { n: number; comments: number }[];
}

/** Each section that has comments, by id. */
export function sectionDiscussion(report: FeedbackReport, top = 3): Map<string, SectionDiscussion> {
  const bySection = new Map<string, { comments: number; paragraphs: Map<number, number> }>();
  for (const comment of report.comments) {
    const entry = bySection.get(comment.section) ?? { comments: 0, paragraphs: new Map<number, number>() };
    entry.comments++;
    const n = comment.paragraph ? parseParagraphRef(comment.paragraph) : null;
    if (n) entry.paragraphs.set(n, (entry.paragraphs.get(n) ?? 0) + 1);
    bySection.set(comment.section, entry);
  }
  return new Map(
    [...bySection].map(([section, entry]) => [
      section,
      {
        comments: entry.comments,
        paragraphs: [...entry.paragraphs]
          .map(([n, comments]) => ({ n, comments }))
          .sort((a, b) => b.comments - a.comments || a.n - b.n)
          .slice(0, top),
      },
    ]),
  );
}
