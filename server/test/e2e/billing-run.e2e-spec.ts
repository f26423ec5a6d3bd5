import { IBill, IBillDetail, IBillRun, ITicket, Role, addMonths, areaFeeFen, chargeLineName } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Bill, BillLine } from '../../src/modules/billing/billing.entity';
import { Charge, ChargeLine } from '../../src/modules/charges/charge.entity';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { publishRun, runBills, setStandardItems, staffToken, thisMonth } from './billing-helpers';
import { paidRepairWithCharges } from './billing-run-world';
import { createHomeRepair, makeTicketWorld, TicketWorld } from './ticket-helpers';

describe('billing: a paid repair lands on the monthly bill and the resident sees it', () => {
  let t: TestApp;
  let w: TicketWorld;
  let finance: string;
  let pm: string;
  const current = thisMonth();
  const previous = addMonths(current, -1);
  let ticket: ITicket;
  const chargeIds: Record<string, number> = {};

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
    finance = await staffToken(t, Role.Finance, w.tenant.projectId);
    pm = w.pm;
    await setStandardItems(t, finance, w.tenant.projectId);

    ticket = await paidRepairWithCharges(t, w, chargeIds);
  });
  afterAll(() => t.close());

  const mine = async (token: string) =>
    (await t.http().get('/api/bills/mine').set(bearer(token)).expect(200)).body as IBill[];
  const staffBill = async (id: number) =>
    (await t.http().get(`/api/billing/bills/${id}`).set(bearer(finance)).expect(200)).body as IBillDetail;
  const billOf = (period: string, houseId: number) =>
    t.db.getRepository(Bill).findOneByOrFail({ period, houseId, status: 'published' });
  const fees = (i: number) => areaFeeFen(8951 + i, 235) + 1000;

  it("last month's run (cut-off before the charge) bills only the fees; drafts stay invisible to residents", async () => {
    const run = await runBills(t, finance, w.tenant.projectId, previous);
    expect(run).toMatchObject({ status: 'draft', housesTotal: 6, housesDone: 6, error: null });
    expect(await mine(w.residentA.accessToken)).toEqual([]);
    const bills = await t.db.getRepository(Bill).findBy({ projectId: w.tenant.projectId, period: previous });
    expect(bills).toHaveLength(6);
    const house0 = bills.find((b) => b.houseId === w.tenant.houseIds[0])!;
    expect(house0.totalFen).toBe(fees(0));
    expect(await t.db.getRepository(BillLine).countBy({ billId: house0.id, kind: 'charge' })).toBe(0);
    expect((await t.db.getRepository(Charge).findOneByOrFail({ id: chargeIds.billed })).status).toBe('open');
    await publishRun(t, finance, run.id);
  });

  it('this month bills the confirmed charge once with its ticket serial; waived, cash, pay-now and unconfirmed charges are not billed', async () => {
    const run = await runBills(t, finance, w.tenant.projectId, current);
    expect(run.status).toBe('draft');
    const checked = (await t.http().post(`/api/billing/runs/${run.id}/check`).set(bearer(finance)).expect(200))
      .body as IBillRun;
    expect(checked.check).toMatchObject({
      billCount: 6,
      previousBillCount: 6,
      chargeCount: 1,
      chargeTotalFen: 10000,
      unconfirmedCharges: [
        expect.objectContaining({ chargeId: chargeIds.unconfirmed, houseLabel: '1栋1单元101', totalFen: 3000 }),
      ],
    });
    // ¥220.35 → ¥320.35 moves by less than half: not unusual (the resume spec shows one that is).
    expect(checked.check!.unusual).toEqual([]);
    const bill = await t.db.getRepository(Bill).findOneByOrFail({ period: current, houseId: w.tenant.houseIds[0] });
    const detail = await staffBill(bill.id);
    expect(detail.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ['property_fee', areaFeeFen(8951, 235)],
      ['fixed', 1000],
      ['charge', 10000],
    ]);
    expect(detail.lines[2]).toMatchObject({
      chargeId: chargeIds.billed,
      ticketId: ticket.id,
      ticketSerial: ticket.serial,
      quantityText: '1 次',
    });
    // Named after what was done: the charge's schedule items (labour lines, in line order) and the ticket.
    const labour = await t.db
      .getRepository(ChargeLine)
      .find({ where: { chargeId: chargeIds.billed, kind: 'labour' }, order: { sortOrder: 'ASC', id: 'ASC' } });
    expect(labour.length).toBeGreaterThan(0);
    expect(detail.lines[2].name).toBe(chargeLineName(labour[0].name, labour.length, ticket.serial));
    expect(detail.lines[2].name).toMatch(new RegExp(`^特约服务：${labour[0].name}.*（${ticket.serial}）$`));
    expect(detail).toMatchObject({
      totalFen: fees(0) + 10000,
      status: 'draft',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const charges = await t.db.getRepository(Charge).findByIds(Object.values(chargeIds));
    const status = Object.fromEntries(charges.map((c) => [c.id, [c.status, c.billedPeriod]]));
    expect(status[chargeIds.billed]).toEqual(['billed', current]);
    for (const key of ['waived', 'cash', 'payNow', 'unconfirmed']) expect(status[chargeIds[key]][1]).toBeNull();
    expect(await t.db.getRepository(BillLine).countBy({ chargeId: chargeIds.billed })).toBe(1);
    const published = (await t.http().post(`/api/billing/runs/${run.id}/publish`).set(bearer(finance)).expect(200))
      .body as IBillRun;
    expect(published.status).toBe('published');
  });

  it('the resident sees both months via /api/bills/mine, with last month as arrears beside (not inside) the total', async () => {
    const bills = await mine(w.residentA.accessToken);
    expect(bills.map((b) => [b.period, b.houseId])).toEqual([
      [current, w.tenant.houseIds[0]],
      [previous, w.tenant.houseIds[0]],
    ]);
    expect(bills[0]).toMatchObject({
      totalFen: fees(0) + 10000,
      arrearsFen: fees(0),
      payState: 'unpaid',
      status: 'published',
    });
    expect(bills[1]).toMatchObject({ totalFen: fees(0), arrearsFen: 0 });
    const detail = (
      await t.http().get(`/api/bills/mine/${bills[0].id}`).set(bearer(w.residentA.accessToken)).expect(200)
    ).body as IBillDetail;
    expect(detail.arrears).toEqual([{ billId: bills[1].id, period: previous, owedFen: fees(0) }]);
    expect(detail.lines.find((l) => l.kind === 'charge')).toMatchObject({ ticketSerial: ticket.serial });
    const inbox = await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200);
    expect(inbox.body.items.filter((m: { kind: string }) => m.kind === 'bill.published')).toHaveLength(2);
  });

  it("a resident of another house gets 404 for this house's bill, and sees only their own", async () => {
    const bills = await mine(w.residentA.accessToken);
    const other = await t.http().get(`/api/bills/mine/${bills[0].id}`).set(bearer(w.residentB.accessToken)).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    expect((await mine(w.residentB.accessToken)).every((b) => b.houseId === w.tenant.houseIds[1])).toBe(true);
    await t.http().get(`/api/billing/bills/${bills[0].id}`).set(bearer(w.outsiderCm)).expect(404);
    await t.http().get(`/api/billing/bills/${bills[0].id}`).set(bearer(w.residentA.accessToken)).expect(403);
  });

  it('a rerun of a finished run changes nothing (same run, same hashes)', async () => {
    const before = await t.db
      .getRepository(Bill)
      .find({ where: { projectId: w.tenant.projectId }, order: { id: 'ASC' } });
    const again = await t
      .http()
      .post('/api/billing/runs')
      .set(bearer(finance))
      .send({ projectId: w.tenant.projectId, period: current })
      .expect(202);
    expect(again.body[0]).toMatchObject({ status: 'published' });
    const after = await t.db
      .getRepository(Bill)
      .find({ where: { projectId: w.tenant.projectId }, order: { id: 'ASC' } });
    expect(after.map((b) => [b.id, b.contentHash, b.totalFen, b.status])).toEqual(
      before.map((b) => [b.id, b.contentHash, b.totalFen, b.status]),
    );
  });

  it('a house in arrears still reports repairs normally (Civil Code art. 944)', async () => {
    expect((await mine(w.residentA.accessToken))[0].arrearsFen).toBeGreaterThan(0);
    const repair = await createHomeRepair(t, w);
    expect(repair.status).toBe('submitted');
  });

  it('void-and-reissue makes a new published revision, keeps the charge on exactly one live bill, and is audited', async () => {
    const old = await billOf(current, w.tenant.houseIds[0]);
    await t
      .http()
      .post(`/api/billing/bills/${old.id}/void-and-reissue`)
      .set(bearer(finance))
      .send({ reason: '面积有误' })
      .expect(403);
    const noReason = await t
      .http()
      .post(`/api/billing/bills/${old.id}/void-and-reissue`)
      .set(bearer(pm))
      .send({ reason: ' ' })
      .expect(422);
    expect(noReason.body.details.fields[0].field).toBe('reason');
    const reissued = (
      await t
        .http()
        .post(`/api/billing/bills/${old.id}/void-and-reissue`)
        .set(bearer(pm))
        .send({ reason: '面积有误' })
        .expect(200)
    ).body as IBillDetail;
    expect(reissued).toMatchObject({ status: 'published', totalFen: old.totalFen, contentHash: old.contentHash });
    expect(reissued.id).not.toBe(old.id);
    expect((await t.db.getRepository(Bill).findOneByOrFail({ id: old.id })).status).toBe('void');
    expect(await t.db.getRepository(BillLine).countBy({ billedChargeId: chargeIds.billed })).toBe(1);
    expect((await t.db.getRepository(BillLine).findOneByOrFail({ billedChargeId: chargeIds.billed })).billId).toBe(
      reissued.id,
    );
    await t
      .http()
      .post(`/api/billing/bills/${old.id}/void-and-reissue`)
      .set(bearer(pm))
      .send({ reason: '再来' })
      .expect(409);
    expect(await t.db.getRepository(AuditEntry).countBy({ action: 'bill.void-and-reissue', entityId: old.id })).toBe(1);
    const bills = await mine(w.residentA.accessToken);
    expect(bills.map((b) => b.id)).toContain(reissued.id);
    expect(bills.map((b) => b.id)).not.toContain(old.id);
  });

  it('an adjustment lands on the next bill; arrears count each month once (the reissue, not the voided bill)', async () => {
    await t
      .http()
      .post('/api/billing/adjustments')
      .set(bearer(pm))
      .send({ houseId: w.tenant.houseIds[0], amount: '-5.5', reason: '上月多收' })
      .expect(204);
    const bad = await t
      .http()
      .post('/api/billing/adjustments')
      .set(bearer(pm))
      .send({ houseId: w.tenant.houseIds[0], amount: '0', reason: 'x' })
      .expect(422);
    expect(bad.body.details.fields[0].field).toBe('amount');
    await t
      .http()
      .post('/api/billing/adjustments')
      .set(bearer(w.outsiderCm))
      .send({ houseId: w.tenant.houseIds[0], amount: '1', reason: 'x' })
      .expect(403);
    const next = addMonths(current, 1);
    const run = await runBills(t, finance, w.tenant.projectId, next);
    await publishRun(t, finance, run.id);
    const bill = (await mine(w.residentA.accessToken))[0];
    const detail = (await t.http().get(`/api/bills/mine/${bill.id}`).set(bearer(w.residentA.accessToken)).expect(200))
      .body as IBillDetail;
    expect(detail.lines.at(-1)).toMatchObject({ kind: 'adjustment', amountFen: -550, name: '调整：上月多收' });
    expect(detail.totalFen).toBe(fees(0) - 550);
    expect(detail.arrearsFen).toBe(fees(0) + fees(0) + 10000);
    expect(detail.arrears.map((a) => a.period)).toEqual([previous, current]);
    expect(await t.db.getRepository(AuditEntry).countBy({ action: 'bill.adjustment' })).toBeGreaterThanOrEqual(1);
  });

  it('waiving a late-fee line keeps the line, takes it out of the total and is audited', async () => {
    const bill = await billOf(current, w.tenant.houseIds[1]);
    // A late-fee line as the late_fee source writes it (that source belongs to the meters work).
    const line = await t.db.getRepository(BillLine).save({
      billId: bill.id,
      houseId: bill.houseId,
      period: bill.period,
      kind: 'late_fee',
      itemCode: null,
      name: '滞纳金',
      quantityText: '30 天',
      unitPriceFen: null,
      amountFen: 321,
      chargeId: null,
      billedChargeId: null,
      ticketId: null,
      ticketSerial: null,
      waived: false,
      sortOrder: 800_000,
    });
    await t.db.getRepository(Bill).update({ id: bill.id }, { totalFen: bill.totalFen + 321 });
    const property = (await t.db.getRepository(BillLine).findOneByOrFail({ billId: bill.id, kind: 'property_fee' })).id;
    const notLateFee = await t
      .http()
      .post(`/api/billing/bills/${bill.id}/lines/${property}/waive`)
      .set(bearer(pm))
      .send({ reason: '减免' })
      .expect(422);
    expect(notLateFee.body.details.fields[0].field).toBe('lineId');
    const waived = (
      await t
        .http()
        .post(`/api/billing/bills/${bill.id}/lines/${line.id}/waive`)
        .set(bearer(pm))
        .send({ reason: '首次逾期' })
        .expect(200)
    ).body as IBillDetail;
    expect(waived.totalFen).toBe(bill.totalFen);
    expect(waived.lines.find((l) => l.id === line.id)).toMatchObject({ waived: true, amountFen: 321 });
    await t
      .http()
      .post(`/api/billing/bills/${bill.id}/lines/${line.id}/waive`)
      .set(bearer(pm))
      .send({ reason: '再减' })
      .expect(409);
    expect(await t.db.getRepository(AuditEntry).countBy({ action: 'bill.waive-late-fee', entityId: bill.id })).toBe(1);
  });
});
