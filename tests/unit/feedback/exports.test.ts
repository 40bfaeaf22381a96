import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse as parseCsvWith } from 'csv-parse/sync';
import { commentsByChange } from '../../../src/lib/feedback/by-change.ts';
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
      'Organisation', 'Name', 'Channel', 'Language', 'Date', 'Addressed in', 'Issue link', 'Quoted text', 'Link to paragraph', 'Change',
      'Group', 'Comments in group', 'Organisations in group', 'In the next version',
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

  it('names the change a comment is on as the comparison page numbers it, and links to it there', () => {
    const ctx = { sections: SECTIONS, timeZone: 'America/Belize', t, previousVersion: 'v0.0' };
    const [row] = matrixRows(report([comment({ change: 'change-governance-4' })]), ctx);
    expect(row!.change).toEqual({ id: 'change-governance-4', label: '2.4', n: 4, link: '/strategy/compare/v0.0...v0.1/#change-governance-4' });
    expect(matrixRows(report([comment({ change: 'change-governance-4' })]), { ...ctx, siteUrl: 'https://ncss.example.gov.bz/' })[0]!.change!.link).toBe(
      'https://ncss.example.gov.bz/strategy/compare/v0.0...v0.1/#change-governance-4',
    );
    // The first version has no comparison to link to; a comment on the text has no change.
    expect(rows([comment({ change: 'change-governance-4' })])[0]!.change).toEqual({ id: 'change-governance-4', label: '2.4', n: 4 });
    expect('change' in rows([comment()])[0]!).toBe(false);
  });

  it('says "Duplicate of #N" for a duplicate whose original is known, and shows the date in the consultation’s time zone', () => {
    const [row] = rows([comment({ disposition: 'duplicate', duplicateOf: 13, submittedAt: '2026-09-09T03:00:00Z' })]);
    expect(row).toMatchObject({ disposition: 'Duplicate of #13', date: '2026-09-08' });
  });
});

describe('comments by change', () => {
  it('lists each change with comments on it, in comparison order, with the rows on it and how many comments they stand for', () => {
    const matrix = matrixRows(
      report([
        comment({ reference: '#5', change: 'change-governance-10' }),
        comment({ reference: '#6', change: 'change-governance-2', paragraph: 'p7' }),
        comment({ reference: '#7' }),
        comment({ reference: '#8', change: 'change-vision-and-principles-3', section: 'vision-and-principles' }),
        comment({ reference: '#9', change: 'change-governance-2', submittedAt: '2026-09-20T12:00:00Z' }),
      ]),
      { sections: SECTIONS, timeZone: 'America/Belize', t, previousVersion: 'v0.0' },
    );
    const changes = commentsByChange(matrix);
    expect(changes.map((c) => [c.change.label, c.section, c.rows.map((r) => r.reference), c.count])).toEqual([
      ['1.3', '1. Vision and guiding principles', ['#8'], 1],
      ['2.2', '2. Governance and coordination', ['#9', '#6'], 2],
      ['2.10', '2. Governance and coordination', ['#5'], 1],
    ]);
    expect(commentsByChange(rows([comment()]))).toEqual([]);
  });

  it('counts a group of alike comments on a change by its size', () => {
    const r: FeedbackReport = {
      ...report([comment({ reference: '#2', change: 'change-governance-1', group: 'group-2' }), comment({ reference: '#3', change: 'change-governance-1', group: 'group-2' })]),
      groups: [{ id: 'group-2', kind: 'identical', size: 2, representative: '#2', members: ['#2', '#3'] }],
    };
    const [entry] = commentsByChange(matrixRows(r, { sections: SECTIONS, timeZone: 'America/Belize', t }));
    expect(entry!.rows.map((row) => row.reference)).toEqual(['#2']);
    expect(entry!.count).toBe(2);
  });
});

describe('a group’s answer', () => {
  const members = [2, 3, 4, 5].map((n) => comment({ reference: `#${n}`, issue: { number: n, url: `https://github.com/belize-ncss/strategy/issues/${n}` } }));
  const answered = (text: string, n: number) => ({ text, respondedAt: '2026-10-12T15:00:00Z', url: `https://github.com/belize-ncss/strategy/issues/${n}#issuecomment-${n}` });
  const groupRows = (list: FeedbackComment[]) =>
    matrixRows(
      { ...report(list.map((c) => ({ ...c, group: 'group-2' }))), groups: [{ id: 'group-2', kind: 'identical', size: 4, representative: '#2', members: ['#2', '#3', '#4', '#5'] }] },
      { sections: SECTIONS, timeZone: 'America/Belize', t },
    );

  it('is shown once for the group when every member was given it', () => {
    const [row] = groupRows(members.map((c, i) => ({ ...c, response: answered('Accepted for all.', i + 2) })));
    expect(row).toMatchObject({ id: 'group-2', response: 'Accepted for all.', answerNote: 'One answer for all 4 comments in the group.' });
    expect(row!.group!.responses).toEqual([{ text: 'Accepted for all.', url: 'https://github.com/belize-ncss/strategy/issues/2#issuecomment-2', count: 4 }]);
    expect(markdownReport({ version: 'v0.1', versionTitle: 'x', statistics: feedbackStatistics(report(members), { sections: ['governance'], timeZone: 'America/Belize', window: null }), rows: [row!], unreadable: [], flags: [], timeZone: 'America/Belize', sectionLabel: (id) => id, t })).toContain(
      '| Accepted for all. _(One answer for all 4 comments in the group.)_ |',
    );
  });

  it('is the answer most members were given, not the representative’s, with the others counted', () => {
    const list = [
      { ...members[0]!, response: answered('Noted.', 2) },
      { ...members[1]!, response: answered('Accepted.', 3) },
      { ...members[2]!, response: answered('Accepted.', 4) },
      { ...members[3]!, response: undefined },
    ];
    const [row] = groupRows(list);
    expect(row).toMatchObject({ response: 'Accepted.', responseUrl: 'https://github.com/belize-ncss/strategy/issues/3#issuecomment-3', answerNote: 'Given to 2 of the 4 comments in the group.' });
    expect(row!.group).toMatchObject({ unanswered: 1, responses: [{ text: 'Accepted.', count: 2 }, { text: 'Noted.', count: 1 }] });
  });

  it('is absent while no member has one', () => {
    const [row] = groupRows(members.map((c) => ({ ...c, response: undefined })));
    expect(row!.response).toBeUndefined();
    expect(row!.answerNote).toBeUndefined();
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

  it('has a change column with the number and the id, so a spreadsheet cannot read 2.10 as a number', () => {
    const csv = matrixCsv(rows([comment({ change: 'change-governance-10' }), comment({ reference: '#3', paragraph: 'p3' })]), t);
    const [header, onChange, onText] = parseCsv(csv);
    const column = header!.fields.indexOf('Change');
    expect(column).toBe(MATRIX_COLUMNS.indexOf('change'));
    expect(onChange!.fields[column]).toBe('2.10 (change-governance-10)');
    expect(onText!.fields[column]).toBe('');
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
      changes: commentsByChange(rows(comments)),
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

  it('names a comment of a batch issue that could not be read by its reference beside the issue', () => {
    const unreadable = [{ number: 40, reference: 'BZ-2026-000120', url: 'https://github.com/belize-ncss/strategy/issues/40', reasons: ['no comment text under "### Comment"'] }];
    const md = markdownReport({ ...view([comment()]), unreadable });
    expect(md).toContain('- [#40 (comment BZ-2026-000120)](https://github.com/belize-ncss/strategy/issues/40): no comment text');
  });

  it('lists the comments on each change, and names the change beside the paragraph', () => {
    const comments = [comment({ change: 'change-governance-4' }), comment({ reference: '#3', paragraph: 'p9' })];
    const matrix = matrixRows(report(comments), { sections: SECTIONS, timeZone: 'America/Belize', t, previousVersion: 'v0.0' });
    const md = markdownReport({ ...view(comments), rows: matrix, changes: commentsByChange(matrix), previousVersion: 'v0.0' });
    const link = '[Change 2.4](/strategy/compare/v0.0...v0.1/#change-governance-4)';
    expect(md).toContain(
      `## Comments on changes\n\nComments made on one change between v0.0 and v0.1 with “Comment on this change” on the comparison page, change by change, numbered as there.\n\n- ${link} (2. Governance and coordination), 1 comment: [#2](https://github.com/belize-ncss/strategy/issues/2)\n`,
    );
    expect(md).toContain(`| [#2](https://github.com/belize-ncss/strategy/issues/2) | [2](/strategy/v0.1/#governance-p2), ${link} |`);
    expect(markdownReport(view([comment()]))).not.toContain('Comments on changes');
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
