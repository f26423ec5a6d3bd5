import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BillLineKind, BillStatus, addMonths, type IBillRunCheck } from '@app/shared';
import { ChargeBilling } from '../../charges/charge-billing.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { Bill, BillLine } from '../billing.entity';
import { billCutoff } from './bill-run.engine';

/** Adds findings another part of billing knows about (meters: houses without this month's readings). */
export type BillCheckContributor = (
  projectId: number,
  period: string,
) => Promise<Pick<IBillRunCheck, 'missingReadings'>>;

/** "Unusual": the amount moved by more than half of last month's and by at least 50 yuan. */
const UNUSUAL_MIN_FEN = 5000;

/** The finance check summary of a run (IBillRunCheck), computed from the live bills of the month. */
@Injectable()
export class BillRunChecks {
  private readonly contributors: BillCheckContributor[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly property: PropertyDirectory,
    private readonly charges: ChargeBilling,
  ) {}

  register(contributor: BillCheckContributor): void {
    this.contributors.push(contributor);
  }

  async compute(projectId: number, period: string): Promise<IBillRunCheck> {
    const current = await this.totals(projectId, period);
    const previousPeriod = addMonths(period, -1);
    const previous = await this.totals(projectId, previousPeriod);
    const charge = await this.db
      .getRepository(BillLine)
      .createQueryBuilder('l')
      .innerJoin(Bill, 'b', 'b.id = l.bill_id')
      .select('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(l.amount_fen), 0)', 'fen')
      .where('b.project_id = :projectId AND b.period = :period AND b.status <> :void AND l.kind = :charge', {
        projectId,
        period,
        void: BillStatus.Void,
        charge: BillLineKind.Charge,
      })
      .getRawOne<{ n: number; fen: number }>();
    const unconfirmed = await this.charges.unconfirmedBefore(projectId, billCutoff(period));
    const unusual: { houseId: number; previousFen: number; currentFen: number }[] = [];
    if (previous.bills.size) {
      for (const [houseId, currentFen] of current.bills) {
        const previousFen = previous.bills.get(houseId);
        if (previousFen === undefined) continue;
        const change = Math.abs(currentFen - previousFen);
        if (change >= UNUSUAL_MIN_FEN && change * 2 > Math.abs(previousFen))
          unusual.push({ houseId, previousFen, currentFen });
      }
    }
    const labels = await this.property.houseLabels([
      ...unconfirmed.map((c) => c.houseId),
      ...unusual.map((u) => u.houseId),
    ]);
    const label = (houseId: number) => labels.get(houseId)?.label ?? `#${houseId}`;
    const missingReadings: IBillRunCheck['missingReadings'] = [];
    for (const contributor of this.contributors)
      missingReadings.push(...(await contributor(projectId, period)).missingReadings);
    return {
      billCount: current.bills.size,
      totalFen: current.totalFen,
      previousBillCount: previous.bills.size ? previous.bills.size : null,
      previousTotalFen: previous.bills.size ? previous.totalFen : null,
      chargeCount: Number(charge?.n ?? 0),
      chargeTotalFen: Number(charge?.fen ?? 0),
      unconfirmedCharges: unconfirmed.map((c) => ({
        chargeId: c.chargeId,
        houseLabel: label(c.houseId),
        ticketSerial: c.ticketSerial,
        totalFen: c.totalFen,
      })),
      unusual: unusual.map((u) => ({ ...u, houseLabel: label(u.houseId) })),
      missingReadings,
    };
  }

  private async totals(projectId: number, period: string): Promise<{ bills: Map<number, number>; totalFen: number }> {
    const rows = await this.db
      .getRepository(Bill)
      .createQueryBuilder('b')
      .select(['b.houseId', 'b.totalFen'])
      .where('b.project_id = :projectId AND b.period = :period AND b.status <> :void', {
        projectId,
        period,
        void: BillStatus.Void,
      })
      .getMany();
    return {
      bills: new Map(rows.map((b) => [b.houseId, b.totalFen])),
      totalFen: rows.reduce((sum, b) => sum + b.totalFen, 0),
    };
  }
}
