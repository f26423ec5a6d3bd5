import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import {
  ChargeConfirmation,
  ChargeStatus,
  ErrorCode,
  ICashHandover,
  ICashOutstanding,
  ICharge,
  PaymentMethod,
  Permission,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { UserDirectory } from '../identity/user-directory.service';
import { CashHandover, Charge } from './charge.entity';
import { ChargeStore } from './charge-store';
import { cashLimitExceeded, chargeUnconfirmed } from './charges.service';
import { CashHandoverDto } from './dto/cash.dto';

/** Cash on site (≤ the company's cash limit) and its hand-over to the cashier (docs/domain.md §4). */
@Injectable()
export class CashService {
  constructor(
    private readonly store: ChargeStore,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly users: UserDirectory,
  ) {}

  /**
   * The technician records 已收讫; the cash then sits on their outstanding list. Only on a charge the resident
   * confirmed and chose to pay in cash (in the app, or by phone to the customer manager): a technician alone
   * never turns a charge into cash in hand.
   */
  async collect(principal: Principal, id: number): Promise<ICharge> {
    const charge = await this.store.findForStaff(principal, id, Permission.CashCollect);
    // Only the technician who did the job takes the resident's cash.
    if (!(await this.store.isTechniciansJob(principal.userId, charge))) throw DomainException.notFound('费用');
    if (charge.confirmation !== ChargeConfirmation.Confirmed) throw chargeUnconfirmed('收取现金');
    const { cashLimitFen } = await this.store.rules(charge.companyId);
    if (charge.totalFen > cashLimitFen) throw cashLimitExceeded(charge.totalFen, cashLimitFen);
    if (charge.status === ChargeStatus.Open && charge.paymentMethod !== PaymentMethod.Cash) {
      throw new DomainException(
        ErrorCode.CashNotChosen,
        '业主尚未选择现场现金支付：须业主在小程序选择“现场现金”，或客户经理记录业主的电话确认后才能登记收讫',
        HttpStatus.CONFLICT,
        { paymentMethod: charge.paymentMethod },
      );
    }
    const at = now();
    await this.store.transaction(async (tx) => {
      // The version check also catches a concurrent switch back to the bill after the choice was read.
      await this.store.transition(tx, charge, ChargeStatus.Open, {
        status: ChargeStatus.CashCollected,
        paymentMethod: PaymentMethod.Cash,
        cashCollectedBy: principal.userId,
        cashCollectedAt: at,
      });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'charge.cash_collect',
        entityType: 'charge',
        entityId: charge.id,
        companyId: charge.companyId,
        projectId: charge.projectId,
        before: { status: charge.status, paymentMethod: charge.paymentMethod },
        after: { status: ChargeStatus.CashCollected, paymentMethod: PaymentMethod.Cash, amountFen: charge.totalFen },
      });
    });
    return this.store.view(id);
  }

  /** The customer manager records the resident's phone choice of cash on site, standing in for the app choice. */
  async chooseCashByPhone(principal: Principal, id: number, note: string): Promise<ICharge> {
    const charge = await this.store.findForStaff(principal, id, Permission.ChargePhoneConfirm);
    if (charge.confirmation !== ChargeConfirmation.Confirmed)
      throw chargeUnconfirmed('选择现金支付（请先记录费用的电话确认）');
    if (charge.status !== ChargeStatus.Open)
      throw await this.store.stateConflict(id, undefined, '该费用已结算，不能再更改支付方式');
    const { cashLimitFen } = await this.store.rules(charge.companyId);
    if (charge.totalFen > cashLimitFen) throw cashLimitExceeded(charge.totalFen, cashLimitFen);
    await this.store.transaction(async (tx) => {
      await this.store.transition(tx, charge, ChargeStatus.Open, { paymentMethod: PaymentMethod.Cash });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'charge.payment_method',
        entityType: 'charge',
        entityId: charge.id,
        reason: note,
        companyId: charge.companyId,
        projectId: charge.projectId,
        before: { paymentMethod: charge.paymentMethod },
        after: { paymentMethod: PaymentMethod.Cash, via: 'phone_by_customer_manager' },
      });
    });
    return this.store.view(id);
  }

  /** The resident confirms they paid the technician; repeating it changes nothing. */
  async confirm(principal: Principal, id: number): Promise<ICharge> {
    const charge = await this.store.findForResident(principal, id);
    if (charge.residentConfirmedAt) return this.store.view(id);
    await this.store.transaction(async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .update(Charge)
        .set({ residentConfirmedAt: now(), version: () => 'version + 1', updatedAt: now() })
        .where('id = :id AND cash_collected_at IS NOT NULL AND resident_confirmed_at IS NULL', { id })
        .execute();
      if (result.affected !== 1) throw await this.store.stateConflict(id, tx, '师傅尚未登记现金收讫，无法确认');
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'charge.cash_confirm',
        entityType: 'charge',
        entityId: id,
        companyId: charge.companyId,
        projectId: charge.projectId,
        after: { residentConfirmed: true, amountFen: charge.totalFen },
      });
    });
    return this.store.view(id);
  }

  async outstanding(principal: Principal, projectId?: number): Promise<ICashOutstanding> {
    if (projectId) this.access.assertProject(principal, projectId, Permission.CashView);
    const projectIds = projectId ? [projectId] : this.access.visibleProjectIds(principal, Permission.CashView);
    if (!projectIds.length) return { totalFen: 0, entries: [] };
    return this.outstandingWhere({ projectId: In(projectIds) });
  }

  /** What the calling technician still has to hand over. */
  mine(principal: Principal): Promise<ICashOutstanding> {
    return this.outstandingWhere({ cashCollectedBy: principal.userId });
  }

  private async outstandingWhere(where: Record<string, unknown>): Promise<ICashOutstanding> {
    const rows = await this.store.db.getRepository(Charge).find({
      where: { ...where, status: ChargeStatus.CashCollected, handoverId: IsNull() },
      order: { cashCollectedAt: 'ASC', id: 'ASC' },
    });
    const techIds = [...new Set(rows.map((r) => r.cashCollectedBy).filter((v): v is number => v !== null))];
    const techs = await this.users.people(techIds);
    const labels = await this.store.houseLabels(rows.map((r) => r.houseId));
    const entries = rows.map((r) => ({
      chargeId: r.id,
      technicianId: r.cashCollectedBy!,
      technicianName: techs.get(r.cashCollectedBy!)?.name ?? '',
      projectId: r.projectId,
      houseLabel: r.houseId === null ? null : (labels.get(r.houseId) ?? null),
      ticketSerial: r.ticketSerial,
      amountFen: r.totalFen,
      collectedAt: r.cashCollectedAt!.toISOString(),
      residentConfirmed: r.residentConfirmedAt !== null,
    }));
    return { totalFen: entries.reduce((sum, e) => sum + e.amountFen, 0), entries };
  }

  /**
   * The cashier counts the technician's cash and confirms receipt of exactly these charges. All or
   * nothing: any charge not (or no longer) held by that technician fails the whole hand-over with 409.
   */
  async handover(principal: Principal, dto: CashHandoverDto): Promise<ICashHandover> {
    const charges = await this.store.db.getRepository(Charge).findBy({ id: In(dto.chargeIds) });
    const covered = charges.filter((c) => this.access.canActOnProject(principal, c.projectId, Permission.CashHandover));
    if (covered.length !== dto.chargeIds.length) throw DomainException.notFound('费用');
    const projectIds = new Set(charges.map((c) => c.projectId));
    if (projectIds.size > 1) throw DomainException.validation('chargeIds', '一次交款只能包含同一项目的现金');
    const mismatched = charges.filter((c) => !this.heldBy(c, dto.technicianId));
    if (mismatched.length) throw await this.handoverConflict(mismatched);

    const at = now();
    const totalFen = charges.reduce((sum, c) => sum + c.totalFen, 0);
    const { companyId, projectId } = charges[0];
    const handoverId = await this.store.transaction(async (tx) => {
      const id = Number(
        (
          await tx.getRepository(CashHandover).insert({
            companyId,
            projectId,
            technicianId: dto.technicianId,
            cashierId: principal.userId,
            totalFen,
            chargeCount: charges.length,
            at,
          })
        ).identifiers[0].id,
      );
      for (const charge of charges) {
        await this.markHandedOver(tx, charge, id, dto.technicianId, at);
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'cash.handover',
          entityType: 'charge',
          entityId: charge.id,
          companyId,
          projectId,
          before: { status: ChargeStatus.CashCollected, cashCollectedBy: dto.technicianId },
          after: { status: ChargeStatus.Paid, handoverId: id, amountFen: charge.totalFen },
        });
      }
      return id;
    });
    return {
      id: handoverId,
      technicianId: dto.technicianId,
      cashierId: principal.userId,
      totalFen,
      chargeIds: charges.map((c) => c.id),
      at: at.toISOString(),
    };
  }

  private heldBy(charge: Charge, technicianId: number): boolean {
    return (
      charge.status === ChargeStatus.CashCollected &&
      charge.cashCollectedBy === technicianId &&
      charge.handoverId === null
    );
  }

  private async markHandedOver(
    tx: EntityManager,
    charge: Charge,
    handoverId: number,
    technicianId: number,
    at: Date,
  ): Promise<void> {
    const result = await tx
      .createQueryBuilder()
      .update(Charge)
      .set({
        status: ChargeStatus.Paid,
        handoverId,
        handedOverAt: at,
        paidAt: at,
        version: () => 'version + 1',
        updatedAt: at,
      })
      .where('id = :id AND status = :held AND cash_collected_by = :tech AND handover_id IS NULL', {
        id: charge.id,
        held: ChargeStatus.CashCollected,
        tech: technicianId,
      })
      .execute();
    if (result.affected !== 1) throw await this.handoverConflict([charge], tx);
  }

  private async handoverConflict(charges: Charge[], tx?: EntityManager): Promise<DomainException> {
    const current = await (tx ?? this.store.db.manager)
      .getRepository(Charge)
      .findBy({ id: In(charges.map((c) => c.id)) });
    return new DomainException(
      ErrorCode.StateConflict,
      '部分费用不在该师傅的待交现金中（可能已交款或状态已变化），本次交款未记录',
      HttpStatus.CONFLICT,
      { current: await this.store.views(current, tx) },
    );
  }
}
