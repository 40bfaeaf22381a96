import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse as parseCsvWith } from 'csv-parse/sync';
import { defuseCsvField, defuseFormula, matrixCsv, toCsv } from '../../../src/lib/feedback/export-csv.ts';
import { MAX_MARKDOWN, markdownCell, markdownReport } from '../../../src/lib/feedback/export-markdown.ts';
import { matrixXlsx } from '../../../src/lib/feedback/export-xlsx.ts';
import { parseCsv } from '../../../src/lib/feedback/import/csv.ts';
import { ISO_COLUMN_COUNT, MATRIX_COLUMNS, matrixRows, type MatrixRow } from '../../../src/lib/feedback/matrix.ts';
import type { FeedbackComment, FeedbackReport } from '../../../src/lib/feedback/schema.ts';
import { feedbackStatistics } from '../../../src/lib/feedback/statistics.ts';
import { t } from '../../../src/lib/i18n/translate.ts';

const SECTIONS = [
  { id: 'vision-and-principles', title: 'Vision and guiding principles' },
  { id: 'governance', title: 'Governance and coordination' },
];

function comment(overrides: Partial<FeedbackComment> = {}): FeedbackComment {
  return {
    reference: '#2',
    issue: { number: 2, url: 'https://github.com/belize-ncss/strategy/issues/2' },
    version: 'v0.1',
    section: 'governance',
    paragraph: 'p2',
    type: 'technical',
    comment: 'Add the minister responsible for education.',
    sector: 'government',
    organisation: 'Ministry of Education',
    channel: 'web',
    submittedAt: '2026-09-08T20:03:51Z',
    disposition: 'accepted',
    response: { text: 'Accepted.', respondedAt: '2026-10-12T15:00:00Z', url: 'https://github.com/belize-ncss/strategy/issues/2#issuecomment-1' },
    addressedIn: [{ pull: 42, title: 'Council membership', url: 'https://github.com/belize-ncss/strategy/pull/42', mergedAt: '2026-10-19T17:00:00Z', version: 'v0.2' }],
    ...overrides,
  };
}

function report(comments: FeedbackComment[]): FeedbackReport {
  return { version: 'v0.1', sources: ['sample'], lastActivityAt: '2026-10-19T17:00:00Z', comments, unreadable: [], groups: [], flags: [] };
}

const rows = (comments: FeedbackComment[]): MatrixRow[] => matrixRows(report(comments), { sections: SECTIONS, timeZone: 'America/Belize', t });

describe('the comment-response matrix', () => {
  it('puts the ISO template’s columns first, in its order, named for our records', () => {
    expect(MATRIX_COLUMNS.slice(0, ISO_COLUMN_COUNT)).toEqual(['reference', 'sector', 'section', 'paragraph', 'type', 'comment', 'proposedChange', 'disposition', 'response']);
    const header = parseCsv(matrixCsv([], t))[0]!.fields;
    expect(header).toEqual([
      'Reference', 'Sector', 'Section', 'Paragraph', 'Type', 'Comment', 'Proposed change', 'Disposition', 'Response',
      'Organisation', 'Name', 'Channel', 'Language', 'Date', 'Addressed in', 'Issue link', 'Quoted text', 'Link to paragraph',
      'Group', 'Comments in group', 'Organisations in group',
    ]);
  });

  it('links each comment to its exact paragraph in that version, or to the section for a whole-section comment', () => {
    // A whole-section comment sorts before the section's paragraphs.
    const [whole, p] = rows([comment(), comment({ reference: '#3', paragraph: undefined })]);
    expect(p).toMatchObject({ id: 'comment-2', section: '2. Governance and coordination', paragraph: '2', link: '/strategy/v0.1/#governance-p2' });
    expect(whole).toMatchObject({ id: 'comment-3', paragraph: '', link: '/strategy/v0.1/#governance' });
    expect(matrixRows(report([comment()]), { sections: SECTIONS, timeZone: 'America/Belize', t, siteUrl: 'https://ncss.example.gov.bz/' })[0]!.link).toBe(
      'https://ncss.example.gov.bz/strategy/v0.1/#governance-p2',
    );
  });

  it('orders rows by section, then paragraph, then date, then reference', () => {
    const order = rows([
      comment({ reference: '#10', paragraph: 'p10' }),
      comment({ reference: '#9', paragraph: 'p2', submittedAt: '2026-09-09T12:00:00Z' }),
      comment({ reference: '#8', paragraph: 'p2', submittedAt: '2026-09-09T12:00:00Z' }),
      comment({ reference: 'BZ-2026-000001', section: 'vision-and-principles', paragraph: 'p4' }),
    ]).map((r) => r.reference);
    expect(order).toEqual(['BZ-2026-000001', '#8', '#9', '#10']);
  });

  it('says "Duplicate of #N" for a duplicate whose original is known, and shows the date in the consultation’s time zone', () => {
    const [row] = rows([comment({ disposition: 'duplicate', duplicateOf: 13, submittedAt: '2026-09-09T03:00:00Z' })]);
    expect(row).toMatchObject({ disposition: 'Duplicate of #13', date: '2026-09-08' });
  });
});

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('escapes %j against formula injection', (input, output) => {
    expect(defuseFormula(input)).toBe(output);
  });

  it('leaves ordinary text alone, including a formula sign later in the cell', () => {
    expect(defuseFormula('The cost is =5 dollars')).toBe('The cost is =5 dollars');
    expect(defuseFormula('')).toBe('');
  });

  it('quotes commas, semicolons, quotes and line breaks, and writes CRLF rows after a byte-order mark', () => {
    expect(toCsv([['a, "b"\nc', 'd;e']])).toBe('\uFEFF"a, ""b""\nc","d;e"\r\n');
    const csv = toCsv([['x', 'y'], ['1', '2']]);
    expect(csv).toBe('\uFEFFx,y\r\n1,2\r\n');
  });

  it('defuses every place a cell could begin when a field is split at , or ;', () => {
    expect(defuseCsvField('ok;=1+1')).toBe("ok;'=1+1");
    expect(defuseCsvField('a,"=1+1')).toBe('a,"\'=1+1');
    expect(defuseCsvField('costs; -5 a month')).toBe('costs; -5 a month');
  });

  it('yields no formula cell whether a spreadsheet splits the file at commas or at semicolons', () => {
    const nasty = ['ok;=1+1', 'a,"=2+2', 'x;"@SUM(A1)";y', 'plain; +3', '-4', 'q";=5+5', '\t;\r=6'];
    const csv = matrixCsv(rows(nasty.map((text, i) => comment({ reference: `#${i + 1}`, comment: text, proposedChange: text, organisation: text.replace(/[\t\r\n]/g, ' ') }))), t);
    const formula = /^[=+\-@\t\r]/;
    for (const delimiter of [',', ';']) {
      const records: string[][] = parseCsvWith(csv.slice(1), { delimiter, relax_quotes: true, relax_column_count: true, record_delimiter: '\r\n' });
      const cells = records.flat();
      const live = cells.filter((cell) => formula.test(cell));
      expect(live, `split at "${delimiter}"`).toEqual([]);
      // A naive split that ignores quotes altogether, as some importers do.
      const naive = csv.slice(1).split('\r\n').flatMap((line) => line.split(delimiter)).map((cell) => cell.replace(/^"+/, ''));
      expect(naive.filter((cell) => formula.test(cell)), `naive split at "${delimiter}"`).toEqual([]);
    }
  });

  it('round-trips hostile comments through a CSV reader, with formulas defused', () => {
    const hostile = '=cmd|\' /C calc\'!A0\n"quoted", and, commas';
    const csv = matrixCsv(rows([comment({ comment: hostile, proposedChange: '-1' })]), t);
    const [, row] = parseCsv(csv);
    expect(row!.fields[5]).toBe(`'${hostile}`);
    expect(row!.fields[6]).toBe("'-1");
    expect(row!.fields[7]).toBe('Accepted');
    expect(row!.fields[14]).toBe('#42 (v0.2) https://github.com/belize-ncss/strategy/pull/42');
  });
});

describe('XLSX export', () => {
  it('writes the matrix with the same columns, every value as text, a formula-looking comment never a formula', async () => {
    const bytes = await matrixXlsx(rows([comment({ comment: '=1+1', name: 'Ana Castillo' })]), t, { sheetName: 'v0.1 comments', createdAt: new Date('2026-10-19T17:00:00Z') });
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input as an ArrayBuffer of its own ("Buffer"); the bytes are exactly that.
    await workbook.xlsx.load(bytes.buffer);
    const sheet = workbook.getWorksheet('v0.1 comments')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 10)).toEqual(['Reference', 'Sector', 'Section', 'Paragraph', 'Type', 'Comment', 'Proposed change', 'Disposition', 'Response']);
    const cell = sheet.getRow(2).getCell(6);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("'=1+1");
    expect(sheet.getRow(2).getCell(11).value).toBe('Ana Castillo');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('Markdown export', () => {
  const view = (comments: FeedbackComment[]) => {
    const r = report(comments);
    return {
      version: 'v0.1',
      versionTitle: 'First public draft',
      statistics: feedbackStatistics(r, { sections: SECTIONS.map((s) => s.id), timeZone: 'America/Belize' }),
      rows: rows(comments),
      unreadable: [{ number: 39, url: 'https://github.com/belize-ncss/strategy/issues/39', reasons: ['no section given; add a section:<id> label'] }],
      flags: [],
      timeZone: 'America/Belize',
      sectionLabel: (id: string) => id,
      t,
    };
  };

  it('neutralises what commenters wrote: no mentions, no issue references, no pipes breaking the table', () => {
    const md = markdownReport(view([comment({ comment: 'Ask @secretariat about #12 | and <img src=x>' })]));
    const row = md.split('\n').find((line) => line.includes('Ask '))!;
    expect(row).toContain('@\u200Bsecretariat');
    expect(row).toContain('#\u200B12');
    expect(row).toContain('\\|');
    expect(row).not.toMatch(/<img/);
    expect(row.startsWith('| [#2](https://github.com/belize-ncss/strategy/issues/2) | [2](/strategy/v0.1/#governance-p2) |')).toBe(true);
  });

  it('lists the key figures, the counts and the unreadable issues by number', () => {
    const md = markdownReport(view([comment()]));
    expect(md).toContain('- Comments received: 1');
    expect(md).toContain('| Accepted | 1 | 1 |');
    expect(md).toContain('- [#39](https://github.com/belize-ncss/strategy/issues/39): no section given');
  });

  it('stays within GitHub’s limit on a pull-request body, however many comments there are', () => {
    const many = Array.from({ length: 3000 }, (_, i) => comment({ reference: `#${i + 1}`, comment: 'A long comment. '.repeat(40) }));
    const md = markdownReport(view(many));
    expect(md.length).toBeLessThanOrEqual(MAX_MARKDOWN);
    expect(md).toContain('- Comments received: 3000');
  });

  it('escapes a backslash before a pipe so the cell cannot end early', () => {
    expect(markdownCell('a \\| b')).toBe('a \\\\\\| b');
  });
});
