import {
  addMonths,
  daysInPeriod,
  ErrorCode,
  IArrearsRow,
  ICollectionRate,
  IPage,
  IReminder,
  shanghaiMonth,
} from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Bill } from '../../src/modules/billing/billing.entity';
import { InboxMessage } from '../../src/modules/inbox/inbox-message.entity';
import { addHouses } from '../support/factories';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { binary, readPdf } from './billing-reports-helpers';
import { seedReportsWorld } from './billing-reports-world';
import { createHomeRepair, TicketWorld } from './ticket-helpers';

/**
 * Issue 9, reports side: 催缴 (arrears list, in-app reminders, printed 催缴通知单, the reminder log),
 * 收缴率, printed bills with an embedded Chinese font, and xlsx exports parsed back.
 */
describe('billing reports: arrears, reminders, collection rate, PDFs, exports', () => {
  let t: TestApp;
  let w: TicketWorld;
  const cur = shanghaiMonth(new Date());
  const p = (back: number) => addMonths(cur, -back);
  let houseA: number, houseB: number, houseC: number;
  let billACurrent: number;
  let building2: { buildingId: number; unitId: number; houseIds: number[] };

  const get = (token: string, url: string) => t.http().get(url).set(bearer(token));
  const file = (token: string, url: string) => get(token, url).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await bootTestApp();
    ({ w, houseA, houseB, houseC, billACurrent, building2 } = await seedReportsWorld(t, cur));
  });
  afterAll(() => t.close());

  it('lists houses with unpaid published bills, oldest arrears first, with age, owed amount and filters; void and draft bills never count', async () => {
    const page = (await get(w.cm, `/api/billing/arrears?projectId=${w.tenant.projectId}`).expect(200))
      .body as IPage<IArrearsRow>;
    expect(page.total).toBe(2);
    expect(page.items).toEqual([
      expect.objectContaining({
        houseId: houseA,
        buildingName: '1栋',
        unitName: '1单元',
        owedFen: 10000 + 10000 + 15000,
        billCount: 3,
        oldestPeriod: p(4),
        ageMonths: 4,
        lastReminderAt: null,
      }),
      expect.objectContaining({
        houseId: houseC,
        buildingName: '2栋',
        owedFen: 5000,
        billCount: 1,
        oldestPeriod: p(2),
        ageMonths: 2,
      }),
    ]);
    const inBuilding2 = (
      await get(w.cm, `/api/billing/arrears?projectId=${w.tenant.projectId}&buildingId=${building2.buildingId}`).expect(
        200,
      )
    ).body;
    expect(inBuilding2.items.map((r: IArrearsRow) => r.houseId)).toEqual([houseC]);
    const old = (await get(w.cm, `/api/billing/arrears?projectId=${w.tenant.projectId}&minAgeMonths=3`).expect(200))
      .body;
    expect(old.items.map((r: IArrearsRow) => r.houseId)).toEqual([houseA]);
    const paged = (
      await get(w.cm, `/api/billing/arrears?projectId=${w.tenant.projectId}&pageSize=1&page=2`).expect(200)
    ).body;
    expect(paged).toMatchObject({
      total: 2,
      page: 2,
      pageSize: 1,
      items: [expect.objectContaining({ houseId: houseC })],
    });
  });

  it("scopes: a technician may not read arrears (403), another project's staff sees nothing of this one (404)", async () => {
    await get(w.techs[0].token, `/api/billing/arrears?projectId=${w.tenant.projectId}`).expect(403);
    const res = await get(w.outsiderCm, `/api/billing/arrears?projectId=${w.tenant.projectId}`).expect(404);
    expect(res.body.code).toBe(ErrorCode.NotFound);
    await get(w.outsiderCm, `/api/billing/bills/${billACurrent}/pdf`).expect(404);
  });

  it('in-app reminders reach the approved residents of owing houses, each logged and audited; paid-up houses and houses without residents are skipped', async () => {
    const res = await t
      .http()
      .post('/api/billing/reminders')
      .set(bearer(w.cm))
      .send({ projectId: w.tenant.projectId, houseIds: [houseA, houseB, houseC], channel: 'in_app' })
      .expect(200);
    const sent = res.body as IReminder[];
    expect(sent).toEqual([
      expect.objectContaining({
        houseId: houseA,
        channel: 'in_app',
        owedFen: 35000,
        sentByName: expect.any(String),
        sentAt: expect.any(String),
      }),
    ]);
    const messages = await t.db
      .getRepository(InboxMessage)
      .findBy({ userId: w.residentA.user.id, kind: 'bill_reminder' });
    expect(messages).toHaveLength(1);
    expect(messages[0].body).toContain('¥350.00');
    expect(messages[0].body).toContain('民法典');
    expect(await t.db.getRepository(InboxMessage).countBy({ userId: w.residentB.user.id, kind: 'bill_reminder' })).toBe(
      0,
    );
    const audits = await t.db.getRepository(AuditEntry).findBy({ action: 'arrears.remind', entityId: houseA });
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].afterJson!)).toMatchObject({
      channel: 'in_app',
      owedFen: 35000,
      reminderId: sent[0].id,
    });
    const arrears = (await get(w.cm, `/api/billing/arrears?projectId=${w.tenant.projectId}`).expect(200))
      .body as IPage<IArrearsRow>;
    expect(arrears.items.find((r) => r.houseId === houseA)!.lastReminderAt).toBe(sent[0].sentAt);
  });

  it('refuses bad reminder requests with the field named in Chinese; paper notices go through the printed 催缴通知单', async () => {
    const send = (body: object) => t.http().post('/api/billing/reminders').set(bearer(w.cm)).send(body);
    const notice = (await send({ projectId: w.tenant.projectId, houseIds: [houseA], channel: 'notice' }).expect(422))
      .body;
    expect(notice.details.fields[0]).toMatchObject({
      field: 'channel',
      message: expect.stringContaining('催缴通知单'),
    });
    expect(
      (await send({ projectId: w.tenant.projectId, houseIds: [], channel: 'in_app' }).expect(422)).body.details
        .fields[0].field,
    ).toBe('houseIds');
    await send({ projectId: w.tenant.projectId, houseIds: [houseA], channel: 'sms' }).expect(422);
    const foreign = await addHouses(t.db, (await makeOtherProject()).projectId, '9栋', '1单元', 1);
    await send({ projectId: w.tenant.projectId, houseIds: [foreign.houseIds[0]], channel: 'in_app' }).expect(404);
    await t
      .http()
      .post('/api/billing/reminders')
      .set(bearer(w.techs[0].token))
      .send({ projectId: w.tenant.projectId, houseIds: [houseA], channel: 'in_app' })
      .expect(403);
  });

  it('prints a 催缴通知单 per owing house with the Chinese font embedded, stating no service is withheld (art. 944); each printed house is logged', async () => {
    const res = await file(
      w.cm,
      `/api/billing/reminders/notice.pdf?projectId=${w.tenant.projectId}&houseIds=${houseA},${houseB},${houseC}`,
    ).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="arrears-notice-\d+\.pdf"; filename\*=UTF-8''/,
    );
    const pdf = readPdf(res.body as Buffer, 'arrears-notice');
    expect(pdf.fonts).toMatch(/WenQuanYi\S*\s+CID TrueType\s+Identity-H\s+yes/);
    const text = pdf.text.replace(/\s+/g, '');
    expect(text).toContain('催缴通知单');
    expect(text).toContain('1栋1单元101');
    expect(text).toContain('¥350.00');
    expect(text).toContain('2栋1单元101');
    expect(text).toContain('¥50.00');
    expect(text).toContain('民法典》第九百四十四条');
    expect(text).toContain('欠费不影响您正常报修');
    expect(text).not.toContain('1栋1单元102'); // house B owes nothing
    const log = (await get(w.cm, `/api/billing/reminders?projectId=${w.tenant.projectId}`).expect(200))
      .body as IPage<IReminder>;
    expect(log.total).toBe(3);
    expect(log.items.map((r) => [r.houseId, r.channel])).toEqual([
      [houseC, 'notice'],
      [houseA, 'notice'],
      [houseA, 'in_app'],
    ]);
    const ofC = (
      await get(w.cm, `/api/billing/reminders?projectId=${w.tenant.projectId}&houseId=${houseC}`).expect(200)
    ).body;
    expect(ofC).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ houseLabel: '2栋1单元101', owedFen: 5000 })],
    });
    await get(w.cm, `/api/billing/reminders/notice.pdf?projectId=${w.tenant.projectId}&houseIds=${houseB}`).expect(422);
    await get(w.cm, `/api/billing/reminders/notice.pdf?projectId=${w.tenant.projectId}&houseIds=1;2`).expect(422);
  });

  it('a house in arrears still reports repairs normally (Civil Code art. 944: no switch withholds service)', async () => {
    const ticket = await createHomeRepair(t, w, w.residentA, houseA);
    expect(ticket).toMatchObject({ id: expect.any(Number), status: expect.any(String) });
  });

  it('prints a bill: house, period, lines with ticket serials, earlier arrears, total and how to pay, with the font embedded', async () => {
    const res = await file(w.pm, `/api/billing/bills/${billACurrent}/pdf`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = readPdf(res.body as Buffer, 'bill');
    expect(pdf.fonts).toMatch(/WenQuanYi\S*\s+CID TrueType\s+Identity-H\s+yes/);
    const text = pdf.text.replace(/\s+/g, '');
    expect(text).toContain('物业费账单');
    expect(text).toContain('1栋1单元101');
    expect(text).toContain(`${cur.slice(0, 4)}年${Number(cur.slice(5))}月`);
    expect(text).toContain('物业服务费');
    expect(text).toContain('123.45');
    expect(text).toContain('BX-261201-0007');
    expect(text).toContain('滞纳金（已减免）');
    expect(text).toContain(`缴费期限：${addMonths(cur, 1)}-${daysInPeriod(addMonths(cur, 1))}`);
    expect(text).toContain('本期合计：¥150.00');
    expect(text).toContain('往期欠费：¥200.00');
    expect(text).toContain('物业服务中心');
    await get(w.pm, '/api/billing/bills/999999999/pdf').expect(404);
  });

  it('collection rate: billed vs received for the month, earlier arrears, per building and the last 12 months', async () => {
    await t.db.getRepository(Bill).update({ houseId: houseA, period: cur }, { paidFen: 5000 });
    const rate = (
      await get(w.cm, `/api/billing/collection-rate?projectId=${w.tenant.projectId}&period=${cur}`).expect(200)
    ).body as ICollectionRate;
    expect(rate.current).toEqual({
      key: cur,
      billedFen: 15000 + 8000,
      receivedFen: 5000 + 8000,
      rateBp: Math.floor((13000 * 10000) / 23000),
    });
    expect(rate.arrears).toEqual({ key: '往期欠费', billedFen: 10000 + 12000 + 5000, receivedFen: 2000, rateBp: 740 });
    expect(rate.byBuilding).toEqual([{ key: '1栋', billedFen: 23000, receivedFen: 13000, rateBp: 5652 }]);
    expect(rate.byMonth).toHaveLength(12);
    expect(rate.byMonth[0].key).toBe(p(11));
    expect(rate.byMonth[11]).toEqual(rate.current);
    expect(rate.byMonth[7]).toEqual({ key: p(4), billedFen: 10000, receivedFen: 0, rateBp: 0 });
    expect(rate.byMonth[9]).toEqual({ key: p(2), billedFen: 5000, receivedFen: 0, rateBp: 0 });
    expect(rate.byMonth[5]).toEqual({ key: p(6), billedFen: 0, receivedFen: 0, rateBp: null });
    await t.db.getRepository(Bill).update({ houseId: houseA, period: cur }, { paidFen: 0 });
    const bad = (
      await get(w.cm, `/api/billing/collection-rate?projectId=${w.tenant.projectId}&period=2026-13`).expect(422)
    ).body;
    expect(bad.details.fields[0].field).toBe('period');
  });

  async function makeOtherProject() {
    const { makeTenant } = await import('../support/factories');
    return makeTenant(t.db, 0);
  }
});
