import { ErrorCode, PriceListKind, PriceListStatus, shanghaiDate } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { FeeCategory, FeeItem, PriceListVersion } from '../../src/modules/catalog/price-list.entity';
import { Charge } from '../../src/modules/charges/charge.entity';
import { Tenant } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';
import { bootChargesFixture, chargeSteps, labour } from '../support/charges-fixture';

describe('charges: waivers, counter sales, company rules', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let tok: Record<string, string>;
  let ids: Record<string, number>;
  const { post, audits, http } = chargeSteps(() => ({ t, a, b, tok, ids }));

  beforeAll(async () => {
    ({ t, a, b, tok, ids } = await bootChargesFixture());
  });
  afterAll(() => t.close());

  it('lets project managers waive within ¥200.00 a month and refuses the waiver that crosses it', async () => {
    const charges = await Promise.all([15000, 5000, 1].map((fen) => post([labour(fen)])));
    const waive = (token: string, id: number, body: object = { reason: '维修延误，向业主致歉免收' }) =>
      http().post(`/api/charges/${id}/waive`).set(bearer(token)).send(body);

    await waive(tok.cashier, charges[0].id).expect(403);
    await waive(tok.cm, charges[0].id).expect(403);
    await waive(tok.pmB, charges[0].id).expect(404);
    const noReason = await waive(tok.pm, charges[0].id, {}).expect(422);
    expect(noReason.body.details.fields[0].field).toBe('reason');
    await waive(tok.pm, charges[0].id, { reason: '   ' }).expect(422);

    const first = await waive(tok.pm, charges[0].id).expect(200);
    expect(first.body).toMatchObject({ status: 'waived', waivedBy: ids.pm, waiverReason: '维修延误，向业主致歉免收' });
    await waive(tok.pm, charges[1].id).expect(200);
    const over = await waive(tok.pm, charges[2].id).expect(422);
    expect(over.body).toMatchObject({
      code: ErrorCode.WaiverCapExceeded,
      details: { capFen: 20000, usedFen: 20000, remainingFen: 0 },
    });
    expect(await t.db.getRepository(Charge).findOneByOrFail({ id: charges[2].id })).toMatchObject({
      status: 'open',
      waivedBy: null,
    });
    await waive(tok.pm, charges[0].id).expect(409);

    const budget = await http().get('/api/waivers/budget').set(bearer(tok.pm)).expect(200);
    expect(budget.body).toMatchObject({
      capFen: 20000,
      usedFen: 20000,
      remainingFen: 0,
      month: expect.stringMatching(/^\d{4}-\d{2}$/),
    });
    const audit = await audits('charge.waive', charges[0].id);
    expect(audit).toEqual([expect.objectContaining({ actorId: ids.pm, reason: '维修延误，向业主致歉免收' })]);
    expect(await audits('charge.waive', charges[2].id)).toHaveLength(0);
  });

  it('holds the waiver cap when one manager waives five ¥50.00 charges at once', async () => {
    const charges = await Promise.all(Array.from({ length: 5 }, () => post([labour(5000)])));
    const results = await Promise.all(
      charges.map((c) => http().post(`/api/charges/${c.id}/waive`).set(bearer(tok.pm2)).send({ reason: '并发免收' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 422]);
    expect((await http().get('/api/waivers/budget').set(bearer(tok.pm2)).expect(200)).body.usedFen).toBe(20000);
  });

  it('records counter sales priced from the published schedule, in a daily ledger', async () => {
    const at = new Date(Date.now() - 60_000);
    const version = await t.db.getRepository(PriceListVersion).save({
      kind: PriceListKind.FeeSchedule,
      companyId: a.companyId,
      regionId: null,
      versionNo: 1,
      title: '收费标准',
      status: PriceListStatus.Published,
      effectiveFrom: at,
      publishedKey: `fee_schedule:${a.companyId}:-:${at.getTime()}`,
      notes: null,
      createdBy: ids.finance,
      approvedBy: ids.finance,
      approvedAt: at,
      publishedBy: ids.finance,
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
    });
    await t.db
      .getRepository(FeeCategory)
      .insert({ versionId: version.id, code: 'DY', name: '打字复印类', sortOrder: 1 });
    await t.db.getRepository(FeeItem).insert({
      versionId: version.id,
      categoryCode: 'DY',
      code: 'DY-001',
      name: 'A4 黑白复印',
      unit: '张',
      labourPriceFen: 50,
      callOutFeeFen: null,
      materialsExtra: false,
      serviceStandard: '单面',
      sortOrder: 1,
    });
    const sale = (token: string, body: object) => http().post('/api/counter-sales').set(bearer(token)).send(body);
    const body = {
      projectId: a.projectId,
      items: [{ code: 'DY-001', quantityMilli: 12000 }],
      paidBy: 'wechat',
      note: '业主复印房产证',
    };

    const created = await sale(tok.cashier, body).expect(201);
    expect(created.body).toMatchObject({
      source: 'counter',
      status: 'paid',
      paymentMethod: 'counter',
      totalFen: 600,
      paidBy: 'wechat',
      note: '业主复印房产证',
    });
    expect(created.body.lines[0]).toMatchObject({
      code: 'DY-001',
      unitPriceFen: 50,
      quantityMilli: 12000,
      scheduleVersionId: version.id,
    });
    await sale(tok.cm, { ...body, paidBy: 'cash', note: undefined }).expect(201);
    await sale(tok.tech, body).expect(403);
    await sale(tok.cashierB, body).expect(404);
    const unknown = await sale(tok.cashier, { ...body, items: [{ code: 'NOPE', quantityMilli: 1000 }] }).expect(422);
    expect(unknown.body.code).toBe(ErrorCode.UnknownScheduleItem);
    const invalid = await sale(tok.cashier, { ...body, items: [{ code: 'DY-001', quantityMilli: 0 }] }).expect(422);
    expect(invalid.body.details.fields[0].field).toBe('items.0.quantityMilli');

    const ledger = await http()
      .get(`/api/counter-sales?projectId=${a.projectId}&date=${shanghaiDate(new Date())}`)
      .set(bearer(tok.cashier))
      .expect(200);
    expect(ledger.body).toMatchObject({ count: 2, totalFen: 1200 });
    const badDate = await http()
      .get(`/api/counter-sales?projectId=${a.projectId}&date=2025-13-01`)
      .set(bearer(tok.cashier))
      .expect(422);
    expect(badDate.body.details.fields[0].field).toBe('date');
    expect(await audits('counter_sale.create', created.body.id)).toHaveLength(1);
  });

  it('lets company finance change the cash limit and waiver cap, with an audit of before and after', async () => {
    const path = `/api/companies/${a.companyId}/settings`;
    expect((await http().get(path).set(bearer(tok.finance)).expect(200)).body).toEqual({
      companyId: a.companyId,
      cashLimitFen: 5000,
      waiverMonthlyCapFen: 20000,
    });
    await http().get(path).set(bearer(tok.financeB)).expect(404);
    await http().put(path).set(bearer(tok.pm)).send({ cashLimitFen: 3000, waiverMonthlyCapFen: 20000 }).expect(403);
    const bad = await http()
      .put(path)
      .set(bearer(tok.finance))
      .send({ cashLimitFen: 30.5, waiverMonthlyCapFen: 20000 })
      .expect(422);
    expect(bad.body.details.fields[0].field).toBe('cashLimitFen');

    await http()
      .put(path)
      .set(bearer(tok.finance))
      .send({ cashLimitFen: 3000, waiverMonthlyCapFen: 20000 })
      .expect(200);
    const charge = await post([labour(4000)]);
    const refused = await http().post(`/api/charges/${charge.id}/cash`).set(bearer(tok.tech)).expect(422);
    expect(refused.body.message).toContain('¥30.00');
    const [audit] = await t.db
      .getRepository(AuditEntry)
      .find({ where: { action: 'settings.update', entityId: a.companyId } });
    expect(JSON.parse(audit.beforeJson!)).toEqual({ cashLimitFen: 5000, waiverMonthlyCapFen: 20000 });
    expect(JSON.parse(audit.afterJson!)).toEqual({ cashLimitFen: 3000, waiverMonthlyCapFen: 20000 });
    await http()
      .put(path)
      .set(bearer(tok.finance))
      .send({ cashLimitFen: 5000, waiverMonthlyCapFen: 20000 })
      .expect(200);
  });
});
