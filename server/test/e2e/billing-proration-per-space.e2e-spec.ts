import { IBillDetail, Role, areaFeeFen, billableDays, prorateFen, proratedLineName, quantityFeeFen } from '@app/shared';
import { Bill } from '../../src/modules/billing/billing.entity';
import { House } from '../../src/modules/property/building.entity';
import { makeTenant, Tenant } from '../support/factories';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { runBills, setStandardItems, staffToken } from './billing-helpers';

/**
 * 计费起始日 and 按数量 (per_space) items (docs/billing.md "Proration"): prorated in the start month exactly like
 * 物业服务费 (quantityFeeFen of the whole month, then prorateFen, each half up), set-based in SQL; a house whose
 * billing starts after the month gets no recurring line at all (area, fixed, per_space), while 公摊 still splits
 * the month's actual total over every house.
 */
describe('billing: per-space lines prorated by 计费起始日', () => {
  let t: TestApp;
  let x: Tenant;
  let finance: string;
  const november = '2026-11';
  // house index → [计费起始日, quantity (thousandths), quantity text]
  const cases: [string | null, number, string][] = [
    ['2026-11-15', 1375, '1.375 个'],
    ['2026-12-03', 2000, '2 个'],
    [null, 2000, '2 个'],
    ['2026-11-01', 500, '0.5 个'],
    ['2026-11-30', 12_340, '12.34 个'],
    ['2026-10-20', 3001, '3.001 个'],
  ];
  const price = 8005; // 80.05 元/个·月: odd, so the halves are real

  beforeAll(async () => {
    t = await bootTestApp();
    x = await makeTenant(t.db, cases.length);
    finance = await staffToken(t, Role.Finance, x.projectId);
    await setStandardItems(t, finance, x.projectId);
    const item = (body: Record<string, unknown>) =>
      t
        .http()
        .post('/api/billing/items')
        .set(bearer(finance))
        .send({ projectId: x.projectId, houseType: null, effectiveFrom: '2026-01', ...body })
        .expect(201);
    await item({ code: 'CW', name: '车位管理费', kind: 'per_space', unitPrice: '80.05', unit: '元/个·月' });
    await item({
      code: 'GT',
      name: '公区电费分摊',
      kind: 'shared',
      unitPrice: '0',
      unit: '元/月',
      sharedSplit: 'house',
    });
    for (const [i, [start, milli]] of cases.entries()) {
      const houseId = x.houseIds[i];
      await t.db.getRepository(House).update({ id: houseId }, { billingStartDate: start, areaHundredths: 8951 + i });
      await t
        .http()
        .put('/api/billing/house-quantities')
        .set(bearer(finance))
        .send({ itemCode: 'CW', houseId, quantity: milli / 1000 })
        .expect(204);
    }
    await t
      .http()
      .put('/api/billing/shared-amounts')
      .set(bearer(finance))
      .send({ projectId: x.projectId, itemCode: 'GT', period: november, amount: '60.00' })
      .expect(204);
  });
  afterAll(() => t.close());

  const billOf = async (houseId: number) => {
    const bill = await t.db.getRepository(Bill).findOneByOrFail({ period: november, houseId });
    return (await t.http().get(`/api/billing/bills/${bill.id}`).set(bearer(finance)).expect(200)).body as IBillDetail;
  };

  it('every per-space line equals prorateFen(quantityFeeFen(…)) to the fen, named and counted like the shared functions', async () => {
    expect((await runBills(t, finance, x.projectId, november)).status).toBe('draft');
    for (const [i, [start, milli, text]] of cases.entries()) {
      const bill = await billOf(x.houseIds[i]);
      const days = billableDays(november, start);
      const perSpace = bill.lines.filter((l) => l.kind === 'per_space');
      if (days === 0) {
        expect(perSpace).toEqual([]);
        continue;
      }
      expect(perSpace.map((l) => [l.name, l.quantityText, l.unitPriceFen, l.amountFen])).toEqual([
        [
          proratedLineName('车位管理费', november, start),
          text,
          price,
          prorateFen(quantityFeeFen(milli, price), days, november),
        ],
      ]);
      const fee = bill.lines.find((l) => l.kind === 'property_fee')!;
      expect(fee.amountFen).toBe(prorateFen(areaFeeFen(8951 + i, 235), days, november));
    }
    // The numbers written out, so a change in the shared functions cannot hide a wrong line:
    // 1.375 × 80.05 = 110.06875 → 11007 fen; 16 of 30 days → 5870.4 → 5870.
    const first = (await billOf(x.houseIds[0])).lines.find((l) => l.kind === 'per_space')!;
    expect([first.name, first.amountFen]).toEqual(['车位管理费（11月15日起计，16/30天）', 5870]);
    // 12.34 × 80.05 = 987.817 → 98782 fen; 1 of 30 days → 3292.73 → 3293.
    expect((await billOf(x.houseIds[4])).lines.find((l) => l.kind === 'per_space')!.amountFen).toBe(3293);
    // Whole months: no 计费起始日, the 1st, an earlier month.
    expect((await billOf(x.houseIds[2])).lines.find((l) => l.kind === 'per_space')!.amountFen).toBe(16010);
    expect((await billOf(x.houseIds[3])).lines.find((l) => l.kind === 'per_space')!.name).toBe('车位管理费');
  });

  it('a house starting after the month has no recurring line at all; 公摊 still splits over every house', async () => {
    const bill = await billOf(x.houseIds[1]);
    expect(bill.lines.filter((l) => ['property_fee', 'fixed', 'per_space'].includes(l.kind))).toEqual([]);
    expect(bill.lines.map((l) => [l.kind, l.amountFen])).toEqual([['shared', 1000]]);
    expect(bill.totalFen).toBe(1000);
    // Σ 公摊 = the month's total exactly: six houses × 10.00.
    let shared = 0;
    for (const id of x.houseIds) shared += (await billOf(id)).lines.find((l) => l.kind === 'shared')!.amountFen;
    expect(shared).toBe(6000);
  });
});
