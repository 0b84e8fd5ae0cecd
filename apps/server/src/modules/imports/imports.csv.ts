import { Buffer } from 'node:buffer';
import { parse, CsvError } from 'csv-parse/sync';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@adloop/contracts';
import type { FileRecord } from '@adloop/engine';
import { AppError, fieldError } from '../../platform/errors.ts';

export interface ParsedCsv {
  heading: string[];
  records: FileRecord[];
}

/** The separator of the heading row: spreadsheets write `;` where the decimal mark is a comma, and tabs when copied. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

/**
 * Reads an uploaded CSV: UTF-8 (a BOM is dropped), any line ending, quoted cells across lines.
 * Each record keeps the line it starts on, so errors point where the person looks in their editor.
 * Rows that are empty (or only separators, as spreadsheets export them) are skipped.
 * Refuses files over 2 MB (413), with more than 5,000 rows, without rows, or not CSV (400), naming `csv`.
 */
export function parseImportCsv(csv: string): ParsedCsv {
  if (Buffer.byteLength(csv, 'utf8') > IMPORT_MAX_BYTES) {
    throw new AppError('payload_too_large', `csv: the file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it into smaller files`, { issues: [{ location: 'body', field: 'csv', message: 'is larger than 2 MB' }] });
  }
  // One line ending, so the parser's line count is the editor's (CR LF inside quoted cells becomes LF).
  const text = csv.replace(/\r\n?/g, '\n');
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info: true` the parser answers records with their position (its typings only know plain records).
    parsed = parse(text, { bom: true, delimiter: detectDelimiter(text), info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) throw fieldError('csv', `is not valid CSV: ${error.message.split(' instead of')[0] ?? error.message}`);
    throw error;
  }
  const [heading, ...rest] = parsed;
  if (!heading) throw fieldError('csv', 'is empty: the file needs a heading row and at least one row');
  const records = rest
    .filter(({ record }) => record.some((cell) => cell.trim() !== ''))
    .map(({ record, info }) => ({ line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0), cells: record }));
  if (records.length === 0) throw fieldError('csv', 'has a heading row but no rows');
  if (records.length > IMPORT_MAX_ROWS) throw fieldError('csv', `has ${records.length} rows; at most ${IMPORT_MAX_ROWS} are taken at once: split the file`);
  return { heading: heading.record, records };
}
