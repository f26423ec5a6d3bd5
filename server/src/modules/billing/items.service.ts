import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import {
  BillingItemKind,
  ErrorCode,
  Permission,
  addMonths,
  isPeriod,
  parseYuanToFen,
  type IBillingItem,
  type IUpsertBillingItemRequest,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { BillingItem } from './billing.entity';

/** Unit prices above this are typos (¥100,000 per unit per month). */
const MAX_UNIT_PRICE_FEN = 10_000_000;

export function itemView(i: BillingItem): IBillingItem {
  return {
    id: i.id,
    projectId: i.projectId,
    code: i.code,
    name: i.name,
    kind: i.kind,
    houseType: i.houseType,
    unitPriceFen: i.unitPriceFen,
    unit: i.unit,
    sharedSplit: i.sharedSplit,
    effectiveFrom: i.effectiveFrom,
    effectiveTo: i.effectiveTo,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
  };
}

/**
 * Fee items are effective-dated and never edited in place: a new price for (code, house type) ends the row
 * in force the month before `effectiveFrom` and starts a new one, so every bill can name the price it used.
 */
@Injectable()
export class BillingItemsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async list(principal: Principal, projectId: number, includeEnded = false): Promise<IBillingItem[]> {
    this.access.assertProject(principal, projectId, Permission.BillingView);
    const rows = await this.db.getRepository(BillingItem).find({
      where: includeEnded ? { projectId } : { projectId, effectiveTo: IsNull() },
      order: { code: 'ASC', houseType: 'ASC', effectiveFrom: 'ASC', id: 'ASC' },
    });
    return rows.map(itemView);
  }

  async upsert(principal: Principal, request: IUpsertBillingItemRequest): Promise<IBillingItem> {
    this.access.assertProject(principal, request.projectId, Permission.BillingItemEdit);
    const unitPriceFen = parseYuanToFen(request.unitPrice);
    if (unitPriceFen === null || unitPriceFen < 0 || unitPriceFen > MAX_UNIT_PRICE_FEN)
      throw DomainException.validation('unitPrice', '单价应为不小于 0 的金额（元，最多两位小数）');
    if (!isPeriod(request.effectiveFrom)) throw DomainException.validation('effectiveFrom', '生效月份格式应为 YYYY-MM');
    const houseType =
      request.kind === BillingItemKind.Area || request.kind === BillingItemKind.Fixed
        ? (request.houseType ?? null)
        : null;
    const sharedSplit = request.kind === BillingItemKind.Shared ? (request.sharedSplit ?? null) : null;
    if (request.kind === BillingItemKind.Shared && !sharedSplit)
      throw DomainException.validation('sharedSplit', '公摊项目须选择分摊方式（按面积或按户）');
    const project = await this.property.project(request.projectId);
    if (!project) throw DomainException.notFound('项目');
    const id = await runInTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(BillingItem);
      const sameCode = await repo.findOneBy({ projectId: request.projectId, code: request.code });
      if (sameCode && sameCode.kind !== request.kind)
        throw DomainException.validation(
          'kind',
          `收费项目编码 ${request.code} 已用于「${sameCode.name}」，计费方式不能改变`,
        );
      const current = await repo.findOneBy({
        projectId: request.projectId,
        code: request.code,
        houseType: houseType ?? IsNull(),
        effectiveTo: IsNull(),
      });
      if (current && current.effectiveFrom >= request.effectiveFrom) {
        throw new DomainException(
          ErrorCode.StateConflict,
          `生效月份须晚于现行价格的生效月份 ${current.effectiveFrom}`,
          HttpStatus.CONFLICT,
          {
            fields: [{ field: 'effectiveFrom', message: `生效月份须晚于 ${current.effectiveFrom}` }],
          },
        );
      }
      if (current) {
        const ended = await repo.update(
          { id: current.id, effectiveTo: IsNull() },
          { effectiveTo: addMonths(request.effectiveFrom, -1) },
        );
        if (!ended.affected) throw DomainException.conflict('该收费项目刚被他人修改，请刷新后重试');
      }
      const inserted = await repo.insert({
        companyId: project.companyId,
        projectId: request.projectId,
        code: request.code,
        name: request.name,
        kind: request.kind,
        houseType,
        unitPriceFen,
        unit: request.unit,
        sharedSplit,
        effectiveFrom: request.effectiveFrom,
        effectiveTo: null,
        createdBy: principal.userId,
        createdAt: now(),
      });
      const newId = Number(inserted.identifiers[0].id);
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'billing-item.upsert',
        entityType: 'billing_item',
        entityId: newId,
        companyId: project.companyId,
        projectId: request.projectId,
        before: current
          ? { id: current.id, unitPriceFen: current.unitPriceFen, effectiveFrom: current.effectiveFrom }
          : null,
        after: { code: request.code, houseType, unitPriceFen, effectiveFrom: request.effectiveFrom },
      });
      return newId;
    });
    return itemView(await this.db.getRepository(BillingItem).findOneByOrFail({ id }));
  }
}
