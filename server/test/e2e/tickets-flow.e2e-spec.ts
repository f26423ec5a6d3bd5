import { ErrorCode, ITicket } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, toQuoted, uploadPhoto } from './ticket-helpers';

describe('tickets: lifecycle flows through HTTP as each role', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  const get = async (token: string, id: number): Promise<ITicket> => (await t.http().get(`/api/tickets/${id}`).set(bearer(token)).expect(200)).body;

  it('paid home repair: submit with photo → register → grab → accept → check in → quote → signed consent → done → verified with rating → charge → return visit → closed', async () => {
    const created = await createHomeRepair(t, w);
    expect(created).toMatchObject({ status: 'submitted', paid: true, houseLabel: '1栋1单元101', media: [expect.objectContaining({ url: expect.any(String) })] });
    expect(created.serial).toMatch(/^P[0-9a-f]+-\d{6}-\d{4}$/);
    expect(created.actions).toContain('cancel');
    // Residents get masked numbers; the project's staff get the number they need to call.
    expect(created).toMatchObject({ contactPhone: null, contactPhoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) });
    expect((await get(w.cm, created.id)).contactPhone).toMatch(/^1\d{10}$/);

    const noExplain = await act(t, w.cm, created.id, 'register', {}).expect(422);
    expect(noExplain.body.details.fields[0].field).toBe('priceExplained');
    const registered = (await act(t, w.cm, created.id, 'register', { priceExplained: true }).expect(200)).body as ITicket;
    expect(registered).toMatchObject({ status: 'registered', poolOpen: true });

    const pool = await t.http().get('/api/tickets/jobs/pool').set(bearer(w.techs[0].token)).expect(200);
    expect(pool.body.items.map((x: ITicket) => x.id)).toContain(created.id);
    const outsiderPool = await t.http().get('/api/tickets/jobs/pool').set(bearer(w.outsiderTech)).expect(200);
    expect(outsiderPool.body).toMatchObject({ items: [], total: 0 });

    const grabbed = (await act(t, w.techs[0].token, created.id, 'grab').expect(200)).body as ITicket;
    expect(grabbed).toMatchObject({ status: 'dispatched', technician: { userId: w.techs[0].id } });
    await act(t, w.techs[1].token, created.id, 'grab').expect(409);
    await act(t, w.techs[0].token, created.id, 'accept', { visitAt: new Date(Date.now() + 7200_000).toISOString() }).expect(200);
    await act(t, w.techs[0].token, created.id, 'check-in', { mediaIds: [await uploadPhoto(t, w.techs[0].token)] }).expect(200);
    const quoted = (await act(t, w.techs[0].token, created.id, 'quote', { items: [{ code: 'GS-001', quantityMilli: 2000 }, { code: 'GS-005', quantityMilli: 1000 }] }).expect(200)).body as ITicket;
    expect(quoted.quote).toMatchObject({ status: 'pending', totalFen: 10000, snapshotHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const residentView = await get(w.residentA.accessToken, created.id);
    expect(residentView.actions).toEqual(expect.arrayContaining(['agree_quote', 'decline_quote', 'cancel']));
    const stale = await act(t, w.residentA.accessToken, created.id, 'agree', await sign(t, w.residentA.accessToken, 'f'.repeat(64))).expect(409);
    expect(stale.body.code).toBe(ErrorCode.QuoteChanged);
    const agreed = (await act(t, w.residentA.accessToken, created.id, 'agree', await sign(t, w.residentA.accessToken, quoted.quote!.snapshotHash)).expect(200)).body as ITicket;
    expect(agreed).toMatchObject({ status: 'in_progress', agreedTotalFen: 10000 });
    expect(agreed.signatures[0]).toMatchObject({ purpose: 'quote_agreement', signerName: '张伟', collectedByTechnician: false });

    const noPhoto = await act(t, w.techs[0].token, created.id, 'complete', { result: '已更换', mediaIds: [] }).expect(422);
    expect(noPhoto.body.details.fields[0].field).toBe('mediaIds');
    const done = (await act(t, w.techs[0].token, created.id, 'complete', { result: '已更换水龙头，试水无渗漏', mediaIds: [await uploadPhoto(t, w.techs[0].token)] }).expect(200)).body as ITicket;
    expect(done.status).toBe('done');
    const beforeVerify = await get(w.residentA.accessToken, created.id);
    expect(beforeVerify.acceptanceSnapshotHash).toMatch(/^[0-9a-f]{64}$/);
    const unsigned = await act(t, w.residentA.accessToken, created.id, 'verify', { overall: 5, punctuality: 5, attitude: 5 }).expect(422);
    expect(unsigned.body.details.fields[0].field).toBe('signatureMediaId');
    const badRating = await act(t, w.residentA.accessToken, created.id, 'verify', { overall: 6, punctuality: 0, attitude: 5 }).expect(422);
    expect(badRating.body.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['overall', 'punctuality']));
    const verified = (await act(t, w.residentA.accessToken, created.id, 'verify', {
      overall: 5, punctuality: 4, attitude: 5, comment: '师傅很专业', ...(await sign(t, w.residentA.accessToken, beforeVerify.acceptanceSnapshotHash!)),
    }).expect(200)).body as ITicket;
    expect(verified).toMatchObject({ status: 'verified', ratings: { overall: 5, punctuality: 4, attitude: 5 }, chargeId: expect.any(Number) });

    const charge = await t.http().get(`/api/charges/${verified.chargeId}`).set(bearer(w.residentA.accessToken)).expect(200);
    expect(charge.body).toMatchObject({ totalFen: 10000, ticketSerial: created.serial, agreementRef: expect.stringMatching(/^signature:\d+$/), status: 'open' });
    await act(t, w.cm, created.id, 'return-visit', { result: '电话回访，业主满意', satisfied: true }).expect(200);
    const closed = (await act(t, w.cm, created.id, 'close').expect(200)).body as ITicket;
    expect(closed.status).toBe('closed');
    await act(t, w.cm, created.id, 'cancel', { reason: '晚了' }).expect(409);

    const timeline = await t.http().get(`/api/tickets/${created.id}/timeline`).set(bearer(w.cm)).expect(200);
    expect(timeline.body.map((e: { action: string }) => e.action)).toEqual([
      'submit', 'register', 'grab', 'accept', 'check_in', 'quote', 'agree_quote', 'complete', 'verify', 'return_visit', 'close',
    ]);
    const inbox = await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200);
    expect(inbox.body.items.map((m: { kind: string }) => m.kind)).toEqual(expect.arrayContaining(['ticket.registered', 'ticket.technician_assigned', 'ticket.quoted', 'ticket.done']));
  });

  it('public repair needs no quote and posts no charge; the customer manager accepts it, not the technician', async () => {
    const created = (await t.http().post('/api/tickets').set(bearer(w.cm)).send({
      projectId: w.tenant.projectId, kind: 'repair', scope: 'public', category: 'GD', urgency: 'emergency', description: '3 楼楼道灯不亮',
      channel: 'phone', contactName: '李阿姨', contactPhone: '13811110000',
    }).expect(201)).body as ITicket;
    expect(created).toMatchObject({ paid: false, channel: 'phone', houseId: null, contactPhone: '13811110000', contactPhoneMasked: '138****0000' });
    await act(t, w.cm, created.id, 'register').expect(200);
    await act(t, w.sup, created.id, 'dispatch', { technicianId: w.techs[1].id }).expect(200);
    const tech = w.techs[1].token;
    await act(t, tech, created.id, 'accept', { visitAt: new Date(Date.now() + 600_000).toISOString() }).expect(200);
    await act(t, tech, created.id, 'check-in').expect(200);
    await act(t, tech, created.id, 'quote', { items: [{ code: 'GD-003', quantityMilli: 1000 }] }).expect(422);
    await act(t, tech, created.id, 'start').expect(200);
    const done = (await act(t, tech, created.id, 'complete', { result: '更换灯泡', mediaIds: [await uploadPhoto(t, tech)] }).expect(200)).body as ITicket;
    const hash = (await get(tech, done.id)).acceptanceSnapshotHash!;
    // The technician cannot accept their own public work, even with an owner-relation signature.
    expect((await get(tech, done.id)).actions).not.toContain('verify');
    const byTech = await act(t, tech, created.id, 'verify', { overall: 4, punctuality: 5, attitude: 5, ...(await sign(t, tech, hash, '李阿姨', 'owner')) }).expect(403);
    expect(byTech.body.code).toBe(ErrorCode.Forbidden);
    await act(t, w.outsiderCm, created.id, 'verify', { overall: 4, punctuality: 5, attitude: 5 }).expect(404);
    expect((await get(w.cm, done.id)).actions).toContain('verify');
    const noRelation = await act(t, w.cm, created.id, 'verify', { overall: 4, punctuality: 5, attitude: 5, signerName: '李阿姨' }).expect(422);
    expect(noRelation.body.details.fields[0].field).toBe('representativeRelation');
    const noRating = await act(t, w.cm, created.id, 'verify', { punctuality: 5, attitude: 5 }).expect(422);
    expect(noRating.body.details.fields[0].field).toBe('overall');
    const verified = (await act(t, w.cm, created.id, 'verify', {
      overall: 4, punctuality: 5, attitude: 5, signerName: '李阿姨', representativeRelation: '楼长',
    }).expect(200)).body as ITicket;
    expect(verified).toMatchObject({ status: 'verified', chargeId: null, chargeConfirmation: null, ratings: { overall: 4 } });
    const timeline = await t.http().get(`/api/tickets/${created.id}/timeline`).set(bearer(w.cm)).expect(200);
    expect(timeline.body.at(-1)).toMatchObject({ action: 'verify', actorRole: 'customer_manager', reason: '楼栋代表 李阿姨（楼长）验收' });
  });

  it('a price rise needs a new signed agreement before the job can be completed', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    const first = ticket.quote!;
    await act(t, w.residentA.accessToken, ticket.id, 'agree', await sign(t, w.residentA.accessToken, first.snapshotHash)).expect(200);
    const tech = w.techs[0].token;
    const photo = await uploadPhoto(t, tech);
    const higher = await act(t, tech, ticket.id, 'complete', { result: '需多换一个', mediaIds: [photo], items: [{ code: 'GS-001', quantityMilli: 3000 }, { code: 'GS-005', quantityMilli: 1000 }] }).expect(409);
    expect(higher.body).toMatchObject({ code: ErrorCode.RequoteRequired, details: { agreedTotalFen: 10000, finalTotalFen: 12000 } });
    const requoted = (await act(t, tech, ticket.id, 'requote', { items: [{ code: 'GS-001', quantityMilli: 3000 }, { code: 'GS-005', quantityMilli: 1000 }] }).expect(200)).body as ITicket;
    expect(requoted).toMatchObject({ status: 'quoted', agreedTotalFen: null, quote: { totalFen: 12000 } });
    await act(t, tech, ticket.id, 'complete', { result: 'x', mediaIds: [photo] }).expect(409);
    await act(t, w.residentA.accessToken, ticket.id, 'agree', await sign(t, w.residentA.accessToken, requoted.quote!.snapshotHash)).expect(200);
    const done = (await act(t, tech, ticket.id, 'complete', { result: '换了三个', mediaIds: [photo], items: [{ code: 'GS-001', quantityMilli: 3000 }, { code: 'GS-005', quantityMilli: 1000 }] }).expect(200)).body as ITicket;
    const hash = (await get(w.residentA.accessToken, done.id)).acceptanceSnapshotHash!;
    const verified = (await act(t, w.residentA.accessToken, ticket.id, 'verify', { overall: 5, punctuality: 5, attitude: 5, ...(await sign(t, w.residentA.accessToken, hash)) }).expect(200)).body as ITicket;
    const charge = await t.http().get(`/api/charges/${verified.chargeId}`).set(bearer(w.cm)).expect(200);
    expect(charge.body.totalFen).toBe(12000);
  });

  it('rework, and a failed rework escalates to the project manager', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    await act(t, w.residentA.accessToken, ticket.id, 'agree', await sign(t, w.residentA.accessToken, ticket.quote!.snapshotHash)).expect(200);
    const tech = w.techs[0].token;
    await act(t, tech, ticket.id, 'complete', { result: '修好了', mediaIds: [await uploadPhoto(t, tech)] }).expect(200);
    const noReason = await act(t, w.residentA.accessToken, ticket.id, 'rework', {}).expect(422);
    expect(noReason.body.details.fields[0].field).toBe('reason');
    const first = (await act(t, w.residentA.accessToken, ticket.id, 'rework', { reason: '还在滴水' }).expect(200)).body as ITicket;
    expect(first).toMatchObject({ status: 'in_progress', reworkCount: 1, escalated: false });
    await act(t, tech, ticket.id, 'complete', { result: '重新密封', mediaIds: [await uploadPhoto(t, tech)] }).expect(200);
    const second = (await act(t, w.residentA.accessToken, ticket.id, 'rework', { reason: '依然漏水' }).expect(200)).body as ITicket;
    expect(second).toMatchObject({ reworkCount: 2, escalated: true });
    const escalated = await t.http().get(`/api/tickets/escalated?projectId=${w.tenant.projectId}`).set(bearer(w.pm)).expect(200);
    expect(escalated.body.items.map((x: ITicket) => x.id)).toContain(ticket.id);
    const pmInbox = await t.http().get('/api/inbox?unread=true').set(bearer(w.pm)).expect(200);
    expect(pmInbox.body.items.some((m: { kind: string; ticketId: number }) => m.kind === 'ticket.escalated' && m.ticketId === ticket.id)).toBe(true);
    await t.http().get(`/api/tickets/escalated?projectId=${w.tenant.projectId}`).set(bearer(w.cm)).expect(403);
    await act(t, w.pm, ticket.id, 'damage', { description: '施工划伤橱柜', compensationFen: 15000 }).expect(200);
    const audit = await t.db.query('SELECT action FROM audit_entries WHERE entity_type = ? AND entity_id = ?', ['ticket', ticket.id]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['ticket.damage']);
  });

  it('an unsatisfied return visit opens a rectification task and allows rework', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    await act(t, w.residentA.accessToken, ticket.id, 'agree', await sign(t, w.residentA.accessToken, ticket.quote!.snapshotHash)).expect(200);
    const done = (await act(t, w.techs[0].token, ticket.id, 'complete', { result: '好了', mediaIds: [await uploadPhoto(t, w.techs[0].token)] }).expect(200)).body as ITicket;
    const hash = (await get(w.residentA.accessToken, done.id)).acceptanceSnapshotHash!;
    await act(t, w.residentA.accessToken, ticket.id, 'verify', { overall: 2, punctuality: 3, attitude: 2, ...(await sign(t, w.residentA.accessToken, hash)) }).expect(200);
    await act(t, w.cm, ticket.id, 'return-visit', { result: '业主反映仍有异响', satisfied: false }).expect(200);
    const tasks = await t.http().get(`/api/rectifications?projectId=${w.tenant.projectId}`).set(bearer(w.pm)).expect(200);
    const task = tasks.body.items.find((x: { ticketId: number }) => x.ticketId === ticket.id);
    expect(task).toMatchObject({ status: 'open', reason: '业主反映仍有异响' });
    const rework = (await act(t, w.cm, ticket.id, 'rework', { reason: '回访不满意，安排返修' }).expect(200)).body as ITicket;
    expect(rework.status).toBe('in_progress');
    await t.http().post(`/api/rectifications/${task.id}/resolve`).set(bearer(w.pm)).send({ note: '已安排返修并致歉' }).expect(204);
    await t.http().post(`/api/rectifications/${task.id}/resolve`).set(bearer(w.pm)).send({ note: '再次' }).expect(409);
  });

  it('cancellation: residents before work starts, staff with a reason until done', async () => {
    const a = await createHomeRepair(t, w);
    await act(t, w.cm, a.id, 'register', { priceExplained: true }).expect(200);
    const cancelled = (await act(t, w.residentA.accessToken, a.id, 'cancel', { reason: '自己修好了' }).expect(200)).body as ITicket;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '自己修好了' });
    await act(t, w.techs[0].token, a.id, 'grab').expect(409);

    const b = await toQuoted(t, w, await createHomeRepair(t, w));
    await act(t, w.residentA.accessToken, b.id, 'agree', await sign(t, w.residentA.accessToken, b.quote!.snapshotHash)).expect(200);
    const late = await act(t, w.residentA.accessToken, b.id, 'cancel', { reason: '不修了' }).expect(409);
    expect(late.body).toMatchObject({ code: ErrorCode.StateConflict, details: { current: { status: 'in_progress' } } });
    await act(t, w.sup, b.id, 'cancel', { reason: '业主要求停工，协商取消' }).expect(200);
  });

  it('declining a quote cancels; a signed decline with a call-out fee posts only that fee', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    const declined = (await act(t, w.residentA.accessToken, ticket.id, 'decline-quote', {
      reason: '太贵了', ...(await sign(t, w.residentA.accessToken, ticket.quote!.snapshotHash)),
    }).expect(200)).body as ITicket;
    expect(declined.status).toBe('cancelled');
    const charge = await t.http().get(`/api/charges/${declined.chargeId}`).set(bearer(w.residentA.accessToken)).expect(200);
    expect(charge.body.lines).toEqual([expect.objectContaining({ kind: 'call_out', amountFen: 1000 })]);
    expect(charge.body.totalFen).toBe(1000);

    const unsigned = await toQuoted(t, w, await createHomeRepair(t, w));
    const noFee = (await act(t, w.residentA.accessToken, unsigned.id, 'decline-quote', { reason: '再考虑' }).expect(200)).body as ITicket;
    expect(noFee).toMatchObject({ status: 'cancelled', chargeId: null });
  });

  it('hold pauses the ticket for everyone until resumed', async () => {
    const ticket = await createHomeRepair(t, w);
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    await act(t, w.techs[0].token, ticket.id, 'grab').expect(200);
    const held = (await act(t, w.sup, ticket.id, 'hold', { reason: '等配件到货' }).expect(200)).body as ITicket;
    expect(held).toMatchObject({ onHold: true, holdReason: '等配件到货' });
    const blocked = await act(t, w.techs[0].token, ticket.id, 'accept', { visitAt: new Date(Date.now() + 3600_000).toISOString() }).expect(409);
    expect(blocked.body.details.current.onHold).toBe(true);
    await act(t, w.sup, ticket.id, 'hold', { reason: '再挂' }).expect(409);
    await act(t, w.sup, ticket.id, 'resume').expect(200);
    await act(t, w.techs[0].token, ticket.id, 'accept', { visitAt: new Date(Date.now() + 3600_000).toISOString() }).expect(200);
    const timeline = await t.http().get(`/api/tickets/${ticket.id}/timeline`).set(bearer(w.residentA.accessToken)).expect(200);
    expect(timeline.body.map((e: { action: string }) => e.action)).not.toContain('hold');
  });

  it('service booking names a schedule item; suggestions get a reply and close', async () => {
    const booking = (await t.http().post('/api/tickets').set(bearer(w.residentB.accessToken)).send({
      houseId: w.tenant.houseIds[1], kind: 'service', category: 'ignored', feeItemCode: 'JZ-001', urgency: 'normal', description: '周六上午保洁 3 小时',
      preferredStart: new Date(Date.now() + 86_400_000).toISOString(), preferredEnd: new Date(Date.now() + 86_400_000 + 3 * 3600_000).toISOString(),
    }).expect(201)).body as ITicket;
    expect(booking).toMatchObject({ kind: 'service', category: 'JZ', feeItemCode: 'JZ-001', paid: true });
    const unknown = await t.http().post('/api/tickets').set(bearer(w.residentB.accessToken)).send({
      houseId: w.tenant.houseIds[1], kind: 'service', category: 'JZ', feeItemCode: 'JZ-999', urgency: 'normal', description: 'x',
    }).expect(422);
    expect(unknown.body.code).toBe(ErrorCode.UnknownScheduleItem);

    const suggestion = (await t.http().post('/api/tickets').set(bearer(w.residentB.accessToken)).send({
      houseId: w.tenant.houseIds[1], kind: 'suggestion', category: '环境', urgency: 'normal', description: '建议在 1 栋门口加装雨棚',
    }).expect(201)).body as ITicket;
    await act(t, w.cm, suggestion.id, 'register').expect(422);
    const replied = (await act(t, w.cm, suggestion.id, 'reply', { reply: '感谢建议，已列入下季度改造计划' }).expect(200)).body as ITicket;
    expect(replied).toMatchObject({ status: 'closed', reply: '感谢建议，已列入下季度改造计划' });
    const mine = await t.http().get('/api/tickets/mine').set(bearer(w.residentB.accessToken)).expect(200);
    expect(mine.body.items.map((x: ITicket) => x.id)).toEqual(expect.arrayContaining([booking.id, suggestion.id]));
  });
});
