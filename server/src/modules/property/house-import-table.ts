import ExcelJS from 'exceljs';
import { DomainException } from '../../common/domain.exception';

/**
 * The import file as a table of cell texts (row 1 = header). A date cell (Excel stores a date as a day number
 * without a time zone; ExcelJS hands it over as UTC midnight) reads as "YYYY-MM-DD", so a 计费起始日 typed as a
 * date in Excel arrives as the same text a CSV would carry.
 */
export async function readTable(file: { filename: string; buffer: Buffer }): Promise<string[][]> {
  const name = file.filename.toLowerCase();
  if (name.endsWith('.csv')) return parseCsv(file.buffer.toString('utf8').replace(/^\uFEFF/, ''));
  if (name.endsWith('.xlsx')) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(file.buffer as unknown as ArrayBuffer);
    } catch {
      throw DomainException.validation('file', '无法读取 xlsx 文件，请确认文件未损坏');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const table: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, colNumber) => {
        values[colNumber - 1] = c.value instanceof Date ? isoDay(c.value) : (c.text ?? '');
      });
      table[rowNumber - 1] = Array.from(values, (v) => v ?? '');
    });
    return Array.from(table, (r) => r ?? []);
  }
  throw DomainException.validation('file', '只支持 .xlsx 或 .csv 文件');
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function isoDay(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}
