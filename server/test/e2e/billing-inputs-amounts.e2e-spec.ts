import { ErrorCode, addMonths, shanghaiMonth } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { MeterReading } from '../../src/modules/billing/inputs/inputs.entity';
import { Tenant } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';
import { inputsFixture } from './billing-inputs-fixture';

/** Billing inputs over HTTP: quantities, 公摊 totals, the late-fee policy, vacancies. */
describe('billing inputs: quantities, 公摊, late-fee policy, vacancies', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  const fx = inputsFixture();
  const { tok, http, record } = fx;
  beforeAll(() => {
    ({ t, a, b } = fx.state());
  });
  describe('quantities and 公摊 totals', () => {
    it('finance sets a house quantity (audited); 0 removes it; a non per-space item is refused', async () => {
      await http()
        .put('/api/billing/house-quantities')
        .set(bearer(tok.finance))
        .send({ itemCode: 'CW', houseId: a.houseIds[0], quantity: 2 })
        .expect(204);
      await http()
        .put('/api/billing/house-quantities')
        .set(bearer(tok.finance))
        .send({ itemCode: 'CW', houseId: a.houseIds[1], quantity: 1 })
        .expect(204);
      await http()
        .put('/api/billing/house-quantities')
        .set(bearer(tok.finance))
        .send({ itemCode: 'CW', houseId: a.houseIds[1], quantity: 0 })
        .expect(204);
      const audits = await t.db
        .getRepository(AuditEntry)
        .find({ where: { action: 'billing.house-quantity', entityId: a.houseIds[1] }, order: { id: 'ASC' } });
      expect(audits.map((e) => JSON.parse(e.afterJson!).quantityMilli)).toEqual([1000, 0]);
      const wrong = await http()
        .put('/api/billing/house-quantities')
        .set(bearer(tok.finance))
        .send({ itemCode: 'SF', houseId: a.houseIds[0], quantity: 1 })
        .expect(422);
      expect(wrong.body.details.fields[0].field).toBe('itemCode');
      await http()
        .put('/api/billing/house-quantities')
        .set(bearer(tok.cm))
        .send({ itemCode: 'CW', houseId: a.houseIds[0], quantity: 1 })
        .expect(403);
      await http()
        .put('/api/billing/house-quantities')
        .set(bearer(tok.finance))
        .send({ itemCode: 'CW', houseId: a.houseIds[0], quantity: -1 })
        .expect(422);
    });

    it('finance sets a month’s 公摊 total in yuan; re-setting replaces it', async () => {
      const put = (amount: string) =>
        http()
          .put('/api/billing/shared-amounts')
          .set(bearer(tok.finance))
          .send({ projectId: a.projectId, itemCode: 'GT', period: '2025-02', amount });
      await put('100.01').expect(204);
      await put('100.02').expect(204);
      const audits = await t.db
        .getRepository(AuditEntry)
        .find({ where: { action: 'billing.shared-amount', projectId: a.projectId }, order: { id: 'ASC' } });
      expect(audits.map((e) => JSON.parse(e.afterJson!).amountFen)).toEqual([10001, 10002]);
      const bad = await put('1.234').expect(422);
      expect(bad.body.details.fields[0].field).toBe('amount');
    });
  });

  it('first writes of the same row at once answer 204 or 409, never 500, and leave one row', async () => {
    const shared = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http()
          .put('/api/billing/shared-amounts')
          .set(bearer(tok.finance))
          .send({ projectId: a.projectId, itemCode: 'GT', period: '2025-07', amount: `${10 + i}` }),
      ),
    );
    expect(shared.every((r) => r.status === 204 || r.status === 409)).toBe(true);
    const quantities = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http()
          .put('/api/billing/house-quantities')
          .set(bearer(tok.finance))
          .send({ itemCode: 'CW', houseId: a.houseIds[2], quantity: i + 1 }),
      ),
    );
    expect(quantities.every((r) => r.status === 204 || r.status === 409)).toBe(true);
    const readings = await Promise.all(
      Array.from({ length: 6 }, (_, i) => record({ houseId: a.houseIds[2], period: '2025-07', reading: `${i + 1}` })),
    );
    expect(readings.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(await t.db.getRepository(MeterReading).countBy({ houseId: a.houseIds[2], period: '2025-07' })).toBe(1);
  });

  describe('late-fee policy', () => {
    const url = () => `/api/billing/projects/${a.projectId}/late-fee-policy`;

    it('is off by default', async () => {
      const res = await http().get(url()).set(bearer(tok.cashier)).expect(200);
      expect(res.body).toEqual({
        projectId: a.projectId,
        enabled: false,
        graceDays: 30,
        dailyRatePer100k: 50,
        capPercent: 10,
        vacancyDiscountPercent: 0,
      });
    });

    it('keeps the terms within bounds and audits a change', async () => {
      const body = { enabled: true, graceDays: 15, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 30 };
      const high = await http()
        .put(url())
        .set(bearer(tok.finance))
        .send({ ...body, capPercent: 50, dailyRatePer100k: 500 })
        .expect(422);
      expect(high.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'capPercent',
        'dailyRatePer100k',
      ]);
      await http().put(url()).set(bearer(tok.pm)).send(body).expect(403);
      const saved = await http().put(url()).set(bearer(tok.finance)).send(body).expect(200);
      expect(saved.body).toEqual({ projectId: a.projectId, ...body });
      expect(
        await t.db.getRepository(AuditEntry).countBy({ action: 'billing.late-fee-policy', projectId: a.projectId }),
      ).toBe(1);
    });
  });

  describe('vacancy applications', () => {
    const month = shanghaiMonth(new Date());
    const apply = (token: string, body: Record<string, unknown>, url = '/api/bills/mine/vacancies') =>
      http()
        .post(url)
        .set(bearer(token))
        .send({
          houseId: a.houseIds[0],
          fromPeriod: month,
          toPeriod: addMonths(month, 1),
          reason: '出国半年，房屋空置',
          ...body,
        });

    it('a resident applies for their own house only, at the project’s percent; overlaps are refused', async () => {
      const own = await apply(tok.res, {}).expect(201);
      expect(own.body).toMatchObject({
        houseId: a.houseIds[0],
        status: 'pending',
        discountPercent: 30,
        houseLabel: '1栋1单元101',
      });
      await apply(tok.res, { houseId: a.houseIds[1] }).expect(404);
      await apply(tok.res, { fromPeriod: addMonths(month, 1), toPeriod: addMonths(month, 2) }).expect(409);
      const past = await apply(tok.res, { fromPeriod: addMonths(month, -1), toPeriod: month }).expect(422);
      expect(past.body.details.fields[0].field).toBe('fromPeriod');
      const long = await apply(tok.res, { fromPeriod: addMonths(month, 3), toPeriod: addMonths(month, 15) }).expect(
        422,
      );
      expect(long.body.details.fields[0].field).toBe('toPeriod');
      const mine = await http().get('/api/bills/mine/vacancies').set(bearer(tok.res)).expect(200);
      expect(mine.body.map((v: { id: number }) => v.id)).toEqual([own.body.id]);
    });

    it('is closed where the project offers no vacancy discount', async () => {
      const res = await apply(tok.resB, { houseId: b.houseIds[0] }).expect(422);
      expect(res.body.message).toContain('未开放空置房优惠');
    });

    it('staff with vacancy.apply apply for a resident; the project manager decides once (409 after), concurrently too', async () => {
      const staffApp = await apply(tok.cm, { houseId: a.houseIds[1] }, '/api/billing/vacancies').expect(201);
      await apply(tok.cashier, { houseId: a.houseIds[2] }, '/api/billing/vacancies').expect(403);
      const id = staffApp.body.id;
      await http()
        .post(`/api/billing/vacancies/${id}/decision`)
        .set(bearer(tok.cm))
        .send({ approve: true })
        .expect(403);
      const rejectNoNote = await http()
        .post(`/api/billing/vacancies/${id}/decision`)
        .set(bearer(tok.pm))
        .send({ approve: false })
        .expect(422);
      expect(rejectNoNote.body.details.fields[0].field).toBe('note');
      const results = await Promise.all(
        [true, false, true].map((approve) =>
          http().post(`/api/billing/vacancies/${id}/decision`).set(bearer(tok.pm)).send({ approve, note: '核实空置' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const again = await http()
        .post(`/api/billing/vacancies/${id}/decision`)
        .set(bearer(tok.pm))
        .send({ approve: true })
        .expect(409);
      expect(again.body.code).toBe(ErrorCode.StateConflict);
      const audits = await t.db
        .getRepository(AuditEntry)
        .find({ where: { entityType: 'vacancy_application', entityId: id }, order: { id: 'ASC' } });
      expect(audits.map((e) => e.action)).toEqual([
        'vacancy.apply',
        expect.stringMatching(/^vacancy\.(approve|reject)$/),
      ]);
      const list = await http()
        .get(`/api/billing/vacancies?projectId=${a.projectId}&status=pending`)
        .set(bearer(tok.pm))
        .expect(200);
      expect(list.body.every((v: { status: string }) => v.status === 'pending')).toBe(true);
      await http().get(`/api/billing/vacancies?projectId=${a.projectId}`).set(bearer(tok.cmB)).expect(404);
    });
  });
});
