import { ErrorCode, IPricedQuote } from '@app/shared';
import { bootCatalogFixture, catalogSteps, feeItem as item } from '../support/catalog-fixture';
import { Tenant } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';

describe('fee schedule: versions, publication, quotes', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let finance: string;
  let quality: string;
  let cm: string;
  const { draft, publishSchedule, quote } = catalogSteps(() => ({ t, a, b, finance, quality, cm }));

  beforeAll(async () => {
    ({ t, a, b, finance, quality, cm } = await bootCatalogFixture());
  });
  afterAll(() => t.close());

  it('before anything is published, residents are told so', async () => {
    const res = await t.http().get(`/api/public/fee-schedule?projectId=${a.projectId}`).expect(404);
    expect(res.body.code).toBe(ErrorCode.NoScheduleInForce);
  });

  it('walks draft → approve (by someone else) → publish, and residents read it without signing in', async () => {
    const v = await draft(finance, a.companyId, { title: '2026 年收费标准' });
    expect(v).toMatchObject({ status: 'draft', versionNo: expect.any(Number), itemCount: 0 });
    await t
      .http()
      .post(`/api/price-lists/${v.id}/categories`)
      .set(bearer(finance))
      .send({ code: 'GS', name: '供水设备维修类' })
      .expect(200);
    const missingCategory = await t
      .http()
      .post(`/api/price-lists/${v.id}/items`)
      .set(bearer(finance))
      .send(item('GD-001', 500, { categoryCode: 'GD' }))
      .expect(422);
    expect(missingCategory.body.details.fields[0].field).toBe('categoryCode');
    await t.http().post(`/api/price-lists/${v.id}/items`).set(bearer(finance)).send(item('GS-001', 2000)).expect(200);
    await t
      .http()
      .post(`/api/price-lists/${v.id}/items`)
      .set(bearer(finance))
      .send(item('GS-005', 5000, { name: '马桶疏通', unit: '次', callOutFeeFen: 1000, materialsExtra: false }))
      .expect(200);

    const self = await t.http().post(`/api/price-lists/${v.id}/approve`).set(bearer(finance)).expect(403);
    expect(self.body.code).toBe(ErrorCode.Forbidden);
    const early = await t.http().post(`/api/price-lists/${v.id}/publish`).set(bearer(quality)).send({}).expect(409);
    // The state in words, not its code (it read 当前状态为「draft」).
    expect(early.body.message).toBe('价目表当前状态为「草稿」，不能执行此操作，请刷新');
    const approved = await t.http().post(`/api/price-lists/${v.id}/approve`).set(bearer(quality)).expect(200);
    expect(approved.body.status).toBe('approved');
    const edit = await t
      .http()
      .post(`/api/price-lists/${v.id}/items`)
      .set(bearer(finance))
      .send(item('GS-001', 2500))
      .expect(409);
    expect(edit.body.code).toBe(ErrorCode.PriceListNotEditable);

    const past = await t
      .http()
      .post(`/api/price-lists/${v.id}/publish`)
      .set(bearer(quality))
      .send({ effectiveFrom: '2020-01-01T00:00:00Z' })
      .expect(422);
    expect(past.body.details.fields[0].field).toBe('effectiveFrom');
    const published = await t.http().post(`/api/price-lists/${v.id}/publish`).set(bearer(quality)).send({}).expect(200);
    expect(published.body).toMatchObject({ status: 'published', inForce: true });

    const pub = await t.http().get(`/api/public/fee-schedule?projectId=${a.projectId}`).expect(200);
    expect(pub.body).toMatchObject({ versionId: v.id, title: '2026 年收费标准' });
    expect(pub.body.categories[0].items.map((i: { code: string }) => i.code)).toEqual(['GS-001', 'GS-005']);
    const search = await t
      .http()
      .get(`/api/public/fee-schedule?projectId=${a.projectId}&q=${encodeURIComponent('疏通')}`)
      .expect(200);
    expect(search.body.categories[0].items).toEqual([
      expect.objectContaining({ code: 'GS-005', labourPriceFen: 5000, callOutFeeFen: 1000 }),
    ]);
    const detail = await t
      .http()
      .get(`/api/public/fee-schedule/items/${search.body.categories[0].items[0].id}`)
      .expect(200);
    expect(detail.body.name).toBe('马桶疏通');
    const poster = await t.http().get(`/api/public/fee-schedule/poster?projectId=${a.projectId}`).expect(200);
    expect(poster.headers['content-type']).toContain('text/html');
    expect(poster.text).toContain('马桶疏通');
    expect(poster.text).toContain('<svg');
    expect(poster.text).toContain('50.00 元/次');

    const audit = await t.db.query(
      'SELECT action FROM audit_entries WHERE entity_type = ? AND entity_id = ? ORDER BY id',
      ['price_list', v.id],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'price_list.create',
      'fee_item.create',
      'fee_item.create',
      'price_list.approve',
      'price_list.publish',
    ]);
  });

  it('a published version is immutable and a later version changes neither earlier quotes nor charges', async () => {
    const v1 = (await t.http().get(`/api/public/fee-schedule?projectId=${a.projectId}`).expect(200)).body;
    const before = (
      await quote([
        { code: 'GS-001', quantityMilli: 2000 },
        { code: 'GS-005', quantityMilli: 1000 },
      ]).expect(200)
    ).body as IPricedQuote;
    expect(before).toMatchObject({
      scheduleVersionId: v1.versionId,
      labourFen: 9000,
      callOutFen: 1000,
      totalFen: 10000,
    });
    const beforeAt = new Date(before.pricedAt);

    await t
      .http()
      .post(`/api/price-lists/${v1.versionId}/items`)
      .set(bearer(finance))
      .send(item('GS-001', 1))
      .expect(409);
    const charges = t.app.get((await import('../../src/modules/charges/charges.service')).ChargesService);
    const charge = await charges.postForTicket({
      ticketId: 910_001,
      ticketSerial: 'CAT-TEST-0001',
      projectId: a.projectId,
      houseId: a.houseIds[0],
      agreementRef: 'signature:cat-test',
      lines: before.lines.map((l) => ({ ...l, scheduleVersionId: before.scheduleVersionId, materialsVersionId: null })),
      actorId: 1,
    });
    expect(charge.totalFen).toBe(10000);

    const v2 = await draft(finance, a.companyId, { copyFromVersionId: v1.versionId, title: '2027 年收费标准' });
    expect(v2.itemCount).toBe(2);
    await t.http().post(`/api/price-lists/${v2.id}/items`).set(bearer(finance)).send(item('GS-001', 2600)).expect(200);
    await t
      .http()
      .post(`/api/price-lists/${v2.id}/items`)
      .set(bearer(finance))
      .send(item('GS-011', 5000, { name: '花洒安装', unit: '套' }))
      .expect(200);
    await t.http().delete(`/api/price-lists/${v2.id}/entries/GS-005`).set(bearer(finance)).expect(204);
    const diff = await t
      .http()
      .get(`/api/price-lists/${v2.id}/diff?against=${v1.versionId}`)
      .set(bearer(finance))
      .expect(200);
    expect(diff.body.entries).toEqual([
      { code: 'GS-001', name: '项目GS-001', change: 'changed', fields: { labourPriceFen: [2000, 2600] } },
      { code: 'GS-005', name: '马桶疏通', change: 'removed', fields: {} },
      { code: 'GS-011', name: '花洒安装', change: 'added', fields: {} },
    ]);
    await t.http().post(`/api/price-lists/${v2.id}/approve`).set(bearer(quality)).expect(200);
    await t.http().post(`/api/price-lists/${v2.id}/publish`).set(bearer(quality)).send({}).expect(200);

    const after = (await quote([{ code: 'GS-001', quantityMilli: 2000 }]).expect(200)).body as IPricedQuote;
    expect(after).toMatchObject({ scheduleVersionId: v2.id, totalFen: 5200 });
    // Removed from the schedule in force: must be re-added before anyone is charged for it.
    const gone = await quote([{ code: 'GS-005', quantityMilli: 1000 }]).expect(422);
    expect(gone.body.code).toBe(ErrorCode.UnknownScheduleItem);
    // The earlier instant still resolves to the earlier prices.
    const catalog = t.app.get((await import('../../src/modules/catalog/catalog.service')).CatalogService);
    const historical = await catalog.priceQuote(
      a.projectId,
      {
        items: [
          { code: 'GS-001', quantityMilli: 2000 },
          { code: 'GS-005', quantityMilli: 1000 },
        ],
      },
      beforeAt,
    );
    expect(historical).toMatchObject({
      scheduleVersionId: v1.versionId,
      totalFen: before.totalFen,
      lines: before.lines,
    });
    const chargeAfter = await t.http().get(`/api/charges/${charge.id}`).set(bearer(cm)).expect(200);
    expect(chargeAfter.body).toMatchObject({ totalFen: 10000 });
    expect(
      chargeAfter.body.lines.map(
        (l: { code: string; unitPriceFen: number; amountFen: number; scheduleVersionId: number }) => [
          l.code,
          l.unitPriceFen,
          l.amountFen,
          l.scheduleVersionId,
        ],
      ),
    ).toEqual([
      ['GS-001', 2000, 4000, v1.versionId],
      ['GS-005', 5000, 5000, v1.versionId],
      ['GS-005', 1000, 1000, v1.versionId],
    ]);
    const stillV1 = await t.db.query('SELECT labour_price_fen FROM fee_items WHERE version_id = ? AND code = ?', [
      v1.versionId,
      'GS-001',
    ]);
    expect(Number(stillV1[0].labour_price_fen)).toBe(2000);
  });

  it('a future version is published but not yet in force', async () => {
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const v3 = await publishSchedule({ 'GS-001': 9900 }, future);
    expect(v3).toMatchObject({ status: 'published', inForce: false, effectiveFrom: future });
    const now = (await quote([{ code: 'GS-001', quantityMilli: 1000 }]).expect(200)).body;
    expect(now.totalFen).toBe(2600);
  });
});
