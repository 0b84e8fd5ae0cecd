import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { parseImportCsv } from './imports.csv.ts';

const refusal = (csv: string) => {
  try {
    parseImportCsv(csv);
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
  }
  return null;
};

describe('import CSV reading', () => {
  it('keeps the line each record starts on across quoted line breaks, CR LF, a BOM and skipped empty rows', () => {
    const csv = '\uFEFFname,note\r\nA,"two\r\nlines"\r\n\r\n,\r\nB,x\r\n';
    expect(parseImportCsv(csv)).toEqual({
      heading: ['name', 'note'],
      records: [
        { line: 2, cells: ['A', 'two\nlines'] },
        { line: 6, cells: ['B', 'x'] },
      ],
    });
  });

  it('takes semicolons and tabs as the separator when the heading uses them', () => {
    expect(parseImportCsv('a;b\n1,5;2\n').records).toEqual([{ line: 2, cells: ['1,5', '2'] }]);
    expect(parseImportCsv('a\tb\n1\t2').records).toEqual([{ line: 2, cells: ['1', '2'] }]);
  });

  it('refuses what is not a usable file with a 400 naming csv, and a file over 2 MB with 413', () => {
    expect(refusal('a,b\n"x"y,1\n')).toEqual({ status: 400, message: expect.stringMatching(/^csv: is not valid CSV: Invalid Closing Quote/) });
    expect(refusal('a,b\n')).toEqual({ status: 400, message: 'csv: has a heading row but no rows' });
    expect(refusal(`a\n${'1\n'.repeat(5001)}`)).toEqual({ status: 400, message: expect.stringMatching(/5001 rows; at most 5000/) });
    expect(refusal(`a\n${'x'.repeat(2 * 1024 * 1024)}`)).toEqual({ status: 413, message: expect.stringMatching(/larger than 2 MB/) });
  });
});
