import { ErrorCode, ITicket, Role } from '@app/shared';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, toQuoted, uploadPhoto } from './ticket-helpers';

describe('tickets under concurrency and the access matrix (R1, R2, R8)', () => {
  let t: TestApp;
  let t2: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    t2 = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await t2.close();
  });

  it('R1: 20 pool jobs × 50 technicians grabbing at once on two server instances → exactly 20 winners, the rest 409, no 5xx', async () => {
    const jobs: ITicket[] = [];
    for (let i = 0; i < 20; i++) {
      const ticket = await createHomeRepair(t, w);
      await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
      jobs.push(ticket);
    }
    const grabbers: string[] = [];
    for (let i = 0; i < 50; i++) {
      const tech = await makeStaff(t.db, [{ role: Role.Technician, scopeId: w.tenant.projectId }], {
        technician: true,
        companyId: w.tenant.companyId,
        skills: ['水'],
        buildingIds: [w.tenant.buildingId],
        maxOpenJobs: 50,
      });
      grabbers.push((await passwordLogin(t, tech.username, STAFF_PASSWORD)).accessToken);
    }
    const shots = jobs.flatMap((job) => grabbers.map((token, i) => ({ job, token, app: i % 2 ? t2 : t })));
    const results = await Promise.all(
      shots.map(({ job, token, app }) =>
        app
          .http()
          .post(`/api/tickets/${job.id}/grab`)
          .set(bearer(token))
          .then((r) => ({ job: job.id, status: r.status, body: r.body })),
      ),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(20);
    expect(new Set(winners.map((r) => r.job)).size).toBe(20);
    expect(results.filter((r) => r.status === 409)).toHaveLength(1000 - 20);
    for (const job of jobs) {
      const events = await t.db.query('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ? AND action = ?', [
        job.id,
        'grab',
      ]);
      expect(Number(events[0].n)).toBe(1);
    }
  });

  it('R2: conflicting actions on the same ticket → exactly one wins, the other gets 409 with the current state', async () => {
    type Scenario = {
      name: string;
      prepare: () => Promise<{
        id: number;
        a: () => Promise<{ status: number; body: { details?: { current?: { status: string } } } }>;
        b: () => Promise<{ status: number; body: { details?: { current?: { status: string } } } }>;
      }>;
    };
    const tech = w.techs[0].token;
    const scenarios: Scenario[] = [
      {
        name: 'decline quote vs agree',
        prepare: async () => {
          const x = await toQuoted(t, w, await createHomeRepair(t, w));
          const signature = await sign(t, w.residentA.accessToken, x.quote!.snapshotHash);
          return {
            id: x.id,
            a: () => act(t, w.residentA.accessToken, x.id, 'decline-quote', { reason: '太贵' }),
            b: () => act(t2, w.residentA.accessToken, x.id, 'agree', signature),
          };
        },
      },
      {
        name: 'verify vs rework',
        prepare: async () => {
          const x = await toQuoted(t, w, await createHomeRepair(t, w));
          await act(
            t,
            w.residentA.accessToken,
            x.id,
            'agree',
            await sign(t, w.residentA.accessToken, x.quote!.snapshotHash),
          ).expect(200);
          await act(t, tech, x.id, 'complete', { result: '完工', mediaIds: [await uploadPhoto(t, tech)] }).expect(200);
          const hash = (await t.http().get(`/api/tickets/${x.id}`).set(bearer(w.residentA.accessToken)).expect(200))
            .body.acceptanceSnapshotHash;
          const verify = { overall: 5, punctuality: 5, attitude: 5, ...(await sign(t, w.residentA.accessToken, hash)) };
          return {
            id: x.id,
            a: () => act(t, w.residentA.accessToken, x.id, 'verify', verify),
            b: () => act(t2, w.residentA.accessToken, x.id, 'rework', { reason: '还漏' }),
          };
        },
      },
      {
        name: 'agree quote vs cancel',
        prepare: async () => {
          const x = await toQuoted(t, w, await createHomeRepair(t, w));
          const signature = await sign(t, w.residentA.accessToken, x.quote!.snapshotHash);
          return {
            id: x.id,
            a: () => act(t, w.residentA.accessToken, x.id, 'agree', signature),
            b: () => act(t2, w.residentA.accessToken, x.id, 'cancel', { reason: '改主意了' }),
          };
        },
      },
      {
        name: 'complete vs cancel',
        prepare: async () => {
          const x = await toQuoted(t, w, await createHomeRepair(t, w));
          await act(
            t,
            w.residentA.accessToken,
            x.id,
            'agree',
            await sign(t, w.residentA.accessToken, x.quote!.snapshotHash),
          ).expect(200);
          const photo = await uploadPhoto(t, tech);
          return {
            id: x.id,
            a: () => act(t, tech, x.id, 'complete', { result: '完工', mediaIds: [photo] }),
            b: () => act(t2, w.sup, x.id, 'cancel', { reason: '停工' }),
          };
        },
      },
      {
        name: 'grab vs dispatch',
        prepare: async () => {
          const x = await createHomeRepair(t, w);
          await act(t, w.cm, x.id, 'register', { priceExplained: true }).expect(200);
          return {
            id: x.id,
            a: () => act(t, tech, x.id, 'grab'),
            b: () => act(t2, w.sup, x.id, 'dispatch', { technicianId: w.techs[1].id }),
          };
        },
      },
    ];
    for (let round = 0; round < 3; round++) {
      for (const scenario of scenarios) {
        const { id, a, b } = await scenario.prepare();
        // Alternate which request is fired first; results stay in [a, b] order.
        const [ra, rb] = round % 2 ? await Promise.all([a(), b()]) : (await Promise.all([b(), a()])).reverse();
        const statuses = [ra.status, rb.status].sort();
        expect({ scenario: scenario.name, statuses }).toEqual({ scenario: scenario.name, statuses: [200, 409] });
        const loser = ra.status === 409 ? ra : rb;
        const final = await t.http().get(`/api/tickets/${id}`).set(bearer(w.cm)).expect(200);
        expect(loser.body.details?.current?.status).toBe(final.body.status);
      }
    }
  });

  it('a retried submission with the same Idempotency-Key creates one ticket, even when the retries race', async () => {
    const body = {
      houseId: w.tenant.houseIds[0],
      kind: 'repair',
      scope: 'home',
      category: 'GS',
      urgency: 'normal',
      description: '重试提交',
    };
    const key = `retry-${Date.now().toString(36)}`;
    const send = (app: TestApp) =>
      app.http().post('/api/tickets').set(bearer(w.residentA.accessToken)).set('Idempotency-Key', key).send(body);
    const results = await Promise.all([send(t), send(t2), send(t), send(t2), send(t)]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const rows = await t.db.query('SELECT COUNT(*) AS n FROM tickets WHERE client_request_id = ?', [key]);
    expect(Number(rows[0].n)).toBe(1);
    const other = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .set('Idempotency-Key', `${key}-2`)
      .send(body)
      .expect(201);
    expect(other.body.id).not.toBe(results[0].body.id);
    const bad = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .set('Idempotency-Key', 'x')
      .send(body)
      .expect(422);
    expect(bad.body.details.fields[0].field).toBe('Idempotency-Key');
  });

  it('R8: who can read a ticket — the house’s residents, the assigned technician, the project’s staff; everyone else 404', async () => {
    const ticket = await createHomeRepair(t, w);
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    await act(t, w.techs[0].token, ticket.id, 'grab').expect(200);
    const read = (token?: string) => {
      const req = t.http().get(`/api/tickets/${ticket.id}`);
      return token ? req.set(bearer(token)) : req;
    };
    await read().expect(401);
    await read(w.residentA.accessToken).expect(200);
    await read(w.techs[0].token).expect(200);
    for (const token of [w.cm, w.sup, w.pm, w.cashier]) await read(token).expect(200);
    for (const token of [w.residentB.accessToken, w.techs[1].token, w.outsiderTech, w.outsiderCm]) {
      const res = await read(token).expect(404);
      expect(res.body.code).toBe(ErrorCode.NotFound);
    }
    await t.http().get(`/api/tickets/${ticket.id}/timeline`).set(bearer(w.residentB.accessToken)).expect(404);
    await act(t, w.techs[1].token, ticket.id, 'accept', {
      visitAt: new Date(Date.now() + 3600_000).toISOString(),
    }).expect(404);
    await act(t, w.outsiderCm, ticket.id, 'hold', { reason: 'x' }).expect(404);
    await act(t, w.residentB.accessToken, ticket.id, 'cancel', { reason: 'x' }).expect(404);
    await act(t, w.cashier, ticket.id, 'register', {}).expect(403);
    await act(t, w.residentA.accessToken, ticket.id, 'dispatch', { technicianId: w.techs[1].id }).expect(403);

    const bList = await t.http().get('/api/tickets/mine').set(bearer(w.residentB.accessToken)).expect(200);
    expect(bList.body.items.map((x: ITicket) => x.id)).not.toContain(ticket.id);
    const outsiderList = await t.http().get('/api/tickets').set(bearer(w.outsiderCm)).expect(200);
    expect(outsiderList.body.items.map((x: ITicket) => x.id)).not.toContain(ticket.id);
    await t.http().get(`/api/tickets?projectId=${w.tenant.projectId}`).set(bearer(w.outsiderCm)).expect(404);
    const jobs = await t.http().get('/api/tickets/jobs/mine').set(bearer(w.techs[1].token)).expect(200);
    expect(jobs.body.items.map((x: ITicket) => x.id)).not.toContain(ticket.id);
  });

  it('R8: residents cannot set status, price, technician or project fields, nor report for houses they are not verified for', async () => {
    const base = {
      houseId: w.tenant.houseIds[0],
      kind: 'repair',
      scope: 'home',
      category: 'GS',
      urgency: 'normal',
      description: '漏水',
    };
    for (const [field, value] of [
      ['status', 'closed'],
      ['technicianId', w.techs[0].id],
      ['priceFen', 1],
      ['totalFen', 1],
      ['paid', false],
    ] as const) {
      const res = await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.residentA.accessToken))
        .send({ ...base, [field]: value })
        .expect(422);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const project = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .send({ ...base, projectId: w.tenant.projectId })
      .expect(422);
    expect(project.body.details.fields[0].field).toBe('projectId');
    await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .send({ ...base, houseId: w.tenant.houseIds[1] })
      .expect(404);
    const noScope = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .send({ ...base, scope: undefined })
      .expect(422);
    expect(noScope.body.details.fields[0].field).toBe('scope');
    const complaint = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .send({ ...base, kind: 'complaint' })
      .expect(422);
    expect(complaint.body.details.fields[0].field).toBe('kind');
    const others = await uploadPhoto(t, w.residentB.accessToken);
    const stolen = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .send({ ...base, mediaIds: [others] })
      .expect(422);
    expect(stolen.body.details.fields[0].field).toBe('mediaIds');
  });
});
