import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../src/lib/feedback/import/csv.ts';
import { parseEmail } from '../../../src/lib/feedback/import/eml.ts';
import { contentId, importCsv, importEmail, type ImportOptions } from '../../../src/lib/feedback/import/index.ts';

const options: ImportOptions = {
  timeZone: 'America/Belize',
  checkReference: (version, section, paragraph) =>
    version !== 'v0.1' ? [`version "${version}" is not published`] : section !== 'governance' ? [`section "${section}" is not a section of v0.1`] : paragraph === 'p99' ? ['governance has no paragraph 99 in v0.1'] : [],
};

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping each record’s first line', () => {
    const records = parseCsv('\uFEFFa,b,c\r\n1,"two, ""2""",3\r\n\r\n"multi\nline",x,\n4,5,6');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, "2"', '3'] },
      { line: 4, fields: ['multi\nline', 'x', ''] },
      { line: 6, fields: ['4', '5', '6'] },
    ]);
  });

  it('reads the semicolon-separated files Excel writes in some locales', () => {
    expect(parseCsv('comment;sector\nx, y;academia\n')).toEqual([
      { line: 1, fields: ['comment', 'sector'] },
      { line: 2, fields: ['x, y', 'academia'] },
    ]);
  });

  it('names the line of a quoted field that is never closed', () => {
    expect(() => parseCsv('a\n1\n"open\nstill open')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a\n1\n"open\nstill open');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(3);
    }
  });
});

const HEADER = 'Channel,Received,Version,Section,Paragraph,Type,Comment,Proposed change,Sector,Organisation,Name,Publish name';

describe('importCsv', () => {
  it('turns workshop and meeting notes into comment records', () => {
    const csv = `${HEADER}\nworkshop,2026-09-17,v0.1,governance,3,te,"Twice a year is too rare.",Meet quarterly.,Government,Public Utilities Commission,Ana Castillo,yes\nmeeting,2026-09-10 10:30,v0.1,governance,,general,"Will decisions be published?",,individual,,Someone,no\n`;
    const { comments, problems } = importCsv(csv, 'notes.csv', options);
    expect(problems).toEqual([]);
    expect(comments.map((c) => c.origin)).toEqual(['notes.csv:2', 'notes.csv:3']);
    expect(comments[0]!.submission).toMatchObject({
      channel: 'workshop', version: 'v0.1', section: 'governance', paragraph: 'p3', type: 'technical', sector: 'government',
      organisation: 'Public Utilities Commission', name: 'Ana Castillo', publishName: true, submittedAt: '2026-09-17T12:00:00.000-06:00'.replace('.000', ''),
    });
    // No consent, no name: the record does not keep it.
    expect(comments[1]!.submission.name).toBeUndefined();
    expect(comments[1]!.submission.submittedAt).toBe('2026-09-10T10:30:00-06:00');
  });

  it('reports each row it cannot read with its line number and every reason', () => {
    const csv = [
      HEADER,
      'email,yesterday,v0.1,governance,,general,Fine otherwise,,academia,,,',
      'web,2026-09-10,v0.1,governance,,general,Wrong channel,,academia,,,',
      'email,2026-09-10,v0.1,governance,,opinion,"Multi',
      'line",,nobody,,,',
      'email,2026-09-10,v0.1,finance,,general,Unknown section,,academia,,,',
      'email,2026-09-10,v0.1,governance,p99,general,No such paragraph,,academia,,,',
      'email,2026-09-10,v0.1,governance,,general,,,academia,,,',
    ].join('\n');
    const { comments, problems } = importCsv(csv, 'mail.csv', options);
    expect(comments).toEqual([]);
    expect(problems).toEqual([
      { file: 'mail.csv', line: 2, reasons: ['received "yesterday" is not a date (use 2026-09-18 or 2026-09-18T14:30)'] },
      { file: 'mail.csv', line: 3, reasons: ['channel "web" is not one of email, workshop, meeting'] },
      { file: 'mail.csv', line: 4, reasons: ['type "opinion" is not general, technical or editorial', 'sector "nobody" is not one of government, private-sector, civil-society, academia, technical-community, international-partner, individual'] },
      { file: 'mail.csv', line: 6, reasons: ['section "finance" is not a section of v0.1'] },
      { file: 'mail.csv', line: 7, reasons: ['governance has no paragraph 99 in v0.1'] },
      { file: 'mail.csv', line: 8, reasons: ['Enter your comment'] },
    ]);
  });

  it('takes missing fields from the defaults given on the command line', () => {
    // There is no default for the date: a comment must say when it was received.
    const undated = importCsv('section,comment\ngovernance,From the meeting.\n', 'm.csv', {
      ...options,
      defaults: { channel: 'meeting', version: 'v0.1', type: 'general', sector: 'government' },
    });
    expect(undated.problems).toEqual([{ file: 'm.csv', line: 2, reasons: ['no date received'] }]);
    const withDate = importCsv('section,comment,received\ngovernance,From the meeting.,2026-09-10\n', 'm.csv', {
      ...options,
      defaults: { channel: 'meeting', version: 'v0.1', type: 'general', sector: 'government' },
    });
    expect(withDate.comments[0]!.submission).toMatchObject({ channel: 'meeting', version: 'v0.1', type: 'general', sector: 'government' });
  });

  it('refuses a file without a header naming the comment column', () => {
    expect(importCsv('a,b\n1,2\n', 'x.csv', options).problems).toEqual([
      { file: 'x.csv', line: 1, reasons: ['the first row must name the columns, including "comment" (see --help)'] },
    ]);
  });

  it('gives the same comment the same submission id, so a second import files nothing new', () => {
    const csv = `${HEADER}\nworkshop,2026-09-17,v0.1,governance,3,te,Same.,,government,,,\n`;
    const once = importCsv(csv, 'a.csv', options).comments[0]!.submission.submissionId;
    const twice = importCsv(csv, 'b.csv', options).comments[0]!.submission.submissionId;
    expect(once).toBe(twice);
    expect(once).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(contentId({ a: 1 })).not.toBe(contentId({ a: 2 }));
  });
});

const EMAIL = [
  'From: Someone <someone@example.com>',
  'To: consultation@ncss.example.gov.bz',
  'Subject: =?utf-8?Q?Comment_on_the_draft_=E2=80=94?=',
  ' =?utf-8?Q?_[v0.1_=C2=A7_governance_=C2=B63]?=',
  'Date: Tue, 15 Sep 2026 09:12:00 -0600',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Type: technical',
  'Sector: private sector',
  'Organisation: Caf=C3=A9 Networks Ltd',
  '',
  'The Council should also hear from small internet providers, not only the=',
  ' big ones.',
  '',
  'Proposed change:',
  'Add the ISP association as an observer.',
  '',
  '--=20',
  'Someone, someone@example.com',
  '--b1',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>html</p>',
  '--b1--',
  '',
].join('\r\n');

describe('importEmail', () => {
  it('reads an e-mail’s date, the paragraph cited in its subject, its field block, comment and proposed change', async () => {
    const { comments, problems } = await importEmail(Buffer.from(EMAIL, 'utf8'), 'council.eml', options);
    expect(problems).toEqual([]);
    expect(comments[0]).toEqual({
      origin: 'council.eml',
      submission: expect.objectContaining({
        channel: 'email', version: 'v0.1', section: 'governance', paragraph: 'p3', type: 'technical', sector: 'private-sector',
        organisation: 'Café Networks Ltd',
        comment: 'The Council should also hear from small internet providers, not only the big ones.',
        proposedChange: 'Add the ISP association as an observer.',
        submittedAt: '2026-09-15T15:12:00Z',
      }),
    });
    // The sender is never read.
    expect(JSON.stringify(comments)).not.toContain('someone@example.com');
  });

  it('says what an e-mail lacks', async () => {
    const { problems } = await importEmail('Subject: hello\n\nJust a thought.\n', 'x.eml', options);
    expect(problems).toEqual([
      { file: 'x.eml', reasons: ['no date received', 'no type: give a "type" column or --type', 'no sector: give a "sector" column or --sector', 'no version: give a "version" column or --version', 'no section: give a "section" column'] },
    ]);
  });

  it('decodes base64 bodies and encoded words', async () => {
    const raw = ['Date: Wed, 16 Sep 2026 10:00:00 -0600', 'Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: base64', '', Buffer.from('Caf\xe9 ok', 'latin1').toString('base64')].join('\n');
    expect(await parseEmail(raw)).toEqual({ date: '2026-09-16T16:00:00.000Z', text: 'Café ok' });
    const subject = ['Subject: =?UTF-8?B?wqcgZ292ZXJuYW5jZQ==?=', '', 'x'].join('\n');
    expect((await parseEmail(subject)).subject).toBe('§ governance');
  });
});
