import { Injectable } from '@nestjs/common';
import { addMonths, ICollectionRate, ICollectionRateRow, Permission } from '@app/shared';
import type { Principal } from '../../../common/principal';
import { AccessService } from '../../identity/access.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillLedger, Sums } from './bill-ledger';

/**
 * Rounded down, so 99.996 % never shows as 100 % while something is still owed. Basis points of integer fen
 * sums: exact integer arithmetic (both sums stay far below 2^53 / 10,000).
 */
export function rateBp(s: Sums): number | null {
  return s.billedFen > 0 ? Math.floor((s.receivedFen * 10_000) / s.billedFen) : null;
}

const row = (key: string, s: Sums): ICollectionRateRow => ({
  key,
  billedFen: s.billedFen,
  receivedFen: s.receivedFen,
  rateBp: rateBp(s),
});

/**
 * 收缴率 of a project month. Billed = published bills' totals; received = their paid_fen (payments arrive
 * with the payments issue, so received is 0 until bills.paid_fen is set). Current = bills of the period;
 * arrears = published bills of earlier periods that are still owing (until payments carry dates, "open at
 * the start of the period" is read as "not fully paid now"); the chart = the last 12 periods' own bills.
 */
@Injectable()
export class CollectionRateService {
  constructor(
    private readonly ledger: BillLedger,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
  ) {}

  async rate(principal: Principal, projectId: number, period: string): Promise<ICollectionRate> {
    this.access.assertProject(principal, projectId, Permission.BillingView);
    const first = addMonths(period, -11);
    const [current, arrears, months] = await Promise.all([
      this.ledger.periodSums(projectId, period),
      this.ledger.arrearsSums(projectId, period),
      this.ledger.monthlySums(projectId, first, period),
    ]);
    const names = await this.property.buildingNames(current.byBuilding.map((b) => b.buildingId));
    const byMonth = Array.from({ length: 12 }, (_, i) => addMonths(first, i)).map((p) =>
      row(p, months.get(p) ?? { billedFen: 0, receivedFen: 0 }),
    );
    return {
      projectId,
      period,
      current: row(period, current.total),
      arrears: row('往期欠费', arrears),
      byBuilding: current.byBuilding.map((b) => row(names.get(b.buildingId) ?? `#${b.buildingId}`, b)),
      byMonth,
    };
  }
}
