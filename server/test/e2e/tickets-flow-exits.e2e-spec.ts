import { ErrorCode, ITicket } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, toQuoted } from './ticket-helpers';

describe('tickets: cancelling, declining, holding, bookings and suggestions through HTTP', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  it('cancellation: residents before work starts, staff with a reason until done', async () => {
    const a = await createHomeRepair(t, w);
    await act(t, w.cm, a.id, 'register', { priceExplained: true }).expect(200);
    const cancelled = (await act(t, w.residentA.accessToken, a.id, 'cancel', { reason: '自己修好了' }).expect(200))
      .body as ITicket;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '自己修好了' });
    await act(t, w.techs[0].token, a.id, 'grab').expect(409);

    const b = await toQuoted(t, w, await createHomeRepair(t, w));
    await act(
      t,
      w.residentA.accessToken,
      b.id,
      'agree',
      await sign(t, w.residentA.accessToken, b.quote!.snapshotHash),
    ).expect(200);
    const late = await act(t, w.residentA.accessToken, b.id, 'cancel', { reason: '不修了' }).expect(409);
    expect(late.body).toMatchObject({ code: ErrorCode.StateConflict, details: { current: { status: 'in_progress' } } });
    await act(t, w.sup, b.id, 'cancel', { reason: '业主要求停工，协商取消' }).expect(200);
  });

  it('declining a quote cancels; a signed decline with a call-out fee posts only that fee', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    const declined = (
      await act(t, w.residentA.accessToken, ticket.id, 'decline-quote', {
        reason: '太贵了',
        ...(await sign(t, w.residentA.accessToken, ticket.quote!.snapshotHash)),
      }).expect(200)
    ).body as ITicket;
    expect(declined.status).toBe('cancelled');
    const charge = await t
      .http()
      .get(`/api/charges/${declined.chargeId}`)
      .set(bearer(w.residentA.accessToken))
      .expect(200);
    expect(charge.body.lines).toEqual([expect.objectContaining({ kind: 'call_out', amountFen: 1000 })]);
    expect(charge.body.totalFen).toBe(1000);

    const unsigned = await toQuoted(t, w, await createHomeRepair(t, w));
    const noFee = (
      await act(t, w.residentA.accessToken, unsigned.id, 'decline-quote', { reason: '再考虑' }).expect(200)
    ).body as ITicket;
    expect(noFee).toMatchObject({ status: 'cancelled', chargeId: null });
  });

  it('hold pauses the ticket for everyone until resumed', async () => {
    const ticket = await createHomeRepair(t, w);
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    await act(t, w.techs[0].token, ticket.id, 'grab').expect(200);
    const held = (await act(t, w.sup, ticket.id, 'hold', { reason: '等配件到货' }).expect(200)).body as ITicket;
    expect(held).toMatchObject({ onHold: true, holdReason: '等配件到货' });
    const blocked = await act(t, w.techs[0].token, ticket.id, 'accept', {
      visitAt: new Date(Date.now() + 3600_000).toISOString(),
    }).expect(409);
    expect(blocked.body.details.current.onHold).toBe(true);
    await act(t, w.sup, ticket.id, 'hold', { reason: '再挂' }).expect(409);
    await act(t, w.sup, ticket.id, 'resume').expect(200);
    await act(t, w.techs[0].token, ticket.id, 'accept', {
      visitAt: new Date(Date.now() + 3600_000).toISOString(),
    }).expect(200);
    const timeline = await t
      .http()
      .get(`/api/tickets/${ticket.id}/timeline`)
      .set(bearer(w.residentA.accessToken))
      .expect(200);
    expect(timeline.body.map((e: { action: string }) => e.action)).not.toContain('hold');
  });

  it('service booking names a schedule item; suggestions get a reply and close', async () => {
    const booking = (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.residentB.accessToken))
        .send({
          houseId: w.tenant.houseIds[1],
          kind: 'service',
          category: 'ignored',
          feeItemCode: 'JZ-001',
          urgency: 'normal',
          description: '周六上午保洁 3 小时',
          preferredStart: new Date(Date.now() + 86_400_000).toISOString(),
          preferredEnd: new Date(Date.now() + 86_400_000 + 3 * 3600_000).toISOString(),
        })
        .expect(201)
    ).body as ITicket;
    expect(booking).toMatchObject({ kind: 'service', category: 'JZ', feeItemCode: 'JZ-001', paid: true });
    const unknown = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentB.accessToken))
      .send({
        houseId: w.tenant.houseIds[1],
        kind: 'service',
        category: 'JZ',
        feeItemCode: 'JZ-999',
        urgency: 'normal',
        description: 'x',
      })
      .expect(422);
    expect(unknown.body.code).toBe(ErrorCode.UnknownScheduleItem);

    const suggestion = (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.residentB.accessToken))
        .send({
          houseId: w.tenant.houseIds[1],
          kind: 'suggestion',
          category: '环境',
          urgency: 'normal',
          description: '建议在 1 栋门口加装雨棚',
        })
        .expect(201)
    ).body as ITicket;
    await act(t, w.cm, suggestion.id, 'register').expect(422);
    const replied = (
      await act(t, w.cm, suggestion.id, 'reply', { reply: '感谢建议，已列入下季度改造计划' }).expect(200)
    ).body as ITicket;
    expect(replied).toMatchObject({ status: 'closed', reply: '感谢建议，已列入下季度改造计划' });
    const mine = await t.http().get('/api/tickets/mine').set(bearer(w.residentB.accessToken)).expect(200);
    expect(mine.body.items.map((x: ITicket) => x.id)).toEqual(expect.arrayContaining([booking.id, suggestion.id]));
  });
});
