import { addMonths, BillingItemKind, IHouseQuantity, IPage, ISharedAmount, Role, shanghaiMonth } from '@app/shared';
import { makeStaff, makeTenant, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';

/** The console's lists behind 收费项目 → 按数量收费 / 公摊金额: what the PUTs set, read back (billing-item.edit). */
describe('billing: house quantities and 公摊 totals as set', () => {
  let t: TestApp;
  let tenant: Tenant;
  let finance: string;
  let cm: string;
  const period = shanghaiMonth(new Date());

  beforeAll(async () => {
    t = await bootTestApp();
    tenant = await makeTenant(t.db, 3);
    const login = async (role: Role) =>
      (
        await passwordLogin(
          t,
          (await makeStaff(t.db, [{ role, scopeId: tenant.projectId }], { companyId: tenant.companyId })).username,
          STAFF_PASSWORD,
        )
      ).accessToken;
    finance = await login(Role.Finance);
    cm = await login(Role.CustomerManager);
    const item = (code: string, name: string, kind: BillingItemKind, extra: object = {}) =>
      t
        .http()
        .post('/api/billing/items')
        .set(bearer(finance))
        .send({
          projectId: tenant.projectId,
          code,
          name,
          kind,
          unitPrice: '80.00',
          unit: '元/月',
          effectiveFrom: addMonths(period, -1),
          ...extra,
        })
        .expect(201);
    await item('CW', '车位管理费', BillingItemKind.PerSpace);
    await item('GT', '公共照明分摊', BillingItemKind.Shared, { unitPrice: '0', sharedSplit: 'area' });
  });
  afterAll(() => t.close());

  it('lists per-house quantities (paged) with the house label; 0 removes a house from the list', async () => {
    const [a, b] = tenant.houseIds;
    for (const [houseId, quantity] of [
      [a, 2],
      [b, 1],
    ]) {
      await t
        .http()
        .put('/api/billing/house-quantities')
        .set(bearer(finance))
        .send({ itemCode: 'CW', houseId, quantity })
        .expect(204);
    }
    let list = (
      await t
        .http()
        .get(`/api/billing/house-quantities?projectId=${tenant.projectId}&itemCode=CW`)
        .set(bearer(finance))
        .expect(200)
    ).body as IPage<IHouseQuantity>;
    expect(list.total).toBe(2);
    expect(list.items).toEqual([
      { houseId: a, houseLabel: expect.stringMatching(/\S/), itemCode: 'CW', quantity: 2 },
      { houseId: b, houseLabel: expect.stringMatching(/\S/), itemCode: 'CW', quantity: 1 },
    ]);
    await t
      .http()
      .put('/api/billing/house-quantities')
      .set(bearer(finance))
      .send({ itemCode: 'CW', houseId: b, quantity: 0 })
      .expect(204);
    list = (
      await t
        .http()
        .get(`/api/billing/house-quantities?projectId=${tenant.projectId}&page=1&pageSize=1`)
        .set(bearer(finance))
        .expect(200)
    ).body;
    expect(list).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(list.items.map((q) => q.houseId)).toEqual([a]);
  });

  it('lists 公摊 month totals in fen, newest month first', async () => {
    await t
      .http()
      .put('/api/billing/shared-amounts')
      .set(bearer(finance))
      .send({ projectId: tenant.projectId, itemCode: 'GT', period: addMonths(period, -1), amount: '3260.55' })
      .expect(204);
    await t
      .http()
      .put('/api/billing/shared-amounts')
      .set(bearer(finance))
      .send({ projectId: tenant.projectId, itemCode: 'GT', period, amount: '100' })
      .expect(204);
    const list = (
      await t
        .http()
        .get(`/api/billing/shared-amounts?projectId=${tenant.projectId}&itemCode=GT`)
        .set(bearer(finance))
        .expect(200)
    ).body as IPage<ISharedAmount>;
    expect(list.items).toEqual([
      { itemCode: 'GT', period, amountFen: 10000 },
      { itemCode: 'GT', period: addMonths(period, -1), amountFen: 326055 },
    ]);
  });

  it('refuses those without billing-item.edit and names a bad item code', async () => {
    await t.http().get(`/api/billing/house-quantities?projectId=${tenant.projectId}`).set(bearer(cm)).expect(403);
    await t.http().get(`/api/billing/shared-amounts?projectId=${tenant.projectId}`).set(bearer(cm)).expect(403);
    const bad = await t
      .http()
      .get(`/api/billing/shared-amounts?projectId=${tenant.projectId}&itemCode=gt`)
      .set(bearer(finance))
      .expect(422);
    expect(JSON.stringify(bad.body)).toMatch(/收费项目编码/);
  });
});
