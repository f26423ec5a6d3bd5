import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode,
  HOUSE_IMPORT_COLUMNS,
  HOUSE_IMPORT_OPTIONAL_COLUMNS,
  HOUSE_TYPE_LABELS,
  HouseType,
  IHouseImportResult,
  IHouseImportRowError,
  Permission,
  isCalendarDate,
  parseAreaToHundredths,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { Building, House, Unit } from './building.entity';
import { runInTransaction } from '../../database/transactions';
import { readTable } from './house-import-table';

export const MAX_IMPORT_ROWS = 20_000;

interface ParsedRow {
  row: number;
  building: string;
  unit: string;
  roomNo: string;
  floor: number | null;
  areaHundredths: number;
  type: HouseType;
  /** 计费起始日 "YYYY-MM-DD"; undefined = column absent or cell empty: the house keeps its date (new: none). */
  billingStartDate: string | undefined;
}

const TYPE_BY_LABEL = new Map<string, HouseType>(
  Object.entries(HOUSE_TYPE_LABELS).flatMap(([type, label]) => [
    [label, type as HouseType],
    [type, type as HouseType],
  ]),
);

/**
 * Imports houses from a staff spreadsheet. The whole file is validated first; if any row is wrong
 * nothing is written and every problem is reported by row and column, so a fix-and-retry loses nothing.
 * Existing houses (same building/unit/room) are updated in place, so re-importing a corrected file is safe.
 */
@Injectable()
export class HouseImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  template(): string {
    const example = ['1栋', '1单元', '101', '1', '89.50', '住宅', '2026-11-15'];
    return `\uFEFF${HOUSE_IMPORT_COLUMNS.join(',')}\r\n${example.join(',')}\r\n`;
  }

  async import(
    principal: Principal,
    projectId: number,
    file: { filename: string; buffer: Buffer },
    dryRun: boolean,
  ): Promise<IHouseImportResult> {
    this.access.assertProject(principal, projectId, Permission.HouseEdit);
    const table = await readTable(file);
    const errors: IHouseImportRowError[] = [];
    const rows = this.parseRows(table, errors);
    const { created, updated } = await this.plan(projectId, rows);
    const result: IHouseImportResult = {
      dryRun,
      totalRows: rows.length + countRowsWithErrors(errors),
      created,
      updated,
      errors,
    };
    if (errors.length) {
      throw new DomainException(
        ErrorCode.ImportInvalid,
        `导入文件有 ${errors.length} 处错误，未写入任何数据`,
        HttpStatus.UNPROCESSABLE_ENTITY,
        result,
      );
    }
    if (!dryRun) await this.write(principal, projectId, rows);
    return result;
  }

  private parseRows(table: string[][], errors: IHouseImportRowError[]): ParsedRow[] {
    if (!table.length) {
      errors.push({ row: 1, field: '文件', message: '文件为空' });
      return [];
    }
    const header = table[0].map((h) => h.trim());
    const index = new Map<string, number>();
    for (const column of HOUSE_IMPORT_COLUMNS) {
      const at = header.indexOf(column);
      if (at < 0 && !HOUSE_IMPORT_OPTIONAL_COLUMNS.includes(column))
        errors.push({ row: 1, field: column, message: `缺少列「${column}」` });
      index.set(column, at);
    }
    if (errors.length) return [];
    if (table.length - 1 > MAX_IMPORT_ROWS) {
      errors.push({ row: 1, field: '文件', message: `一次最多导入 ${MAX_IMPORT_ROWS} 行` });
      return [];
    }
    const cell = (r: string[], column: string) => {
      const at = index.get(column) ?? -1;
      return at >= 0 ? (r[at] ?? '').trim() : '';
    };
    const seen = new Map<string, number>();
    const rows: ParsedRow[] = [];
    table.slice(1).forEach((r, i) => {
      const row = i + 2;
      if (r.every((c) => !c.trim())) return;
      const problems: IHouseImportRowError[] = [];
      const need = (column: string, max: number) => {
        const value = cell(r, column);
        if (!value) problems.push({ row, field: column, message: `${column}不能为空` });
        else if (value.length > max) problems.push({ row, field: column, message: `${column}不能超过 ${max} 个字符` });
        return value;
      };
      const building = need('楼栋', 32);
      const unit = need('单元', 32);
      const roomNo = need('房号', 32);
      const floorText = cell(r, '楼层');
      let floor: number | null = null;
      if (floorText) {
        floor = /^-?\d{1,3}$/.test(floorText) ? Number(floorText) : null;
        if (floor === null) problems.push({ row, field: '楼层', message: `楼层「${floorText}」不是整数` });
      }
      const areaText = cell(r, '建筑面积');
      const areaHundredths = parseAreaToHundredths(areaText);
      if (areaHundredths === null || areaHundredths > 10_000_000) {
        problems.push({ row, field: '建筑面积', message: `建筑面积「${areaText}」须为大于 0 的数字，最多两位小数` });
      }
      const typeText = cell(r, '房屋类型') || '住宅';
      const type = TYPE_BY_LABEL.get(typeText);
      if (!type)
        problems.push({
          row,
          field: '房屋类型',
          message: `房屋类型「${typeText}」无效，可选：${Object.values(HOUSE_TYPE_LABELS).join('、')}`,
        });
      const startText = cell(r, '计费起始日');
      if (startText && !isCalendarDate(startText)) {
        problems.push({
          row,
          field: '计费起始日',
          message: `第 ${row} 行计费起始日「${startText}」无效，须为日期（如 2026-11-15）`,
        });
      }
      const key = `${building}|${unit}|${roomNo}`;
      if (building && unit && roomNo && seen.has(key)) {
        problems.push({ row, field: '房号', message: `与第 ${seen.get(key)} 行重复` });
      }
      seen.set(key, row);
      if (problems.length) errors.push(...problems);
      else
        rows.push({
          row,
          building,
          unit,
          roomNo,
          floor,
          areaHundredths: areaHundredths!,
          type: type!,
          billingStartDate: startText || undefined,
        });
    });
    if (!rows.length && !errors.length) errors.push({ row: 2, field: '文件', message: '文件中没有数据行' });
    return rows;
  }

  private async existingHouses(projectId: number) {
    const rows = await this.db
      .createQueryBuilder(House, 'h')
      .innerJoin(Building, 'b', 'b.id = h.building_id')
      .innerJoin(Unit, 'u', 'u.id = h.unit_id')
      .select(['h.id AS id', 'b.name AS building', 'u.name AS unit', 'h.room_no AS room_no'])
      .where('h.project_id = :projectId', { projectId })
      .getRawMany<{ id: number; building: string; unit: string; room_no: string }>();
    return new Map(rows.map((r) => [`${r.building}|${r.unit}|${r.room_no}`, Number(r.id)]));
  }

  private async plan(projectId: number, rows: ParsedRow[]) {
    const existing = await this.existingHouses(projectId);
    const updated = rows.filter((r) => existing.has(`${r.building}|${r.unit}|${r.roomNo}`)).length;
    return { created: rows.length - updated, updated };
  }

  /**
   * Writes every row in one transaction. A changed 计费起始日 is audited per house exactly like
   * `PUT /houses/:id/billing-start` (`house.billing-start`, before/after), new houses included.
   */
  private async write(principal: Principal, projectId: number, rows: ParsedRow[]): Promise<void> {
    await runInTransaction(this.db, async (tx) => {
      const buildingIds = new Map<string, number>();
      const unitIds = new Map<string, number>();
      for (const b of await tx.getRepository(Building).find({ where: { projectId } })) buildingIds.set(b.name, b.id);
      for (const u of await tx.getRepository(Unit).find({ where: { projectId } }))
        unitIds.set(`${u.buildingId}|${u.name}`, u.id);
      for (const r of rows) {
        if (!buildingIds.has(r.building)) {
          const res = await tx
            .getRepository(Building)
            .insert({ projectId, name: r.building, sortOrder: buildingIds.size + 1 });
          buildingIds.set(r.building, Number(res.identifiers[0].id));
        }
        const buildingId = buildingIds.get(r.building)!;
        if (!unitIds.has(`${buildingId}|${r.unit}`)) {
          const res = await tx.getRepository(Unit).insert({ projectId, buildingId, name: r.unit });
          unitIds.set(`${buildingId}|${r.unit}`, Number(res.identifiers[0].id));
        }
      }
      const houses = tx.getRepository(House);
      const existingByKey = await housesByKey(tx, projectId);
      const at = now();
      const fresh: Partial<House>[] = [];
      const starts: { key: string; before: string | null; after: string }[] = [];
      for (const r of rows) {
        const buildingId = buildingIds.get(r.building)!;
        const unitId = unitIds.get(`${buildingId}|${r.unit}`)!;
        const key = `${unitId}|${r.roomNo}`;
        const house = existingByKey.get(key);
        const values: Partial<House> = {
          floor: r.floor,
          areaHundredths: r.areaHundredths,
          type: r.type,
          updatedAt: at,
        };
        const before = house?.billingStartDate ?? null;
        if (r.billingStartDate !== undefined && r.billingStartDate !== before) {
          values.billingStartDate = r.billingStartDate;
          starts.push({ key, before, after: r.billingStartDate });
        }
        if (house) await houses.update({ id: house.id }, values);
        else fresh.push({ projectId, buildingId, unitId, roomNo: r.roomNo, createdAt: at, ...values });
      }
      for (let i = 0; i < fresh.length; i += 500) await houses.insert(fresh.slice(i, i + 500));
      const ids = starts.length ? await housesByKey(tx, projectId) : existingByKey;
      for (const s of starts) {
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'house.billing-start',
          entityType: 'house',
          entityId: ids.get(s.key)!.id,
          companyId: principal.companyId,
          projectId,
          before: { billingStartDate: s.before },
          after: { billingStartDate: s.after },
        });
      }
    });
  }
}

async function housesByKey(
  tx: EntityManager,
  projectId: number,
): Promise<Map<string, { id: number; billingStartDate: string | null }>> {
  const rows = await tx.getRepository(House).find({
    select: { id: true, unitId: true, roomNo: true, billingStartDate: true },
    where: { projectId },
  });
  return new Map(rows.map((h) => [`${h.unitId}|${h.roomNo}`, { id: h.id, billingStartDate: h.billingStartDate }]));
}

function countRowsWithErrors(errors: IHouseImportRowError[]): number {
  return new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size;
}
