import { IPage, ITicket, Role } from '@app/shared';
import { BuildingManager } from '../../src/modules/property/building.entity';
import { makeStaff } from '../support/factories';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, toQuoted, uploadPhoto } from './ticket-helpers';

/** What the resident's list and detail show: 待我处理 first, the filters, the 处理结果 note, numbers they may call. */
describe('tickets: the resident view', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  const mine = async (query = ''): Promise<IPage<ITicket>> =>
    (await t.http().get(`/api/tickets/mine${query}`).set(bearer(w.residentA.accessToken)).expect(200)).body;
  const get = async (token: string, id: number): Promise<ITicket> =>
    (await t.http().get(`/api/tickets/${id}`).set(bearer(token)).expect(200)).body;

  it('pins what waits for the resident above newer tickets and filters 进行中 / 待我处理 / 已完成 server-side', async () => {
    const quoted = await toQuoted(t, w, await createHomeRepair(t, w));
    const cancelled = await createHomeRepair(t, w);
    await act(t, w.residentA.accessToken, cancelled.id, 'cancel', { reason: '已自行修好' }).expect(200);
    const fresh = await createHomeRepair(t, w);

    const all = await mine('?pageSize=2');
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.items.map((x) => x.id)).toEqual([quoted.id, fresh.id]);

    expect((await mine('?filter=todo')).items.map((x) => x.id)).toEqual([quoted.id]);
    expect((await mine('?filter=active')).items.map((x) => x.id)).toEqual([quoted.id, fresh.id]);
    expect((await mine('?filter=finished')).items.map((x) => x.id)).toEqual([cancelled.id]);
    const bad = await t.http().get('/api/tickets/mine?filter=urgent').set(bearer(w.residentA.accessToken)).expect(422);
    expect(bad.body.details.fields[0].field).toBe('filter');

    // Once agreed the quote no longer waits for the resident.
    await act(
      t,
      w.residentA.accessToken,
      quoted.id,
      'agree',
      await sign(t, w.residentA.accessToken, quoted.quote!.snapshotHash),
    ).expect(200);
    expect((await mine('?filter=todo')).total).toBe(0);
  });

  it('shows the 处理结果 note, the preferred window, and full numbers of the technician and customer manager while the job is open', async () => {
    const cm = await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: w.tenant.projectId }]);
    await t.db.getRepository(BuildingManager).insert({ buildingId: w.tenant.buildingId, userId: cm.id });
    const preferredStart = new Date(Date.now() + 86_400_000).toISOString();
    const preferredEnd = new Date(Date.now() + 86_400_000 + 3 * 3600_000).toISOString();
    const photo = await uploadPhoto(t, w.residentA.accessToken);
    const created = (
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
          description: '卫生间水龙头滴水',
          mediaIds: [photo],
          preferredStart,
          preferredEnd,
        })
        .expect(201)
    ).body as ITicket;
    const quoted = await toQuoted(t, w, created);
    expect(quoted).toMatchObject({ preferredStart, preferredEnd });

    const open = await get(w.residentA.accessToken, created.id);
    expect(open.technician).toMatchObject({
      phone: expect.stringMatching(/^1\d{10}$/),
      phoneMasked: expect.stringMatching(/\*{4}/),
    });
    expect(open.customerManager).toEqual({
      userId: cm.id,
      name: expect.any(String),
      phone: cm.phone,
      phoneMasked: expect.stringMatching(/\*{4}/),
    });
    // The neighbour does not see the ticket at all; the list view carries no customer manager.
    await t.http().get(`/api/tickets/${created.id}`).set(bearer(w.residentB.accessToken)).expect(404);
    expect((await mine()).items.find((x) => x.id === created.id)?.customerManager).toBeNull();

    await act(
      t,
      w.residentA.accessToken,
      created.id,
      'agree',
      await sign(t, w.residentA.accessToken, quoted.quote!.snapshotHash),
    ).expect(200);
    await act(t, w.techs[0].token, created.id, 'complete', {
      result: '更换阀芯，试水无渗漏',
      mediaIds: [await uploadPhoto(t, w.techs[0].token)],
    }).expect(200);
    const done = await get(w.residentA.accessToken, created.id);
    expect(done).toMatchObject({ status: 'done', result: '更换阀芯，试水无渗漏' });
    expect((await get(w.cm, created.id)).result).toBe('更换阀芯，试水无渗漏');

    const before = await get(w.residentA.accessToken, created.id);
    await act(t, w.residentA.accessToken, created.id, 'verify', {
      ...(await sign(t, w.residentA.accessToken, before.acceptanceSnapshotHash!)),
      overall: 5,
      punctuality: 4,
      attitude: 5,
    }).expect(200);
    // Finished: nobody needs to call any more, so the numbers go back to masked only.
    const verified = await get(w.residentA.accessToken, created.id);
    expect(verified.technician?.phone).toBeNull();
    expect(verified.customerManager).toMatchObject({ phone: null });
  });
});
