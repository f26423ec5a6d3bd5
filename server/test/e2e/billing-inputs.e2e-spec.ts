import ExcelJS from 'exceljs';
import { ErrorCode, IReadingImportResult } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Tenant } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';
import { inputsFixture } from './billing-inputs-fixture';

/** Billing inputs over HTTP: meter readings (entry, import); billing-inputs-amounts has the rest. */
describe('billing inputs', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  const fx = inputsFixture();
  const { tok, http, record, upload, sheet, readingsOf } = fx;
  beforeAll(() => {
    ({ t, a, b } = fx.state());
  });

  describe('meter readings', () => {
    const [h0, h1] = [0, 1].map((i) => () => a.houseIds[i]);

    it('takes a first reading as the baseline, then bills the difference from last month', async () => {
      const first = await record({ houseId: h0(), period: '2025-01', reading: '100' }).expect(200);
      expect(first.body).toMatchObject({
        readingMilli: 100_000,
        previousMilli: 100_000,
        consumptionMilli: 0,
        meterChanged: false,
        houseLabel: '1栋1单元101',
      });
      const second = await record({ houseId: h0(), period: '2025-02', reading: '112.345' }).expect(200);
      expect(second.body).toMatchObject({ readingMilli: 112_345, previousMilli: 100_000, consumptionMilli: 12_345 });
      expect(await t.db.getRepository(AuditEntry).countBy({ action: 'reading.record', entityId: second.body.id })).toBe(
        1,
      );
    });

    it('refuses a reading lower than the last one with a 422 naming 本期读数, unless the meter was changed', async () => {
      const low = await record({ houseId: h0(), period: '2025-03', reading: '99.9' }).expect(422);
      expect(low.body.code).toBe(ErrorCode.ValidationFailed);
      expect(low.body.message).toContain('本期读数');
      expect(low.body.message).toContain('112.345');
      const noStart = await record({ houseId: h0(), period: '2025-03', reading: '5', meterChanged: true }).expect(422);
      expect(noStart.body.message).toContain('新表起始读数');
      const changed = await record({
        houseId: h0(),
        period: '2025-03',
        reading: '5.5',
        meterChanged: true,
        startReading: '0.5',
      }).expect(200);
      expect(changed.body).toMatchObject({
        readingMilli: 5_500,
        previousMilli: 500,
        consumptionMilli: 5_000,
        meterChanged: true,
      });
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
      const huge = await record({ houseId: h0(), period: '2025-05', reading: '2000000' }).expect(422);
      expect(huge.body.details.fields[0].field).toBe('reading');
      const malformed = await record({ houseId: h0(), period: '2025-5', reading: '-1' }).expect(422);
      expect(malformed.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'period',
        'reading',
      ]);
    });

    it('lists a project month for readers (billing.view) and nobody else', async () => {
      const list = await http()
        .get(`/api/billing/readings?projectId=${a.projectId}&period=2025-01&itemCode=SF`)
        .set(bearer(tok.cashier))
        .expect(200);
      expect(list.body.items.map((r: { houseId: number }) => r.houseId)).toEqual([h0(), h1()]);
      await http()
        .get(`/api/billing/readings?projectId=${a.projectId}&period=2025-01`)
        .set(bearer(tok.cmB))
        .expect(404);
    });
  });

  describe('reading import', () => {
    it('serves a template with every house and its last reading', async () => {
      const res = await http()
        .get(`/api/billing/readings/template.xlsx?projectId=${a.projectId}&period=2025-02&itemCode=SF`)
        .set(bearer(tok.cm))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body);
      const rows = book.worksheets[0].getSheetValues().slice(1) as unknown[][];
      expect(rows[0].slice(1)).toEqual(['房屋编号', '房屋', '上期读数', '本期读数', '换表', '新表起始读数']);
      expect(rows.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual([
        [a.houseIds[0], '1栋1单元101', '100.000'],
        [a.houseIds[1], '1栋1单元102', '51.000'],
        [a.houseIds[2], '1栋1单元103', ''],
        [a.houseIds[3], '1栋1单元104', ''],
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
      expect(result.errors.map((e) => [e.row, e.field])).toEqual([
        [3, '房屋'],
        [4, '本期读数'],
        [5, '换表'],
        [6, '房屋'],
      ]);
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
        [a.houseIds[0], 100_000, 12_345, false],
        [a.houseIds[1], 51_000, 9_500, false],
        [a.houseIds[3], 0, 7_000, true],
      ]);
      expect(await t.db.getRepository(AuditEntry).countBy({ action: 'reading.import', entityId: a.projectId })).toBe(1);
    });

    it('keeps to 5 MB and 20,000 rows a file', async () => {
      const big = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 65), 'period=2025-06').expect(422);
      expect(big.body.details.fields[0]).toMatchObject({ field: 'file', message: expect.stringContaining('5 MB') });
      const rows = Array.from({ length: 20_001 }, () => [a.houseIds[0], '', '', '1', '', '']);
      const many = await upload(await sheet(rows), 'period=2025-06').expect(422);
      expect(many.body.details.fields[0]).toMatchObject({ field: 'file', message: expect.stringContaining('20000') });
    }, 60_000);

    it('refuses what is not a workbook, and callers without reading.edit', async () => {
      const notXlsx = await upload(
        Buffer.from('楼栋,本期读数\n'),
        'period=2025-02',
        tok.finance,
        'readings.csv',
      ).expect(422);
      expect(notXlsx.body.details.fields[0].field).toBe('file');
      const corrupt = await upload(Buffer.from('PK not really'), 'period=2025-02').expect(422);
      expect(corrupt.body.details.fields[0].field).toBe('file');
      await upload(await sheet([]), 'period=2025-02', tok.cashier).expect(403);
      const empty = await upload(await sheet([]), 'period=2025-06').expect(422);
      expect(empty.body.details.errors[0]).toMatchObject({ row: 1, field: '文件' });
    });
  });
});
