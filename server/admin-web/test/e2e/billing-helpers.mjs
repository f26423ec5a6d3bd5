// Shared by the billing journeys: months as the server writes them, antd Select picking, the readings template.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { choose as chooseOption } from './harness.mjs';

// The server's xlsx library fills the server's own template, as a person would in a spreadsheet.
const ExcelJS = createRequire(new URL('../../../package.json', import.meta.url))('exceljs');

export const shanghaiMonth = (date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(date)
    .slice(0, 7);
export const addMonths = (period, n) => {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
export const label = (period) => `${period.slice(0, 4)}年${Number(period.slice(5))}月`;
export const LAST_MONTH = addMonths(shanghaiMonth(new Date()), -1);

/** Picks an option of an antd Select (no search box) by its exact label: the harness's scoped choose. */
export const choose = (page, select, text) => chooseOption(page, select, text, { exact: true });

/** The downloaded template with each house's reading filled in; `broken` spoils two rows on purpose. */
export async function fillTemplate(templatePath, outPath, broken) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(templatePath);
  const sheet = book.worksheets[0];
  const header = sheet.getRow(1).values;
  const col = (name) => {
    const i = header.findIndex((v) => v === name);
    assert.ok(i > 0, `template has the column ${name}`);
    return i;
  };
  const [lastCol, readingCol] = [col('上期读数'), col('本期读数')];
  let rows = 0;
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows++;
    const last = Number(row.getCell(lastCol).value ?? 0);
    row.getCell(readingCol).value = String(last + 8 + (n % 7));
    if (broken && n === 3) row.getCell(readingCol).value = String(Math.max(0, last - 5));
    if (broken && n === 6) row.getCell(readingCol).value = '十二';
  });
  await book.xlsx.writeFile(outPath);
  return rows;
}
