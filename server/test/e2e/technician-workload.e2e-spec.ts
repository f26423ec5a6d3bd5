import { ITechnicianWorkload } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, TicketWorld } from './ticket-helpers';

/** Issue 12, item 14: the dispatch dialog shows each technician's open jobs and today's appointments. */
describe('technician workload for dispatch', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t, 2);
  });
  afterAll(() => t.close());

  const workload = (token: string, projectId = w.tenant.projectId) =>
    t.http().get(`/api/tickets/technician-workload?projectId=${projectId}`).set(bearer(token));

  it('counts open jobs and visits booked for today per technician of the project', async () => {
    const [a, b] = w.techs;
    const empty = (await workload(w.sup).expect(200)).body as ITechnicianWorkload[];
    expect(empty).toEqual([
      { technicianId: a.id, openJobs: 0, visitsToday: 0 },
      { technicianId: b.id, openJobs: 0, visitsToday: 0 },
    ]);

    const jobs = [];
    for (const tech of [a, a, a, b]) {
      const ticket = await createHomeRepair(t, w);
      await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
      await act(t, w.sup, ticket.id, 'dispatch', { technicianId: tech.id }).expect(200);
      jobs.push({ ticket, tech });
    }
    // a: one visit now (today), one in three days, one not yet accepted; b: its only job cancelled.
    await act(t, a.token, jobs[0].ticket.id, 'accept', { visitAt: new Date().toISOString() }).expect(200);
    await act(t, a.token, jobs[1].ticket.id, 'accept', {
      visitAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    }).expect(200);
    await act(t, w.cm, jobs[3].ticket.id, 'cancel', { reason: '业主已自行修好' }).expect(200);

    const list = (await workload(w.cm).expect(200)).body as ITechnicianWorkload[];
    expect(list).toEqual([
      { technicianId: a.id, openJobs: 3, visitsToday: 1 },
      { technicianId: b.id, openJobs: 0, visitsToday: 0 },
    ]);
  });

  it('only dispatchers of the project read it; a bad projectId names the field', async () => {
    await workload(w.techs[0].token).expect(403);
    await workload(w.residentA.accessToken).expect(403);
    await workload(w.cashier).expect(403);
    // Another company's project is not there for them (R8: other tenants' objects answer 404).
    await workload(w.outsiderCm).expect(404);
    const bad = await t.http().get('/api/tickets/technician-workload?projectId=abc').set(bearer(w.sup)).expect(422);
    expect(bad.body.details.fields[0].field).toBe('projectId');
  });
});
