import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BillPayState, BillStatus, addMonths, daysInPeriod, type IBill, type IBillDetail } from '@app/shared';
import { PropertyDirectory } from '../property/property-directory.service';
import { Bill, BillLine } from './billing.entity';
import { canonicalLineOrder } from './run/bill-content';

export function payState(bill: Pick<Bill, 'totalFen' | 'paidFen'>): BillPayState {
  if (bill.paidFen >= bill.totalFen) return BillPayState.Paid;
  return bill.paidFen > 0 ? BillPayState.Partial : BillPayState.Unpaid;
}

/** Bills are due by the last day of the month after their period (docs/billing.md). */
export function dueDate(period: string): string {
  const next = addMonths(period, 1);
  return `${next}-${String(daysInPeriod(next)).padStart(2, '0')}`;
}

interface Owed {
  billId: number;
  houseId: number;
  period: string;
  owedFen: number;
}

/**
 * Bills as staff and residents read them. Arrears are computed on read — the unpaid rest of the house's
 * EARLIER published bills — and shown beside the bill, never added to its total (no double counting).
 */
@Injectable()
export class BillViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly property: PropertyDirectory,
  ) {}

  async summaries(bills: Bill[]): Promise<IBill[]> {
    const labels = await this.property.houseLabels(bills.map((b) => b.houseId));
    const owed = await this.owedByHouse(bills.map((b) => b.houseId));
    return bills.map((b) => ({
      id: b.id,
      projectId: b.projectId,
      houseId: b.houseId,
      houseLabel: labels.get(b.houseId)?.label ?? '',
      period: b.period,
      status: b.status,
      payState: payState(b),
      totalFen: b.totalFen,
      paidFen: b.paidFen,
      arrearsFen: this.arrearsBefore(owed.get(b.houseId) ?? [], b).reduce((sum, o) => sum + o.owedFen, 0),
      publishedAt: b.publishedAt?.toISOString() ?? null,
      dueDate: dueDate(b.period),
    }));
  }

  async detail(bill: Bill): Promise<IBillDetail> {
    const [summary] = await this.summaries([bill]);
    const lines = (await this.db.getRepository(BillLine).findBy({ billId: bill.id })).sort(canonicalLineOrder);
    const owed = (await this.owedByHouse([bill.houseId])).get(bill.houseId) ?? [];
    return {
      ...summary,
      lines: lines.map((l) => ({
        id: l.id,
        kind: l.kind,
        itemCode: l.itemCode,
        name: l.name,
        quantityText: l.quantityText,
        unitPriceFen: l.unitPriceFen,
        amountFen: l.amountFen,
        chargeId: l.chargeId,
        ticketId: l.ticketId,
        ticketSerial: l.ticketSerial,
        waived: Boolean(l.waived),
      })),
      arrears: this.arrearsBefore(owed, bill).map((o) => ({ billId: o.billId, period: o.period, owedFen: o.owedFen })),
      contentHash: bill.contentHash,
    };
  }

  /** Published bills with an unpaid rest; a voided bill owes nothing (its reissue does). */
  private async owedByHouse(houseIds: number[]): Promise<Map<number, Owed[]>> {
    const ids = [...new Set(houseIds)];
    const result = new Map<number, Owed[]>();
    if (!ids.length) return result;
    const rows = await this.db
      .getRepository(Bill)
      .createQueryBuilder('b')
      .select(['b.id', 'b.houseId', 'b.period', 'b.totalFen', 'b.paidFen'])
      .where({ houseId: In(ids), status: BillStatus.Published })
      .andWhere('b.total_fen > b.paid_fen')
      .orderBy('b.period', 'ASC')
      .getMany();
    for (const b of rows) {
      const list = result.get(b.houseId) ?? [];
      list.push({ billId: b.id, houseId: b.houseId, period: b.period, owedFen: b.totalFen - b.paidFen });
      result.set(b.houseId, list);
    }
    return result;
  }

  private arrearsBefore(owed: Owed[], bill: Pick<Bill, 'period'>): Owed[] {
    return owed.filter((o) => o.period < bill.period);
  }
}
