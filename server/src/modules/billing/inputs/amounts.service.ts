import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BillingItemKind, ErrorCode, Permission, parseYuanToFen } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillingHouseQuantity, BillingSharedAmount } from './inputs.entity';
import { requireItem, requireItemCode } from './items';
import { refuseDuplicate } from './conflicts';
import { ReadingsService } from './readings.service';
import { housesBilledFor } from './readings.store';
import type { SetHouseQuantityDto, SetSharedAmountDto } from './inputs.dto';

/** Per-house quantities (车位 × 2) and 公摊 month totals, set by finance (billing-item.edit), audited. */
@Injectable()
export class AmountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readings: ReadingsService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async setHouseQuantity(principal: Principal, dto: SetHouseQuantityDto): Promise<void> {
    const house = await this.property.house(dto.houseId);
    if (!house) throw DomainException.notFound('房屋');
    const project = await this.readings.projectFor(principal, house.projectId, Permission.BillingItemEdit);
    const quantityMilli = Math.round(dto.quantity * 1000);
    await refuseDuplicate(
      runInTransaction(this.db, async (tx) => {
        await requireItemCode(tx, house.projectId, dto.itemCode, BillingItemKind.PerSpace);
        const repo = tx.getRepository(BillingHouseQuantity);
        const existing = await repo.findOneBy({ houseId: dto.houseId, itemCode: dto.itemCode });
        // 0 means "none": the row goes, so the run has nothing to bill for the house.
        if (quantityMilli === 0) {
          if (existing) await repo.delete({ id: existing.id });
        } else if (existing) {
          await repo.update({ id: existing.id }, { quantityMilli, updatedBy: principal.userId, updatedAt: now() });
        } else {
          await repo.insert({
            companyId: project.companyId,
            projectId: house.projectId,
            houseId: dto.houseId,
            itemCode: dto.itemCode,
            quantityMilli,
            updatedBy: principal.userId,
            updatedAt: now(),
          });
        }
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'billing.house-quantity',
          entityType: 'house',
          entityId: dto.houseId,
          companyId: project.companyId,
          projectId: house.projectId,
          before: { itemCode: dto.itemCode, quantityMilli: existing?.quantityMilli ?? 0 },
          after: { itemCode: dto.itemCode, quantityMilli },
        });
      }),
    );
  }

  async setSharedAmount(principal: Principal, dto: SetSharedAmountDto): Promise<void> {
    const project = await this.readings.projectFor(principal, dto.projectId, Permission.BillingItemEdit);
    const amountFen = parseYuanToFen(dto.amount);
    if (amountFen === null || amountFen < 0)
      throw DomainException.validation('amount', '公摊金额须为非负金额（元），最多两位小数');
    await refuseDuplicate(
      runInTransaction(this.db, async (tx) => {
        await requireItem(tx, dto.projectId, dto.itemCode, dto.period, BillingItemKind.Shared);
        // Bills written without (or with the old) total would no longer match it: the month's split is final.
        if ((await housesBilledFor(tx, dto.projectId, dto.period)).size) {
          throw new DomainException(
            ErrorCode.StateConflict,
            `本项目 ${dto.period} 的账单已生成，不能再修改该月公摊金额`,
            409,
          );
        }
        const repo = tx.getRepository(BillingSharedAmount);
        const existing = await repo.findOneBy({ projectId: dto.projectId, itemCode: dto.itemCode, period: dto.period });
        let id: number;
        if (existing) {
          await repo.update({ id: existing.id }, { amountFen, updatedBy: principal.userId, updatedAt: now() });
          id = existing.id;
        } else {
          const res = await repo.insert({
            companyId: project.companyId,
            projectId: dto.projectId,
            itemCode: dto.itemCode,
            period: dto.period,
            amountFen,
            updatedBy: principal.userId,
            updatedAt: now(),
          });
          id = Number(res.identifiers[0].id);
        }
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'billing.shared-amount',
          entityType: 'billing_shared_amount',
          entityId: id,
          companyId: project.companyId,
          projectId: dto.projectId,
          before: existing ? { amountFen: existing.amountFen } : undefined,
          after: { itemCode: dto.itemCode, period: dto.period, amountFen },
        });
      }),
    );
  }
}
