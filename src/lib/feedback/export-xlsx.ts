/**
 * The matrix as an Excel workbook (exceljs): one sheet, headings in bold,
 * frozen and filterable, text wrapped. Every value is written as a string
 * cell, which Excel never evaluates, so a comment that starts with `=` stays
 * text without the apostrophe the CSV needs; the CSV's escaping is applied
 * anyway so both files read the same.
 */
import ExcelJS from 'exceljs';
import type { Translate } from '../i18n/translate.ts';
import { defuseFormula } from './export-csv.ts';
import { ISO_COLUMN_COUNT, MATRIX_COLUMNS, matrixCells, matrixHeadings, type MatrixRow } from './matrix.ts';

/** Column widths in characters, by column. */
const WIDTHS: Record<(typeof MATRIX_COLUMNS)[number], number> = {
  reference: 16,
  sector: 18,
  section: 28,
  paragraph: 10,
  type: 11,
  comment: 60,
  proposedChange: 45,
  disposition: 18,
  response: 60,
  organisation: 28,
  name: 20,
  channel: 14,
  language: 10,
  date: 12,
  addressedIn: 40,
  issue: 40,
  quote: 40,
  link: 45,
  change: 28,
  group: 16,
  groupSize: 10,
  groupOrganisations: 14,
  next: 40,
};

export interface WorkbookOptions {
  /** Sheet name, at most 31 characters (Excel's limit). */
  sheetName: string;
  /** Stored as the workbook's creation and modification time, so the same report gives the same file. */
  createdAt: Date;
  title?: string;
}

/** The comment-response matrix as an .xlsx file. */
export async function matrixXlsx(rows: readonly MatrixRow[], t: Translate, options: WorkbookOptions): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Consulta';
  workbook.created = options.createdAt;
  workbook.modified = options.createdAt;
  if (options.title) workbook.title = options.title;
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MATRIX_COLUMNS.map((key, i) => ({ header: matrixHeadings(t)[i], key, width: WIDTHS[key] }));
  for (const row of rows) sheet.addRow(matrixCells(row).map(defuseFormula));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  // The ISO template's columns are shaded, ours are not: a reader sees where the standard part ends.
  for (let c = 1; c <= ISO_COLUMN_COUNT; c++) {
    header.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7EE' } };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: MATRIX_COLUMNS.length } };
  sheet.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return Uint8Array.from(buffer as unknown as ArrayLike<number>);
}
