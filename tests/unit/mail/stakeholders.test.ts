import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStakeholderList } from '../../../src/lib/mail/stakeholders.ts';

describe('stakeholder list', () => {
  it('reads columns in any order and case, with language defaulting to English', () => {
    const list = parseStakeholderList(
      '\uFEFFE-mail;Name;Sector;Organisation\r\nana@example.org;Ana Castillo;Civil society;Women in Tech BZ\r\n"ops@example.gov.bz";"Public Utilities Commission";government;PUC\r\n',
    );
    expect(list.problems).toEqual([]);
    expect(list.stakeholders.map((s) => [s.line, s.email, s.sector, s.language])).toEqual([
      [2, 'ana@example.org', 'civil-society', 'en'],
      [3, 'ops@example.gov.bz', 'government', 'en'],
    ]);

    const good = parseStakeholderList('Email,NAME,sector,organisation,Language\nana@example.org,Ana Castillo,Civil society,Women in Tech BZ,ES\nops@example.gov.bz,,government,PUC,\n');
    expect(good.problems).toEqual([]);
    expect(good.stakeholders).toEqual([
      { line: 2, name: 'Ana Castillo', email: 'ana@example.org', organisation: 'Women in Tech BZ', sector: 'civil-society', language: 'es' },
      { line: 3, name: '', email: 'ops@example.gov.bz', organisation: 'PUC', sector: 'government', language: 'en' },
    ]);
  });

  it('accepts semicolons, CRLF, a byte-order mark and quoted fields', () => {
    const list = parseStakeholderList('\uFEFFname;email;organisation;sector\r\n"Pérez; Luis";luis@example.org;"University of Belize";academia\r\n');
    expect(list.problems).toEqual([]);
    expect(list.stakeholders[0]).toMatchObject({ name: 'Pérez; Luis', organisation: 'University of Belize', sector: 'academia' });
  });

  it('reports every problem with the line its row starts on', () => {
    const csv = [
      'name,email,organisation,sector,language,phone',
      'No Address,,Org,government,en,1',
      'Bad,not-an-address,Org,government,en,1',
      'Named,Ana <ana@example.org>,Org,government,en,1',
      '"Two',
      'lines",two@example.org,Org,government,en,1',
      'Dup,TWO@example.org,Org,nowhere,fr,1',
      'Evil,"evil@example.org",Org,academia,en,1',
      '"Bcc: x@example.org\nInjected",inject@example.org,Org,academia,en,1',
      'Fine,fine@example.org,,,,',
    ].join('\n');
    const list = parseStakeholderList(csv);
    expect(list.problems).toEqual([
      { line: 1, message: 'unknown column "phone" (the columns are name, email, organisation, sector, language)' },
      { line: 2, message: 'no e-mail address' },
      { line: 3, message: '"not-an-address" is not an e-mail address (give the address alone, e.g. name@example.org)' },
      { line: 4, message: '"Ana <ana@example.org>" is not an e-mail address (give the address alone, e.g. name@example.org)' },
      { line: 5, message: 'name must be one line of text without control characters' },
      { line: 7, message: 'TWO@example.org is already on line 5' },
      { line: 7, message: 'unknown sector "nowhere" (use one of government, private-sector, civil-society, academia, technical-community, international-partner, individual)' },
      { line: 7, message: 'unknown language "fr" (use en or es)' },
      { line: 9, message: 'name must be one line of text without control characters' },
    ]);
    expect(list.stakeholders.map((s) => [s.line, s.email])).toEqual([
      [8, 'evil@example.org'],
      [11, 'fine@example.org'],
    ]);
  });

  it('names missing columns and refuses a file that is not CSV', () => {
    expect(parseStakeholderList('name,email\nA,a@example.org\n').problems).toEqual([{ line: 1, message: 'missing columns organisation, sector' }]);
    expect(parseStakeholderList('name,email,organisation,sector\n"A,a@example.org\n').problems).toEqual([{ line: 2, message: expect.stringMatching(/^the file is not valid CSV: /) }]);
    expect(parseStakeholderList('').problems).toEqual([{ line: 1, message: 'the file is empty: the first row must name the columns' }]);
  });

  it('reads the sample list without a problem', () => {
    const list = parseStakeholderList(readFileSync(new URL('../../../content/stakeholders.example.csv', import.meta.url), 'utf8'));
    expect(list.problems).toEqual([]);
    expect(list.stakeholders.length).toBeGreaterThanOrEqual(12);
    expect(list.stakeholders.some((s) => s.language === 'es')).toBe(true);
    expect(new Set(list.stakeholders.map((s) => s.sector)).size).toBeGreaterThanOrEqual(6);
    for (const s of list.stakeholders) expect(s.email).toMatch(/@(example\.org|example\.gov\.bz)$/);
  });
});
