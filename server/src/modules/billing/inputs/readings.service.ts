import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BillingItemKind, ErrorCode, IMeterReading, IPage, Permission, parseMilli } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { pageWindow } from '../../../common/pagination.dto';
import { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { AccessService } from '../../identity/access.service';
import { PropertyDirectory, ProjectRef } from '../../property/property-directory.service';
import { refuseDuplicate } from './conflicts';
import { MeterReading } from './inputs.entity';
import { requireItem } from './items';
import { MAX_METER_MILLI, readingOutcome } from './reading-rule';
import { housesBilledFor, housesWithLaterReadings, lastReadingsBefore } from './readings.store';
import type { ReadingQueryDto, RecordReadingDto } from './inputs.dto';

/** 抄表: one reading per house, item and month; entry by staff with reading.edit (docs/billing.md). */
@Injectable()
export class ReadingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async list(principal: Principal, query: ReadingQueryDto): Promise<IPage<IMeterReading>> {
    this.assertCanRead(principal, query.projectId);
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.db
      .getRepository(MeterReading)
      .createQueryBuilder('r')
      .where('r.project_id = :projectId AND r.period = :period', { projectId: query.projectId, period: query.period });
    if (query.itemCode) qb.andWhere('r.item_code = :itemCode', { itemCode: query.itemCode });
    const [rows, total] = await qb
      .orderBy('r.house_id', 'ASC')
      .addOrderBy('r.item_code', 'ASC')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.views(rows), total, page, pageSize };
  }

  async record(principal: Principal, dto: RecordReadingDto): Promise<IMeterReading> {
    const project = await this.projectFor(principal, dto.projectId, Permission.ReadingEdit);
    const house = await this.property.house(dto.houseId);
    if (!house || house.projectId !== dto.projectId) throw DomainException.notFound('房屋');
    const readingMilli = parseMilli(dto.reading)!;
    const startMilli = dto.startReading === undefined || dto.startReading === '' ? null : parseMilli(dto.startReading)!;
    if (readingMilli > MAX_METER_MILLI) throw DomainException.validation('reading', '本期读数不能超过 1999999.999');
    if (startMilli !== null && startMilli > MAX_METER_MILLI)
      throw DomainException.validation('startReading', '新表起始读数不能超过 1999999.999');
    const id = await refuseDuplicate(
      runInTransaction(this.db, async (tx) => {
        await requireItem(tx, dto.projectId, dto.itemCode, dto.period, BillingItemKind.Metered);
        if ((await housesBilledFor(tx, dto.projectId, dto.period, dto.houseId)).size) {
          throw new DomainException(
            ErrorCode.StateConflict,
            `该房屋 ${dto.period} 的账单已生成，不能再录入该月读数；请录入下月读数，用量会顺延计入下月`,
            409,
          );
        }
        if ((await housesWithLaterReadings(tx, dto.projectId, dto.itemCode, dto.period, dto.houseId)).size) {
          throw new DomainException(
            ErrorCode.StateConflict,
            `该房屋已有 ${dto.period} 之后月份的读数，不能再修改 ${dto.period} 的读数`,
            409,
          );
        }
        const last =
          (await lastReadingsBefore(tx, dto.projectId, dto.itemCode, dto.period, dto.houseId)).get(dto.houseId) ?? null;
        const outcome = readingOutcome({
          readingMilli,
          meterChanged: dto.meterChanged ?? false,
          startMilli,
          lastMilli: last,
        });
        if (!outcome.ok)
          throw DomainException.validation(
            outcome.field === '本期读数' ? 'reading' : outcome.field === '换表' ? 'meterChanged' : 'startReading',
            outcome.message,
          );
        const values = {
          readingMilli,
          previousMilli: outcome.previousMilli,
          consumptionMilli: outcome.consumptionMilli,
          meterChanged: dto.meterChanged ?? false,
          enteredBy: principal.userId,
          enteredAt: now(),
        };
        const repo = tx.getRepository(MeterReading);
        const existing = await repo.findOneBy({ houseId: dto.houseId, itemCode: dto.itemCode, period: dto.period });
        let rowId: number;
        if (existing) {
          await repo.update({ id: existing.id }, values);
          rowId = existing.id;
        } else {
          const res = await repo.insert({
            companyId: project.companyId,
            projectId: dto.projectId,
            houseId: dto.houseId,
            itemCode: dto.itemCode,
            period: dto.period,
            ...values,
          });
          rowId = Number(res.identifiers[0].id);
        }
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'reading.record',
          entityType: 'meter_reading',
          entityId: rowId,
          companyId: project.companyId,
          projectId: dto.projectId,
          before: existing
            ? {
                readingMilli: existing.readingMilli,
                previousMilli: existing.previousMilli,
                meterChanged: existing.meterChanged,
              }
            : undefined,
          after: {
            houseId: dto.houseId,
            itemCode: dto.itemCode,
            period: dto.period,
            readingMilli,
            previousMilli: values.previousMilli,
            consumptionMilli: values.consumptionMilli,
            meterChanged: values.meterChanged,
          },
        });
        return rowId;
      }),
      '同一房屋同月的读数刚被他人录入，请刷新后再试',
    );
    const [view] = await this.views([await this.db.getRepository(MeterReading).findOneByOrFail({ id })]);
    return view;
  }

  /** The caller may enter readings in the project; its company for the rows. */
  async projectFor(principal: Principal, projectId: number, permission: Permission): Promise<ProjectRef> {
    this.access.assertProject(principal, projectId, permission);
    const project = await this.property.project(projectId);
    if (!project) throw DomainException.notFound('项目');
    return project;
  }

  assertCanRead(principal: Principal, projectId: number): void {
    if (!this.access.canActOnProject(principal, projectId, Permission.ReadingEdit))
      this.access.assertProject(principal, projectId, Permission.BillingView);
  }

  async views(rows: MeterReading[], tx: EntityManager = this.db.manager): Promise<IMeterReading[]> {
    const labels = await this.property.houseLabels(
      rows.map((r) => r.houseId),
      tx,
    );
    return rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      houseId: r.houseId,
      houseLabel: labels.get(r.houseId)?.label ?? '',
      itemCode: r.itemCode,
      period: r.period,
      readingMilli: r.readingMilli,
      previousMilli: r.previousMilli,
      consumptionMilli: r.consumptionMilli,
      meterChanged: r.meterChanged,
      enteredBy: r.enteredBy,
      enteredAt: r.enteredAt.toISOString(),
    }));
  }
}
