import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChargeConfirmation, ChargeStatus, PaymentMethod } from '@app/shared';
import { now } from '../../common/time';
import { Charge } from './charge.entity';
import { ChargeStore } from './charge-store';

/** A SELECT over charges' own table for the billing module's INSERT … SELECT (the table stays ours). */
export interface ChargeSelect {
  sql: string;
  params: unknown[];
}

export interface BillClaim {
  projectId: number;
  period: string;
  /** Charges created before this instant belong to `period` or earlier (first instant of the next month). */
  cutoff: Date;
  houseIdFrom: number;
  houseIdTo: number;
}

/** Engine-neutral DATETIME(3) text in UTC: positional raw parameters are not converted by the SQLite driver. */
export const sqlInstant = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * What the monthly bill run may do with paid-service charges (docs/billing.md "Charges on a bill"):
 * only open, confirmed charges the resident chose to put on the bill are claimed, once, by one month.
 */
@Injectable()
export class ChargeBilling {
  constructor(private readonly store: ChargeStore) {}

  /**
   * Marks the batch's billable charges billed for `period` in ONE set-based UPDATE inside the caller's
   * transaction; `billed_period IS NULL` makes a second claim (rerun, concurrent run) a no-op.
   */
  async claimChargesForBill(tx: EntityManager, claim: BillClaim): Promise<number> {
    const result = await tx
      .createQueryBuilder()
      .update(Charge)
      .set({ status: ChargeStatus.Billed, billedPeriod: claim.period, updatedAt: now(), version: () => 'version + 1' })
      .where('project_id = :projectId AND house_id BETWEEN :from AND :to', {
        projectId: claim.projectId,
        from: claim.houseIdFrom,
        to: claim.houseIdTo,
      })
      .andWhere('status = :open AND payment_method = :bill AND confirmation = :confirmed', {
        open: ChargeStatus.Open,
        bill: PaymentMethod.Bill,
        confirmed: ChargeConfirmation.Confirmed,
      })
      // A charge partly paid through payments (pay now / cashier) is settled there, never put on a bill.
      .andWhere('created_at < :cutoff AND billed_period IS NULL AND paid_fen = 0', { cutoff: claim.cutoff })
      .execute();
    return result.affected ?? 0;
  }

  /**
   * Charges billed in `period` for a project's house range: charge_id, house_id, ticket_id, ticket_serial, total_fen,
   * and what was done — `first_item` (the name of the charge's first schedule item, i.e. labour line, in line
   * order; NULL when it has none) and `item_count` (how many schedule items it has). Correlated subqueries, not
   * GROUP_CONCAT/STRING_AGG, so the statement reads the same on SQLite and MySQL and stays one set-based SELECT.
   */
  billedChargesSelect(period: string, projectId: number, range?: { from: number; to: number }): ChargeSelect {
    const labour = "l.charge_id = c.id AND l.kind = 'labour'";
    const sql =
      'SELECT c.id AS charge_id, c.house_id AS house_id, c.ticket_id AS ticket_id, c.ticket_serial AS ticket_serial, c.total_fen AS total_fen,' +
      ` (SELECT l.name FROM charge_lines l WHERE ${labour} ORDER BY l.sort_order, l.id LIMIT 1) AS first_item,` +
      ` (SELECT COUNT(*) FROM charge_lines l WHERE ${labour}) AS item_count` +
      ' FROM charges c WHERE c.project_id = ? AND c.billed_period = ?' +
      (range ? ' AND c.house_id BETWEEN ? AND ?' : '');
    return { sql, params: range ? [projectId, period, range.from, range.to] : [projectId, period] };
  }

  /** Open charges still waiting for the resident's confirmation before the cut-off: listed for finance, never billed. */
  async unconfirmedBefore(
    projectId: number,
    cutoff: Date,
  ): Promise<{ chargeId: number; houseId: number; ticketSerial: string | null; totalFen: number }[]> {
    const rows = await this.store.db
      .getRepository(Charge)
      .createQueryBuilder('c')
      .select(['c.id', 'c.houseId', 'c.ticketSerial', 'c.totalFen'])
      .where(
        'c.project_id = :projectId AND c.status = :open AND c.confirmation = :unconfirmed AND c.created_at < :cutoff',
        {
          projectId,
          open: ChargeStatus.Open,
          unconfirmed: ChargeConfirmation.Unconfirmed,
          cutoff,
        },
      )
      .andWhere('c.house_id IS NOT NULL')
      .orderBy('c.id', 'ASC')
      .getMany();
    return rows.map((c) => ({
      chargeId: c.id,
      houseId: c.houseId as number,
      ticketSerial: c.ticketSerial,
      totalFen: c.totalFen,
    }));
  }
}
