import { Role, ScopeType } from '@app/shared';
import { makeStaff, makeTenant, publishSchedule, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';

/** Issue 7 item 15: the poster prints the company's cash limit (company settings), not a fixed "50 元". */
describe('fee schedule poster: cash rule from the company settings', () => {
  let t: TestApp;
  let tenant: Tenant;
  let finance: string;

  beforeAll(async () => {
    t = await bootTestApp();
    tenant = await makeTenant(t.db, 1);
    await publishSchedule(t.db, tenant.companyId, [
      { code: 'GS-005', categoryCode: 'GS', name: '马桶疏通', unit: '次', labourPriceFen: 5000 },
    ]);
    const f = await makeStaff(t.db, [{ role: Role.Finance, scopeType: ScopeType.Company, scopeId: tenant.companyId }], {
      companyId: tenant.companyId,
    });
    finance = (await passwordLogin(t, f.username, STAFF_PASSWORD)).accessToken;
  });
  afterAll(() => t.close());

  const poster = async () =>
    (await t.http().get(`/api/public/fee-schedule/poster?projectId=${tenant.projectId}`).expect(200)).text;
  const schedule = async () =>
    (await t.http().get(`/api/public/fee-schedule?projectId=${tenant.projectId}`).expect(200)).body;

  it('without settings: the default limit, from the same place the cash rules read it', async () => {
    expect((await schedule()).cashLimitFen).toBe(5000);
    expect(await poster()).toContain('单次 50.00 元（含）以内可现场以现金支付');
  });

  it('after finance changes the limit the poster and the public schedule follow', async () => {
    await t
      .http()
      .put(`/api/companies/${tenant.companyId}/settings`)
      .set(bearer(finance))
      .send({ cashLimitFen: 3000, waiverMonthlyCapFen: 20000 })
      .expect(200);
    expect((await schedule()).cashLimitFen).toBe(3000);
    const html = await poster();
    expect(html).toContain('单次 30.00 元（含）以内可现场以现金支付');
    expect(html).not.toMatch(/单次 50(\.00)? 元/);

    await t
      .http()
      .put(`/api/companies/${tenant.companyId}/settings`)
      .set(bearer(finance))
      .send({ cashLimitFen: 0, waiverMonthlyCapFen: 20000 })
      .expect(200);
    const none = await poster();
    expect(none).toContain('不接受现场现金支付');
    expect(none).not.toContain('以内可现场以现金支付');
  });
});
