import { IBillDetail, IBillRun, Role, ScopeType, addMonths, allocateLargestRemainder, areaFeeFen, quantityFeeFen, shanghaiMonth } from '@app/shared';
import { LateFeePolicy } from '../../src/modules/billing/inputs/inputs.entity';
import { BillRunQueue } from '../../src/modules/billing/run/run-queue';
import { bindResident, makeStaff, makeTenant, newOpenId, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';

/** The input-driven line sources inside real bill runs: exact to the fen, only where they apply. */
describe('billing inputs in bill runs', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const http = () => t.http();

  const staff = async (name: string, role: Role, scopeId: number, scopeType: ScopeType = ScopeType.Project) => {
    const s = await makeStaff(t.db, [{ role, scopeType, scopeId }]);
    tok[name] = (await passwordLogin(t, s.username, STAFF_PASSWORD)).accessToken;
  };
  const item = (projectId: number, body: Record<string, unknown>) =>
    http().post('/api/billing/items').set(bearer(tok.finance)).send({ projectId, effectiveFrom: '2025-01', ...body }).expect(201);
  const reading = (projectId: number, houseId: number, period: string, value: string) =>
    http().post('/api/billing/readings').set(bearer(tok.finance)).send({ projectId, houseId, itemCode: 'SF', period, reading: value }).expect(200);

  /** Runs, checks (and publishes) a project month; answers the checked run and every bill's detail by house. */
  const runMonth = async (projectId: number, period: string, publish = true): Promise<{ run: IBillRun; bills: Map<number, IBillDetail> }> => {
    const started = await http().post('/api/billing/runs').set(bearer(tok.finance)).send({ projectId, period }).expect(202);
    await t.app.get(BillRunQueue).idle();
    const runId = (started.body as IBillRun[])[0].id;
    const run = (await http().post(`/api/billing/runs/${runId}/check`).set(bearer(tok.finance)).expect(200)).body as IBillRun;
    expect(run.status).toBe('checked');
    if (publish) await http().post(`/api/billing/runs/${runId}/publish`).set(bearer(tok.finance)).expect(200);
    const list = await http().get(`/api/billing/bills?projectId=${projectId}&period=${period}&pageSize=200`).set(bearer(tok.finance)).expect(200);
    const bills = new Map<number, IBillDetail>();
    for (const b of list.body.items as { id: number; houseId: number }[]) {
      bills.set(b.houseId, (await http().get(`/api/billing/bills/${b.id}`).set(bearer(tok.finance)).expect(200)).body);
    }
    return { run, bills };
  };
  const linesOf = (bill: IBillDetail | undefined, kind: string) => (bill?.lines ?? []).filter((l) => l.kind === kind);
  const sum = (values: number[]) => values.reduce((x, y) => x + y, 0);

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  describe('metered, per-space and 公摊 lines', () => {
    let m: Tenant;
    beforeAll(async () => {
      m = await makeTenant(t.db, 4);
      await staff('finance', Role.Finance, m.companyId, ScopeType.Company);
      await item(m.projectId, { code: 'WY', name: '物业服务费', kind: 'area', unitPrice: '2.35', unit: '元/㎡·月' });
      await item(m.projectId, { code: 'SF', name: '水费', kind: 'metered', unitPrice: '3.50', unit: '元/吨' });
      await item(m.projectId, { code: 'CW', name: '车位管理费', kind: 'per_space', unitPrice: '150', unit: '元/个·月' });
      await item(m.projectId, { code: 'GT', name: '公区电费分摊', kind: 'shared', unitPrice: '0', unit: '元/月', sharedSplit: 'area' });
      const [h0, h1, , h3] = m.houseIds;
      await reading(m.projectId, h0, '2025-01', '100');
      await reading(m.projectId, h1, '2025-01', '50');
      await reading(m.projectId, h0, '2025-02', '112.345');
      await reading(m.projectId, h1, '2025-02', '60.5');
      await reading(m.projectId, h3, '2025-02', '7'); // first reading: the baseline, nothing consumed
      await http().put('/api/billing/house-quantities').set(bearer(tok.finance)).send({ itemCode: 'CW', houseId: h0, quantity: 2 }).expect(204);
      await http().put('/api/billing/shared-amounts').set(bearer(tok.finance)).send({ projectId: m.projectId, itemCode: 'GT', period: '2025-02', amount: '100.01' }).expect(204);
    });

    it('bills consumption × price and the 公摊 split exactly to the fen, and lists houses without a reading', async () => {
      const { run, bills } = await runMonth(m.projectId, '2025-02');
      const [h0, h1, h2, h3] = m.houseIds;
      // 12.345 t × ¥3.50 = ¥43.2075 → ¥43.21; 10.5 t → ¥36.75; a baseline reading bills 0.
      expect(linesOf(bills.get(h0), 'metered').map((l) => [l.itemCode, l.quantityText, l.unitPriceFen, l.amountFen])).toEqual([['SF', '12.345 吨', 350, 4321]]);
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
  });

  describe('vacancy discount', () => {
    let v: Tenant;
    const month = shanghaiMonth(new Date());
    beforeAll(async () => {
      v = await makeTenant(t.db, 2);
      await staff('financeV', Role.Finance, v.companyId, ScopeType.Company);
      tok.finance = tok.financeV;
      await staff('pmV', Role.ProjectManager, v.projectId);
      await staff('cmV', Role.CustomerManager, v.projectId);
      await item(v.projectId, { code: 'WY', name: '物业服务费', kind: 'area', unitPrice: '2.35', unit: '元/㎡·月' });
      await http().put(`/api/billing/projects/${v.projectId}/late-fee-policy`).set(bearer(tok.finance))
        .send({ enabled: false, graceDays: 30, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 30 }).expect(200);
      const resident = await wechatLogin(t, newOpenId());
      await bindResident(t.db, resident.user.id, v.houseIds[0]);
      const approved = await http().post('/api/bills/mine/vacancies').set(bearer(resident.accessToken))
        .send({ houseId: v.houseIds[0], fromPeriod: month, toPeriod: month, reason: '房屋空置' }).expect(201);
      await http().post(`/api/billing/vacancies/${approved.body.id}/decision`).set(bearer(tok.pmV)).send({ approve: true }).expect(200);
      // Applied for but never decided: no discount.
      await http().post('/api/billing/vacancies').set(bearer(tok.cmV))
        .send({ houseId: v.houseIds[1], fromPeriod: month, toPeriod: addMonths(month, 1), reason: '业主电话申请' }).expect(201);
    });

    it('gives a negative line of the percent of the property fee, only in approved months and only when approved', async () => {
      const { bills } = await runMonth(v.projectId, month);
      const fee = areaFeeFen(8951, 235); // ¥210.35
      expect(linesOf(bills.get(v.houseIds[0]), 'property_fee').map((l) => l.amountFen)).toEqual([fee]);
      // 30 % of ¥210.35 = ¥63.105 → ¥63.11, once, half up.
      expect(linesOf(bills.get(v.houseIds[0]), 'vacancy_discount').map((l) => l.amountFen)).toEqual([-6311]);
      expect(bills.get(v.houseIds[0])!.totalFen).toBe(fee - 6311);
      expect(linesOf(bills.get(v.houseIds[1]), 'vacancy_discount')).toEqual([]);

      const next = await runMonth(v.projectId, addMonths(month, 1));
      expect([...next.bills.values()].flatMap((b) => linesOf(b, 'vacancy_discount'))).toEqual([]);
    });
  });

  describe('late fees', () => {
    let l: Tenant;
    const policy = (body: Record<string, unknown>) =>
      http().put(`/api/billing/projects/${l.projectId}/late-fee-policy`).set(bearer(tok.finance))
        .send({ enabled: true, graceDays: 0, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 0, ...body }).expect(200);
    const lateLines = (bills: Map<number, IBillDetail>, houseId: number) =>
      linesOf(bills.get(houseId), 'late_fee').map((x) => [x.itemCode, x.quantityText, x.amountFen, x.waived]);

    beforeAll(async () => {
      l = await makeTenant(t.db, 2);
      await staff('financeL', Role.Finance, l.companyId, ScopeType.Company);
      tok.finance = tok.financeL;
      await staff('pmL', Role.ProjectManager, l.projectId);
      await item(l.projectId, { code: 'WY', name: '物业服务费', kind: 'area', unitPrice: '2.00', unit: '元/㎡·月' }); // house 0: ¥179.02
    });

    it('charges nothing while off (the default), then an incremental, capped line per overdue bill, never twice, waivable', async () => {
      const h0 = l.houseIds[0];
      await runMonth(l.projectId, '2025-03');
      const april = await runMonth(l.projectId, '2025-04');
      expect([...april.bills.values()].flatMap((b) => linesOf(b, 'late_fee'))).toEqual([]);

      await policy({});
      // The switch starts accruing in the month it is turned on; move that back so the 2025 months accrue.
      await t.db.getRepository(LateFeePolicy).update({ projectId: l.projectId }, { enabledFrom: '2025-01' });

      // ¥179.02 × 0.05 %/day: 61 days since 03-31 → ¥5.46; 31 days since 04-30 → ¥2.77.
      const may = await runMonth(l.projectId, '2025-05');
      expect(lateLines(may.bills, h0)).toEqual([['LF-2025-03', '逾期 61 天', 546, false], ['LF-2025-04', '逾期 31 天', 277, false]]);

      const mayBill = may.bills.get(h0)!;
      const march = linesOf(mayBill, 'late_fee')[0];
      const waived = await http().post(`/api/billing/bills/${mayBill.id}/lines/${march.id}/waive`).set(bearer(tok.pmL)).send({ reason: '业主首次逾期，经理同意减免' }).expect(200);
      expect(waived.body.totalFen).toBe(mayBill.totalFen - 546);

      // 91 days → ¥8.15 accrued for March, ¥5.46 already charged (waived counts: never charged again) → ¥2.69;
      // April 61 days → ¥5.46 − ¥2.77 = ¥2.69; May's principal excludes its own late fees: 30 days → ¥2.69.
      const june = await runMonth(l.projectId, '2025-06');
      expect(lateLines(june.bills, h0)).toEqual([
        ['LF-2025-03', '逾期 91 天', 269, false], ['LF-2025-04', '逾期 61 天', 269, false], ['LF-2025-05', '逾期 30 天', 269, false],
      ]);

      // Cap 1 % of ¥179.02 = ¥1.79: the older months already reached it, June's first month is cut to it.
      await policy({ capPercent: 1 });
      const july = await runMonth(l.projectId, '2025-07');
      expect(lateLines(july.bills, h0)).toEqual([['LF-2025-06', '逾期 31 天', 179, false]]);

      await policy({ enabled: false });
      const august = await runMonth(l.projectId, '2025-08');
      expect([...august.bills.values()].flatMap((b) => linesOf(b, 'late_fee'))).toEqual([]);
    });
  });
});
