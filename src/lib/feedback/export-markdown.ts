/**
 * The report as Markdown, for a pull request or a GitHub release: the totals,
 * the counts, and the matrix section by section. Commenters' words are
 * untrusted, and this text is posted on GitHub under our name: every cell
 * they wrote goes through `neutraliseLine` (no mentions, no issue
 * references, no images, no HTML) and has its pipes escaped. GitHub refuses a
 * pull-request body over 65,536 characters, so long comments are shortened,
 * and past that the matrix is left to the site and the CSV.
 */
import { excerpt } from '../comments/issue-body.ts';
import { neutraliseLine } from '../comments/neutralise.ts';
import type { Translate } from '../i18n/translate.ts';
import type { ChangeComments } from './by-change.ts';
import type { MatrixRow } from './matrix.ts';
import { flagReason } from './flag-text.ts';
import type { SuspiciousFlag, UnreadableIssue } from './schema.ts';
import { KEY_FIGURES, keyFigureLabel, type Count, type FeedbackStatistics } from './statistics.ts';

/** GitHub's limit on a pull-request body; a release body allows more. */
export const MAX_MARKDOWN = 65_536;

export interface MarkdownReportInput {
  version: string;
  versionTitle: string;
  statistics: FeedbackStatistics;
  rows: readonly MatrixRow[];
  /** Comments on changes, change by change; none when absent. */
  changes?: readonly ChangeComments[];
  /** The version the changes are counted from. */
  previousVersion?: string;
  unreadable: readonly UnreadableIssue[];
  /** Suspicious patterns, each with why. */
  flags: readonly SuspiciousFlag[];
  /** Time zone the flags' times are shown in. */
  timeZone: string;
  /** Label of each section key (`2. Governance and coordination`). */
  sectionLabel: (key: string) => string;
  t: Translate;
  /** Where the report is on the site, e.g. `https://ncss.gov.bz/feedback/v0.1/`; optional. */
  pageUrl?: string;
}

/** A cell of text people wrote: one line, neutralised, pipes escaped. */
export function markdownCell(text: string | undefined, max = Infinity): string {
  if (!text) return '';
  const line = neutraliseLine(text);
  return (max < Infinity ? excerpt(line, max) : line).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

export function markdownReport(input: MarkdownReportInput): string {
  for (const max of [400, 160]) {
    const text = render(input, max, true);
    if (text.length <= MAX_MARKDOWN) return text;
  }
  return render(input, 0, false);
}

/** A row's reference, linked to its issue, saying how many others its group stands for. */
function citation(row: MatrixRow, t: Translate): string {
  const cited = row.issueUrl ? `[${row.reference}](${row.issueUrl})` : markdownCell(row.reference);
  return row.group ? t('feedback.campaign.markdown.reference', { reference: cited, others: row.group.size - 1 }) : cited;
}

/** `Change 2.4`, linked to the change on the comparison page when there is one. */
function changeCitation(row: MatrixRow, t: Translate): string {
  const name = t('feedback.change.label', { label: row.change!.label });
  return row.change!.link ? `[${name}](${row.change!.link})` : name;
}

function render(input: MarkdownReportInput, max: number, withMatrix: boolean): string {
  const { t, statistics: s } = input;
  const out: string[] = [];
  out.push(`# ${t('feedback.heading', { version: input.version, title: markdownCell(input.versionTitle) })}`, '');
  for (const figure of KEY_FIGURES) out.push(`- ${t(keyFigureLabel(figure))}: ${s[figure]}`);
  if (input.pageUrl) out.push('', `${t('feedback.markdown.fullReport')} ${input.pageUrl}`);
  out.push('');
  const table = (heading: string, column: string, counts: Count[], label: (key: string) => string) => {
    out.push(`## ${heading}`, '', `| ${column} | ${t('feedback.chart.comments')} | ${t('feedback.campaign.chart.voices')} |`, '| --- | ---: | ---: |');
    for (const c of counts) out.push(`| ${markdownCell(label(c.key))} | ${c.count} | ${c.voices} |`);
    out.push('');
  };
  table(t('feedback.by.disposition'), t('feedback.column.disposition'), s.byDisposition, (k) => t(`feedback.disposition.${k as 'pending'}`));
  table(t('feedback.by.section'), t('feedback.column.section'), s.bySection, input.sectionLabel);
  table(t('feedback.by.sector'), t('feedback.column.sector'), s.bySector, (k) => t(`sector.${k as 'government'}`));
  table(t('feedback.by.type'), t('feedback.column.type'), s.byType, (k) => t(`comment.type.${k as 'general'}`));
  table(t('feedback.by.channel'), t('feedback.column.channel'), s.byChannel, (k) => t(`feedback.channel.${k as 'web'}`));

  out.push(`## ${t('feedback.matrix.title')}`, '');
  if (!withMatrix) {
    out.push(t('feedback.markdown.matrixTooLong'), '');
  } else {
    let section = '';
    for (const row of input.rows) {
      if (row.section !== section) {
        section = row.section;
        out.push(`### ${markdownCell(section)}`, '');
        out.push(
          `| ${[
            t('feedback.column.reference'),
            t('feedback.column.paragraph'),
            t('feedback.column.type'),
            t('feedback.column.sector'),
            t('feedback.column.comment'),
            t('feedback.column.proposedChange'),
            t('feedback.column.disposition'),
            t('feedback.column.response'),
            t('feedback.column.addressedIn'),
            t('lineage.column.next'),
          ].join(' | ')} |`,
          '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        );
      }
      const who = [row.sector, row.organisation, row.name].filter(Boolean).join(', ');
      const paragraph = [row.paragraph ? `[${row.paragraph}](${row.link})` : t('feedback.wholeSection'), ...(row.change ? [changeCitation(row, t)] : [])].join(', ');
      const changes = row.addressedIn.map((c) => `[${markdownCell(c.label)}](${c.url})`).join(', ');
      out.push(
        `| ${[
          citation(row, t),
          paragraph,
          row.type,
          markdownCell(who),
          markdownCell(row.comment, max),
          markdownCell(row.proposedChange, max),
          markdownCell(row.disposition),
          markdownCell(row.response, max) + (row.answerNote ? ` _(${markdownCell(row.answerNote)})_` : ''),
          changes,
          row.next ? `${markdownCell(row.next.label)}${row.next.places.length ? `: ${row.next.places.map((p) => `[${markdownCell(p.label)}](${p.url})`).join(', ')}` : ''}` : '',
        ].join(' | ')} |`,
      );
    }
    out.push('');
  }
  if (input.changes?.length) {
    out.push(`## ${t('feedback.change.title')}`, '');
    if (input.previousVersion) out.push(t('feedback.change.intro', { previous: input.previousVersion, version: input.version }), '');
    for (const entry of input.changes) {
      const count = entry.count === 1 ? t('feedback.count.one') : t('feedback.count.other', { count: entry.count });
      // Without the matrix the list stays short: the counts, not every reference.
      const references = withMatrix ? `: ${entry.rows.map((row) => citation(row, t)).join(', ')}` : '';
      out.push(`- ${changeCitation(entry.rows[0]!, t)} (${markdownCell(entry.section)}), ${count}${references}`);
    }
    out.push('');
  }
  if (input.flags.length) {
    out.push(`## ${t('feedback.campaign.markdown.flags')}`, '', t('feedback.campaign.flags.intro'), '');
    for (const flag of input.flags) out.push(`- ${markdownCell(flagReason(flag, t, input.timeZone))} (${flag.references.length > 12 ? `${flag.references.slice(0, 12).join(', ')}, …` : flag.references.join(', ')})`);
    out.push('');
  }
  if (input.unreadable.length) {
    out.push(`## ${t('feedback.unreadable.title')}`, '', t('feedback.unreadable.intro'), '');
    for (const issue of input.unreadable) {
      const name = issue.reference ? t('feedback.unreadable.member', { number: issue.number, reference: issue.reference }) : `#${issue.number}`;
      out.push(`- [${name}](${issue.url}): ${markdownCell(issue.reasons.join('; '))}`);
    }
    out.push('');
  }
  out.push(`_${t('feedback.markdown.generated')}_`, '');
  return out.join('\n');
}
