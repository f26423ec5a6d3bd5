import type { IAnnouncement, IInboxMessage, IResidentAnnouncement, ITokenPair } from '@app/shared';
import { addHouses, bindResident, newOpenId } from '../support/factories';
import { bearer, bootTestApp, TestApp, wechatLogin } from '../support/test-app';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

const HOUR = 3_600_000;

/** docs/announcements.md: 公告 to chosen buildings reaches only their approved residents; read counts; states. */
describe('announcements (公告)', () => {
  let t: TestApp;
  let w: TicketWorld;
  let building2: { buildingId: number; houseIds: number[] };
  let building3: { buildingId: number; houseIds: number[] };
  let residentC: ITokenPair;
  let residentD: ITokenPair;
  let pendingE: ITokenPair;

  const body = (over: object = {}) => ({
    projectId: w.tenant.projectId,
    template: 'water',
    title: '停水通知',
    body: '因供水设施检修，期间暂停供水，请提前储水。',
    buildingIds: [w.tenant.buildingId, building2.buildingId],
    startsAt: new Date(Date.now() + HOUR).toISOString(),
    endsAt: new Date(Date.now() + 5 * HOUR).toISOString(),
    ...over,
  });
  const mine = async (r: ITokenPair): Promise<IResidentAnnouncement[]> =>
    (await t.http().get('/api/announcements/mine').set(bearer(r.accessToken)).expect(200)).body;
  const inboxKinds = async (r: ITokenPair): Promise<string[]> =>
    (await t.http().get('/api/inbox').set(bearer(r.accessToken)).expect(200)).body.items.map(
      (m: { kind: string }) => m.kind,
    );

  beforeAll(async () => {
    t = await bootTestApp({ NOTIFY_WORKER: 'false' });
    w = await makeTicketWorld(t, 1);
    building2 = await addHouses(t.db, w.tenant.projectId, '2栋', '1单元', 2);
    building3 = await addHouses(t.db, w.tenant.projectId, '3栋', '1单元', 2);
    [residentC, residentD, pendingE] = [
      await wechatLogin(t, newOpenId()),
      await wechatLogin(t, newOpenId()),
      await wechatLogin(t, newOpenId()),
    ];
    await bindResident(t.db, residentC.user.id, building2.houseIds[0]);
    await bindResident(t.db, residentD.user.id, building3.houseIds[0]);
    await bindResident(t.db, pendingE.user.id, building2.houseIds[1], undefined, 'pending' as never);
  });
  afterAll(() => t.close());

  it('validates: time range, buildings of the project, permission and tenant', async () => {
    const badRange = await t
      .http()
      .post('/api/announcements')
      .set(bearer(w.cm))
      .send(body({ endsAt: new Date(Date.now()).toISOString() }))
      .expect(422);
    expect(badRange.body.details.fields[0]).toMatchObject({ field: 'endsAt', message: '结束时间须晚于开始时间' });
    const foreign = await t
      .http()
      .post('/api/announcements')
      .set(bearer(w.cm))
      .send(body({ buildingIds: [w.tenant.buildingId, 2_000_000] }))
      .expect(422);
    expect(foreign.body.details.fields[0].field).toBe('buildingIds');
    const blank = await t
      .http()
      .post('/api/announcements')
      .set(bearer(w.cm))
      .send(body({ title: '   ' }))
      .expect(422);
    expect(blank.body.details.fields[0].field).toBe('title');
    await t.http().post('/api/announcements').set(bearer(w.techs[0].token)).send(body()).expect(403);
    await t.http().post('/api/announcements').set(bearer(w.residentA.accessToken)).send(body()).expect(403);
    await t.http().post('/api/announcements').set(bearer(w.outsiderCm)).send(body()).expect(404);
  });

  it('to two buildings: only their approved residents get it, as a notice and a message; read counts; withdraw hides it', async () => {
    const draft = (await t.http().post('/api/announcements').set(bearer(w.cm)).send(body()).expect(201))
      .body as IAnnouncement;
    expect(draft).toMatchObject({ status: 'draft', version: 0, recipients: 0, read: 0, buildingNames: ['1栋', '2栋'] });
    expect(await mine(w.residentA)).toEqual([]); // a draft reaches nobody

    await t
      .http()
      .post(`/api/announcements/${draft.id}/publish`)
      .set(bearer(w.outsiderCm))
      .send({ version: 0 })
      .expect(404);
    const published = (
      await t.http().post(`/api/announcements/${draft.id}/publish`).set(bearer(w.pm)).send({ version: 0 }).expect(200)
    ).body as IAnnouncement;
    expect(published).toMatchObject({ status: 'published', version: 1, recipients: 3, read: 0 });
    const again = await t
      .http()
      .post(`/api/announcements/${draft.id}/publish`)
      .set(bearer(w.cm))
      .send({ version: 0 })
      .expect(409);
    expect(again.body.details.current).toMatchObject({ status: 'published', version: 1 });

    for (const r of [w.residentA, w.residentB, residentC]) {
      expect((await mine(r)).map((a) => a.id)).toContain(draft.id);
      expect(await inboxKinds(r)).toContain('announcement');
    }
    for (const r of [residentD, pendingE]) {
      expect((await mine(r)).map((a) => a.id)).not.toContain(draft.id);
      expect(await inboxKinds(r)).not.toContain('announcement');
      await t.http().get(`/api/announcements/mine/${draft.id}`).set(bearer(r.accessToken)).expect(404);
      await t.http().post(`/api/announcements/mine/${draft.id}/read`).set(bearer(r.accessToken)).expect(404);
    }
    // The message names the notice, so tapping it opens that notice (objectId).
    const message = (await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200)).body.items.find(
      (m: IInboxMessage) => m.kind === 'announcement' && m.objectId === draft.id,
    );
    expect(message).toMatchObject({ ticketId: null, objectId: draft.id });
    const outbox = await t.db.query(
      'SELECT user_id FROM notification_outbox WHERE dedupe_key LIKE ? ORDER BY user_id',
      [`announcement:${draft.id}:%`],
    );
    expect(outbox.map((r: { user_id: number }) => Number(r.user_id))).toEqual(
      [w.residentA.user.id, w.residentB.user.id, residentC.user.id].sort((a, b) => a - b),
    );

    const detail = (
      await t.http().get(`/api/announcements/mine/${draft.id}`).set(bearer(w.residentA.accessToken)).expect(200)
    ).body as IResidentAnnouncement;
    expect(detail).toMatchObject({ title: '停水通知', readAt: null, template: 'water' });
    await t.http().post(`/api/announcements/mine/${draft.id}/read`).set(bearer(w.residentA.accessToken)).expect(204);
    await t.http().post(`/api/announcements/mine/${draft.id}/read`).set(bearer(w.residentA.accessToken)).expect(204); // once counted
    expect((await mine(w.residentA)).find((a) => a.id === draft.id)!.readAt).not.toBeNull();
    const listed = (
      await t.http().get('/api/announcements').query({ projectId: w.tenant.projectId }).set(bearer(w.cm)).expect(200)
    ).body;
    expect(listed.items.find((a: IAnnouncement) => a.id === draft.id)).toMatchObject({ recipients: 3, read: 1 });

    await t.http().post(`/api/announcements/${draft.id}/withdraw`).set(bearer(w.cm)).send({ version: 0 }).expect(409);
    const withdrawn = (
      await t.http().post(`/api/announcements/${draft.id}/withdraw`).set(bearer(w.cm)).send({ version: 1 }).expect(200)
    ).body;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', recipients: 3, read: 1 });
    expect((await mine(w.residentB)).map((a) => a.id)).not.toContain(draft.id);
    await t.http().get(`/api/announcements/mine/${draft.id}`).set(bearer(w.residentB.accessToken)).expect(404);
    // Audited with status and version before and after (the console reads 草稿 → 已发布 → 已撤回).
    const audit = await t.db.query(
      "SELECT action, company_id, before_json, after_json FROM audit_entries WHERE entity_type = 'announcement' AND entity_id = ? ORDER BY id",
      [draft.id],
    );
    expect(audit.map((a: { company_id: number }) => Number(a.company_id))).toEqual([
      w.tenant.companyId,
      w.tenant.companyId,
      w.tenant.companyId,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'announcement.create',
      'announcement.publish',
      'announcement.withdraw',
    ]);
    expect(JSON.parse(audit[1].after_json)).toMatchObject({ status: 'published', version: 1, recipientCount: 3 });
    expect(JSON.parse(audit[2].before_json)).toEqual({ status: 'published', version: 1 });
    expect(JSON.parse(audit[2].after_json)).toEqual({ status: 'withdrawn', version: 2 });
  });

  it('to the whole project reaches every building; an ended notice leaves the home page', async () => {
    const a = (
      await t
        .http()
        .post('/api/announcements')
        .set(bearer(w.cm))
        .send(body({ template: 'disinfection', title: '消杀通知', buildingIds: [] }))
        .expect(201)
    ).body;
    expect(
      (await t.http().post(`/api/announcements/${a.id}/publish`).set(bearer(w.cm)).send({ version: 0 }).expect(200))
        .body.recipients,
    ).toBe(4);
    expect((await mine(residentD)).map((x) => x.title)).toContain('消杀通知');
    await t.db.getRepository('Announcement').update({ id: a.id }, { endsAt: new Date(Date.now() - 1000) });
    expect((await mine(residentD)).map((x) => x.id)).not.toContain(a.id);
  });

  it('fans out in batches: 450 residents of one building get one recipient row and one message each', async () => {
    const big = await addHouses(t.db, w.tenant.projectId, '9栋', '1单元', 1);
    const at = new Date();
    const tag = newOpenId();
    const users = Array.from({ length: 450 }, (_, i) => ({
      kind: 'resident',
      name: `住户${i}`,
      wechatAppId: 'bulk',
      wechatOpenId: `${tag}-${i}`,
      createdAt: at,
      updatedAt: at,
    }));
    for (let i = 0; i < users.length; i += 150) await t.db.getRepository('User').insert(users.slice(i, i + 150));
    const ids: { id: number }[] = await t.db.query('SELECT id FROM users WHERE wechat_open_id LIKE ? ORDER BY id', [
      `${tag}-%`,
    ]);
    expect(ids).toHaveLength(450);
    for (const { id } of ids) await bindResident(t.db, Number(id), big.houseIds[0], 'family' as never);
    const a = (
      await t
        .http()
        .post('/api/announcements')
        .set(bearer(w.cm))
        .send(body({ template: 'elevator', title: '电梯维保', buildingIds: [big.buildingId] }))
        .expect(201)
    ).body;
    const started = Date.now();
    expect(
      (await t.http().post(`/api/announcements/${a.id}/publish`).set(bearer(w.cm)).send({ version: 0 }).expect(200))
        .body.recipients,
    ).toBe(450);
    process.stdout.write(`[announcements] publish to 450 residents: ${Date.now() - started} ms\n`);
    const [{ n }] = await t.db.query(
      'SELECT COUNT(*) AS n FROM inbox_messages WHERE kind = ? AND user_id IN (SELECT user_id FROM announcement_recipients WHERE announcement_id = ?)',
      ['announcement', a.id],
    );
    expect(Number(n)).toBe(450);
  });
});
