import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ChargeConfirmation,
  ChargeStatus,
  ErrorCode,
  ICharge,
  IWaiverBudget,
  Permission,
  formatFen,
  shanghaiMonth,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { isUniqueViolation } from '../../database/errors';
import { PropertyDirectory } from '../property/property-directory.service';
import { WaiverBudget } from './charge.entity';
import { ChargeStore } from './charge-store';
import { chargeUnconfirmed } from './charges.service';

/** 免收: project managers only, with a written reason, within a monthly cap per manager (docs/domain.md §4). */
@Injectable()
export class WaiversService {
  constructor(
    private readonly store: ChargeStore,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async waive(principal: Principal, id: number, reason: string): Promise<ICharge> {
    const charge = await this.store.findForStaff(principal, id, Permission.ChargeWaive);
    const text = reason.trim();
    if (!text) throw DomainException.validation('reason', '请填写免收原因');
    if (charge.status !== ChargeStatus.Open)
      throw await this.store.stateConflict(id, undefined, '只有待结算的费用可以免收');
    // An unconfirmed charge is not owed yet; waiving it would spend the cap on money nobody agreed to.
    if (charge.confirmation !== ChargeConfirmation.Confirmed) throw chargeUnconfirmed('免收');
    const { waiverMonthlyCapFen: capFen } = await this.store.rules(charge.companyId);
    const at = now();
    const month = shanghaiMonth(at);
    await this.ensureBudgetRow(principal.userId, month);

    await this.store.transaction(async (tx) => {
      await this.store.transition(tx, charge, ChargeStatus.Open, {
        status: ChargeStatus.Waived,
        waivedBy: principal.userId,
        waivedAt: at,
        waiverReason: text,
      });
      // The cap holds under concurrency because the check and the increment are one statement.
      const result = await tx
        .createQueryBuilder()
        .update(WaiverBudget)
        .set({ usedFen: () => 'used_fen + :amount' })
        .where('user_id = :userId AND month = :month AND used_fen + :amount <= :cap')
        .setParameters({ amount: charge.totalFen, userId: principal.userId, month, cap: capFen })
        .execute();
      if (result.affected !== 1) throw await this.capExceeded(tx, principal.userId, month, capFen, charge.totalFen);
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'charge.waive',
        entityType: 'charge',
        entityId: charge.id,
        companyId: charge.companyId,
        projectId: charge.projectId,
        reason: text,
        before: { status: charge.status, totalFen: charge.totalFen },
        after: { status: ChargeStatus.Waived, waivedFen: charge.totalFen, month },
      });
    });
    return this.store.view(id);
  }

  async budget(principal: Principal): Promise<IWaiverBudget> {
    const month = shanghaiMonth(now());
    const [projectId] = this.access.visibleProjectIds(principal, Permission.ChargeWaive);
    const project = projectId ? await this.property.project(projectId) : null;
    const companyId = project?.companyId ?? principal.companyId;
    if (companyId === null) throw DomainException.notFound('公司');
    const { waiverMonthlyCapFen: capFen } = await this.store.rules(companyId);
    const row = await this.store.db.getRepository(WaiverBudget).findOneBy({ userId: principal.userId, month });
    const usedFen = row?.usedFen ?? 0;
    return { month, capFen, usedFen, remainingFen: Math.max(0, capFen - usedFen) };
  }

  /** Created outside the waiver's transaction so two first-of-the-month waivers cannot deadlock on it. */
  private async ensureBudgetRow(userId: number, month: string): Promise<void> {
    try {
      await this.store.transaction(async (tx) => {
        if (await tx.getRepository(WaiverBudget).existsBy({ userId, month })) return;
        await tx.getRepository(WaiverBudget).insert({ userId, month, usedFen: 0 });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  private async capExceeded(
    tx: EntityManager,
    userId: number,
    month: string,
    capFen: number,
    amountFen: number,
  ): Promise<DomainException> {
    const usedFen = (await tx.getRepository(WaiverBudget).findOneBy({ userId, month }))?.usedFen ?? 0;
    const remainingFen = Math.max(0, capFen - usedFen);
    return new DomainException(
      ErrorCode.WaiverCapExceeded,
      `本月免收额度不足：每月上限 ${formatFen(capFen)}，已用 ${formatFen(usedFen)}，剩余 ${formatFen(remainingFen)}，本笔 ${formatFen(amountFen)}`,
      HttpStatus.UNPROCESSABLE_ENTITY,
      { capFen, usedFen, remainingFen },
    );
  }
}
