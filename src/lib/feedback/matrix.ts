/**
 * The comment-response matrix: one row per comment, with the ISO commenting
 * template's columns first (reference, member body = sector, clause =
 * section, paragraph, type, comment, proposed change, observation =
 * disposition and response) and then what our records add. The site page,
 * the CSV, the XLSX and the Markdown report are all drawn from these rows,
 * so they cannot disagree.
 */
import { DateTime } from 'luxon';
import { changeLabel, parseChangeId } from '../diff/change-ref.ts';
import type { Language, Translate } from '../i18n/translate.ts';
import { compareUrl } from '../strategy/compare-pairs.ts';
import { paragraphAnchor, parseParagraphRef } from '../strategy/paragraphs.ts';
import { trimTrailing } from '../text/trim.ts';
import { groupSummary, type GroupSummary } from './group-view.ts';
import type { FeedbackComment, FeedbackReport, ParagraphFate } from './schema.ts';

export interface MatrixContext {
  /** Sections of the version, in reading order (their position gives the section number). */
  sections: readonly { id: string; title: string }[];
  /** Time zone dates are shown in (the consultation's). */
  timeZone: string;
  t: Translate;
  /** Absolute site address for links in exports (e.g. `https://ncss.gov.bz`); omit for site-relative links. */
  siteUrl?: string;
  /** The version before this one: changes are numbered in the comparison with it. Omit for the first version. */
  previousVersion?: string;
  /** Sections of the next published version, in reading order: they name where a paragraph went. */
  nextSections?: readonly { id: string }[];
}

/** The change between the previous version and this one that a comment is on, ready to show. */
export interface MatrixChangeRef {
  /** `change-governance-4`: the anchor on the comparison page. */
  id: string;
  /** `2.4`: what a reader cites, numbered as on the comparison page (section number, then change). */
  label: string;
  /** Its number within the section, for ordering. */
  n: number;
  /** The change on the comparison with the previous version: `/strategy/compare/v0.1...v0.2/#change-governance-4`. Absent without a previous version. */
  link?: string;
}

/** Where a comment's paragraph went in the next version, ready to show. */
export interface MatrixFate {
  key: ParagraphFate['status'];
  /** `Changed in v0.2`, `No next version yet`. */
  label: string;
  /** False when the text was rewritten too much to be sure. */
  certain: boolean;
  /** The paragraphs (or section) it went to: `section 2, paragraph 4` and its address. */
  places: { label: string; url: string }[];
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
  /** The change the comment is on. Absent for a comment on the text. */
  change?: MatrixChangeRef;
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
  /** For a group: whose answer `response` is ("One answer for all 6 comments", "Given to 4 of 6 comments"). */
  answerNote?: string;
  /** Where its paragraph went in the next version; absent in a report made before lineage. */
  next?: MatrixFate;
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
      // The answer most members were given, once for the group (the details list the others).
      const shared = summary.responses[0];
      const { response: _response, responseUrl: _url, ...rest } = row;
      rows.push({
        ...rest,
        ...(shared
          ? {
              response: shared.text,
              ...(shared.url ? { responseUrl: shared.url } : {}),
              answerNote:
                shared.count === group.size
                  ? ctx.t('respond.group.sharedAll', { size: group.size })
                  : ctx.t('respond.group.sharedSome', { count: shared.count, size: group.size }),
            }
          : {}),
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
  const change = c.change ? matrixChange(c.change, number, version, ctx) : undefined;
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
    ...(change ? { change } : {}),
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
    ...(c.next ? { next: matrixFate(c.next, ctx) } : {}),
  };
}

function matrixChange(id: string, sectionNumber: number | undefined, version: string, ctx: MatrixContext): MatrixChangeRef | undefined {
  const ref = parseChangeId(id);
  if (!ref) return undefined;
  return {
    id,
    label: changeLabel(sectionNumber, ref.n),
    n: ref.n,
    ...(ctx.previousVersion ? { link: `${trimTrailing(ctx.siteUrl ?? '', '/')}${compareUrl(ctx.previousVersion, version)}#${id}` } : {}),
  };
}

function matrixFate(fate: ParagraphFate, ctx: MatrixContext): MatrixFate {
  const { t } = ctx;
  const base = trimTrailing(ctx.siteUrl ?? '', '/');
  const version = { version: fate.version ?? '' };
  const label = {
    'no-next-version': () => t('lineage.fate.none'),
    unchanged: () => t('lineage.fate.unchanged', version),
    changed: () => t(fate.certain ? 'lineage.fate.changed' : 'lineage.fate.changedUncertain', version),
    removed: () => t('lineage.fate.removed', version),
  }[fate.status]();
  const number = new Map((ctx.nextSections ?? []).map((s, i) => [s.id, i + 1]));
  const places = fate.to.map((anchor) => {
    const at = /^(.*)-p([1-9][0-9]*)$/.exec(anchor);
    const section = at ? at[1]! : anchor;
    const shown = String(number.get(section) ?? section);
    return {
      label: at ? t('lineage.fate.paragraph', { section: shown, paragraph: at[2]! }) : t('lineage.fate.section', { section: shown }),
      url: `${base}/strategy/${fate.version}/#${anchor}`,
    };
  });
  return { key: fate.status, label, certain: fate.certain, places };
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
  'change',
  'group',
  'groupSize',
  'groupOrganisations',
  'next',
] as const;
type MatrixColumn = (typeof MATRIX_COLUMNS)[number];
/** How many of `MATRIX_COLUMNS` are the ISO template's. */
export const ISO_COLUMN_COUNT = 9;

/** Column headings, in the words of our records. */
export function matrixHeadings(t: Translate): string[] {
  return MATRIX_COLUMNS.map((column) =>
    column === 'next'
      ? t('lineage.column.next')
      : column === 'group' || column === 'groupSize' || column === 'groupOrganisations'
        ? t(`feedback.campaign.column.${column}`)
        : column === 'change'
          ? t('feedback.change.column')
        : t(`feedback.column.${column}`),
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
    // The id beside the number: a spreadsheet reads a bare `2.10` as the number 2.1.
    change: row.change ? `${row.change.label} (${row.change.id})` : '',
    group: row.group?.id ?? '',
    groupSize: row.group ? String(row.group.size) : '',
    groupOrganisations: row.group ? String(row.group.organisations) : '',
    next: row.next ? [row.next.label, ...row.next.places.map((p) => `${p.label} ${p.url}`)].join('\n') : '',
  };
  return MATRIX_COLUMNS.map((column) => cell[column]);
}
