import { IPriceListVersion, Role, ScopeType } from '@app/shared';
import { makeStaff, makeTenant, STAFF_PASSWORD, Tenant } from './factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from './test-app';

/** The catalog e2e specs' world: two companies, company A's finance and quality staff, and a customer manager. */
export interface CatalogFixture {
  t: TestApp;
  a: Tenant;
  b: Tenant;
  finance: string;
  quality: string;
  cm: string;
}

export const feeItem = (code: string, labourPriceFen: number, over: Record<string, unknown> = {}) => ({
  categoryCode: 'GS',
  code,
  name: `项目${code}`,
  unit: '个',
  labourPriceFen,
  materialsExtra: true,
  serviceStandard: '无渗漏',
  ...over,
});

export async function bootCatalogFixture(): Promise<CatalogFixture> {
  const t = await bootTestApp();
  const a = await makeTenant(t.db, 1);
  const b = await makeTenant(t.db, 1);
  const finance = (
    await passwordLogin(
      t,
      (await makeStaff(t.db, [{ role: Role.Finance, scopeType: ScopeType.Company, scopeId: a.companyId }])).username,
      STAFF_PASSWORD,
    )
  ).accessToken;
  const quality = (
    await passwordLogin(
      t,
      (await makeStaff(t.db, [{ role: Role.Quality, scopeType: ScopeType.Company, scopeId: a.companyId }])).username,
      STAFF_PASSWORD,
    )
  ).accessToken;
  const cm = (
    await passwordLogin(
      t,
      (await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: a.projectId }])).username,
      STAFF_PASSWORD,
    )
  ).accessToken;
  return { t, a, b, finance, quality, cm };
}

/** Price-list steps over HTTP; `f` is read at call time (the fixture is booted in beforeAll). */
export function catalogSteps(f: () => CatalogFixture) {
  async function draft(
    token: string,
    companyId: number,
    body: Record<string, unknown> = {},
  ): Promise<IPriceListVersion> {
    const { t } = f();
    const res = await t
      .http()
      .post('/api/price-lists')
      .set(bearer(token))
      .send({ kind: 'fee_schedule', companyId, title: '收费标准', ...body })
      .expect(201);
    return res.body;
  }

  async function publishSchedule(prices: Record<string, number>, effectiveFrom?: string): Promise<IPriceListVersion> {
    const { t, a, finance, quality } = f();
    const v = await draft(finance, a.companyId);
    await t
      .http()
      .post(`/api/price-lists/${v.id}/categories`)
      .set(bearer(finance))
      .send({ code: 'GS', name: '供水设备维修类' })
      .expect(200);
    for (const [code, price] of Object.entries(prices)) {
      await t
        .http()
        .post(`/api/price-lists/${v.id}/items`)
        .set(bearer(finance))
        .send(feeItem(code, price, code === 'GS-005' ? { callOutFeeFen: 1000 } : {}))
        .expect(200);
    }
    await t.http().post(`/api/price-lists/${v.id}/approve`).set(bearer(quality)).expect(200);
    const published = await t
      .http()
      .post(`/api/price-lists/${v.id}/publish`)
      .set(bearer(quality))
      .send(effectiveFrom ? { effectiveFrom } : {})
      .expect(200);
    return published.body;
  }

  const quote = (
    items: { code: string; quantityMilli: number }[],
    materials?: { code: string; quantityMilli: number }[],
  ) =>
    f()
      .t.http()
      .post('/api/fee-schedule/quote')
      .set(bearer(f().cm))
      .send({ projectId: f().a.projectId, items, ...(materials ? { materials } : {}) });
  return { draft, publishSchedule, quote };
}
