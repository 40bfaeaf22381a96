/**
 * Reading CSV files of comments (from e-mail, meetings, the workshop) with
 * csv-parse: comma-separated, fields in double quotes may hold commas,
 * quotes (doubled) and line breaks. Each record keeps the line it starts on,
 * so a problem can be reported as "line 14". Spreadsheet programs write a
 * byte-order mark and CRLF line ends; both are accepted, as are
 * semicolon-separated files (what Excel writes in locales that use a decimal
 * comma) when the header line has semicolons and no commas.
 */
import { CsvError, parse, type Options } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** Records of a CSV text; blank lines are skipped. Throws CsvSyntaxError on an unclosed quote. */
export function parseCsv(input: string): CsvRecord[] {
  // One line end, so line numbers count the way an editor shows them.
  const text = (input.startsWith('\uFEFF') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const firstLine = text.slice(0, text.includes('\n') ? text.indexOf('\n') : text.length);
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const records: CsvRecord[] = [];
  // csv-parse tells the line a record ends on; a quoted field can span several.
  let lastEnd = 0;
  try {
    const options: Options<string[], { record: string[]; raw: string }> = {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: true,
      raw: true,
      on_record: ({ record, raw }, context) => {
        const end = context.lines;
        records.push({ line: end - breaksWithin(raw), fields: record });
        lastEnd = end;
        return null;
      },
    };
    // csv-parse's overloads know nothing of `raw` with `on_record`; the shape above is what it passes.
    parse(text, options as unknown as Options);
    return records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The record that failed starts on the first line with text after the last one read.
    const lines = text.split('\n');
    let start = lastEnd + 1;
    while (start <= lines.length && lines[start - 1]!.trim() === '') start++;
    const problem = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field that starts on this line is never closed' : error.message;
    throw new CsvSyntaxError(`line ${start}: ${problem}`, start);
  }
}

/** Line breaks inside a record's raw text: not the blank lines skipped before it, nor the one that ends it. */
function breaksWithin(raw: string): number {
  let start = 0;
  while (raw[start] === '\n') start++;
  let count = 0;
  const end = raw.endsWith('\n') ? raw.length - 1 : raw.length;
  for (let i = start; i < end; i++) if (raw[i] === '\n') count++;
  return count;
}
