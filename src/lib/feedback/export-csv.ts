/**
 * The matrix as CSV (RFC 4180 through csv-stringify: comma-separated,
 * double-quoted where needed, CRLF line ends), with a byte-order mark so
 * spreadsheet programs read it as UTF-8.
 *
 * Comments are untrusted text, and a spreadsheet program runs a cell that
 * starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one)
 * as a formula: "CSV injection",
 * https://owasp.org/www-community/attacks/CSV_Injection . Such a cell gets a
 * leading apostrophe, which spreadsheet programs show as text and do not run.
 *
 * A cell can also start in the middle of a field: LibreOffice and Excel in
 * locales with a decimal comma (Spanish among them) split a line at `;`,
 * and do not honour quotes that open mid-cell, so `ok;=1+1` would become a
 * cell `=1+1`. So every place where a cell could begin under either list
 * separator, the start of the field and just after each `,` or `;` (past any
 * quotes), is defused the same way.
 */
import { stringify } from 'csv-stringify/sync';
import type { Translate } from '../i18n/translate.ts';
import { matrixCells, matrixHeadings, type MatrixRow } from './matrix.ts';

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const SEPARATORS = new Set([',', ';']);

/** A cell made safe to open in a spreadsheet program (as in an .xlsx file, where the cell is the field). */
export function defuseFormula(value: string): string {
  return value.length > 0 && TRIGGERS.has(value[0]!) ? `'${value}` : value;
}

/** A CSV field made safe whichever list separator the spreadsheet program splits it by. */
export function defuseCsvField(value: string): string {
  let out = '';
  let cellStart = true;
  for (const ch of value) {
    // Quotes before the text do not stop a cell from being read as a formula.
    if (cellStart && ch !== '"') {
      if (TRIGGERS.has(ch)) out += "'";
      cellStart = false;
    }
    out += ch;
    if (SEPARATORS.has(ch)) cellStart = true;
  }
  return out;
}

/** Rows of text as CSV, with the byte-order mark. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${stringify(rows.map((row) => row.map(defuseCsvField)), { record_delimiter: 'windows', quoted_match: /;/ })}`;
}

/** The comment-response matrix as CSV. */
export function matrixCsv(rows: readonly MatrixRow[], t: Translate): string {
  return toCsv([matrixHeadings(t), ...rows.map(matrixCells)]);
}
