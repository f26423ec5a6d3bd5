import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, EntityManager } from 'typeorm';
import {
  BillingItemKind,
  ErrorCode,
  IReadingImportResult,
  IReadingImportRowError,
  Permission,
  formatMilli,
  parseMilli,
} from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { MeterReading } from './inputs.entity';
import { requireItem } from './items';
import { projectHouses } from './project-houses';
import { MAX_METER_MILLI, readingOutcome } from './reading-rule';
import { refuseDuplicate } from './conflicts';
import { ReadingsService } from './readings.service';
import { housesBilledFor, housesWithLaterReadings, lastReadingsBefore } from './readings.store';

export const MAX_READING_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_READING_IMPORT_ROWS = 20_000;

/** The template's columns; 房屋编号 wins over 房屋 when both are filled. */
export const READING_COLUMNS = {
  id: '房屋编号',
  house: '房屋',
  last: '上期读数',
  reading: '本期读数',
  changed: '换表',
  start: '新表起始读数',
} as const;

interface PlannedRow {
  houseId: number;
  readingMilli: number;
  previousMilli: number;
  consumptionMilli: number;
  meterChanged: boolean;
}

/**
 * Readings from a spreadsheet, all-or-nothing: the whole file is checked inside the transaction that would
 * write it, and any row error (reported by row and Chinese column name) rolls everything back. A dry run
 * takes the same path and stops before writing.
 */
@Injectable()
export class ReadingImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readings: ReadingsService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async template(principal: Principal, projectId: number, period: string, itemCode: string): Promise<Buffer> {
    await this.readings.projectFor(principal, projectId, Permission.ReadingEdit);
    const item = await requireItem(this.db.manager, projectId, itemCode, period, BillingItemKind.Metered);
    const houses = await projectHouses(this.db.manager, this.property, projectId, true);
    const last = await lastReadingsBefore(this.db.manager, projectId, itemCode, period);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(`${item.name} ${period}`.slice(0, 31));
    sheet.columns = [
      { header: READING_COLUMNS.id, width: 10 },
      { header: READING_COLUMNS.house, width: 20 },
      { header: READING_COLUMNS.last, width: 14 },
      { header: READING_COLUMNS.reading, width: 14 },
      { header: READING_COLUMNS.changed, width: 8 },
      { header: READING_COLUMNS.start, width: 14 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const h of houses) {
      const previous = last.get(h.id);
      sheet.addRow([h.id, h.label, previous === undefined ? '' : formatMilli(previous), '', '', '']);
    }
    // Text cells so "1234.50" keeps its digits and Excel does not turn values into dates.
    for (const key of [3, 4, 6]) sheet.getColumn(key).numFmt = '@';
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  async import(
    principal: Principal,
    q: { projectId: number; period: string; itemCode: string; dryRun: boolean },
    file: Buffer,
  ): Promise<IReadingImportResult> {
    const project = await this.readings.projectFor(principal, q.projectId, Permission.ReadingEdit);
    const table = await readSheet(file);
    return refuseDuplicate(
      runInTransaction(this.db, async (tx) => {
        await requireItem(tx, q.projectId, q.itemCode, q.period, BillingItemKind.Metered);
        const errors: IReadingImportRowError[] = [];
        const planned = await this.plan(tx, q, table, errors);
        const result: IReadingImportResult = {
          dryRun: q.dryRun,
          rows: Math.max(0, table.length - 1),
          imported: 0,
          errors,
        };
        if (errors.length) {
          throw new DomainException(
            ErrorCode.ImportInvalid,
            `读数文件有 ${errors.length} 处错误，未写入任何读数`,
            HttpStatus.UNPROCESSABLE_ENTITY,
            result,
          );
        }
        if (q.dryRun) return result;
        await this.write(tx, project.companyId, q, planned, principal.userId);
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'reading.import',
          entityType: 'project',
          entityId: q.projectId,
          companyId: project.companyId,
          projectId: q.projectId,
          after: {
            period: q.period,
            itemCode: q.itemCode,
            readings: planned.length,
            consumptionMilli: planned.reduce((a, r) => a + r.consumptionMilli, 0),
          },
        });
        return { ...result, imported: planned.length };
      }),
      '同一月份的读数刚被他人同时导入或录入，未写入任何读数，请重试',
    );
  }

  private async plan(
    tx: EntityManager,
    q: { projectId: number; period: string; itemCode: string },
    table: string[][],
    errors: IReadingImportRowError[],
  ): Promise<PlannedRow[]> {
    if (table.length < 2) {
      errors.push({ row: 1, field: '文件', message: '文件中没有数据行' });
      return [];
    }
    if (table.length - 1 > MAX_READING_IMPORT_ROWS) {
      errors.push({ row: 1, field: '文件', message: `一次最多导入 ${MAX_READING_IMPORT_ROWS} 行` });
      return [];
    }
    const header = table[0].map((h) => h.trim());
    const at = (name: string) => header.indexOf(name);
    if (at(READING_COLUMNS.reading) < 0)
      errors.push({ row: 1, field: READING_COLUMNS.reading, message: `缺少列「${READING_COLUMNS.reading}」` });
    if (at(READING_COLUMNS.id) < 0 && at(READING_COLUMNS.house) < 0)
      errors.push({
        row: 1,
        field: READING_COLUMNS.house,
        message: `缺少列「${READING_COLUMNS.house}」或「${READING_COLUMNS.id}」`,
      });
    if (errors.length) return [];

    const houses = await projectHouses(tx, this.property, q.projectId, true);
    const byId = new Set(houses.map((h) => h.id));
    const byLabel = new Map(houses.map((h) => [h.label, h.id]));
    const last = await lastReadingsBefore(tx, q.projectId, q.itemCode, q.period);
    const frozen = await housesWithLaterReadings(tx, q.projectId, q.itemCode, q.period);
    const billed = await housesBilledFor(tx, q.projectId, q.period);
    const seen = new Map<number, number>();
    const planned: PlannedRow[] = [];
    const cell = (r: string[], name: string) => (at(name) >= 0 ? (r[at(name)] ?? '').trim() : '');
    table.slice(1).forEach((r, i) => {
      const row = i + 2;
      const readingText = cell(r, READING_COLUMNS.reading);
      if (!readingText) return; // not read this month: the run lists the house as missing a reading
      const fail = (field: string, message: string) => errors.push({ row, field, message });
      const idText = cell(r, READING_COLUMNS.id);
      const label = cell(r, READING_COLUMNS.house);
      const houseId = idText
        ? /^\d{1,10}$/.test(idText) && byId.has(Number(idText))
          ? Number(idText)
          : null
        : (byLabel.get(label) ?? null);
      if (houseId === null)
        return fail(idText ? READING_COLUMNS.id : READING_COLUMNS.house, `本项目没有房屋「${idText || label}」`);
      if (seen.has(houseId))
        return fail(idText ? READING_COLUMNS.id : READING_COLUMNS.house, `与第 ${seen.get(houseId)} 行是同一房屋`);
      seen.set(houseId, row);
      if (billed.has(houseId))
        return fail(
          READING_COLUMNS.reading,
          `该房屋 ${q.period} 的账单已生成，不能再导入该月读数（用量会顺延计入下月）`,
        );
      if (frozen.has(houseId))
        return fail(READING_COLUMNS.reading, `该房屋已有 ${q.period} 之后月份的读数，不能再导入 ${q.period} 的读数`);
      const readingMilli = parseMilli(readingText);
      if (readingMilli === null || readingMilli > MAX_METER_MILLI)
        return fail(READING_COLUMNS.reading, `本期读数「${readingText}」须为非负数字，最多 3 位小数`);
      const changedText = cell(r, READING_COLUMNS.changed);
      if (!['', '是', '否'].includes(changedText))
        return fail(READING_COLUMNS.changed, `换表只能填「是」或「否」，不能是「${changedText}」`);
      const startText = cell(r, READING_COLUMNS.start);
      const startMilli = startText ? parseMilli(startText) : null;
      if (startText && (startMilli === null || startMilli > MAX_METER_MILLI))
        return fail(READING_COLUMNS.start, `新表起始读数「${startText}」须为非负数字，最多 3 位小数`);
      const outcome = readingOutcome({
        readingMilli,
        meterChanged: changedText === '是',
        startMilli,
        lastMilli: last.get(houseId) ?? null,
      });
      if (!outcome.ok)
        return fail(
          outcome.field === '新表起始读数'
            ? READING_COLUMNS.start
            : outcome.field === '换表'
              ? READING_COLUMNS.changed
              : READING_COLUMNS.reading,
          outcome.message,
        );
      planned.push({
        houseId,
        readingMilli,
        previousMilli: outcome.previousMilli,
        consumptionMilli: outcome.consumptionMilli,
        meterChanged: changedText === '是',
      });
    });
    if (!planned.length && !errors.length)
      errors.push({ row: 2, field: READING_COLUMNS.reading, message: '没有填写任何本期读数' });
    return planned;
  }

  private async write(
    tx: EntityManager,
    companyId: number,
    q: { projectId: number; period: string; itemCode: string },
    rows: PlannedRow[],
    userId: number,
  ): Promise<void> {
    const repo = tx.getRepository(MeterReading);
    const existing = new Map(
      (
        await repo.find({
          select: { id: true, houseId: true },
          where: { projectId: q.projectId, itemCode: q.itemCode, period: q.period },
        })
      ).map((r) => [r.houseId, r.id]),
    );
    const at = now();
    const fresh: Partial<MeterReading>[] = [];
    for (const r of rows) {
      const values = {
        readingMilli: r.readingMilli,
        previousMilli: r.previousMilli,
        consumptionMilli: r.consumptionMilli,
        meterChanged: r.meterChanged,
        enteredBy: userId,
        enteredAt: at,
      };
      const id = existing.get(r.houseId);
      if (id) await repo.update({ id }, values);
      else
        fresh.push({
          companyId,
          projectId: q.projectId,
          houseId: r.houseId,
          itemCode: q.itemCode,
          period: q.period,
          ...values,
        });
    }
    for (let i = 0; i < fresh.length; i += 500) await repo.insert(fresh.slice(i, i + 500));
  }
}

/** The first sheet as text cells (formula results and numbers as Excel shows them). */
async function readSheet(buffer: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw DomainException.validation('file', '无法读取 xlsx 文件，请使用下载的模板（.xlsx）');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > MAX_READING_IMPORT_ROWS + 1)
    throw DomainException.validation('file', `一次最多导入 ${MAX_READING_IMPORT_ROWS} 行`);
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      values[col - 1] = c.text ?? '';
    });
    table[rowNumber - 1] = Array.from(values, (v) => v ?? '');
  });
  return Array.from(table, (r) => r ?? []);
}
