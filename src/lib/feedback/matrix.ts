/**
 * The comment-response matrix: one row per comment, with the ISO commenting
 * template's columns first (reference, member body = sector, clause =
 * section, paragraph, type, comment, proposed change, observation =
 * disposition and response) and then what our records add. The site page,
 * the CSV, the XLSX and the Markdown report are all drawn from these rows,
 * so they cannot disagree.
 */
import { DateTime } from 'luxon';
import type { Language, Translate } from '../i18n/translate.ts';
import { paragraphAnchor, parseParagraphRef } from '../strategy/paragraphs.ts';
import { trimTrailing } from '../text/trim.ts';
import { groupSummary, type GroupSummary } from './group-view.ts';
import type { FeedbackComment, FeedbackReport } from './schema.ts';

export interface MatrixContext {
  /** Sections of the version, in reading order (their position gives the section number). */
  sections: readonly { id: string; title: string }[];
  /** Time zone dates are shown in (the consultation's). */
  timeZone: string;
  t: Translate;
  /** Absolute site address for links in exports (e.g. `https://ncss.gov.bz`); omit for site-relative links. */
  siteUrl?: string;
}

/** A change that addressed a comment, ready to show. */
interface MatrixChange {
  /** `#41 (v0.2)`. */
  label: string;
  url: string;
  title: string;
}

export interface MatrixRow {
  /** Anchor id of the row on the site: `comment-12`, `comment-bz-2026-000123`. */
  id: string;
  reference: string;
  issueUrl?: string;
  sectorKey: string;
  sector: string;
  sectionKey: string;
  /** `2. Governance and coordination`. */
  section: string;
  /** Position of the section in the version; unknown sections sort last. */
  sectionNumber: number;
  /** `3`, or empty for the whole section. */
  paragraph: string;
  /** The exact paragraph (or section) in that version: `/strategy/v0.1/#governance-p3`. */
  link: string;
  typeKey: string;
  type: string;
  comment: string;
  /** The language the comment, its quote and proposed change are written in (English when it did not say). */
  languageKey: Language;
  /** `English`, `Spanish`, in the words of the report. */
  language: string;
  quote?: string;
  proposedChange?: string;
  dispositionKey: string;
  /** `Accepted`, `Duplicate of #12`, ... */
  disposition: string;
  response?: string;
  responseUrl?: string;
  organisation?: string;
  name?: string;
  channelKey: string;
  channel: string;
  /** Day received, `YYYY-MM-DD`, in the consultation's time zone. */
  date: string;
  addressedIn: MatrixChange[];
  /** Comments the row stands for: 1, or the size of its group. */
  size: number;
  /** Present when the row stands for a group: the row is its representative's, and this says who else is in it. */
  group?: GroupSummary;
}

/**
 * The rows of a report, in reading order: section, paragraph, then date and
 * reference. A group of identical or near-identical comments is one row, its
 * representative's, placed where the representative commented.
 */
export function matrixRows(report: FeedbackReport, ctx: MatrixContext): MatrixRow[] {
  const order = new Map(ctx.sections.map((s, i) => [s.id, i + 1]));
  const byReference = new Map(report.comments.map((c) => [c.reference, c]));
  const groups = new Map(report.groups.map((g) => [g.id, g]));
  const rows: MatrixRow[] = [];
  for (const c of report.comments) {
    const group = c.group ? groups.get(c.group) : undefined;
    if (!group) rows.push(matrixRow(c, report.version, order, ctx));
    else if (group.representative === c.reference) {
      const summary = groupSummary(group, byReference);
      const row = matrixRow(c, report.version, order, ctx);
      rows.push({
        ...row,
        id: group.id,
        size: group.size,
        group: summary,
        ...(summary.dispositions.length > 1
          ? { disposition: summary.dispositions.map((d) => `${ctx.t(`feedback.disposition.${d.key}`)} (${d.count})`).join(', ') }
          : {}),
      });
    }
  }
  return rows.sort(
    (a, b) =>
      a.sectionNumber - b.sectionNumber ||
      a.sectionKey.localeCompare(b.sectionKey) ||
      (Number(a.paragraph) || 0) - (Number(b.paragraph) || 0) ||
      a.date.localeCompare(b.date) ||
      referenceOrder(a.reference, b.reference),
  );
}

/** `#9` before `#10`; issue references before outbox references. */
function referenceOrder(a: string, b: string): number {
  const na = a.startsWith('#') ? Number(a.slice(1)) : Infinity;
  const nb = b.startsWith('#') ? Number(b.slice(1)) : Infinity;
  return na - nb || a.localeCompare(b);
}

function matrixRow(c: FeedbackComment, version: string, order: Map<string, number>, ctx: MatrixContext): MatrixRow {
  const { t } = ctx;
  const number = order.get(c.section);
  const title = ctx.sections.find((s) => s.id === c.section)?.title ?? c.section;
  const n = c.paragraph ? parseParagraphRef(c.paragraph) : null;
  const anchor = n ? paragraphAnchor(c.section, n) : c.section;
  const disposition =
    c.disposition === 'duplicate' && c.duplicateOf !== undefined
      ? t('feedback.duplicateOf', { number: c.duplicateOf })
      : t(`feedback.disposition.${c.disposition}`);
  return {
    id: rowId(c.reference),
    reference: c.reference,
    ...(c.issue ? { issueUrl: c.issue.url } : {}),
    sectorKey: c.sector,
    sector: t(`sector.${c.sector}`),
    sectionKey: c.section,
    section: number ? `${number}. ${title}` : title,
    sectionNumber: number ?? Number.MAX_SAFE_INTEGER,
    paragraph: n ? String(n) : '',
    link: `${trimTrailing(ctx.siteUrl ?? '', '/')}/strategy/${version}/#${anchor}`,
    typeKey: c.type,
    type: t(`comment.type.${c.type}`),
    comment: c.comment,
    languageKey: c.language ?? 'en',
    language: t(`feedback.language.${c.language ?? 'en'}`),
    ...(c.quote ? { quote: c.quote } : {}),
    ...(c.proposedChange ? { proposedChange: c.proposedChange } : {}),
    dispositionKey: c.disposition,
    disposition,
    ...(c.response ? { response: c.response.text, ...(c.response.url ? { responseUrl: c.response.url } : {}) } : {}),
    ...(c.organisation ? { organisation: c.organisation } : {}),
    ...(c.name ? { name: c.name } : {}),
    channelKey: c.channel,
    channel: t(`feedback.channel.${c.channel}`),
    date: DateTime.fromISO(c.submittedAt, { setZone: true }).setZone(ctx.timeZone).toISODate()!,
    addressedIn: c.addressedIn.map((change) => ({
      label: change.version
        ? t('feedback.addressedIn.inVersion', { number: change.pull, version: change.version })
        : t('feedback.addressedIn.unreleased', { number: change.pull }),
      url: change.url,
      title: change.title,
    })),
    size: 1,
  };
}

/** The anchor id of a comment's row: safe in a URL fragment and an HTML id. */
export function rowId(reference: string): string {
  return `comment-${reference.replace(/^#/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
}

/** The columns of the exported matrix, in order: the ISO template's first. */
export const MATRIX_COLUMNS = [
  'reference',
  'sector',
  'section',
  'paragraph',
  'type',
  'comment',
  'proposedChange',
  'disposition',
  'response',
  'organisation',
  'name',
  'channel',
  'language',
  'date',
  'addressedIn',
  'issue',
  'quote',
  'link',
  'group',
  'groupSize',
  'groupOrganisations',
] as const;
type MatrixColumn = (typeof MATRIX_COLUMNS)[number];
/** How many of `MATRIX_COLUMNS` are the ISO template's. */
export const ISO_COLUMN_COUNT = 9;

/** Column headings, in the words of our records. */
export function matrixHeadings(t: Translate): string[] {
  return MATRIX_COLUMNS.map((column) =>
    column === 'group' || column === 'groupSize' || column === 'groupOrganisations' ? t(`feedback.campaign.column.${column}`) : t(`feedback.column.${column}`),
  );
}

/** One row as plain text cells, in `MATRIX_COLUMNS` order: what the CSV and XLSX hold. */
export function matrixCells(row: MatrixRow): string[] {
  const cell: Record<MatrixColumn, string> = {
    reference: row.reference,
    sector: row.sector,
    section: row.section,
    paragraph: row.paragraph,
    type: row.type,
    comment: row.comment,
    proposedChange: row.proposedChange ?? '',
    disposition: row.disposition,
    response: row.response ?? '',
    organisation: row.organisation ?? '',
    name: row.name ?? '',
    channel: row.channel,
    language: row.language,
    date: row.date,
    addressedIn: row.addressedIn.map((c) => `${c.label} ${c.url}`).join('\n'),
    issue: row.issueUrl ?? '',
    quote: row.quote ?? '',
    link: row.link,
    group: row.group?.id ?? '',
    groupSize: row.group ? String(row.group.size) : '',
    groupOrganisations: row.group ? String(row.group.organisations) : '',
  };
  return MATRIX_COLUMNS.map((column) => cell[column]);
}
