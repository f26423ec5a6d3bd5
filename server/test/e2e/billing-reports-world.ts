import { addMonths, BillLineKind, BillStatus } from '@app/shared';
import { addHouses } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { seedBill } from './billing-reports-helpers';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

export interface ReportsWorld {
  w: TicketWorld;
  houseA: number;
  houseB: number;
  houseC: number;
  houseD: number;
  billACurrent: number;
  building2: { buildingId: number; unitId: number; houseIds: number[] };
}

/**
 * The bills of the billing-reports specs, for the month `cur`: house A (residentA) owes p(4) in full, p(3) in part
 * and `cur` (property fee, a paid-service line, a waived late fee); B (residentB) paid `cur`; in building 2, C owes
 * p(2) (its voided revision 0 does not count) and D has only a draft. Nobody is bound to C or D.
 */
export async function seedReportsWorld(t: TestApp, cur: string): Promise<ReportsWorld> {
  const p = (back: number) => addMonths(cur, -back);
  const w = await makeTicketWorld(t, 1);
  const { companyId, projectId, buildingId, unitId, houseIds } = w.tenant;
  const building2 = await addHouses(t.db, projectId, '2栋', '1单元', 2);
  const [houseA, houseB] = houseIds; // residentA lives in A, residentB in B
  const [houseC, houseD] = building2.houseIds; // nobody bound to C or D
  const fee = (amountFen: number) => ({
    kind: BillLineKind.PropertyFee,
    name: '物业服务费',
    quantityText: '89.51 ㎡',
    unitPriceFen: 250,
    amountFen,
  });
  const inA = { houseId: houseA, buildingId, unitId };
  await seedBill(t.db, companyId, projectId, { ...inA, period: p(4), lines: [fee(10000)] });
  await seedBill(t.db, companyId, projectId, { ...inA, period: p(3), paidFen: 2000, lines: [fee(12000)] });
  const billACurrent = await seedBill(t.db, companyId, projectId, {
    ...inA,
    period: cur,
    lines: [
      fee(12345),
      {
        kind: BillLineKind.Charge,
        name: '水龙头更换',
        quantityText: '1 次',
        unitPriceFen: null,
        amountFen: 2655,
        ticketSerial: 'BX-261201-0007',
      },
      {
        kind: BillLineKind.LateFee,
        name: '滞纳金',
        quantityText: '30 天',
        unitPriceFen: null,
        amountFen: 150,
        waived: true,
      },
    ],
  });
  await seedBill(t.db, companyId, projectId, {
    houseId: houseB,
    buildingId,
    unitId,
    period: cur,
    paidFen: 8000,
    lines: [fee(8000)],
  });
  const inC = { houseId: houseC, buildingId: building2.buildingId, unitId: building2.unitId };
  await seedBill(t.db, companyId, projectId, { ...inC, period: p(2), status: BillStatus.Void, lines: [fee(7000)] });
  await seedBill(t.db, companyId, projectId, { ...inC, period: p(2), revision: 1, lines: [fee(5000)] });
  await seedBill(t.db, companyId, projectId, {
    houseId: houseD,
    buildingId: building2.buildingId,
    unitId: building2.unitId,
    period: cur,
    status: BillStatus.Draft,
    lines: [fee(9999)],
  });
  return { w, houseA, houseB, houseC, houseD, billACurrent, building2 };
}
