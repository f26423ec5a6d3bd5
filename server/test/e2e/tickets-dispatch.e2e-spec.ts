import { ITicket, Role } from '@app/shared';
import { DispatchService } from '../../src/modules/dispatch/dispatch.service';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, TicketWorld } from './ticket-helpers';

describe('dispatch policies: assign, pool with fallback to auto then supervisor, auto', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t, 3);
  });
  afterAll(() => t.close());

  const policy = (category: string, mode: string, poolMinutes = 30) =>
    t
      .http()
      .put(`/api/projects/${w.tenant.projectId}/dispatch-policies`)
      .set(bearer(w.sup))
      .send({ category, mode, poolMinutes });
  const get = async (id: number): Promise<ITicket> =>
    (await t.http().get(`/api/tickets/${id}`).set(bearer(w.cm)).expect(200)).body;

  it('only supervisors / PMs of the project edit policies, with named field errors', async () => {
    await policy('GS', 'auto').expect(200);
    await t
      .http()
      .put(`/api/projects/${w.tenant.projectId}/dispatch-policies`)
      .set(bearer(w.cm))
      .send({ category: 'GS', mode: 'auto', poolMinutes: 5 })
      .expect(403);
    await t
      .http()
      .put(`/api/projects/${w.tenant.projectId}/dispatch-policies`)
      .set(bearer(w.outsiderCm))
      .send({ category: 'GS', mode: 'auto', poolMinutes: 5 })
      .expect(403);
    const bad = await policy('GS', 'lottery', 0).expect(422);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['mode', 'poolMinutes']),
    );
    const list = await t
      .http()
      .get(`/api/projects/${w.tenant.projectId}/dispatch-policies`)
      .set(bearer(w.cm))
      .expect(200);
    expect(list.body).toEqual([{ projectId: w.tenant.projectId, category: 'GS', mode: 'auto', poolMinutes: 30 }]);
  });

  it('auto: the least-loaded qualified technician gets the job at registration', async () => {
    await policy('GS', 'auto').expect(200);
    const assigned: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ticket = await createHomeRepair(t, w);
      const registered = (await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200))
        .body as ITicket;
      expect(registered.status).toBe('dispatched');
      assigned.push(registered.technician!.userId);
    }
    // Three jobs, three equally idle technicians: one each.
    expect(new Set(assigned).size).toBe(3);
    const techInbox = await t.http().get('/api/inbox').set(bearer(w.techs[0].token)).expect(200);
    expect(techInbox.body.items.some((m: { kind: string }) => m.kind === 'ticket.dispatched')).toBe(true);
  });

  it('assign: jobs wait in the supervisor queue; an unqualified technician is refused', async () => {
    await policy('GD', 'assign').expect(200);
    const ticket = await createHomeRepair(t, w, w.residentA, w.tenant.houseIds[0], 'GD');
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    const queue = await t
      .http()
      .get(`/api/tickets/dispatch-queue?projectId=${w.tenant.projectId}`)
      .set(bearer(w.sup))
      .expect(200);
    expect(queue.body.items.map((x: ITicket) => x.id)).toContain(ticket.id);
    const outsider = await makeStaff(t.db, [{ role: Role.Technician, scopeId: w.tenant.projectId + 1000 }], {
      technician: true,
    });
    const wrong = await act(t, w.sup, ticket.id, 'dispatch', { technicianId: outsider.id }).expect(422);
    expect(wrong.body.details.fields[0].field).toBe('technicianId');
    const dispatched = (await act(t, w.sup, ticket.id, 'dispatch', { technicianId: w.techs[2].id }).expect(200))
      .body as ITicket;
    expect(dispatched.technician?.userId).toBe(w.techs[2].id);
    const declined = (await act(t, w.techs[2].token, ticket.id, 'decline', { reason: '今天请假' }).expect(200))
      .body as ITicket;
    expect(declined).toMatchObject({ status: 'registered', technician: null });
    const transferBack = (await act(t, w.sup, ticket.id, 'dispatch', { technicianId: w.techs[1].id }).expect(200))
      .body as ITicket;
    expect(transferBack.technician?.userId).toBe(w.techs[1].id);
    const transferred = (
      await act(t, w.sup, ticket.id, 'transfer', { technicianId: w.techs[0].id, reason: '李师傅更熟悉' }).expect(200)
    ).body as ITicket;
    expect(transferred.technician?.userId).toBe(w.techs[0].id);
    const events = await t.http().get(`/api/tickets/${ticket.id}/timeline`).set(bearer(w.sup)).expect(200);
    expect(events.body.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'register',
      'dispatch',
      'decline',
      'dispatch',
      'transfer',
    ]);
  });

  it('pool: not grabbed in time → auto; nobody qualified → the supervisor queue', async () => {
    await policy('JZ', 'pool', 5).expect(200);
    const cleaning = await createHomeRepair(t, w, w.residentA, w.tenant.houseIds[0], 'JZ');
    await act(t, w.cm, cleaning.id, 'register', { priceExplained: true }).expect(200);
    expect((await get(cleaning.id)).poolOpen).toBe(true);
    const dispatch = t.app.get(DispatchService);
    expect(await dispatch.sweepPool(new Date())).toEqual({ autoAssigned: 0, toSupervisor: 0 });
    const later = new Date(Date.now() + 6 * 60_000);
    const swept = await dispatch.sweepPool(later);
    expect(swept.autoAssigned).toBeGreaterThanOrEqual(1);
    expect(await get(cleaning.id)).toMatchObject({ status: 'dispatched', poolOpen: false });

    await policy('LH', 'pool', 5).expect(200);
    const garden = await createHomeRepair(t, w, w.residentA, w.tenant.houseIds[0], 'LH');
    await act(t, w.cm, garden.id, 'register', { priceExplained: true }).expect(200);
    await dispatch.sweepPool(later);
    expect(await get(garden.id)).toMatchObject({ status: 'registered', poolOpen: false });
    const queue = await t
      .http()
      .get(`/api/tickets/dispatch-queue?projectId=${w.tenant.projectId}`)
      .set(bearer(w.sup))
      .expect(200);
    expect(queue.body.items.map((x: ITicket) => x.id)).toContain(garden.id);
    const supInbox = await t.http().get('/api/inbox').set(bearer(w.sup)).expect(200);
    expect(
      supInbox.body.items.some(
        (m: { kind: string; ticketId: number }) => m.kind === 'ticket.needs_dispatch' && m.ticketId === garden.id,
      ),
    ).toBe(true);
  });

  it('grab respects the technician’s open-job cap', async () => {
    await policy('GS', 'pool').expect(200);
    const capped = await makeStaff(t.db, [{ role: Role.Technician, scopeId: w.tenant.projectId }], {
      technician: true,
      companyId: w.tenant.companyId,
      skills: ['水'],
      buildingIds: [w.tenant.buildingId],
      maxOpenJobs: 1,
    });
    const token = (await passwordLogin(t, capped.username, STAFF_PASSWORD)).accessToken;
    const first = await createHomeRepair(t, w);
    const second = await createHomeRepair(t, w);
    await act(t, w.cm, first.id, 'register', { priceExplained: true }).expect(200);
    await act(t, w.cm, second.id, 'register', { priceExplained: true }).expect(200);
    await act(t, token, first.id, 'grab').expect(200);
    const refused = await act(t, token, second.id, 'grab').expect(422);
    expect(refused.body.code).toBe('TECHNICIAN_AT_CAPACITY');
  });
});
