import { useClockForTests } from '../../src/common/time';
import type { ISlaPolicy, ITicket, ITicketSlaDeadline } from '@app/shared';
import { SlaSweep } from '../../src/modules/sla/sla-sweep.service';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, makeTicketWorld, TicketWorld, uploadPhoto } from './ticket-helpers';

const MIN = 60_000;

/**
 * docs/sla.md with a controllable clock: `common/time.now()` (the server's one clock) is moved with
 * useClockForTests, so ticket events and the SLA sweep agree on the instant. The clock only moves within the
 * last days (never past real time) so the tokens issued at real time stay valid.
 */
describe('SLA clocks: warnings at 75 %, escalation on breach, holds, return visits, exactly once', () => {
  let t: TestApp;
  let w: TicketWorld;
  let clock: Date;
  let sweep: SlaSweep;
  let techId: number;
  let supIds: number[];
  let pmIds: number[];
  let cmIds: number[];

  const setClock = (at: Date) => {
    clock = at;
  };
  const advance = (minutes: number) => setClock(new Date(clock.getTime() + minutes * MIN));
  const roleIds = async (role: string): Promise<number[]> =>
    (
      await t.db.query('SELECT user_id FROM role_assignments WHERE role = ? AND scope_id = ? ORDER BY user_id', [
        role,
        w.tenant.projectId,
      ])
    ).map((r: { user_id: number }) => Number(r.user_id));
  const alerts = async (ticketId: number): Promise<{ deadline: string; stage: string }[]> =>
    t.db.query('SELECT deadline, stage FROM sla_alerts WHERE ticket_id = ? ORDER BY id', [ticketId]);
  const slaOutbox = async (ticketId: number): Promise<{ user_id: number; kind: string; dedupe_key: string }[]> =>
    (
      await t.db.query(
        "SELECT user_id, kind, dedupe_key FROM notification_outbox WHERE ticket_id = ? AND kind LIKE 'sla.%' ORDER BY id",
        [ticketId],
      )
    ).map((r: { user_id: number; kind: string; dedupe_key: string }) => ({ ...r, user_id: Number(r.user_id) }));
  const deadlines = async (id: number): Promise<Record<string, ITicketSlaDeadline>> => {
    const view = (await t.http().get(`/api/tickets/${id}`).set(bearer(w.cm)).expect(200)).body as ITicket;
    return Object.fromEntries((view.sla ?? []).map((d) => [d.kind, d]));
  };

  async function emergency(description = '配电房跳闸，整栋停电'): Promise<ITicket> {
    return (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.cm))
        .send({
          projectId: w.tenant.projectId,
          kind: 'repair',
          scope: 'public',
          category: 'GD',
          urgency: 'emergency',
          description,
          channel: 'phone',
          contactName: '王先生',
          contactPhone: '13811112222',
        })
        .expect(201)
    ).body;
  }

  beforeAll(async () => {
    t = await bootTestApp({ NOTIFY_WORKER: 'false' });
    w = await makeTicketWorld(t, 2);
    sweep = t.app.get(SlaSweep);
    techId = w.techs[1].id;
    [supIds, pmIds, cmIds] = [
      await roleIds('supervisor'),
      await roleIds('project_manager'),
      await roleIds('customer_manager'),
    ];
    useClockForTests(() => new Date(clock.getTime()));
  });
  afterAll(async () => {
    useClockForTests(null);
    await t.close();
  });

  it('staff read the defaults, and a project row replaces them', async () => {
    setClock(new Date(Date.now() - 3 * 86_400_000));
    const path = `/api/projects/${w.tenant.projectId}/sla-policies`;
    const listed = (await t.http().get(path).set(bearer(w.sup)).expect(200)).body as ISlaPolicy[];
    expect(listed).toEqual(
      expect.arrayContaining([
        {
          projectId: w.tenant.projectId,
          category: '*',
          urgency: 'emergency',
          respondMinutes: 30,
          onSiteMinutes: 30,
          resolveMinutes: 120,
          returnVisitMinutes: 1440,
          isDefault: true,
        },
        {
          projectId: w.tenant.projectId,
          category: '*',
          urgency: 'normal',
          respondMinutes: 120,
          onSiteMinutes: null,
          resolveMinutes: null,
          returnVisitMinutes: 1440,
          isDefault: true,
        },
      ]),
    );
    const body = {
      category: 'GS',
      urgency: 'normal',
      respondMinutes: 90,
      onSiteMinutes: null,
      resolveMinutes: 480,
      returnVisitMinutes: 1440,
    };
    await t.http().put(path).set(bearer(w.techs[0].token)).send(body).expect(403);
    const bad = await t
      .http()
      .put(path)
      .set(bearer(w.sup))
      .send({ ...body, respondMinutes: 0 })
      .expect(422);
    expect(bad.body.details.fields[0].field).toBe('respondMinutes');
    expect((await t.http().put(path).set(bearer(w.sup)).send(body).expect(200)).body).toMatchObject({
      ...body,
      isDefault: false,
    });
    const again = (await t.http().get(path).set(bearer(w.pm)).expect(200)).body as ISlaPolicy[];
    expect(again.find((p) => p.category === 'GS')).toMatchObject({ respondMinutes: 90, resolveMinutes: 480 });
  });

  it('an emergency ticket: warning at 75 % to the customer managers before dispatch, then the escalation chain', async () => {
    const start = new Date(Date.now() - 2 * 86_400_000);
    setClock(start);
    const ticket = await emergency();
    await act(t, w.cm, ticket.id, 'register').expect(200);
    const due = await deadlines(ticket.id);
    expect(new Date(due.respond!.dueAt).getTime()).toBe(start.getTime() + 30 * MIN);
    expect(new Date(due.resolve!.dueAt).getTime()).toBe(start.getTime() + 120 * MIN);
    expect(due.on_site).toBeUndefined(); // starts when the technician accepts

    advance(22); // 73 %: nothing yet
    await sweep.run();
    expect(await alerts(ticket.id)).toEqual([]);
    advance(1); // 23 of 30 minutes: past 75 %
    await sweep.run();
    expect(await alerts(ticket.id)).toEqual([{ deadline: 'respond', stage: 'warn' }]);
    // Not dispatched yet: the customer managers are told, not a technician.
    expect((await slaOutbox(ticket.id)).map((r) => r.user_id).sort()).toEqual([...cmIds].sort());

    await act(t, w.sup, ticket.id, 'dispatch', { technicianId: techId }).expect(200);
    advance(8); // 31 minutes: respond breached → the technician now holding the job
    await sweep.run();
    expect((await deadlines(ticket.id)).respond).toMatchObject({ breached: true, metAt: null });
    advance(30); // 61: second breach interval → supervisors
    await sweep.run();
    advance(30); // 91: third → project managers (resolve's 75 % = 90 min also warns the technician)
    await sweep.run();
    const respond = (await alerts(ticket.id)).filter((a) => a.deadline === 'respond').map((a) => a.stage);
    expect(respond).toEqual(['warn', 'breach_1', 'breach_2', 'breach_3']);
    const sent = await slaOutbox(ticket.id);
    const to = (stage: string) =>
      sent
        .filter((r) => r.dedupe_key.startsWith(`sla:${ticket.id}:respond:${stage}:`))
        .map((r) => r.user_id)
        .sort();
    expect(to('breach_1')).toEqual([techId]);
    expect(to('breach_2')).toEqual([...supIds].sort());
    expect(to('breach_3')).toEqual([...pmIds].sort());
    expect(sent.filter((r) => r.dedupe_key.startsWith(`sla:${ticket.id}:resolve:warn:`)).map((r) => r.user_id)).toEqual(
      [techId],
    );
    const inbox = await t.http().get('/api/inbox').set(bearer(w.techs[1].token)).expect(200);
    expect(inbox.body.items.map((m: { title: string }) => m.title)).toEqual(
      expect.arrayContaining(['工单已超时：响应', '工单即将超时：完成']),
    );
    const breaches = await t.db.query('SELECT deadline, project_id, urgency FROM sla_breaches WHERE ticket_id = ?', [
      ticket.id,
    ]);
    expect(breaches).toEqual([{ deadline: 'respond', project_id: w.tenant.projectId, urgency: 'emergency' }]);
    advance(60); // nothing beyond the project manager
    await sweep.run();
    expect((await alerts(ticket.id)).filter((a) => a.deadline === 'respond')).toHaveLength(4);
  });

  it('hold pauses the clock: the deadline moves by the time on hold and no warning goes out meanwhile', async () => {
    const start = new Date(Date.now() - 36 * 3_600_000);
    setClock(start);
    const ticket = await emergency('电梯困人');
    advance(10);
    await act(t, w.cm, ticket.id, 'hold', { reason: '等待电梯公司到场' }).expect(200);
    advance(40); // 50 minutes since the report, 40 of them on hold
    await sweep.run();
    expect(await alerts(ticket.id)).toEqual([]);
    expect((await deadlines(ticket.id)).respond).toMatchObject({ paused: true, breached: false });
    await act(t, w.cm, ticket.id, 'resume').expect(200);
    expect(new Date((await deadlines(ticket.id)).respond!.dueAt).getTime()).toBe(start.getTime() + 70 * MIN);
    advance(12); // 22 active minutes: still under 75 %
    await sweep.run();
    expect(await alerts(ticket.id)).toEqual([]);
    advance(1); // 23 active minutes
    await sweep.run();
    expect(await alerts(ticket.id)).toEqual([{ deadline: 'respond', stage: 'warn' }]);
  });

  it('a return visit not made within 24 hours of verification is flagged and escalated', async () => {
    const start = new Date(Date.now() - 30 * 3_600_000);
    setClock(start);
    const ticket = await emergency('楼道灯不亮');
    await act(t, w.cm, ticket.id, 'register').expect(200);
    await act(t, w.sup, ticket.id, 'dispatch', { technicianId: techId }).expect(200);
    const tech = w.techs[1].token;
    advance(5);
    await act(t, tech, ticket.id, 'accept', { visitAt: new Date(Date.now() + 60 * MIN).toISOString() }).expect(200);
    advance(10);
    await act(t, tech, ticket.id, 'check-in').expect(200);
    await act(t, tech, ticket.id, 'start').expect(200);
    advance(30);
    await act(t, tech, ticket.id, 'complete', { result: '更换灯泡', mediaIds: [await uploadPhoto(t, tech)] }).expect(
      200,
    );
    await act(t, w.cm, ticket.id, 'verify', {
      overall: 5,
      punctuality: 5,
      attitude: 5,
      signerName: '王先生',
      representativeRelation: '楼长',
    }).expect(200);
    const verifiedAt = clock.getTime();
    const met = await deadlines(ticket.id);
    expect(met.respond).toMatchObject({ breached: false });
    expect(met.respond!.metAt).not.toBeNull();
    expect(met.resolve).toMatchObject({ breached: false });
    expect(new Date(met.return_visit!.dueAt).getTime()).toBe(verifiedAt + 1440 * MIN);
    advance(24 * 60 + 1);
    await sweep.run();
    expect((await deadlines(ticket.id)).return_visit).toMatchObject({ breached: true, metAt: null });
    expect(await alerts(ticket.id)).toEqual([
      { deadline: 'return_visit', stage: 'warn' },
      { deadline: 'return_visit', stage: 'breach_1' },
    ]);
    expect(await t.db.query('SELECT deadline FROM sla_breaches WHERE ticket_id = ?', [ticket.id])).toEqual([
      { deadline: 'return_visit' },
    ]);
    // Return visits are the customer managers' work, so they are told first.
    expect(
      (await slaOutbox(ticket.id))
        .filter((r) => r.kind === 'sla.breach')
        .map((r) => r.user_id)
        .sort(),
    ).toEqual([...cmIds].sort());
  });

  it('the technician and staff see the deadlines; the resident view does not', async () => {
    setClock(new Date(Date.now() - 6 * 3_600_000));
    const own = (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.residentA.accessToken))
        .send({
          houseId: w.tenant.houseIds[0],
          kind: 'repair',
          scope: 'home',
          category: 'GS',
          urgency: 'normal',
          description: '卫生间漏水',
          mediaIds: [await uploadPhoto(t, w.residentA.accessToken)],
        })
        .expect(201)
    ).body as ITicket;
    const resident = (await t.http().get(`/api/tickets/${own.id}`).set(bearer(w.residentA.accessToken)).expect(200))
      .body as ITicket;
    expect(resident.sla).toBeUndefined();
    // The project's GS normal policy (first test) answers within 90 minutes.
    expect(new Date((await deadlines(own.id)).respond!.dueAt).getTime()).toBe(
      new Date(own.createdAt).getTime() + 90 * MIN,
    );
    const emergencyJob = await emergency('消防水管漏水');
    await act(t, w.cm, emergencyJob.id, 'register').expect(200);
    await act(t, w.sup, emergencyJob.id, 'dispatch', { technicianId: techId }).expect(200);
    const techView = (await t.http().get(`/api/tickets/${emergencyJob.id}`).set(bearer(w.techs[1].token)).expect(200))
      .body as ITicket;
    expect(techView.sla?.map((d) => d.kind)).toEqual(['respond', 'resolve']);
  });

  it('a cancelled ticket stops its clocks: nothing counts down on it (a merged duplicate showed 响应：剩余…)', async () => {
    setClock(new Date(Date.now() - 3 * 3_600_000));
    const job = await emergency('楼道灯不亮，后确认为误报');
    expect(Object.keys(await deadlines(job.id))).toContain('respond');
    await act(t, w.cm, job.id, 'cancel', { reason: '住户确认误报' }).expect(200);
    expect(Object.values(await deadlines(job.id)).filter((d) => !d.metAt)).toEqual([]);
  });

  it('two schedulers sweeping at once send each warning once', async () => {
    const start = new Date(Date.now() - 12 * 3_600_000);
    setClock(start);
    const tickets = [await emergency('水管爆裂 1'), await emergency('水管爆裂 2'), await emergency('水管爆裂 3')];
    advance(25);
    const [a, b] = await Promise.all([sweep.run(), sweep.run()]);
    for (const ticket of tickets) {
      expect(await alerts(ticket.id)).toEqual([{ deadline: 'respond', stage: 'warn' }]);
      expect((await slaOutbox(ticket.id)).map((r) => r.user_id).sort()).toEqual([...cmIds].sort());
    }
    expect(a + b).toBeGreaterThanOrEqual(tickets.length);
    expect(await sweep.run()).toBe(0);
  });
});
