import { BillLine } from '../billing.entity';
import { contentHash } from './bill-content';

const line = (over: Partial<BillLine>): BillLine =>
  Object.assign(new BillLine(), {
    id: 1,
    billId: 1,
    houseId: 7,
    period: '2026-11',
    kind: 'property_fee',
    itemCode: 'WY',
    name: '物业服务费',
    quantityText: '89.51 ㎡',
    unitPriceFen: 235,
    amountFen: 21035,
    chargeId: null,
    billedChargeId: null,
    ticketId: null,
    ticketSerial: null,
    waived: false,
    sortOrder: 100_000,
    ...over,
  });

describe('bill content hash (R4)', () => {
  const lines = [
    line({}),
    line({
      id: 2,
      kind: 'charge',
      itemCode: null,
      name: '特约服务：马桶疏通（GD-202611-0012）',
      chargeId: 9,
      billedChargeId: 9,
      amountFen: 10000,
      sortOrder: 700_000,
    }),
  ];
  const bill = { houseId: 7, period: '2026-11', totalFen: 31035 };

  it('does not depend on line ids, bill ids, insertion order or the billed-charge link', () => {
    const shuffled = [lines[1], lines[0]].map(
      (l, i) => ({ ...l, id: 100 + i, billId: 55, billedChargeId: null }) as BillLine,
    );
    expect(contentHash(bill, shuffled)).toBe(contentHash(bill, lines));
  });

  it('changes with any amount, name, waiver or the total', () => {
    const base = contentHash(bill, lines);
    expect(contentHash(bill, [line({ amountFen: 21036 }), lines[1]])).not.toBe(base);
    expect(contentHash(bill, [line({ name: '物业费' }), lines[1]])).not.toBe(base);
    expect(contentHash(bill, [line({ waived: true }), lines[1]])).not.toBe(base);
    expect(contentHash({ ...bill, totalFen: 31036 }, lines)).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
