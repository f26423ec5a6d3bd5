import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BillLineKind,
  BillStatus,
  ErrorCode,
  Permission,
  formatFen,
  parseYuanToFen,
  type IAddAdjustmentRequest,
  type IBillDetail,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { AccessService } from '../identity/access.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { BillViews } from './bill-views';
import { Bill, BillAdjustment, BillLine } from './billing.entity';
import { BillsService } from './bills.service';
import { settleBills } from './run/bill-content';
import { BillLineSources } from './run/line-sources';

const MAX_ADJUSTMENT_FEN = 100_000_00;

/**
 * Corrections (BillCorrect, each audited — R10). A published bill is never edited: it is voided and
 * reissued as the next revision, recomputed from today's inputs, or a signed adjustment lands on the
 * house's next bill. Waiving a late-fee line keeps the line (amount for the record) and takes it out of the total.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bills: BillsService,
    private readonly views: BillViews,
    private readonly sources: BillLineSources,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
    private readonly residents: BindingDirectory,
    private readonly notifications: NotificationsService,
  ) {}

  async voidAndReissue(principal: Principal, id: number, reason: string): Promise<IBillDetail> {
    const old = await this.bills.staffBill(principal, id, Permission.BillCorrect);
    if (old.status !== BillStatus.Published) throw notPublished(old.status);
    const reissuedId = await runInTransaction(this.db, async (tx) => {
      const at = now();
      const voided = await tx
        .getRepository(Bill)
        .update({ id, status: BillStatus.Published }, { status: BillStatus.Void, voidReason: reason });
      if (!voided.affected) throw notPublished(BillStatus.Void);
      // Frees the charges for the reissue: a charge stays on exactly one live bill.
      await tx.getRepository(BillLine).update({ billId: id }, { billedChargeId: null });
      const revision =
        Number(
          (
            await tx
              .getRepository(Bill)
              .createQueryBuilder('b')
              .select('MAX(b.revision)', 'm')
              .where('b.house_id = :houseId AND b.period = :period', { houseId: old.houseId, period: old.period })
              .getRawOne<{ m: number }>()
          )?.m ?? 0,
        ) + 1;
      const inserted = await tx.getRepository(Bill).insert({
        companyId: old.companyId,
        projectId: old.projectId,
        houseId: old.houseId,
        buildingId: old.buildingId,
        unitId: old.unitId,
        period: old.period,
        revision,
        runId: old.runId,
        status: BillStatus.Draft,
        totalFen: 0,
        paidFen: old.paidFen,
        contentHash: '',
        reissueOfBillId: id,
        createdAt: at,
      });
      const newId = Number(inserted.identifiers[0].id);
      await this.sources.insertAll(tx, {
        runId: old.runId,
        companyId: old.companyId,
        projectId: old.projectId,
        period: old.period,
        houseIdFrom: old.houseId,
        houseIdTo: old.houseId,
      });
      // A late fee the manager waived on the voided bill stays waived on its reissue.
      const waived = await tx.getRepository(BillLine).findBy({ billId: id, waived: true });
      for (const line of waived) {
        await tx
          .getRepository(BillLine)
          .update({ billId: newId, kind: line.kind, name: line.name, amountFen: line.amountFen }, { waived: true });
      }
      await tx.getRepository(Bill).update({ id: newId }, { status: BillStatus.Published, publishedAt: at });
      await settleBills(tx, [newId]);
      const reissued = await tx.getRepository(Bill).findOneByOrFail({ id: newId });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'bill.void-and-reissue',
        entityType: 'bill',
        entityId: id,
        companyId: old.companyId,
        projectId: old.projectId,
        before: { billId: id, totalFen: old.totalFen, contentHash: old.contentHash },
        after: { billId: newId, revision, totalFen: reissued.totalFen, contentHash: reissued.contentHash },
        reason,
      });
      const userIds = (await this.residents.approvedResidentsOf([old.houseId], tx)).get(old.houseId) ?? [];
      const label = (await this.property.houseLabels([old.houseId], tx)).get(old.houseId)?.label ?? '';
      await this.notifications.enqueue(tx, {
        kind: 'bill.reissued',
        recipients: userIds,
        ref: `bill:${newId}:reissued`,
        title: `${old.period} 物业账单已更正`,
        body: `${label} ${old.period} 账单已更正为 ${formatFen(reissued.totalFen)}（原 ${formatFen(old.totalFen)}）。`,
      });
      return newId;
    });
    return this.views.detail(await this.db.getRepository(Bill).findOneByOrFail({ id: reissuedId }));
  }

  async addAdjustment(principal: Principal, request: IAddAdjustmentRequest): Promise<void> {
    const amountFen = parseYuanToFen(request.amount);
    if (amountFen === null || amountFen === 0 || Math.abs(amountFen) > MAX_ADJUSTMENT_FEN) {
      throw DomainException.validation('amount', '调整金额应为非零金额（元，最多两位小数，不超过 10 万元）');
    }
    const house = (await this.property.houseLabels([request.houseId])).get(request.houseId);
    if (!house || !this.access.canActOnProject(principal, house.projectId, Permission.BillCorrect))
      throw DomainException.notFound('房屋');
    const project = await this.property.project(house.projectId);
    await runInTransaction(this.db, async (tx) => {
      const inserted = await tx.getRepository(BillAdjustment).insert({
        companyId: project!.companyId,
        projectId: house.projectId,
        houseId: house.id,
        amountFen,
        reason: request.reason,
        sourceBillId: null,
        appliedPeriod: null,
        createdBy: principal.userId,
        createdAt: now(),
      });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'bill.adjustment',
        entityType: 'bill_adjustment',
        entityId: Number(inserted.identifiers[0].id),
        companyId: project!.companyId,
        projectId: house.projectId,
        after: { houseId: house.id, amountFen },
        reason: request.reason,
      });
    });
  }

  async waiveLateFee(principal: Principal, billId: number, lineId: number, reason: string): Promise<IBillDetail> {
    const bill = await this.bills.staffBill(principal, billId, Permission.BillCorrect);
    if (bill.status === BillStatus.Void) throw notPublished(bill.status);
    await runInTransaction(this.db, async (tx) => {
      const line = await tx.getRepository(BillLine).findOneBy({ id: lineId, billId });
      if (!line) throw DomainException.notFound('账单明细');
      if (line.kind !== BillLineKind.LateFee) throw DomainException.validation('lineId', '只能减免滞纳金明细');
      const waived = await tx.getRepository(BillLine).update({ id: lineId, waived: false }, { waived: true });
      if (!waived.affected) throw new DomainException(ErrorCode.StateConflict, '该滞纳金已减免', HttpStatus.CONFLICT);
      await settleBills(tx, [billId]);
      const after = await tx.getRepository(Bill).findOneByOrFail({ id: billId });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'bill.waive-late-fee',
        entityType: 'bill',
        entityId: billId,
        companyId: bill.companyId,
        projectId: bill.projectId,
        before: { totalFen: bill.totalFen, lineId, amountFen: line.amountFen },
        after: { totalFen: after.totalFen, contentHash: after.contentHash },
        reason,
      });
    });
    return this.views.detail(await this.db.getRepository(Bill).findOneByOrFail({ id: billId }));
  }
}

function notPublished(status: string): DomainException {
  return new DomainException(ErrorCode.StateConflict, '只有已发布的账单可以作废重开', HttpStatus.CONFLICT, { status });
}
