/**
 * Where the paragraph a comment is on went in the next published version,
 * from the paragraph lineage (diff/lineage.ts): unchanged, changed (edited,
 * moved, split or merged), removed, or no next version yet. A change the
 * lineage is not sure of says so.
 */
import type { LineageStep } from '../diff/lineage.ts';
import { paragraphAnchor, parseParagraphRef } from '../strategy/paragraphs.ts';
import type { FeedbackComment, FeedbackReport, ParagraphFate } from './schema.ts';

/** The fate of one comment's paragraph, or of its section for a comment on a whole section. */
export function paragraphFate(comment: Pick<FeedbackComment, 'version' | 'section' | 'paragraph'>, steps: readonly LineageStep[]): ParagraphFate {
  const step = steps.find((s) => s.from === comment.version);
  if (!step) return { status: 'no-next-version', to: [], certain: true };
  const version = step.to;
  const section = step.lineage.sections.get(comment.section);
  const n = comment.paragraph ? parseParagraphRef(comment.paragraph) : null;
  if (n === null) {
    if (!section?.to) return { version, status: 'removed', to: [], certain: true };
    return { version, status: section.textChanged ? 'changed' : 'unchanged', to: [section.to], certain: true };
  }
  const links = step.lineage.childrenOf(paragraphAnchor(comment.section, n));
  if (links.length === 0) return { version, status: 'removed', to: [], certain: true };
  const unchanged = links.length === 1 && links[0]!.kind === 'unchanged';
  return { version, status: unchanged ? 'unchanged' : 'changed', to: links.map((l) => l.to.anchor), certain: links.every((l) => l.certain) };
}

/** The report with each comment's `next` worked out from `steps` (the published versions' lineage). */
export function withParagraphFates(report: FeedbackReport, steps: readonly LineageStep[]): FeedbackReport {
  return { ...report, comments: report.comments.map((c) => ({ ...c, next: paragraphFate(c, steps) })) };
}
