import { ErrorCode, IPriceListVersion, IPricedQuote, Role, ScopeType } from '@app/shared';
import { bootCatalogFixture, catalogSteps, feeItem as item } from '../support/catalog-fixture';
import { makeStaff, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, passwordLogin, TestApp } from '../support/test-app';

describe('fee schedule: materials, access, field errors', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let finance: string;
  let quality: string;
  let cm: string;
  const { draft, publishSchedule, quote } = catalogSteps(() => ({ t, a, b, finance, quality, cm }));

  beforeAll(async () => {
    ({ t, a, b, finance, quality, cm } = await bootCatalogFixture());
    // GS-001 at 26.00 is in force, as the versions spec leaves it.
    await publishSchedule({ 'GS-001': 2600 });
  });
  afterAll(() => t.close());

  it('prices property-supplied materials from the published material list', async () => {
    const m = await draft(finance, a.companyId, { kind: 'materials', title: '仓库材料价' });
    await t
      .http()
      .post(`/api/price-lists/${m.id}/materials`)
      .set(bearer(finance))
      .send({ code: 'M-007', name: '水龙头', spec: '4 分', unit: '个', priceFen: 8600 })
      .expect(200);
    const wrongKind = await t
      .http()
      .post(`/api/price-lists/${m.id}/items`)
      .set(bearer(finance))
      .send(item('GS-001', 1))
      .expect(422);
    expect(wrongKind.body.details.fields[0].field).toBe('versionId');
    await t.http().post(`/api/price-lists/${m.id}/approve`).set(bearer(quality)).expect(200);
    await t.http().post(`/api/price-lists/${m.id}/publish`).set(bearer(quality)).send({}).expect(200);
    const priced = (
      await quote([{ code: 'GS-001', quantityMilli: 1000 }], [{ code: 'M-007', quantityMilli: 1500 }]).expect(200)
    ).body as IPricedQuote;
    expect(priced).toMatchObject({ materialsVersionId: m.id, labourFen: 2600, materialsFen: 12900, totalFen: 15500 });
    expect(priced.lines[1]).toMatchObject({
      kind: 'material',
      name: '水龙头（4 分）',
      unitPriceFen: 8600,
      quantityMilli: 1500,
      amountFen: 12900,
    });
  });

  it('keeps projects and other companies away from prices', async () => {
    const create = await t
      .http()
      .post('/api/price-lists')
      .set(bearer(cm))
      .send({ kind: 'fee_schedule', companyId: a.companyId, title: 'x' })
      .expect(403);
    expect(create.body.code).toBe(ErrorCode.Forbidden);
    const pm = (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role: Role.ProjectManager, scopeId: a.projectId }])).username,
        STAFF_PASSWORD,
      )
    ).accessToken;
    const list = (await t.http().get('/api/price-lists').set(bearer(finance)).expect(200)).body as IPriceListVersion[];
    await t.http().post(`/api/price-lists/${list[0].id}/items`).set(bearer(pm)).send(item('GS-001', 1)).expect(403);
    const otherFinance = (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role: Role.Finance, scopeType: ScopeType.Company, scopeId: b.companyId }])).username,
        STAFF_PASSWORD,
      )
    ).accessToken;
    await t.http().get(`/api/price-lists/${list[0].id}`).set(bearer(otherFinance)).expect(404);
    await t
      .http()
      .post('/api/price-lists')
      .set(bearer(otherFinance))
      .send({ kind: 'fee_schedule', companyId: a.companyId, title: 'x' })
      .expect(404);
    const theirs = (await t.http().get('/api/price-lists').set(bearer(otherFinance)).expect(200)).body;
    expect(theirs).toEqual([]);
    const outsiderQuote = await t
      .http()
      .post('/api/fee-schedule/quote')
      .set(bearer(otherFinance))
      .send({ projectId: a.projectId, items: [{ code: 'GS-001', quantityMilli: 1000 }] })
      .expect(404);
    expect(outsiderQuote.body.code).toBe(ErrorCode.NotFound);
  });

  it('names invalid fields', async () => {
    const v = await draft(finance, a.companyId);
    const res = await t
      .http()
      .post(`/api/price-lists/${v.id}/items`)
      .set(bearer(finance))
      .send({
        categoryCode: 'gs',
        code: '',
        name: '',
        unit: '斤',
        labourPriceFen: 12.5,
        materialsExtra: 'yes',
        serviceStandard: 1,
      })
      .expect(422);
    const fields = res.body.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'categoryCode',
        'code',
        'name',
        'unit',
        'labourPriceFen',
        'materialsExtra',
        'serviceStandard',
      ]),
    );
    const q = await t
      .http()
      .post('/api/fee-schedule/quote')
      .set(bearer(cm))
      .send({ projectId: a.projectId, items: [{ code: 'GS-001', quantityMilli: 0 }] })
      .expect(422);
    expect(q.body.details.fields[0].field).toBe('items.0.quantityMilli');
  });
});
