import { ErrorCode, ICharge, IQuoteLine, lineAmountFen, PriceListKind, PriceListStatus, Role, ScopeType, shanghaiDate } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { FeeCategory, FeeItem, PriceListVersion } from '../../src/modules/catalog/price-list.entity';
import { Charge } from '../../src/modules/charges/charge.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { bindResident, makeStaff, makeTenant, makeVerifiedTicket, newOpenId, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';

describe('charges: posting, cash on site, hand-over, waivers, counter sales', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  const tok: Record<string, string> = {};
  const ids: Record<string, number> = {};
  let ticketSeq = Math.floor(Math.random() * 1e6) * 100;

  const staff = async (name: string, role: Role, scopeId: number, scopeType: ScopeType = ScopeType.Project, companyId?: number) => {
    const s = await makeStaff(t.db, [{ role, scopeType, scopeId }], { companyId, technician: role === Role.Technician });
    ids[name] = s.id;
    tok[name] = (await passwordLogin(t, s.username, STAFF_PASSWORD)).accessToken;
  };

  beforeAll(async () => {
    t = await bootTestApp();
    a = await makeTenant(t.db, 4);
    b = await makeTenant(t.db, 2);
    await staff('tech', Role.Technician, a.projectId, ScopeType.Project, a.companyId);
    await staff('tech2', Role.Technician, a.projectId, ScopeType.Project, a.companyId);
    await staff('cashier', Role.Cashier, a.projectId);
    await staff('cm', Role.CustomerManager, a.projectId);
    await staff('pm', Role.ProjectManager, a.projectId);
    await staff('pm2', Role.ProjectManager, a.projectId);
    await staff('pmB', Role.ProjectManager, b.projectId);
    await staff('cashierB', Role.Cashier, b.projectId);
    await staff('finance', Role.Finance, a.companyId, ScopeType.Company);
    await staff('financeB', Role.Finance, b.companyId, ScopeType.Company);
    for (const [name, house] of [['res', a.houseIds[0]], ['res2', a.houseIds[1]]] as const) {
      const pair = await wechatLogin(t, newOpenId());
      tok[name] = pair.accessToken;
      await bindResident(t.db, pair.user.id, house);
    }
  });
  afterAll(() => t.close());

  const labour = (unitPriceFen: number, quantityMilli = 1000): IQuoteLine => ({
    kind: 'labour', code: 'GD-001', name: '更换开关', unit: '个', unitPriceFen, quantityMilli,
    amountFen: lineAmountFen(unitPriceFen, quantityMilli),
  });
  /** Posts a charge for a real verified ticket assigned to `technician` (default: tech). */
  const post = async (lines: IQuoteLine[], opts: { ticketId?: number; agreementRef?: string; houseId?: number; technician?: string } = {}) => {
    const houseId = opts.houseId ?? a.houseIds[0];
    const ticketId = opts.ticketId ?? (await makeVerifiedTicket(t.db, { projectId: a.projectId, houseId, technicianId: ids[opts.technician ?? 'tech'] })).id;
    return t.app.get(ChargesService).postForTicket({
      ticketId, ticketSerial: `T-${ticketId}`, projectId: a.projectId, houseId,
      agreementRef: opts.agreementRef ?? `quote-agree:${ticketId}`, lines: lines.map((l) => ({ ...l, scheduleVersionId: 7 })), actorId: ids.tech,
    });
  };
  const audits = (action: string, entityId: number) => t.db.getRepository(AuditEntry).find({ where: { action, entityId } });
  const http = () => t.http();

  it('posts exactly one charge per ticket under 20 concurrent calls, with one audit row', async () => {
    const ticketId = ++ticketSeq;
    const lines = [labour(3000, 1500), { kind: 'call_out', code: 'GD-001', name: '上门费', unit: '次', unitPriceFen: 1000, quantityMilli: 1000, amountFen: 1000 } as IQuoteLine];
    const results = await Promise.all(Array.from({ length: 20 }, () => post(lines, { ticketId })));
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await t.db.getRepository(Charge).countBy({ sourceKey: `ticket:${ticketId}` })).toBe(1);
    expect(await audits('charge.post', results[0].id)).toHaveLength(1);
    expect(results[0]).toMatchObject({ totalFen: 5500, status: 'open', paymentMethod: 'bill', houseLabel: '1栋1单元101', ticketId });
    expect(results[0].lines.map((l) => [l.kind, l.amountFen, l.scheduleVersionId])).toEqual([['labour', 4500, 7], ['call_out', 1000, 7]]);
  });

  it('refuses to post without a resident agreement, or with lines that do not add up', async () => {
    const ticketId = ++ticketSeq;
    await expect(post([labour(1000)], { ticketId, agreementRef: '  ' })).rejects.toMatchObject({ code: ErrorCode.AgreementRequired, status: 422 });
    await expect(post([{ ...labour(1000), amountFen: 999 }], { ticketId })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    expect(await t.db.getRepository(Charge).countBy({ sourceKey: `ticket:${ticketId}` })).toBe(0);
  });

  it('keeps charges to the house’s residents and the project’s staff (404 otherwise)', async () => {
    const charge = await post([labour(2000)]);
    const got = await http().get(`/api/charges/${charge.id}`).set(bearer(tok.res)).expect(200);
    expect(got.body).toMatchObject({ id: charge.id, totalFen: 2000 });
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.res2)).expect(404);
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.pmB)).expect(404);
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.cm)).expect(200);
    const mine = await http().get('/api/charges/mine').set(bearer(tok.res2)).expect(200);
    expect(mine.body.items.map((c: ICharge) => c.id)).not.toContain(charge.id);
    const listA = await http().get(`/api/charges?projectId=${a.projectId}&status=open`).set(bearer(tok.cm)).expect(200);
    expect(listA.body.items.map((c: ICharge) => c.id)).toContain(charge.id);
    const listB = await http().get(`/api/charges?projectId=${a.projectId}`).set(bearer(tok.pmB)).expect(200);
    expect(listB.body.items).toEqual([]);
    await http().get('/api/charges').set(bearer(tok.res)).expect(403);
    await http().patch(`/api/charges/${charge.id}/payment-method`).set(bearer(tok.res2)).send({ paymentMethod: 'pay_now' }).expect(404);
    const bad = await http().patch(`/api/charges/${charge.id}/payment-method`).set(bearer(tok.res)).send({ paymentMethod: 'gold' }).expect(422);
    expect(bad.body.details.fields[0].field).toBe('paymentMethod');
    await http().get('/api/charges/abc').set(bearer(tok.cm)).expect(422);
    // Technicians see the money of their own jobs only.
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.tech)).expect(200);
    await http().get(`/api/charges/${charge.id}`).set(bearer(tok.tech2)).expect(404);
    await http().post(`/api/charges/${charge.id}/cash`).set(bearer(tok.tech2)).expect(404);
    const techList = await http().get(`/api/charges?projectId=${a.projectId}`).set(bearer(tok.tech)).expect(200);
    expect(techList.body.items).toEqual([]);
  });

  it('takes cash on site up to ¥50.00 and refuses more with a clear error, writing nothing', async () => {
    const small = await post([labour(5000)]);
    const big = await post([labour(5001)]);
    const chosen = await http().patch(`/api/charges/${small.id}/payment-method`).set(bearer(tok.res)).send({ paymentMethod: 'cash' }).expect(200);
    expect(chosen.body.paymentMethod).toBe('cash');
    const refusedChoice = await http().patch(`/api/charges/${big.id}/payment-method`).set(bearer(tok.res)).send({ paymentMethod: 'cash' }).expect(422);
    expect(refusedChoice.body).toMatchObject({ code: ErrorCode.CashLimitExceeded, message: expect.stringContaining('¥50.00') });

    const refused = await http().post(`/api/charges/${big.id}/cash`).set(bearer(tok.tech)).expect(422);
    expect(refused.body.code).toBe(ErrorCode.CashLimitExceeded);
    expect(await t.db.getRepository(Charge).findOneByOrFail({ id: big.id })).toMatchObject({ status: 'open', paymentMethod: 'bill', cashCollectedBy: null });
    expect(await audits('charge.cash_collect', big.id)).toHaveLength(0);

    await http().post(`/api/charges/${small.id}/cash`).set(bearer(tok.cashier)).expect(403);
    await http().post(`/api/charges/${small.id}/cash/confirm`).set(bearer(tok.res)).expect(409);
    const collected = await http().post(`/api/charges/${small.id}/cash`).set(bearer(tok.tech)).expect(200);
    expect(collected.body).toMatchObject({ status: 'cash_collected', paymentMethod: 'cash', cashCollectedBy: ids.tech });
    const twice = await http().post(`/api/charges/${small.id}/cash`).set(bearer(tok.tech)).expect(409);
    expect(twice.body).toMatchObject({ code: ErrorCode.StateConflict, details: { current: { status: 'cash_collected' } } });

    await http().post(`/api/charges/${small.id}/cash/confirm`).set(bearer(tok.res2)).expect(404);
    const confirmed = await http().post(`/api/charges/${small.id}/cash/confirm`).set(bearer(tok.res)).expect(200);
    expect(confirmed.body.residentConfirmedAt).toEqual(expect.any(String));
    expect(await audits('charge.cash_collect', small.id)).toHaveLength(1);
    expect(await audits('charge.cash_confirm', small.id)).toHaveLength(1);
    expect(await audits('charge.payment_method', small.id)).toHaveLength(1);
  });

  it('lists cash held by technicians until the cashier confirms the hand-over, exactly once', async () => {
    const c1 = await post([labour(1200)]);
    const c2 = await post([labour(800)], { houseId: a.houseIds[1] });
    const other = await post([labour(500)], { technician: 'tech2' });
    // Cash is taken only where the resident chose it in the app.
    for (const [charge, resident] of [[c1, tok.res], [c2, tok.res2], [other, tok.res]] as const) {
      await http().patch(`/api/charges/${charge.id}/payment-method`).set(bearer(resident)).send({ paymentMethod: 'cash' }).expect(200);
    }
    await http().post(`/api/charges/${c1.id}/cash`).set(bearer(tok.tech)).expect(200);
    await http().post(`/api/charges/${c2.id}/cash`).set(bearer(tok.tech)).expect(200);
    await http().post(`/api/charges/${other.id}/cash`).set(bearer(tok.tech2)).expect(200);

    const outstanding = await http().get(`/api/cash/outstanding?projectId=${a.projectId}`).set(bearer(tok.cashier)).expect(200);
    const mineIds = outstanding.body.entries.filter((e: { technicianId: number }) => e.technicianId === ids.tech).map((e: { chargeId: number }) => e.chargeId);
    expect(mineIds).toEqual(expect.arrayContaining([c1.id, c2.id]));
    expect(outstanding.body.entries.find((e: { chargeId: number }) => e.chargeId === c1.id)).toMatchObject({ amountFen: 1200, technicianName: expect.any(String), houseLabel: '1栋1单元101' });
    const techMine = await http().get('/api/cash/mine').set(bearer(tok.tech)).expect(200);
    expect(techMine.body.entries.map((e: { chargeId: number }) => e.chargeId)).toEqual(expect.arrayContaining([c1.id, c2.id]));
    expect(techMine.body.entries.map((e: { chargeId: number }) => e.chargeId)).not.toContain(other.id);
    await http().get(`/api/cash/outstanding?projectId=${a.projectId}`).set(bearer(tok.cashierB)).expect(404);

    const handover = (token: string, technicianId: number, chargeIds: unknown) => http().post('/api/cash/handovers').set(bearer(token)).send({ technicianId, chargeIds });
    const wrongTech = await handover(tok.cashier, ids.tech, [c1.id, other.id]).expect(409);
    expect(wrongTech.body.code).toBe(ErrorCode.StateConflict);
    await handover(tok.cashierB, ids.tech, [c1.id]).expect(404);
    await handover(tok.tech, ids.tech, [c1.id]).expect(403);
    const empty = await handover(tok.cashier, ids.tech, []).expect(422);
    expect(empty.body.details.fields[0].field).toBe('chargeIds');
    expect(await t.db.getRepository(Charge).countBy({ status: 'paid', cashCollectedBy: ids.tech2 })).toBe(0);

    const done = await handover(tok.cashier, ids.tech, [c1.id, c2.id]).expect(201);
    expect(done.body).toMatchObject({ technicianId: ids.tech, cashierId: ids.cashier, totalFen: 2000, chargeIds: [c1.id, c2.id] });
    const after = await http().get(`/api/cash/outstanding?projectId=${a.projectId}`).set(bearer(tok.cashier)).expect(200);
    const left = after.body.entries.map((e: { chargeId: number }) => e.chargeId);
    expect(left).not.toContain(c1.id);
    expect(left).toContain(other.id);
    expect((await http().get(`/api/charges/${c1.id}`).set(bearer(tok.res)).expect(200)).body).toMatchObject({ status: 'paid', handedOverAt: expect.any(String), paidAt: expect.any(String) });

    const again = await handover(tok.cashier, ids.tech, [c1.id]).expect(409);
    expect(again.body.details.current[0]).toMatchObject({ id: c1.id, status: 'paid' });
    expect(await audits('cash.handover', c1.id)).toHaveLength(1);
    expect(await audits('cash.handover', c2.id)).toHaveLength(1);
  });

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
    expect(over.body).toMatchObject({ code: ErrorCode.WaiverCapExceeded, details: { capFen: 20000, usedFen: 20000, remainingFen: 0 } });
    expect(await t.db.getRepository(Charge).findOneByOrFail({ id: charges[2].id })).toMatchObject({ status: 'open', waivedBy: null });
    await waive(tok.pm, charges[0].id).expect(409);

    const budget = await http().get('/api/waivers/budget').set(bearer(tok.pm)).expect(200);
    expect(budget.body).toMatchObject({ capFen: 20000, usedFen: 20000, remainingFen: 0, month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    const audit = await audits('charge.waive', charges[0].id);
    expect(audit).toEqual([expect.objectContaining({ actorId: ids.pm, reason: '维修延误，向业主致歉免收' })]);
    expect(await audits('charge.waive', charges[2].id)).toHaveLength(0);
  });

  it('holds the waiver cap when one manager waives five ¥50.00 charges at once', async () => {
    const charges = await Promise.all(Array.from({ length: 5 }, () => post([labour(5000)])));
    const results = await Promise.all(charges.map((c) => http().post(`/api/charges/${c.id}/waive`).set(bearer(tok.pm2)).send({ reason: '并发免收' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 422]);
    expect((await http().get('/api/waivers/budget').set(bearer(tok.pm2)).expect(200)).body.usedFen).toBe(20000);
  });

  it('records counter sales priced from the published schedule, in a daily ledger', async () => {
    const at = new Date(Date.now() - 60_000);
    const version = await t.db.getRepository(PriceListVersion).save({
      kind: PriceListKind.FeeSchedule, companyId: a.companyId, regionId: null, versionNo: 1, title: '收费标准', status: PriceListStatus.Published,
      effectiveFrom: at, publishedKey: `fee_schedule:${a.companyId}:-:${at.getTime()}`, notes: null, createdBy: ids.finance,
      approvedBy: ids.finance, approvedAt: at, publishedBy: ids.finance, publishedAt: at, createdAt: at, updatedAt: at,
    });
    await t.db.getRepository(FeeCategory).insert({ versionId: version.id, code: 'DY', name: '打字复印类', sortOrder: 1 });
    await t.db.getRepository(FeeItem).insert({
      versionId: version.id, categoryCode: 'DY', code: 'DY-001', name: 'A4 黑白复印', unit: '张', labourPriceFen: 50, callOutFeeFen: null,
      materialsExtra: false, serviceStandard: '单面', sortOrder: 1,
    });
    const sale = (token: string, body: object) => http().post('/api/counter-sales').set(bearer(token)).send(body);
    const body = { projectId: a.projectId, items: [{ code: 'DY-001', quantityMilli: 12000 }], paidBy: 'wechat', note: '业主复印房产证' };

    const created = await sale(tok.cashier, body).expect(201);
    expect(created.body).toMatchObject({ source: 'counter', status: 'paid', paymentMethod: 'counter', totalFen: 600, paidBy: 'wechat', note: '业主复印房产证' });
    expect(created.body.lines[0]).toMatchObject({ code: 'DY-001', unitPriceFen: 50, quantityMilli: 12000, scheduleVersionId: version.id });
    await sale(tok.cm, { ...body, paidBy: 'cash', note: undefined }).expect(201);
    await sale(tok.tech, body).expect(403);
    await sale(tok.cashierB, body).expect(404);
    const unknown = await sale(tok.cashier, { ...body, items: [{ code: 'NOPE', quantityMilli: 1000 }] }).expect(422);
    expect(unknown.body.code).toBe(ErrorCode.UnknownScheduleItem);
    const invalid = await sale(tok.cashier, { ...body, items: [{ code: 'DY-001', quantityMilli: 0 }] }).expect(422);
    expect(invalid.body.details.fields[0].field).toBe('items.0.quantityMilli');

    const ledger = await http().get(`/api/counter-sales?projectId=${a.projectId}&date=${shanghaiDate(new Date())}`).set(bearer(tok.cashier)).expect(200);
    expect(ledger.body).toMatchObject({ count: 2, totalFen: 1200 });
    const badDate = await http().get(`/api/counter-sales?projectId=${a.projectId}&date=2025-13-01`).set(bearer(tok.cashier)).expect(422);
    expect(badDate.body.details.fields[0].field).toBe('date');
    expect(await audits('counter_sale.create', created.body.id)).toHaveLength(1);
  });

  it('lets company finance change the cash limit and waiver cap, with an audit of before and after', async () => {
    const path = `/api/companies/${a.companyId}/settings`;
    expect((await http().get(path).set(bearer(tok.finance)).expect(200)).body).toEqual({ companyId: a.companyId, cashLimitFen: 5000, waiverMonthlyCapFen: 20000 });
    await http().get(path).set(bearer(tok.financeB)).expect(404);
    await http().put(path).set(bearer(tok.pm)).send({ cashLimitFen: 3000, waiverMonthlyCapFen: 20000 }).expect(403);
    const bad = await http().put(path).set(bearer(tok.finance)).send({ cashLimitFen: 30.5, waiverMonthlyCapFen: 20000 }).expect(422);
    expect(bad.body.details.fields[0].field).toBe('cashLimitFen');

    await http().put(path).set(bearer(tok.finance)).send({ cashLimitFen: 3000, waiverMonthlyCapFen: 20000 }).expect(200);
    const charge = await post([labour(4000)]);
    const refused = await http().post(`/api/charges/${charge.id}/cash`).set(bearer(tok.tech)).expect(422);
    expect(refused.body.message).toContain('¥30.00');
    const [audit] = await t.db.getRepository(AuditEntry).find({ where: { action: 'settings.update', entityId: a.companyId } });
    expect(JSON.parse(audit.beforeJson!)).toEqual({ cashLimitFen: 5000, waiverMonthlyCapFen: 20000 });
    expect(JSON.parse(audit.afterJson!)).toEqual({ cashLimitFen: 3000, waiverMonthlyCapFen: 20000 });
    await http().put(path).set(bearer(tok.finance)).send({ cashLimitFen: 5000, waiverMonthlyCapFen: 20000 }).expect(200);
  });
});
