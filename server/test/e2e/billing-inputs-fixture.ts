import ExcelJS from 'exceljs';
import { Role, ScopeType } from '@app/shared';
import { MeterReading } from '../../src/modules/billing/inputs/inputs.entity';
import { bindResident, makeStaff, makeTenant, newOpenId, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';

/**
 * The world of the billing-inputs specs: project A (4 houses; cm, pm, cashier, company finance, a resident),
 * project B (1 house; its cm and a resident), A's metered SF, per-space CW and 公摊 GT items, and the HTTP
 * helpers. Registers beforeAll/afterAll in the calling describe.
 */
export function inputsFixture() {
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
    http()
      .post('/api/billing/items')
      .set(bearer(token))
      .send({ projectId: a.projectId, effectiveFrom: '2025-01', ...body })
      .expect(201);
  const record = (body: Record<string, unknown>, token = tok.cm) =>
    http()
      .post('/api/billing/readings')
      .set(bearer(token))
      .send({ projectId: a.projectId, itemCode: 'SF', ...body });
  const upload = (buffer: Buffer, query: string, token = tok.finance, name = 'readings.xlsx') =>
    http()
      .post(`/api/billing/readings/import?projectId=${a.projectId}&itemCode=SF&${query}`)
      .set(bearer(token))
      .attach('file', buffer, name);
  const sheet = async (
    rows: (string | number)[][],
    header = ['房屋编号', '房屋', '上期读数', '本期读数', '换表', '新表起始读数'],
  ) => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('抄表');
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await book.xlsx.writeBuffer());
  };
  const readingsOf = (period: string) =>
    t.db.getRepository(MeterReading).find({ where: { projectId: a.projectId, period }, order: { houseId: 'ASC' } });

  beforeAll(async () => {
    t = await bootTestApp();
    a = await makeTenant(t.db, 4);
    b = await makeTenant(t.db, 1);
    await staff('cm', Role.CustomerManager, a.projectId);
    await staff('pm', Role.ProjectManager, a.projectId);
    await staff('cashier', Role.Cashier, a.projectId);
    await staff('finance', Role.Finance, a.companyId, ScopeType.Company);
    await staff('cmB', Role.CustomerManager, b.projectId);
    for (const [name, house] of [
      ['res', a.houseIds[0]],
      ['resB', b.houseIds[0]],
    ] as const) {
      const pair = await wechatLogin(t, newOpenId());
      tok[name] = pair.accessToken;
      await bindResident(t.db, pair.user.id, house);
    }
    await item(tok.finance, { code: 'SF', name: '水费', kind: 'metered', unitPrice: '3.50', unit: '元/吨' });
    await item(tok.finance, { code: 'CW', name: '车位管理费', kind: 'per_space', unitPrice: '150', unit: '元/个·月' });
    await item(tok.finance, {
      code: 'GT',
      name: '公区电费分摊',
      kind: 'shared',
      unitPrice: '0',
      unit: '元/月',
      sharedSplit: 'area',
    });
  });
  afterAll(() => t.close());
  return { state: () => ({ t, a, b }), tok, staff, http, item, record, upload, sheet, readingsOf };
}
