import { IBillDetail, Role, ScopeType, allocateLargestRemainder, areaFeeFen, quantityFeeFen } from '@app/shared';
import { BillRunEngine } from '../../src/modules/billing/run/bill-run.engine';
import { BillRunQueue } from '../../src/modules/billing/run/run-queue';
import { makeTenant, Tenant } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';
import { inputsRunFixture } from './billing-inputs-run-fixture';

/** The input-driven line sources inside real bill runs: exact to the fen, only where they apply. */
describe('billing inputs in bill runs', () => {
  let t: TestApp;
  const fx = inputsRunFixture();
  const { tok, http, staff, item, reading, runMonth, linesOf, sum } = fx;
  beforeAll(() => {
    t = fx.app();
  });

  describe('metered, per-space and 公摊 lines', () => {
    let m: Tenant;
    beforeAll(async () => {
      m = await makeTenant(t.db, 4);
      await staff('finance', Role.Finance, m.companyId, ScopeType.Company);
      await item(m.projectId, { code: 'WY', name: '物业服务费', kind: 'area', unitPrice: '2.35', unit: '元/㎡·月' });
      await item(m.projectId, { code: 'SF', name: '水费', kind: 'metered', unitPrice: '3.50', unit: '元/吨' });
      await item(m.projectId, {
        code: 'CW',
        name: '车位管理费',
        kind: 'per_space',
        unitPrice: '150',
        unit: '元/个·月',
      });
      await item(m.projectId, {
        code: 'GT',
        name: '公区电费分摊',
        kind: 'shared',
        unitPrice: '0',
        unit: '元/月',
        sharedSplit: 'area',
      });
      const [h0, h1, h2, h3] = m.houseIds;
      await reading(m.projectId, h0, '2025-01', '100');
      await reading(m.projectId, h2, '2025-01', '20'); // and no February reading
      await reading(m.projectId, h1, '2025-01', '50');
      await reading(m.projectId, h0, '2025-02', '112.345');
      await reading(m.projectId, h1, '2025-02', '60.5');
      await reading(m.projectId, h3, '2025-02', '7'); // first reading: the baseline, nothing consumed
      await http()
        .put('/api/billing/house-quantities')
        .set(bearer(tok.finance))
        .send({ itemCode: 'CW', houseId: h0, quantity: 2 })
        .expect(204);
      await http()
        .put('/api/billing/shared-amounts')
        .set(bearer(tok.finance))
        .send({ projectId: m.projectId, itemCode: 'GT', period: '2025-02', amount: '100.01' })
        .expect(204);
    });

    it('bills consumption × price and the 公摊 split exactly to the fen, and lists houses without a reading', async () => {
      // Two houses a batch: the 公摊 split must still be the one split over all four houses.
      const engine = t.app.get(BillRunEngine);
      const batchSize = engine.batchSize;
      engine.batchSize = 2;
      const { run, bills } = await runMonth(m.projectId, '2025-02').finally(() => {
        engine.batchSize = batchSize;
      });
      expect(run.housesDone).toBe(4);
      const [h0, h1, h2, h3] = m.houseIds;
      // 12.345 t × ¥3.50 = ¥43.2075 → ¥43.21; 10.5 t → ¥36.75; a baseline reading bills 0.
      expect(
        linesOf(bills.get(h0), 'metered').map((l) => [l.itemCode, l.quantityText, l.unitPriceFen, l.amountFen]),
      ).toEqual([['SF', '12.345 吨', 350, 4321]]);
      expect(linesOf(bills.get(h1), 'metered').map((l) => l.amountFen)).toEqual([quantityFeeFen(10_500, 350)]);
      expect(linesOf(bills.get(h3), 'metered').map((l) => l.amountFen)).toEqual([0]);
      expect(linesOf(bills.get(h2), 'metered')).toEqual([]);
      expect(run.check!.missingReadings).toEqual([{ houseId: h2, houseLabel: '1栋1单元103', itemCode: 'SF' }]);

      expect(linesOf(bills.get(h0), 'per_space').map((l) => [l.quantityText, l.amountFen])).toEqual([['2 个', 30_000]]);
      expect(linesOf(bills.get(h1), 'per_space')).toEqual([]);

      // ¥100.01 over the four houses by area (89.51 … 89.54 m²): largest remainder, Σ = total.
      const shares = m.houseIds.map((h) => linesOf(bills.get(h), 'shared').map((l) => l.amountFen)[0] ?? 0);
      expect(shares).toEqual(allocateLargestRemainder(10_001, [8951, 8952, 8953, 8954]));
      expect(sum(shares)).toBe(10_001);

      for (const h of m.houseIds) {
        const bill = bills.get(h)!;
        expect(bill.totalFen).toBe(sum(bill.lines.filter((l) => !l.waived).map((l) => l.amountFen)));
      }
      expect(bills.get(h0)!.totalFen).toBe(areaFeeFen(8951, 235) + 4321 + shares[0] + 30_000);
    });

    it('freezes a billed month: a late reading or 公摊 total is refused (it rolls into the next month instead)', async () => {
      const late = await http()
        .post('/api/billing/readings')
        .set(bearer(tok.finance))
        .send({ projectId: m.projectId, houseId: m.houseIds[2], itemCode: 'SF', period: '2025-02', reading: '30' })
        .expect(409);
      expect(late.body.message).toContain('账单已生成');
      const total = await http()
        .put('/api/billing/shared-amounts')
        .set(bearer(tok.finance))
        .send({ projectId: m.projectId, itemCode: 'GT', period: '2025-02', amount: '200' })
        .expect(409);
      expect(total.body.message).toContain('账单已生成');
      // March counts from the last reading (January): February's use is billed with March's.
      const march = await http()
        .post('/api/billing/readings')
        .set(bearer(tok.finance))
        .send({ projectId: m.projectId, houseId: m.houseIds[2], itemCode: 'SF', period: '2025-03', reading: '30' })
        .expect(200);
      expect(march.body).toMatchObject({ previousMilli: 20_000, consumptionMilli: 10_000 });
    });
  });

  describe('a failed run resumed', () => {
    /** A tenant with the same inputs as any other made by it: same areas, readings, quantity and 公摊 total. */
    const withInputs = async (): Promise<Tenant> => {
      const x = await makeTenant(t.db, 5);
      await staff('financeR', Role.Finance, x.companyId, ScopeType.Company);
      tok.finance = tok.financeR;
      await item(x.projectId, { code: 'SF', name: '水费', kind: 'metered', unitPrice: '3.50', unit: '元/吨' });
      await item(x.projectId, {
        code: 'CW',
        name: '车位管理费',
        kind: 'per_space',
        unitPrice: '150',
        unit: '元/个·月',
      });
      await item(x.projectId, {
        code: 'GT',
        name: '公区电费分摊',
        kind: 'shared',
        unitPrice: '0',
        unit: '元/月',
        sharedSplit: 'area',
      });
      for (const [i, h] of x.houseIds.entries()) {
        await reading(x.projectId, h, '2025-01', String(10 * i));
        await reading(x.projectId, h, '2025-02', `${10 * i + i + 0.333}`);
      }
      await http()
        .put('/api/billing/house-quantities')
        .set(bearer(tok.finance))
        .send({ itemCode: 'CW', houseId: x.houseIds[3], quantity: 1.5 })
        .expect(204);
      await http()
        .put('/api/billing/shared-amounts')
        .set(bearer(tok.finance))
        .send({ projectId: x.projectId, itemCode: 'GT', period: '2025-02', amount: '77.77' })
        .expect(204);
      return x;
    };
    const content = (bills: Map<number, IBillDetail>, x: Tenant) =>
      x.houseIds.map((h) =>
        bills.get(h)!.lines.map((l) => [l.kind, l.itemCode, l.quantityText, l.unitPriceFen, l.amountFen]),
      );

    it('writes the same input lines as an uninterrupted run (the 公摊 split does not depend on batches)', async () => {
      const engine = t.app.get(BillRunEngine);
      const clean = await withInputs();
      const cleanRun = await runMonth(clean.projectId, '2025-02', false);

      const crashed = await withInputs();
      const batchSize = engine.batchSize;
      engine.batchSize = 2;
      engine.testHooks.failBatch = 2;
      try {
        const started = await http()
          .post('/api/billing/runs')
          .set(bearer(tok.finance))
          .send({ projectId: crashed.projectId, period: '2025-02' })
          .expect(202);
        await t.app.get(BillRunQueue).idle();
        const failed = await http().get(`/api/billing/runs/${started.body[0].id}`).set(bearer(tok.finance)).expect(200);
        expect(failed.body).toMatchObject({ status: 'failed', housesDone: 2 });
        engine.testHooks.failBatch = undefined;
        const resumed = await runMonth(crashed.projectId, '2025-02', false);
        expect(resumed.run.id).toBe(started.body[0].id);
        expect(content(resumed.bills, crashed)).toEqual(content(cleanRun.bills, clean));
        expect(
          sum(crashed.houseIds.flatMap((h) => linesOf(resumed.bills.get(h), 'shared').map((l) => l.amountFen))),
        ).toBe(7777);
      } finally {
        engine.batchSize = batchSize;
        engine.testHooks.failBatch = undefined;
      }
    });
  });
});
