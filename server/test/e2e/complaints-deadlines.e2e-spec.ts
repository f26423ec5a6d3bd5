import type { IComplaint, IPage, ITicketUrge } from '@app/shared';
import { useClockForTests } from '../../src/common/time';
import { ComplaintSweep } from '../../src/modules/complaints/complaint-sweep.service';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { complaintAct, fileComplaint, outbox, roleIds } from './complaints-helpers';
import { act, createHomeRepair, makeTicketWorld, TicketWorld } from './ticket-helpers';

const MIN = 60_000;

/**
 * Complaint deadlines with a controllable clock (warning at 75 %, breach to the owner, twice the time to the
 * project managers, exactly once) and 催单 (once an hour per request). The clock only moves within the past
 * days so tokens issued at real time stay valid.
 */
describe('complaint deadlines and 催单', () => {
  let t: TestApp;
  let w: TicketWorld;
  let clock: Date;
  let sweep: ComplaintSweep;
  let cmIds: number[];
  let pmIds: number[];
  let supId: number;
  const advance = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * MIN);
  };
  const alerts = async (id: number) =>
    t.db.query('SELECT deadline, stage FROM complaint_alerts WHERE complaint_id = ? ORDER BY id', [id]);

  beforeAll(async () => {
    t = await bootTestApp({ NOTIFY_WORKER: 'false' });
    w = await makeTicketWorld(t, 1);
    sweep = t.app.get(ComplaintSweep);
    [cmIds, pmIds] = [await roleIds(t, w, 'customer_manager'), await roleIds(t, w, 'project_manager')];
    [supId] = await roleIds(t, w, 'supervisor');
    useClockForTests(() => new Date(clock.getTime()));
  });
  afterAll(async () => {
    useClockForTests(null);
    await t.close();
  });

  it('contact deadline: warning at 75 %, breach to the customer managers, twice the time to the project managers', async () => {
    clock = new Date(Date.now() - 2 * 86_400_000);
    const c = await fileComplaint(t, w.residentA.accessToken, { houseId: w.tenant.houseIds[0] });
    advance(89); // 74 % of 120 minutes
    expect(await sweep.run()).toBe(0);
    advance(1);
    await sweep.run();
    expect(await alerts(c.id)).toEqual([{ deadline: 'contact', stage: 'warn' }]);
    expect(await outbox(t, 'complaint.warning', `complaint-sla:${c.id}:contact:warn`)).toEqual(cmIds);
    advance(31); // 121 minutes: breached
    await sweep.run();
    expect(await outbox(t, 'complaint.breach', `complaint-sla:${c.id}:contact:breach_1`)).toEqual(cmIds);
    const overdue = (
      await t.http().get(`/api/complaints?projectId=${w.tenant.projectId}&overdue=true`).set(bearer(w.cm)).expect(200)
    ).body as IPage<IComplaint>;
    expect(overdue.items.find((x) => x.id === c.id)).toMatchObject({ contactOverdue: true, resolveOverdue: false });
    const inbox = await t.http().get('/api/inbox').set(bearer(w.cm)).expect(200);
    expect(inbox.body.items.map((m: { title: string }) => m.title)).toContain('投诉已超时：联系');
    expect(
      inbox.body.items.find(
        (m: { title: string; objectId: number | null }) => m.title === '投诉已超时：联系' && m.objectId === c.id,
      ),
    ).toBeDefined();
    advance(120); // 241: twice the limit → project managers, escalated
    const [a, b] = await Promise.all([sweep.run(), sweep.run()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await outbox(t, 'complaint.breach', `complaint-sla:${c.id}:contact:breach_2`)).toEqual(pmIds);
    expect(await alerts(c.id)).toEqual([
      { deadline: 'contact', stage: 'warn' },
      { deadline: 'contact', stage: 'breach_1' },
      { deadline: 'contact', stage: 'breach_2' },
    ]);
    expect((await t.http().get(`/api/complaints/${c.id}`).set(bearer(w.cm)).expect(200)).body).toMatchObject({
      escalated: true,
      contactOverdue: true,
    });
    expect(await sweep.run()).toBe(0);

    // Contact made late: the contact clock stops; the resolve clock warns the investigator, not the desk.
    await complaintAct(t, w.cm, c.id, 'assign', { investigatorId: supId }).expect(200);
    await complaintAct(t, w.sup, c.id, 'contact', { note: '已联系' }).expect(200);
    advance(2160 - 241 + 1); // past 75 % of 48 h
    await sweep.run();
    expect(await outbox(t, 'complaint.warning', `complaint-sla:${c.id}:resolve:warn`)).toEqual([supId]);
    expect((await alerts(c.id)).filter((x: { deadline: string }) => x.deadline === 'contact')).toHaveLength(3);
  });

  it('a resolved or closed complaint raises no alerts', async () => {
    clock = new Date(Date.now() - 1 * 86_400_000);
    const c = await fileComplaint(t, w.residentA.accessToken, { houseId: w.tenant.houseIds[0] });
    advance(10);
    await complaintAct(t, w.cm, c.id, 'contact', { note: '已联系' }).expect(200);
    await complaintAct(t, w.cm, c.id, 'resolve', { resolution: '已处理', cause: 'unfounded' }).expect(200);
    advance(3000);
    await sweep.run();
    expect(await alerts(c.id)).toEqual([]);
  });

  it('催单: once an hour per open request, the customer manager is told and sees the count', async () => {
    clock = new Date(Date.now() - 12 * 3_600_000);
    const ticket = await createHomeRepair(t, w);
    const urge = () => t.http().post(`/api/tickets/${ticket.id}/urge`).set(bearer(w.residentA.accessToken));
    const first = (await urge().expect(200)).body as ITicketUrge;
    expect(first).toMatchObject({ ticketId: ticket.id, count: 1, urgeable: true });
    expect(new Date(first.nextUrgeAt!).getTime()).toBe(clock.getTime() + 60 * MIN);
    advance(30);
    const again = await urge().expect(429);
    expect(again.body.code).toBe('RATE_LIMITED');
    expect(again.body.message).toMatch(/每个工单每小时只能催一次，请于 \d\d:\d\d 后再试/);
    expect(again.body.details.nextUrgeAt).toBe(first.nextUrgeAt);
    await t.http().post(`/api/tickets/${ticket.id}/urge`).set(bearer(w.residentB.accessToken)).expect(404);
    await t.http().post(`/api/tickets/${ticket.id}/urge`).set(bearer(w.cm)).expect(403);
    advance(31);
    const both = await Promise.all([urge(), urge()]); // two taps at once count once
    expect(both.map((r) => r.status).sort()).toEqual([200, 429]);
    expect(await outbox(t, 'ticket.urged', `urge:${ticket.id}:`)).toEqual([...cmIds, ...cmIds].sort((x, y) => x - y));
    const marker = (
      await t.http().get(`/api/ticket-urges?projectId=${w.tenant.projectId}`).set(bearer(w.cm)).expect(200)
    ).body as ITicketUrge[];
    expect(marker.find((u) => u.ticketId === ticket.id)).toMatchObject({ count: 2 });
    await t.http().get(`/api/ticket-urges?projectId=${w.tenant.projectId}`).set(bearer(w.outsiderCm)).expect(404);
    const state = (
      await t.http().get(`/api/tickets/${ticket.id}/urge`).set(bearer(w.residentA.accessToken)).expect(200)
    ).body as ITicketUrge;
    expect(state).toMatchObject({ count: 2, urgeable: true });

    // A request that is finished cannot be urged.
    advance(61);
    await act(t, w.residentA.accessToken, ticket.id, 'cancel', { reason: '不修了' }).expect(200);
    const done = await urge().expect(409);
    expect(done.body.message).toBe('该工单已完成或已取消，无需催单');
    expect(
      (
        (await t.http().get(`/api/tickets/${ticket.id}/urge`).set(bearer(w.residentA.accessToken)).expect(200))
          .body as ITicketUrge
      ).urgeable,
    ).toBe(false);
  });
});
