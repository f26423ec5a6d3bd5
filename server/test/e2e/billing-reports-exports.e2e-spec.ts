import ExcelJS from 'exceljs';
import { addMonths, BillLineKind, ErrorCode, Role, ScopeType, shanghaiMonth } from '@app/shared';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { binary, seedBill } from './billing-reports-helpers';
import { seedReportsWorld } from './billing-reports-world';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

/** Issue 9, reports side: the month's xlsx exports parsed back, and PDFs refused without a Chinese font. */
describe('billing reports: xlsx exports', () => {
  let t: TestApp;
  let w: TicketWorld;
  const cur = shanghaiMonth(new Date());
  const p = (back: number) => addMonths(cur, -back);
  let houseA: number, houseB: number;
  let billACurrent: number;

  const get = (token: string, url: string) => t.http().get(url).set(bearer(token));
  const file = (token: string, url: string) => get(token, url).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await bootTestApp();
    ({ w, houseA, houseB, billACurrent } = await seedReportsWorld(t, cur));
  });
  afterAll(() => t.close());

  it('exports the month as xlsx with Chinese headers and yuan cells computed from fen', async () => {
    const bills = await xlsx(`/api/billing/exports/bills.xlsx?projectId=${w.tenant.projectId}&period=${cur}`);
    expect(bills.header).toEqual([
      '账单ID',
      '楼栋',
      '单元',
      '房屋',
      '账期',
      '状态',
      '应收金额（元）',
      '已收金额（元）',
      '未收金额（元）',
    ]);
    expect(bills.rows.map((r) => [r[3], r[5], r[6], r[7], r[8]])).toEqual([
      ['1栋1单元101', '已发布', 150, 0, 150],
      ['1栋1单元102', '已发布', 80, 80, 0],
      ['2栋1单元102', '草稿', 99.99, 0, 99.99],
      [undefined, undefined, 329.99, 80, 249.99],
    ]);
    expect(bills.rows[3][0]).toBe('合计');
    expect(bills.moneyFormat).toBe('#,##0.00');
    const lines = await xlsx(`/api/billing/exports/bill-lines.xlsx?projectId=${w.tenant.projectId}&period=${cur}`);
    expect(lines.header).toEqual([
      '账单ID',
      '房屋',
      '账期',
      '类别',
      '项目编码',
      '收费项目',
      '数量',
      '单价（元）',
      '金额（元）',
      '工单编号',
      '已减免',
    ]);
    const charge = lines.rows.find((r) => r[9] === 'BX-261201-0007')!;
    expect(charge).toEqual([
      billACurrent,
      '1栋1单元101',
      cur,
      '特约服务费',
      '',
      '水龙头更换',
      '1 次',
      undefined,
      26.55,
      'BX-261201-0007',
      '',
    ]);
    expect(lines.rows.find((r) => r[5] === '滞纳金')![10]).toBe('是');
    expect(lines.rows.at(-1)![0]).toBe('合计');
    expect(lines.rows.at(-1)![8]).toBe(329.99); // waived late fee excluded
    await get(w.techs[0].token, `/api/billing/exports/bills.xlsx?projectId=${w.tenant.projectId}&period=${cur}`).expect(
      403,
    );
  });

  it("exports the month's meter readings (from the meters side) with readings as numbers and the exact text", async () => {
    const fin = await makeStaff(t.db, [
      { role: Role.Finance, scopeType: ScopeType.Project, scopeId: w.tenant.projectId },
    ]);
    const finance = (await passwordLogin(t, fin.username, STAFF_PASSWORD)).accessToken;
    await t
      .http()
      .post('/api/billing/items')
      .set(bearer(finance))
      .send({
        projectId: w.tenant.projectId,
        code: 'SF',
        name: '水费',
        kind: 'metered',
        unitPrice: '3.50',
        unit: '元/吨',
        effectiveFrom: p(2),
      })
      .expect(201);
    const record = (houseId: number, period: string, reading: string) =>
      t
        .http()
        .post('/api/billing/readings')
        .set(bearer(w.cm))
        .send({ projectId: w.tenant.projectId, itemCode: 'SF', houseId, period, reading })
        .expect(200);
    // Months not billed yet: a billed month's readings are closed (409), and this spec's bills cover the current one.
    const [m1, m2] = [p(-1), p(-2)];
    await record(houseA, m1, '100');
    await record(houseA, m2, '112.345');
    await record(houseB, m2, '7');
    const sheet = await xlsx(`/api/billing/exports/readings.xlsx?projectId=${w.tenant.projectId}&period=${m2}`);
    expect(sheet.header).toEqual([
      '房屋',
      '收费项目编码',
      '账期',
      '上期读数',
      '本期读数',
      '用量',
      '用量（文本）',
      '换表',
      '录入时间',
    ]);
    expect(sheet.rows.map((r) => r.slice(0, 8))).toEqual([
      ['1栋1单元101', 'SF', m2, 100, 112.345, 12.345, '12.345', ''],
      ['1栋1单元102', 'SF', m2, 7, 7, 0, '0.000', ''],
    ]);
  });

  async function xlsx(url: string): Promise<{ header: unknown[]; rows: unknown[][]; moneyFormat: string | undefined }> {
    const res = await file(w.cm, url).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => values(i + 2));
    return { header: values(1), rows, moneyFormat: ws.getRow(2).getCell(7).numFmt };
  }
});

describe('billing reports: PDFs without a Chinese font', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ PDF_FONT: '/nonexistent/no-cjk-font.ttf' });
  });
  afterAll(() => t.close());

  it('answers 503 with a Chinese message instead of printing empty boxes', async () => {
    const w = await makeTicketWorld(t, 1);
    const { companyId, projectId, buildingId, unitId, houseIds } = w.tenant;
    const billId = await seedBill(t.db, companyId, projectId, {
      houseId: houseIds[0],
      buildingId,
      unitId,
      period: shanghaiMonth(new Date()),
      lines: [
        { kind: BillLineKind.Fixed, name: '公共能耗费', quantityText: '1 月', unitPriceFen: 500, amountFen: 500 },
      ],
    });
    const res = await t.http().get(`/api/billing/bills/${billId}/pdf`).set(bearer(w.pm)).expect(503);
    expect(res.body).toMatchObject({ code: ErrorCode.PdfFontMissing, message: expect.stringContaining('中文字体') });
    const notice = await t
      .http()
      .get(`/api/billing/reminders/notice.pdf?projectId=${projectId}&houseIds=${houseIds[0]}`)
      .set(bearer(w.cm))
      .expect(503);
    expect(notice.body.code).toBe(ErrorCode.PdfFontMissing);
    // nothing was printed, so nothing is logged as a reminder
    expect(
      (await t.http().get(`/api/billing/reminders?projectId=${projectId}`).set(bearer(w.cm)).expect(200)).body.total,
    ).toBe(0);
  });
});
