import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { ChargeConfirmation, ChargeStatus, ErrorCode, PaymentMethod } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { Charge } from './charge.entity';

/** A charge the payments module may settle: open, confirmed, not on a bill, not cash-on-site. */
export interface PayableCharge {
  id: number;
  companyId: number;
  projectId: number;
  houseId: number;
  ticketSerial: string | null;
  totalFen: number;
  paidFen: number;
  postedAt: Date;
}

/** Methods whose charges can be paid through payments (a cash-on-site charge goes through the technician). */
const PAYABLE_METHODS = [PaymentMethod.PayNow, PaymentMethod.Bill];

/**
 * The charge side of payments (docs/payments.md "Settling a charge"). Every change is one conditional UPDATE
 * inside the caller's transaction, so two payments racing for the same charge cannot both land: the loser
 * affects 0 rows and answers 409 with the charge's current state.
 */
@Injectable()
export class ChargeSettlement {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Open, confirmed charges of a house not claimed by a bill (pay now / not yet billed), oldest first. */
  async payableOfHouse(houseId: number, tx: EntityManager = this.db.manager): Promise<PayableCharge[]> {
    const rows = await tx.getRepository(Charge).find({
      where: {
        houseId,
        status: ChargeStatus.Open,
        confirmation: ChargeConfirmation.Confirmed,
        billedPeriod: IsNull(),
        paymentMethod: In(PAYABLE_METHODS),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toPayable);
  }

  /** The given charges if they are payable (anything else is left out). */
  async payable(ids: readonly number[], tx: EntityManager = this.db.manager): Promise<PayableCharge[]> {
    if (!ids.length) return [];
    const rows = await tx.getRepository(Charge).find({
      where: {
        id: In([...ids]),
        status: ChargeStatus.Open,
        confirmation: ChargeConfirmation.Confirmed,
        billedPeriod: IsNull(),
        paymentMethod: In(PAYABLE_METHODS),
      },
    });
    return rows.map(toPayable);
  }

  /** Any charge's amounts (for views and refunds), whatever its state. */
  async amounts(
    ids: readonly number[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<number, { totalFen: number; paidFen: number; status: ChargeStatus; ticketSerial: string | null }>> {
    if (!ids.length) return new Map();
    const rows = await tx.getRepository(Charge).find({
      select: { id: true, totalFen: true, paidFen: true, status: true, ticketSerial: true },
      where: { id: In([...ids]) },
    });
    return new Map(
      rows.map((c) => [
        c.id,
        { totalFen: c.totalFen, paidFen: c.paidFen, status: c.status, ticketSerial: c.ticketSerial },
      ]),
    );
  }

  /**
   * Adds `fen` to what the charge has been paid; it becomes 'paid' (with paid_at) when that reaches its total.
   * The status/paid_at assignments read paid_fen before it changes: MySQL applies SET left to right with the
   * new values, SQLite with the old ones, so paid_fen is assigned last and both engines agree.
   */
  async applyPaid(tx: EntityManager, chargeId: number, fen: number): Promise<void> {
    if (!Number.isSafeInteger(fen) || fen <= 0) throw new RangeError(`fen must be a positive integer, got ${fen}`);
    const result = await tx
      .createQueryBuilder()
      .update(Charge)
      .set({
        status: () => `CASE WHEN paid_fen + ${fen} >= total_fen THEN '${ChargeStatus.Paid}' ELSE status END`,
        paidAt: () => `CASE WHEN paid_fen + ${fen} >= total_fen THEN :at ELSE paid_at END`,
        updatedAt: now(),
        version: () => 'version + 1',
        paidFen: () => `paid_fen + ${fen}`,
      })
      .setParameter('at', now())
      .where(
        'id = :id AND status = :open AND confirmation = :confirmed AND billed_period IS NULL AND paid_fen + :fen <= total_fen',
        {
          id: chargeId,
          open: ChargeStatus.Open,
          confirmed: ChargeConfirmation.Confirmed,
          fen,
        },
      )
      .andWhere('payment_method IN (:...methods)', { methods: PAYABLE_METHODS })
      .execute();
    if (result.affected !== 1) throw await this.conflict(tx, chargeId);
  }

  /** A succeeded refund takes `fen` back: the charge is open again with that balance. */
  async reversePaid(tx: EntityManager, chargeId: number, fen: number): Promise<void> {
    if (!Number.isSafeInteger(fen) || fen <= 0) throw new RangeError(`fen must be a positive integer, got ${fen}`);
    const result = await tx
      .createQueryBuilder()
      .update(Charge)
      .set({
        status: ChargeStatus.Open,
        paidAt: null,
        updatedAt: now(),
        version: () => 'version + 1',
        paidFen: () => `paid_fen - ${fen}`,
      })
      .where('id = :id AND status IN (:...states) AND paid_fen >= :fen', {
        id: chargeId,
        states: [ChargeStatus.Open, ChargeStatus.Paid],
        fen,
      })
      .execute();
    if (result.affected !== 1) throw await this.conflict(tx, chargeId);
  }

  private async conflict(tx: EntityManager, chargeId: number): Promise<DomainException> {
    const c = await tx.getRepository(Charge).findOneBy({ id: chargeId });
    return new DomainException(
      ErrorCode.StateConflict,
      '费用状态已变化（可能已付清或已入账单），请刷新后重试',
      HttpStatus.CONFLICT,
      {
        current: c
          ? {
              kind: 'charge',
              id: c.id,
              status: c.status,
              totalFen: c.totalFen,
              paidFen: c.paidFen,
              billedPeriod: c.billedPeriod,
            }
          : null,
      },
    );
  }
}

const toPayable = (c: Charge): PayableCharge => ({
  id: c.id,
  companyId: c.companyId,
  projectId: c.projectId,
  houseId: c.houseId as number,
  ticketSerial: c.ticketSerial,
  totalFen: c.totalFen,
  paidFen: c.paidFen,
  postedAt: c.createdAt,
});
