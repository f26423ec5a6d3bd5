import ExcelJS from 'exceljs';
import { ErrorCode, IReadingImportResult, Role, ScopeType, addMonths, shanghaiMonth } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { MeterReading } from '../../src/modules/billing/inputs/inputs.entity';
import { bindResident, makeStaff, makeTenant, newOpenId, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';

/** Billing inputs over HTTP: readings (entry, import), quantities, 公摊 totals, vacancies, the late-fee policy. */
describe('billing inputs', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  const tok: Record<string, string> = {};

  const staff = async (name: string, role: Role, scopeId: number, scopeType: ScopeType = ScopeType.Project) => {
    const s = await makeStaff(t.db, [{ role, scopeType, scopeId }]);
    tok[name] = (await passwordLogin(t, s.username, STAFF_PASSWORD)).accessToken;
  };
  const http = () => t.http();
  const item = (token: string, body: Record<string, unknown>) =>
    http().post('/api/billing/items').set(bearer(token)).send({ projectId: a.projectId, effectiveFrom: '2025-01', ...body }).expect(201);
  const record = (body: Record<string, unknown>, token = tok.cm) =>
    http().post('/api/billing/readings').set(bearer(token)).send({ projectId: a.projectId, itemCode: 'SF', ...body });
  const upload = (buffer: Buffer, query: string, token = tok.finance, name = 'readings.xlsx') =>
    http().post(`/api/billing/readings/import?projectId=${a.projectId}&itemCode=SF&${query}`).set(bearer(token)).attach('file', buffer, name);
  const sheet = async (rows: (string | number)[][], header = ['房屋编号', '房屋', '上期读数', '本期读数', '换表', '新表起始读数']) => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('抄表');
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await book.xlsx.writeBuffer());
  };
  const readingsOf = (period: string) => t.db.getRepository(MeterReading).find({ where: { projectId: a.projectId, period }, order: { houseId: 'ASC' } });

  beforeAll(async () => {
    t = await bootTestApp();
    a = await makeTenant(t.db, 4);
    b = await makeTenant(t.db, 1);
    await staff('cm', Role.CustomerManager, a.projectId);
    await staff('pm', Role.ProjectManager, a.projectId);
    await staff('cashier', Role.Cashier, a.projectId);
    await staff('finance', Role.Finance, a.companyId, ScopeType.Company);
    await staff('cmB', Role.CustomerManager, b.projectId);
    for (const [name, house] of [['res', a.houseIds[0]], ['resB', b.houseIds[0]]] as const) {
      const pair = await wechatLogin(t, newOpenId());
      tok[name] = pair.accessToken;
      await bindResident(t.db, pair.user.id, house);
    }
    await item(tok.finance, { code: 'SF', name: '水费', kind: 'metered', unitPrice: '3.50', unit: '元/吨' });
    await item(tok.finance, { code: 'CW', name: '车位管理费', kind: 'per_space', unitPrice: '150', unit: '元/个·月' });
    await item(tok.finance, { code: 'GT', name: '公区电费分摊', kind: 'shared', unitPrice: '0', unit: '元/月', sharedSplit: 'area' });
  });
  afterAll(() => t.close());

  describe('meter readings', () => {
    const [h0, h1] = [0, 1].map((i) => () => a.houseIds[i]);

    it('takes a first reading as the baseline, then bills the difference from last month', async () => {
      const first = await record({ houseId: h0(), period: '2025-01', reading: '100' }).expect(200);
      expect(first.body).toMatchObject({ readingMilli: 100_000, previousMilli: 100_000, consumptionMilli: 0, meterChanged: false, houseLabel: '1栋1单元101' });
      const second = await record({ houseId: h0(), period: '2025-02', reading: '112.345' }).expect(200);
      expect(second.body).toMatchObject({ readingMilli: 112_345, previousMilli: 100_000, consumptionMilli: 12_345 });
      expect(await t.db.getRepository(AuditEntry).countBy({ action: 'reading.record', entityId: second.body.id })).toBe(1);
    });

    it('refuses a reading lower than the last one with a 422 naming 本期读数, unless the meter was changed', async () => {
      const low = await record({ houseId: h0(), period: '2025-03', reading: '99.9' }).expect(422);
      expect(low.body.code).toBe(ErrorCode.ValidationFailed);
      expect(low.body.message).toContain('本期读数');
      expect(low.body.message).toContain('112.345');
      const noStart = await record({ houseId: h0(), period: '2025-03', reading: '5', meterChanged: true }).expect(422);
      expect(noStart.body.message).toContain('新表起始读数');
      const changed = await record({ houseId: h0(), period: '2025-03', reading: '5.5', meterChanged: true, startReading: '0.5' }).expect(200);
      expect(changed.body).toMatchObject({ readingMilli: 5_500, previousMilli: 500, consumptionMilli: 5_000, meterChanged: true });
      // The next month compares with the new meter's reading.
      const next = await record({ houseId: h0(), period: '2025-04', reading: '7' }).expect(200);
      expect(next.body).toMatchObject({ previousMilli: 5_500, consumptionMilli: 1_500 });
    });

    it('corrects a month in place, but not once a later month was read', async () => {
      await record({ houseId: h1(), period: '2025-01', reading: '50' }).expect(200);
      await record({ houseId: h1(), period: '2025-01', reading: '51' }).expect(200);
      expect((await readingsOf('2025-01')).find((r) => r.houseId === h1())).toMatchObject({ readingMilli: 51_000 });
      const frozen = await record({ houseId: h0(), period: '2025-02', reading: '113' }).expect(409);
      expect(frozen.body.code).toBe(ErrorCode.StateConflict);
    });

    it('checks the item, the house and the caller', async () => {
      const notMetered = await record({ houseId: h0(), period: '2025-05', reading: '8', itemCode: 'CW' }).expect(422);
      expect(notMetered.body.details.fields[0].field).toBe('itemCode');
      await record({ houseId: b.houseIds[0], period: '2025-05', reading: '8' }).expect(404);
      await record({ houseId: h0(), period: '2025-05', reading: '8' }, tok.cashier).expect(403);
      await record({ houseId: h0(), period: '2025-05', reading: '8' }, tok.cmB).expect(404);
      const malformed = await record({ houseId: h0(), period: '2025-5', reading: '-1' }).expect(422);
      expect(malformed.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['period', 'reading']);
    });

    it('lists a project month for readers (billing.view) and nobody else', async () => {
      const list = await http().get(`/api/billing/readings?projectId=${a.projectId}&period=2025-01&itemCode=SF`).set(bearer(tok.cashier)).expect(200);
      expect(list.body.items.map((r: { houseId: number }) => r.houseId)).toEqual([h0(), h1()]);
      await http().get(`/api/billing/readings?projectId=${a.projectId}&period=2025-01`).set(bearer(tok.cmB)).expect(404);
    });
  });

  describe('reading import', () => {
    it('serves a template with every house and its last reading', async () => {
      const res = await http().get(`/api/billing/readings/template.xlsx?projectId=${a.projectId}&period=2025-02&itemCode=SF`).set(bearer(tok.cm))
        .buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); })
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body);
      const rows = book.worksheets[0].getSheetValues().slice(1) as unknown[][];
      expect(rows[0].slice(1)).toEqual(['房屋编号', '房屋', '上期读数', '本期读数', '换表', '新表起始读数']);
      expect(rows.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual([
        [a.houseIds[0], '1栋1单元101', '100.000'], [a.houseIds[1], '1栋1单元102', '51.000'], [a.houseIds[2], '1栋1单元103', ''], [a.houseIds[3], '1栋1单元104', ''],
      ]);
    });

    it('reports every bad row by row and Chinese column and writes nothing (all-or-nothing)', async () => {
      const file = await sheet([
        [a.houseIds[1], '', '', '60.5', '', ''], // fine
        ['', '9栋9单元999', '', '10', '', ''], // no such house
        [a.houseIds[2], '', '', 'abc', '', ''], // not a number
        [a.houseIds[3], '', '', '3', '换了', ''], // bad 换表
        ['', '1栋1单元102', '', '61', '', ''], // same house as row 2
      ]);
      const res = await upload(file, 'period=2025-02&dryRun=false').expect(422);
      expect(res.body.code).toBe(ErrorCode.ImportInvalid);
      const result = res.body.details as IReadingImportResult;
      expect(result).toMatchObject({ dryRun: false, rows: 5, imported: 0 });
      expect(result.errors.map((e) => [e.row, e.field])).toEqual([[3, '房屋'], [4, '本期读数'], [5, '换表'], [6, '房屋']]);
      expect((await readingsOf('2025-02')).map((r) => r.houseId)).toEqual([a.houseIds[0]]);
    });

    it('refuses a lower reading in a row, naming 本期读数', async () => {
      const res = await upload(await sheet([[a.houseIds[1], '', '', '50', '', '']]), 'period=2025-02').expect(422);
      expect(res.body.details.errors).toEqual([expect.objectContaining({ row: 2, field: '本期读数' })]);
    });

    it('dry-runs without writing, then imports in one go; blank readings are skipped', async () => {
      const file = await sheet([
        [a.houseIds[1], '1栋1单元102', '51.000', '60.5', '', ''],
        [a.houseIds[2], '1栋1单元103', '', '', '', ''],
        [a.houseIds[3], '1栋1单元104', '', '7', '是', '0'],
      ]);
      const dry = await upload(file, 'period=2025-02&dryRun=true').expect(200);
      expect(dry.body).toEqual({ dryRun: true, rows: 3, imported: 0, errors: [] });
      expect(await readingsOf('2025-02')).toHaveLength(1);
      const done = await upload(file, 'period=2025-02').expect(200);
      expect(done.body).toMatchObject({ dryRun: false, imported: 2, errors: [] });
      const rows = await readingsOf('2025-02');
      expect(rows.map((r) => [r.houseId, r.previousMilli, r.consumptionMilli, r.meterChanged])).toEqual([
        [a.houseIds[0], 100_000, 12_345, false], [a.houseIds[1], 51_000, 9_500, false], [a.houseIds[3], 0, 7_000, true],
      ]);
      expect(await t.db.getRepository(AuditEntry).countBy({ action: 'reading.import', entityId: a.projectId })).toBe(1);
    });

    it('refuses what is not a workbook, and callers without reading.edit', async () => {
      const notXlsx = await upload(Buffer.from('楼栋,本期读数\n'), 'period=2025-02', tok.finance, 'readings.csv').expect(422);
      expect(notXlsx.body.details.fields[0].field).toBe('file');
      const corrupt = await upload(Buffer.from('PK not really'), 'period=2025-02').expect(422);
      expect(corrupt.body.details.fields[0].field).toBe('file');
      await upload(await sheet([]), 'period=2025-02', tok.cashier).expect(403);
      const empty = await upload(await sheet([]), 'period=2025-06').expect(422);
      expect(empty.body.details.errors[0]).toMatchObject({ row: 1, field: '文件' });
    });
  });

  describe('quantities and 公摊 totals', () => {
    it('finance sets a house quantity (audited); 0 removes it; a non per-space item is refused', async () => {
      await http().put('/api/billing/house-quantities').set(bearer(tok.finance)).send({ itemCode: 'CW', houseId: a.houseIds[0], quantity: 2 }).expect(204);
      await http().put('/api/billing/house-quantities').set(bearer(tok.finance)).send({ itemCode: 'CW', houseId: a.houseIds[1], quantity: 1 }).expect(204);
      await http().put('/api/billing/house-quantities').set(bearer(tok.finance)).send({ itemCode: 'CW', houseId: a.houseIds[1], quantity: 0 }).expect(204);
      const audits = await t.db.getRepository(AuditEntry).find({ where: { action: 'billing.house-quantity', entityId: a.houseIds[1] }, order: { id: 'ASC' } });
      expect(audits.map((e) => JSON.parse(e.afterJson!).quantityMilli)).toEqual([1000, 0]);
      const wrong = await http().put('/api/billing/house-quantities').set(bearer(tok.finance)).send({ itemCode: 'SF', houseId: a.houseIds[0], quantity: 1 }).expect(422);
      expect(wrong.body.details.fields[0].field).toBe('itemCode');
      await http().put('/api/billing/house-quantities').set(bearer(tok.cm)).send({ itemCode: 'CW', houseId: a.houseIds[0], quantity: 1 }).expect(403);
      await http().put('/api/billing/house-quantities').set(bearer(tok.finance)).send({ itemCode: 'CW', houseId: a.houseIds[0], quantity: -1 }).expect(422);
    });

    it('finance sets a month’s 公摊 total in yuan; re-setting replaces it', async () => {
      const put = (amount: string) => http().put('/api/billing/shared-amounts').set(bearer(tok.finance)).send({ projectId: a.projectId, itemCode: 'GT', period: '2025-02', amount });
      await put('100.01').expect(204);
      await put('100.02').expect(204);
      const audits = await t.db.getRepository(AuditEntry).find({ where: { action: 'billing.shared-amount', projectId: a.projectId }, order: { id: 'ASC' } });
      expect(audits.map((e) => JSON.parse(e.afterJson!).amountFen)).toEqual([10001, 10002]);
      const bad = await put('1.234').expect(422);
      expect(bad.body.details.fields[0].field).toBe('amount');
    });
  });

  describe('late-fee policy', () => {
    const url = () => `/api/billing/projects/${a.projectId}/late-fee-policy`;

    it('is off by default', async () => {
      const res = await http().get(url()).set(bearer(tok.cashier)).expect(200);
      expect(res.body).toEqual({ projectId: a.projectId, enabled: false, graceDays: 30, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 0 });
    });

    it('keeps the terms within bounds and audits a change', async () => {
      const body = { enabled: true, graceDays: 15, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 30 };
      const high = await http().put(url()).set(bearer(tok.finance)).send({ ...body, capPercent: 50, dailyRatePer100k: 500 }).expect(422);
      expect(high.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['capPercent', 'dailyRatePer100k']);
      await http().put(url()).set(bearer(tok.pm)).send(body).expect(403);
      const saved = await http().put(url()).set(bearer(tok.finance)).send(body).expect(200);
      expect(saved.body).toEqual({ projectId: a.projectId, ...body });
      expect(await t.db.getRepository(AuditEntry).countBy({ action: 'billing.late-fee-policy', projectId: a.projectId })).toBe(1);
    });
  });

  describe('vacancy applications', () => {
    const month = shanghaiMonth(new Date());
    const apply = (token: string, body: Record<string, unknown>, url = '/api/bills/mine/vacancies') =>
      http().post(url).set(bearer(token)).send({ houseId: a.houseIds[0], fromPeriod: month, toPeriod: addMonths(month, 1), reason: '出国半年，房屋空置', ...body });

    it('a resident applies for their own house only, at the project’s percent; overlaps are refused', async () => {
      const own = await apply(tok.res, {}).expect(201);
      expect(own.body).toMatchObject({ houseId: a.houseIds[0], status: 'pending', discountPercent: 30, houseLabel: '1栋1单元101' });
      await apply(tok.res, { houseId: a.houseIds[1] }).expect(404);
      await apply(tok.res, { fromPeriod: addMonths(month, 1), toPeriod: addMonths(month, 2) }).expect(409);
      const past = await apply(tok.res, { fromPeriod: addMonths(month, -1), toPeriod: month }).expect(422);
      expect(past.body.details.fields[0].field).toBe('fromPeriod');
      const long = await apply(tok.res, { fromPeriod: addMonths(month, 3), toPeriod: addMonths(month, 15) }).expect(422);
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
      await http().post(`/api/billing/vacancies/${id}/decision`).set(bearer(tok.cm)).send({ approve: true }).expect(403);
      const rejectNoNote = await http().post(`/api/billing/vacancies/${id}/decision`).set(bearer(tok.pm)).send({ approve: false }).expect(422);
      expect(rejectNoNote.body.details.fields[0].field).toBe('note');
      const results = await Promise.all([true, false, true].map((approve) =>
        http().post(`/api/billing/vacancies/${id}/decision`).set(bearer(tok.pm)).send({ approve, note: '核实空置' })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const again = await http().post(`/api/billing/vacancies/${id}/decision`).set(bearer(tok.pm)).send({ approve: true }).expect(409);
      expect(again.body.code).toBe(ErrorCode.StateConflict);
      const audits = await t.db.getRepository(AuditEntry).find({ where: { entityType: 'vacancy_application', entityId: id }, order: { id: 'ASC' } });
      expect(audits.map((e) => e.action)).toEqual(['vacancy.apply', expect.stringMatching(/^vacancy\.(approve|reject)$/)]);
      const list = await http().get(`/api/billing/vacancies?projectId=${a.projectId}&status=pending`).set(bearer(tok.pm)).expect(200);
      expect(list.body.every((v: { status: string }) => v.status === 'pending')).toBe(true);
      await http().get(`/api/billing/vacancies?projectId=${a.projectId}`).set(bearer(tok.cmB)).expect(404);
    });
  });
});
