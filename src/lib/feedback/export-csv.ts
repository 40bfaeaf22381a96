/**
 * The matrix as CSV (RFC 4180: comma-separated, double-quoted where needed,
 * CRLF line ends), with a byte-order mark so spreadsheet programs read it as
 * UTF-8.
 *
 * Comments are untrusted text, and a spreadsheet program runs a cell that
 * starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one)
 * as a formula: "CSV injection",
 * https://owasp.org/www-community/attacks/CSV_Injection . Such a cell gets a
 * leading apostrophe, which spreadsheet programs show as text and do not run.
 */
import type { Translate } from '../i18n/translate.ts';
import { matrixCells, matrixHeadings, type MatrixRow } from './matrix.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made safe to open in a spreadsheet program. */
export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: defused, then quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  const safe = defuseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of text as CSV, with the byte-order mark. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The comment-response matrix as CSV. */
export function matrixCsv(rows: readonly MatrixRow[], t: Translate): string {
  return toCsv([matrixHeadings(t), ...rows.map(matrixCells)]);
}
