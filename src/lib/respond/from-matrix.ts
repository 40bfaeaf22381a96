/**
 * Answers written offline in the report's own spreadsheet: a secretariat
 * fills the Disposition and Response columns of `matrix.xlsx`, and each row
 * whose disposition or response differs from what the report exported
 * becomes an answer, to one issue or, for a group's row, to every member.
 *
 * Rows are found by their group id, else their reference, whatever order
 * the sheet was sorted or filtered into. A cell is compared with exactly
 * what the export wrote (formula-defused), so a row nobody touched is never
 * answered again. Every problem is reported with its line number, and
 * nothing is applied while any remains.
 */
import ExcelJS from 'exceljs';
import { defuseFormula } from '../feedback/export-csv.ts';
import { MATRIX_COLUMNS, matrixCells, matrixHeadings, type MatrixRow } from '../feedback/matrix.ts';
import { DISPOSITIONS, type Disposition, type FeedbackReport } from '../feedback/schema.ts';
import { translator } from '../i18n/translate.ts';
import { answerText } from './answer-text.ts';
import { recipientsOf, type Recipients } from './targets.ts';

/** One changed row of the sheet. */
interface MatrixEdit extends Recipients {
  /** Line of the sheet (1 is the headings). */
  line: number;
  /** The row's reference, or its group id for a group. */
  row: string;
  /** Comments the row stands for. */
  size: number;
  /** The new disposition, when its cell changed. */
  disposition?: Disposition;
  /** The new answer, ready to post, when its cell changed. */
  answer?: string;
  /** What the report has now, as the export shows it. */
  was: { disposition: string; response: string };
  /** Mentions made inert in the answer. */
  mentions: number;
}

interface MatrixEdits {
  /** The version the sheet is of, from its name (`v0.1 comments`). */
  version: string | undefined;
  edits: MatrixEdit[];
  /** One line each, with the sheet line: nothing may be applied while there are any. */
  errors: string[];
  /** Rows read. */
  rows: number;
}

type MatrixColumn = (typeof MATRIX_COLUMNS)[number];

const LANGUAGES = [translator('en'), translator('es')];
const TRIGGERS = /^'(?=[=+\-@\t\r])/;

/** The first sheet's version (`v0.1 comments` → `v0.1`), so the script can load the right report. */
export async function matrixVersion(data: Uint8Array): Promise<string | undefined> {
  const sheet = (await workbookOf(data)).worksheets[0];
  return sheet ? /^(v\d[\w.-]*)\b/.exec(sheet.name)?.[1] : undefined;
}

/**
 * The changed rows of `data` (an .xlsx file) against `rows`, the matrix rows
 * of `report` as the export drew them (feedback/report-view.ts, in English).
 */
export async function readMatrixEdits(data: Uint8Array, report: FeedbackReport, rows: readonly MatrixRow[]): Promise<MatrixEdits> {
  const sheet = (await workbookOf(data)).worksheets[0];
  if (!sheet) return { version: undefined, edits: [], errors: ['the file has no sheet'], rows: 0 };
  const version = /^(v\d[\w.-]*)\b/.exec(sheet.name)?.[1];
  const errors: string[] = [];
  const columns = headingColumns(sheet.getRow(1), errors);
  if (!columns) return { version, edits: [], errors, rows: 0 };

  const exported = new Map(rows.map((row) => [row.group?.id ?? row.reference, row]));
  const seen = new Map<string, number>();
  const edits: MatrixEdit[] = [];
  let count = 0;
  for (let line = 2; line <= sheet.rowCount; line++) {
    const cells = sheet.getRow(line);
    const text = (column: MatrixColumn) => cellText(cells.getCell(columns.get(column)!));
    const key = text('group').trim() || text('reference').trim();
    if (key === '' && text('disposition').trim() === '' && text('response').trim() === '') continue;
    count++;
    const row = exported.get(key.toLowerCase().startsWith('group-') ? key.toLowerCase() : key);
    if (!row) {
      errors.push(`line ${line}: ${key ? `"${key}" is not a comment or group of the ${report.version} report` : 'no reference'}`);
      continue;
    }
    if (seen.has(key)) {
      errors.push(`line ${line}: ${key} is also on line ${seen.get(key)}`);
      continue;
    }
    seen.set(key, line);
    const now = matrixCells(row).map(defuseFormula);
    const was = { disposition: now[MATRIX_COLUMNS.indexOf('disposition')]!, response: now[MATRIX_COLUMNS.indexOf('response')]! };
    const disposition = text('disposition').trim();
    const response = text('response').replace(TRIGGERS, '').trim();
    const edit: Partial<MatrixEdit> = {};
    if (disposition !== was.disposition.trim()) {
      const parsed = dispositionOf(disposition);
      if (!parsed) {
        errors.push(`line ${line}: unknown disposition "${disposition}" (one of: ${DISPOSITIONS.map((d) => LANGUAGES[0]!(`feedback.disposition.${d}`)).join(', ')})`);
        continue;
      }
      edit.disposition = parsed;
    }
    if (response !== was.response.replace(TRIGGERS, '').trim()) {
      if (response === '') {
        errors.push(`line ${line}: the response was emptied; a response posted on GitHub cannot be taken back, post a corrected one instead`);
        continue;
      }
      const prepared = answerText(response);
      if (!prepared.ok) {
        errors.push(`line ${line}: ${prepared.reason}`);
        continue;
      }
      edit.answer = prepared.text;
      edit.mentions = prepared.mentions;
    }
    if (edit.disposition === undefined && edit.answer === undefined) continue;
    const members = row.group ? report.groups.find((g) => g.id === row.group!.id)!.members : [row.reference];
    edits.push({ line, row: key, size: row.size, ...recipientsOf(report, members), was, mentions: 0, ...edit });
  }
  return { version, edits, errors, rows: count };
}

async function workbookOf(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  return workbook;
}

/** Where each needed column is, by its heading in English or Spanish. */
function headingColumns(headings: ExcelJS.Row, errors: string[]): Map<MatrixColumn, number> | undefined {
  const names = new Map<string, MatrixColumn>();
  for (const t of LANGUAGES) matrixHeadings(t).forEach((heading, i) => names.set(heading.trim().toLowerCase(), MATRIX_COLUMNS[i]!));
  const found = new Map<MatrixColumn, number>();
  headings.eachCell((cell, column) => {
    const name = names.get(cellText(cell).trim().toLowerCase());
    if (name && !found.has(name)) found.set(name, column);
  });
  const missing = (['reference', 'disposition', 'response', 'group'] as const).filter((c) => !found.has(c));
  if (missing.length) {
    const english = matrixHeadings(LANGUAGES[0]!);
    errors.push(`line 1: no column ${missing.map((c) => `"${english[MATRIX_COLUMNS.indexOf(c)]}"`).join(', ')}; is this the matrix.xlsx of a feedback report?`);
    return undefined;
  }
  return found;
}

/** A disposition as the export writes it, in English or Spanish, or as its label (`partially-accepted`). */
function dispositionOf(text: string): Disposition | undefined {
  const wanted = text.trim().toLowerCase();
  for (const d of DISPOSITIONS) {
    if (wanted === d || wanted === d.replace(/-/g, ' ')) return d;
    if (LANGUAGES.some((t) => t(`feedback.disposition.${d}`).toLowerCase() === wanted)) return d;
  }
  // "Duplicate of #12", as the export writes a duplicate that names its original.
  if (LANGUAGES.some((t) => new RegExp(`^${escape(t('feedback.duplicateOf', { number: 0 }).toLowerCase()).replace('0', '\\d+')}$`).test(wanted))) return 'duplicate';
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a cell shows, whatever exceljs holds (text, rich text, a formula's result, a number). */
function cellText(cell: ExcelJS.Cell): string {
  return cell.value === null || cell.value === undefined ? '' : cell.text;
}
