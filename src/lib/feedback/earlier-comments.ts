/**
 * Comments follow their paragraph: for a paragraph of a version, the
 * comments its ancestors received in earlier versions (diff/lineage.ts),
 * with their dispositions and responses, from the committed reports.
 *
 * A comment is shown on a later paragraph only when every link from the
 * paragraph it was made on is certain. Where a link is uncertain (the text
 * was rewritten too much), the page says so and points to the report
 * instead of attaching comments to text they may not be about.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { ancestors, type Ancestor, type LineageKind, type ParagraphRef } from '../diff/lineage.ts';
import type { Translate } from '../i18n/translate.ts';
import type { SiteContext } from '../site/context.ts';
import { catalogLineage } from '../site/lineage.ts';
import { paragraphAnchor, parseParagraphRef } from '../strategy/paragraphs.ts';
import { sectionParagraphs } from '../strategy/render-section.ts';
import { feedbackPageUrl, matrixSectionAnchor } from './by-section.ts';
import { rowId } from './matrix.ts';
import { listFeedbackReports, loadFeedbackReport } from './report-file.ts';
import type { FeedbackComment, ReportDisposition } from './schema.ts';

/** One earlier comment, as a page lists it. */
interface EarlierComment {
  reference: string;
  /** Its row in its version's report: `/feedback/v0.1/#comment-12`. */
  url: string;
  issueUrl?: string;
  comment: string;
  disposition: ReportDisposition;
  response?: string;
  responseUrl?: string;
}

/** The comments on one earlier paragraph that this one certainly comes from. */
interface EarlierParagraph {
  version: string;
  paragraph: ParagraphRef;
  /** How the text came from there, oldest link first (`edited`, `unchanged`...). */
  kinds: LineageKind[];
  comments: EarlierComment[];
}

/** An earlier paragraph with comments that this one may come from, but not certainly. */
interface UncertainParagraph {
  version: string;
  paragraph: ParagraphRef;
  comments: number;
  /** That section's comments in that version's report. */
  url: string;
}

export interface ParagraphHistory {
  /** Earlier paragraphs with comments, newest version first. */
  certain: EarlierParagraph[];
  uncertain: UncertainParagraph[];
  /** Per version, for the one-line summary: comments and how many have a response. */
  byVersion: { version: string; comments: number; answered: number }[];
}

type Index = Map<string, Map<string, FeedbackComment[]>>;
const indexes = new WeakMap<SiteContext, Index>();

/** Every committed report's comments by version and paragraph anchor. */
function commentIndex(context: SiteContext): Index {
  let index = indexes.get(context);
  if (!index) {
    index = new Map();
    for (const version of listFeedbackReports(context.root)) {
      if (!context.catalog.byId.has(version)) continue;
      const byAnchor = new Map<string, FeedbackComment[]>();
      for (const comment of loadFeedbackReport(context.root, version)?.comments ?? []) {
        const n = comment.paragraph ? parseParagraphRef(comment.paragraph) : null;
        if (n === null) continue;
        const anchor = paragraphAnchor(comment.section, n);
        byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), comment]);
      }
      index.set(version, byAnchor);
    }
    indexes.set(context, index);
  }
  return index;
}

/**
 * The earlier comments of paragraph `anchor` of `version`; with `includeSelf`,
 * also the comments made on that paragraph itself (the compare page shows
 * those beside the change that answered them). Undefined when there are none.
 */
export function paragraphHistory(context: SiteContext, version: string, anchor: string, options: { includeSelf?: boolean } = {}): ParagraphHistory | undefined {
  const index = commentIndex(context);
  const steps = catalogLineage(context.catalog, context.settings.feedback?.lineageSimilarity);
  const self: Ancestor[] = options.includeSelf ? [{ version, paragraph: refOf(anchor), certain: true, kinds: [] }] : [];
  const certain: EarlierParagraph[] = [];
  const uncertain: UncertainParagraph[] = [];
  for (const ancestor of [...self, ...ancestors(steps, version, anchor)]) {
    const comments = index.get(ancestor.version)?.get(ancestor.paragraph.anchor) ?? [];
    if (comments.length === 0) continue;
    if (ancestor.certain) certain.push({ version: ancestor.version, paragraph: ancestor.paragraph, kinds: ancestor.kinds, comments: comments.map(earlierComment) });
    else uncertain.push({ version: ancestor.version, paragraph: ancestor.paragraph, comments: comments.length, url: `${feedbackPageUrl(ancestor.version)}#${matrixSectionAnchor(ancestor.paragraph.section)}` });
  }
  if (certain.length === 0 && uncertain.length === 0) return undefined;
  const byVersion: ParagraphHistory['byVersion'] = [];
  for (const p of certain) {
    let entry = byVersion.find((v) => v.version === p.version);
    if (!entry) byVersion.push((entry = { version: p.version, comments: 0, answered: 0 }));
    entry.comments += p.comments.length;
    entry.answered += p.comments.filter((c) => c.response !== undefined).length;
  }
  return { certain, uncertain, byVersion };
}

/** Whether any earlier version has a report: without one no paragraph can have a history. */
function hasEarlierReports(context: SiteContext, version: string): boolean {
  const ids = context.catalog.versions.map((v) => v.manifest.id);
  const position = ids.indexOf(version);
  return [...commentIndex(context).keys()].some((id) => ids.indexOf(id) >= 0 && ids.indexOf(id) < (position < 0 ? ids.length : position));
}

function earlierComment(c: FeedbackComment): EarlierComment {
  return {
    reference: c.reference,
    url: `${feedbackPageUrl(c.version)}#${rowId(c.reference)}`,
    ...(c.issue ? { issueUrl: c.issue.url } : {}),
    comment: c.comment,
    disposition: c.disposition,
    ...(c.response ? { response: c.response.text, ...(c.response.url ? { responseUrl: c.response.url } : {}) } : {}),
  };
}

function refOf(anchor: string): ParagraphRef {
  const match = /^(.*)-p([1-9][0-9]*)$/.exec(anchor);
  return { section: match?.[1] ?? anchor, n: Number(match?.[2] ?? 0), anchor };
}

/** The page listing a version's paragraphs with their earlier comments; `#<anchor>` is each paragraph there. */
function earlierCommentsUrl(version: string, anchor?: string): string {
  return `/strategy/${version}/earlier-comments/${anchor ? `#${anchor}` : ''}`;
}

/** "4 comments on this paragraph in v0.1, 3 answered; 1 in v0.2, none answered", or what an uncertain lineage means. */
export function historySummary(history: ParagraphHistory, t: Translate): string {
  const parts = history.byVersion.map((v, i) =>
    t(i === 0 ? (v.comments === 1 ? 'lineage.summary.one' : 'lineage.summary.other') : v.comments === 1 ? 'lineage.summary.moreOne' : 'lineage.summary.moreOther', {
      count: v.comments,
      version: v.version,
      answered: v.answered,
    }),
  );
  if (history.uncertain.length) parts.push(t(parts.length ? 'lineage.summary.uncertain' : 'lineage.summary.uncertainOnly'));
  return parts.join('; ');
}

/**
 * The link each paragraph of a version page ends with when earlier versions
 * of its text were commented on: a plain link to the paragraph on the
 * earlier-comments page, so it works without JavaScript.
 */
export function historyLinks(context: SiteContext, version: string, t: Translate): (anchor: string) => Element[] {
  if (!hasEarlierReports(context, version)) return () => [];
  return (anchor) => {
    const history = paragraphHistory(context, version, anchor);
    if (!history) return [];
    return [h('a', { className: ['para-history'], href: earlierCommentsUrl(version, anchor), dataPagefindIgnore: '' }, historySummary(history, t))];
  };
}

/** A section of the earlier-comments page: its paragraphs that have a history. */
interface HistorySection {
  id: string;
  number: number;
  title: string;
  paragraphs: { anchor: string; n: number; text: string; history: ParagraphHistory }[];
}

/** What the earlier-comments page of a version lists, section by section. */
export function versionHistory(context: SiteContext, version: string): HistorySection[] {
  const sections = context.catalog.byId.get(version)?.sections ?? [];
  return sections
    .map((section, i) => ({
      id: section.id,
      number: i + 1,
      title: section.title,
      paragraphs: sectionParagraphs(section).flatMap((p) => {
        const history = paragraphHistory(context, version, p.anchor);
        return history ? [{ anchor: p.anchor, n: p.n, text: p.text, history }] : [];
      }),
    }))
    .filter((s) => s.paragraphs.length > 0);
}

/** "section 2, paragraph 3": a paragraph of a version, numbered as on that version's page, and its address. */
export function paragraphPlace(context: SiteContext, version: string, paragraph: ParagraphRef, t: Translate): { label: string; url: string } {
  const index = context.catalog.byId.get(version)?.sections.findIndex((s) => s.id === paragraph.section) ?? -1;
  return {
    label: t('lineage.fate.paragraph', { section: index >= 0 ? index + 1 : paragraph.section, paragraph: paragraph.n }),
    url: `/strategy/${version}/#${paragraph.anchor}`,
  };
}
