import { IBillDetail, Role, ScopeType, addMonths, areaFeeFen, shanghaiMonth } from '@app/shared';
import { LateFeePolicy } from '../../src/modules/billing/inputs/inputs.entity';
import { bindResident, makeTenant, newOpenId, Tenant } from '../support/factories';
import { bearer, TestApp, wechatLogin } from '../support/test-app';
import { inputsRunFixture } from './billing-inputs-run-fixture';

/** Vacancy discounts and late fees inside real bill runs (billing-inputs-run.e2e-spec.ts has the metered, per-space and 公摊 lines). */
describe('billing inputs in bill runs: vacancy discount and late fees', () => {
  let t: TestApp;
  const fx = inputsRunFixture();
  const { tok, http, staff, item, runMonth, linesOf } = fx;
  beforeAll(() => {
    t = fx.app();
  });
  describe('vacancy discount', () => {
    let v: Tenant;
    let pendingId: number;
    const month = shanghaiMonth(new Date());
    beforeAll(async () => {
      v = await makeTenant(t.db, 2);
      await staff('financeV', Role.Finance, v.companyId, ScopeType.Company);
      tok.finance = tok.financeV;
      await staff('pmV', Role.ProjectManager, v.projectId);
      await staff('cmV', Role.CustomerManager, v.projectId);
      await item(v.projectId, { code: 'WY', name: '物业服务费', kind: 'area', unitPrice: '2.35', unit: '元/㎡·月' });
      await http()
        .put(`/api/billing/projects/${v.projectId}/late-fee-policy`)
        .set(bearer(tok.finance))
        .send({ enabled: false, graceDays: 30, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 30 })
        .expect(200);
      const resident = await wechatLogin(t, newOpenId());
      await bindResident(t.db, resident.user.id, v.houseIds[0]);
      const approved = await http()
        .post('/api/bills/mine/vacancies')
        .set(bearer(resident.accessToken))
        .send({ houseId: v.houseIds[0], fromPeriod: month, toPeriod: month, reason: '房屋空置' })
        .expect(201);
      await http()
        .post(`/api/billing/vacancies/${approved.body.id}/decision`)
        .set(bearer(tok.pmV))
        .send({ approve: true })
        .expect(200);
      // Applied for but never decided: no discount.
      pendingId = (
        await http()
          .post('/api/billing/vacancies')
          .set(bearer(tok.cmV))
          .send({ houseId: v.houseIds[1], fromPeriod: month, toPeriod: addMonths(month, 1), reason: '业主电话申请' })
          .expect(201)
      ).body.id;
    });

    it('gives a negative line of the percent of the property fee, only in approved months and only when approved', async () => {
      const { bills } = await runMonth(v.projectId, month);
      const fee = areaFeeFen(8951, 235); // ¥210.35
      expect(linesOf(bills.get(v.houseIds[0]), 'property_fee').map((l) => l.amountFen)).toEqual([fee]);
      // 30 % of ¥210.35 = ¥63.105 → ¥63.11, once, half up.
      expect(linesOf(bills.get(v.houseIds[0]), 'vacancy_discount').map((l) => l.amountFen)).toEqual([-6311]);
      expect(bills.get(v.houseIds[0])!.totalFen).toBe(fee - 6311);
      expect(linesOf(bills.get(v.houseIds[1]), 'vacancy_discount')).toEqual([]);
      // The month is billed now: approving it would promise a discount no bill can carry.
      const late = await http()
        .post(`/api/billing/vacancies/${pendingId}/decision`)
        .set(bearer(tok.pmV))
        .send({ approve: true })
        .expect(409);
      expect(late.body.message).toContain('账单已生成');
      await http()
        .post(`/api/billing/vacancies/${pendingId}/decision`)
        .set(bearer(tok.pmV))
        .send({ approve: false, note: '本月已出账，请重新申请下月' })
        .expect(200);

      const next = await runMonth(v.projectId, addMonths(month, 1));
      expect([...next.bills.values()].flatMap((b) => linesOf(b, 'vacancy_discount'))).toEqual([]);
    });
  });

  describe('late fees', () => {
    let l: Tenant;
    const policy = (body: Record<string, unknown>) =>
      http()
        .put(`/api/billing/projects/${l.projectId}/late-fee-policy`)
        .set(bearer(tok.finance))
        .send({ enabled: true, graceDays: 0, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 0, ...body })
        .expect(200);
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
      expect(lateLines(may.bills, h0)).toEqual([
        ['LF-2025-03', '逾期 61 天', 546, false],
        ['LF-2025-04', '逾期 31 天', 277, false],
      ]);

      const mayBill = may.bills.get(h0)!;
      const march = linesOf(mayBill, 'late_fee')[0];
      const waived = await http()
        .post(`/api/billing/bills/${mayBill.id}/lines/${march.id}/waive`)
        .set(bearer(tok.pmL))
        .send({ reason: '业主首次逾期，经理同意减免' })
        .expect(200);
      expect(waived.body.totalFen).toBe(mayBill.totalFen - 546);

      // 91 days → ¥8.15 accrued for March, ¥5.46 already charged (waived counts: never charged again) → ¥2.69;
      // April 61 days → ¥5.46 − ¥2.77 = ¥2.69; May's principal excludes its own late fees: 30 days → ¥2.69.
      const june = await runMonth(l.projectId, '2025-06');
      expect(lateLines(june.bills, h0)).toEqual([
        ['LF-2025-03', '逾期 91 天', 269, false],
        ['LF-2025-04', '逾期 61 天', 269, false],
        ['LF-2025-05', '逾期 30 天', 269, false],
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
