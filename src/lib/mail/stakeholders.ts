/**
 * The list of stakeholders the secretariat invites: a CSV file whose first
 * row names the columns `name,email,organisation,sector,language` in any
 * order (any case; spaces, hyphens and underscores ignored). `language` is
 * `en` or `es` and may be left out (English); `sector` is one of the
 * stakeholder sectors (its id or its label) or empty.
 *
 * Every problem is reported with the line its row starts on, so a person can
 * fix the whole file in one pass; the caller decides whether to stop or to
 * go on with the clean rows. Addresses are personal data: this module keeps
 * them in memory only.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { t, type MessageKey } from '../i18n/translate.ts';
import { SECTORS, isSector, type Sector } from '../stakeholders/sectors.ts';

/** Languages a message can be written in. */
const MAIL_LANGUAGES = ['en', 'es'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

const STAKEHOLDER_COLUMNS = ['name', 'email', 'organisation', 'sector', 'language'] as const;
type Column = (typeof STAKEHOLDER_COLUMNS)[number];
/** A list may leave these columns out. */
const OPTIONAL_COLUMNS: readonly Column[] = ['language'];

export interface Stakeholder {
  /** Line of the list the row starts on. */
  line: number;
  /** As written in the list; may be empty (the message then greets without a name). */
  name: string;
  /** Personal data: kept in the send log only. */
  email: string;
  organisation: string;
  sector?: Sector;
  language: MailLanguage;
}

interface ListProblem {
  /** Line of the file the problem is on (1 is the header). */
  line: number;
  message: string;
}

interface StakeholderList {
  /** Rows without problems, in file order. */
  stakeholders: Stakeholder[];
  problems: ListProblem[];
}

const Email = z.email();
const MAX_TEXT = 200;
// Control characters (a line break in a name would be a header injection) and
// explicit text-direction controls (they make a name display as something else).
const UNSAFE_TEXT = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const normaliseHeader = (value: string) => value.trim().toLowerCase().replace(/[\s_-]+/g, '');
// Sectors by their English labels too ("Civil society"); not through comments/, which will read replies from here.
const SECTOR_BY_LABEL = new Map(SECTORS.map((s) => [normaliseHeader(t(`sector.${s}` as MessageKey)), s] as const));

/** Reads a stakeholder list (the text of the CSV file). */
export function parseStakeholderList(text: string): StakeholderList {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const problems: ListProblem[] = [];
  const header = source.slice(0, source.indexOf('\n') === -1 ? undefined : source.indexOf('\n'));
  // Spreadsheets in decimal-comma locales save with semicolons.
  const delimiter = header.includes(';') && !header.includes(',') ? ';' : ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(source, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof rows;
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { stakeholders: [], problems: [{ line: e.lines ?? 1, message: `the file is not valid CSV: ${e.message.replace(/^[^:]*: /, '')}` }] };
  }
  if (rows.length === 0) return { stakeholders: [], problems: [{ line: 1, message: 'the file is empty: the first row must name the columns' }] };

  const [head, ...body] = rows;
  const columns = new Map<Column, number>();
  head!.record.forEach((raw, index) => {
    const name = normaliseHeader(raw) as Column;
    if (!(STAKEHOLDER_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ line: 1, message: `unknown column "${raw.trim()}" (the columns are ${STAKEHOLDER_COLUMNS.join(', ')})` });
    } else if (columns.has(name)) {
      problems.push({ line: 1, message: `column "${name}" appears twice` });
    } else columns.set(name, index);
  });
  const missing = STAKEHOLDER_COLUMNS.filter((c) => !columns.has(c) && !OPTIONAL_COLUMNS.includes(c));
  if (missing.length) problems.push({ line: 1, message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
  if (!columns.has('email')) return { stakeholders: [], problems };

  const stakeholders: Stakeholder[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of body) {
    // csv-parse reports the line a record ends on; a quoted field may span lines.
    const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    const cell = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    const rowProblems: string[] = [];
    if (record.length > head!.record.length) rowProblems.push(`${record.length} fields where the header names ${head!.record.length}`);

    const email = cell('email');
    if (!email) rowProblems.push('no e-mail address');
    else if (!Email.safeParse(email).success) rowProblems.push(`"${email}" is not an e-mail address (give the address alone, e.g. name@example.org)`);
    else {
      const key = email.toLowerCase();
      const first = firstLineOf.get(key);
      if (first !== undefined) rowProblems.push(`${email} is already on line ${first}`);
      else firstLineOf.set(key, line);
    }

    for (const column of ['name', 'organisation'] as const) {
      const value = cell(column);
      if (UNSAFE_TEXT.test(value)) rowProblems.push(`${column} must be one line of text without control characters`);
      else if (value.length > MAX_TEXT) rowProblems.push(`${column} must be ${MAX_TEXT} characters or fewer`);
    }

    const sectorText = cell('sector');
    const sector = sectorText === '' ? undefined : isSector(sectorText.toLowerCase()) ? (sectorText.toLowerCase() as Sector) : SECTOR_BY_LABEL.get(normaliseHeader(sectorText));
    if (sectorText !== '' && !sector) rowProblems.push(`unknown sector "${sectorText}" (use one of ${SECTORS.join(', ')})`);

    const languageText = cell('language').toLowerCase();
    const language = languageText === '' ? 'en' : (MAIL_LANGUAGES as readonly string[]).includes(languageText) ? (languageText as MailLanguage) : undefined;
    if (!language) rowProblems.push(`unknown language "${cell('language')}" (use ${MAIL_LANGUAGES.join(' or ')})`);

    if (rowProblems.length) {
      for (const message of rowProblems) problems.push({ line, message });
      continue;
    }
    stakeholders.push({ line, name: cell('name'), email, organisation: cell('organisation'), ...(sector ? { sector } : {}), language: language! });
  }
  if (body.length === 0) problems.push({ line: 1, message: 'the list has no stakeholders' });
  return { stakeholders, problems };
}
