import ExcelJS from 'exceljs';
import { ErrorCode, HOUSE_IMPORT_COLUMNS, IHouseImportResult, Role } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { House } from '../../src/modules/property/building.entity';
import { makeStaff, makeTenant, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';

/**
 * 计费起始日 in the house import (docs/billing.md "Proration"): an optional column, a date cell or "YYYY-MM-DD"
 * text; bad values are row errors naming the row and 计费起始日, nothing written; every change audited like the PUT.
 */
describe('house import: 计费起始日', () => {
  let t: TestApp;
  let a: Tenant;
  let cm: string;

  beforeAll(async () => {
    t = await bootTestApp();
    a = await makeTenant(t.db, 1);
    const staff = await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: a.projectId }]);
    cm = (await passwordLogin(t, staff.username, STAFF_PASSWORD)).accessToken;
  });
  afterAll(() => t.close());

  const upload = (name: string, content: Buffer | string, dryRun: boolean) =>
    t
      .http()
      .post(`/api/property/projects/${a.projectId}/houses/import?dryRun=${dryRun}`)
      .set(bearer(cm))
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
  const xlsx = async (rows: unknown[][]) => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('房屋');
    sheet.addRow([...HOUSE_IMPORT_COLUMNS]);
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const startOf = async (roomNo: string) =>
    (await t.db.getRepository(House).findOneByOrFail({ projectId: a.projectId, roomNo })).billingStartDate;
  const audits = async () =>
    (await t.db.getRepository(AuditEntry).find({ where: { action: 'house.billing-start' }, order: { id: 'ASC' } }))
      .filter((e) => e.projectId === a.projectId)
      .map((e) => [JSON.parse(e.beforeJson!).billingStartDate, JSON.parse(e.afterJson!).billingStartDate]);

  it('the template has the column and an example date', async () => {
    const res = await t.http().get('/api/property/houses/import-template.csv').set(bearer(cm)).expect(200);
    const [header, example] = res.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.split(',')).toEqual([...HOUSE_IMPORT_COLUMNS]);
    expect(header.split(',').at(-1)).toBe('计费起始日');
    expect(example.split(',').at(-1)).toBe('2026-11-15');
  });

  it('reads a date cell and a text date; a dry run writes nothing; the import sets and audits them', async () => {
    const file = await xlsx([
      ['9栋', '1单元', '901', 9, 88.5, '住宅', new Date(Date.UTC(2026, 10, 15))],
      ['9栋', '1单元', '902', 9, 90, '住宅', '2026-12-01'],
      ['9栋', '1单元', '903', 9, 91, '住宅', null],
    ]);
    const dry = await upload('houses.xlsx', file, true).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: 3, errors: [] });
    expect(await t.db.getRepository(House).countBy({ projectId: a.projectId, roomNo: '901' })).toBe(0);
    await upload('houses.xlsx', file, false).expect(200);
    expect([await startOf('901'), await startOf('902'), await startOf('903')]).toEqual([
      '2026-11-15',
      '2026-12-01',
      null,
    ]);
    expect(await audits()).toEqual([
      [null, '2026-11-15'],
      [null, '2026-12-01'],
    ]);
  });

  it('bad dates are row errors naming the row and 计费起始日; nothing of the file is written', async () => {
    const csv =
      '楼栋,单元,房号,楼层,建筑面积,房屋类型,计费起始日\n' +
      '9栋,1单元,901,9,88.50,住宅,2027-01-01\n' +
      '9栋,1单元,904,9,70,住宅,2026-02-30\n' +
      '9栋,1单元,905,9,70,住宅,2026/11/15\n' +
      '9栋,1单元,906,9,70,住宅,明天\n';
    const res = await upload('houses.csv', csv, false).expect(422);
    expect(res.body.code).toBe(ErrorCode.ImportInvalid);
    const result = res.body.details as IHouseImportResult;
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [3, '计费起始日'],
      [4, '计费起始日'],
      [5, '计费起始日'],
    ]);
    expect(result.errors[0].message).toBe('第 3 行计费起始日「2026-02-30」无效，须为日期（如 2026-11-15）');
    expect(await startOf('901')).toBe('2026-11-15');
    expect(await t.db.getRepository(House).countBy({ projectId: a.projectId, roomNo: '904' })).toBe(0);
    // The dry run gives the same errors.
    const dry = await upload('houses.csv', csv, true).expect(422);
    expect(dry.body.details.errors).toEqual(result.errors);
  });

  it('re-import: a changed date is audited with before/after, an empty cell or no column keeps the date', async () => {
    const before = (await audits()).length;
    const csv =
      '楼栋,单元,房号,楼层,建筑面积,房屋类型,计费起始日\n' +
      '9栋,1单元,901,9,88.50,住宅,2027-01-10\n' +
      '9栋,1单元,902,9,90,住宅,\n' +
      '9栋,1单元,903,9,91,住宅,2026-11-15\n';
    expect((await upload('houses.csv', csv, false).expect(200)).body).toMatchObject({ created: 0, updated: 3 });
    expect([await startOf('901'), await startOf('902'), await startOf('903')]).toEqual([
      '2027-01-10',
      '2026-12-01',
      '2026-11-15',
    ]);
    expect((await audits()).slice(before)).toEqual([
      ['2026-11-15', '2027-01-10'],
      [null, '2026-11-15'],
    ]);
    // The same file again changes nothing and audits nothing; a file without the column keeps every date.
    await upload('houses.csv', csv, false).expect(200);
    await upload('houses.csv', '楼栋,单元,房号,楼层,建筑面积,房屋类型\n9栋,1单元,901,9,88.50,住宅\n', false).expect(
      200,
    );
    expect(await startOf('901')).toBe('2027-01-10');
    expect((await audits()).length).toBe(before + 2);
  });
});
