import { IBillDetail, IBillingItem, Role, areaFeeFen } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Bill } from '../../src/modules/billing/billing.entity';
import { House } from '../../src/modules/property/building.entity';
import { makeTenant, Tenant } from '../support/factories';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { runBills, staffToken } from './billing-helpers';

describe('billing items: effective-dated prices by house type, used by the month they apply to', () => {
  let t: TestApp;
  let a: Tenant;
  let finance: string;
  const upsert = (token: string, body: object) =>
    t
      .http()
      .post('/api/billing/items')
      .set(bearer(token))
      .send({
        projectId: a.projectId,
        code: 'WY',
        name: '物业服务费',
        kind: 'area',
        unit: '元/㎡·月',
        houseType: 'residential',
        unitPrice: '2.35',
        effectiveFrom: '2026-01',
        ...body,
      });

  beforeAll(async () => {
    t = await bootTestApp();
    a = await makeTenant(t.db, 2);
    await t.db.getRepository(House).update({ id: a.houseIds[1] }, { type: 'shop' });
    finance = await staffToken(t, Role.Finance, a.projectId);
  });
  afterAll(() => t.close());

  it('a new price ends the row in force the month before; older months keep the old price', async () => {
    await upsert(finance, {}).expect(201);
    await upsert(finance, { houseType: 'shop', unitPrice: '4.87' }).expect(201);
    const raised = (await upsert(finance, { unitPrice: '2.50', effectiveFrom: '2026-06' }).expect(201))
      .body as IBillingItem;
    expect(raised).toMatchObject({
      unitPriceFen: 250,
      effectiveFrom: '2026-06',
      effectiveTo: null,
      houseType: 'residential',
    });
    const current = (
      await t.http().get('/api/billing/items').query({ projectId: a.projectId }).set(bearer(finance)).expect(200)
    ).body as IBillingItem[];
    expect(current.map((i) => [i.houseType, i.unitPriceFen])).toEqual([
      ['residential', 250],
      ['shop', 487],
    ]);
    const all = (
      await t
        .http()
        .get('/api/billing/items')
        .query({ projectId: a.projectId, includeEnded: true })
        .set(bearer(finance))
        .expect(200)
    ).body as IBillingItem[];
    expect(all.find((i) => i.unitPriceFen === 235)).toMatchObject({ effectiveFrom: '2026-01', effectiveTo: '2026-05' });
    const audit = await t.db
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'billing-item.upsert', entityId: raised.id });
    expect(JSON.parse(audit.beforeJson!)).toMatchObject({ unitPriceFen: 235, effectiveFrom: '2026-01' });

    for (const [period, residential] of [
      ['2026-05', 235],
      ['2026-06', 250],
    ] as const) {
      await runBills(t, finance, a.projectId, period);
      const bills = await t.db
        .getRepository(Bill)
        .find({ where: { projectId: a.projectId, period }, order: { houseId: 'ASC' } });
      const details = await Promise.all(
        bills.map(
          async (b) =>
            (await t.http().get(`/api/billing/bills/${b.id}`).set(bearer(finance)).expect(200)).body as IBillDetail,
        ),
      );
      expect(details.map((d) => d.lines.map((l) => [l.itemCode, l.unitPriceFen, l.amountFen, l.quantityText]))).toEqual(
        [
          [['WY', residential, areaFeeFen(8951, residential), '89.51 ㎡']],
          [['WY', 487, areaFeeFen(8952, 487), '89.52 ㎡']],
        ],
      );
    }
  });

  it('refuses a start month not after the price in force, a kind change, bad prices; other roles and projects', async () => {
    const early = await upsert(finance, { unitPrice: '2.60', effectiveFrom: '2026-06' }).expect(409);
    expect(early.body.details.fields[0].field).toBe('effectiveFrom');
    const kind = await upsert(finance, { kind: 'fixed', effectiveFrom: '2026-09' }).expect(422);
    expect(kind.body.details.fields[0].field).toBe('kind');
    const price = await upsert(finance, { unitPrice: '2.355', effectiveFrom: '2026-09' }).expect(422);
    expect(price.body.details.fields[0].field).toBe('unitPrice');
    const month = await upsert(finance, { effectiveFrom: '2026-13' }).expect(422);
    expect(month.body.details.fields[0].field).toBe('effectiveFrom');
    await upsert(await staffToken(t, Role.Cashier, a.projectId), { effectiveFrom: '2026-09' }).expect(403);
    const other = await makeTenant(t.db, 1);
    await upsert(await staffToken(t, Role.Finance, other.projectId), { effectiveFrom: '2026-09' }).expect(404);
    await t
      .http()
      .get('/api/billing/items')
      .query({ projectId: a.projectId })
      .set(bearer(await staffToken(t, Role.Finance, other.projectId)))
      .expect(404);
  });
});
