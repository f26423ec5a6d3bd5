import {
  BindingRelation,
  IInboxMessage,
  IMergeCandidate,
  IMergedTicket,
  ITicket,
  ITokenPair,
  Role,
  ScopeType,
} from '@app/shared';
import { bindResident, makeStaff, makeTenant, newOpenId, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, toQuoted, uploadPhoto } from './ticket-helpers';

/** 合并重复报修: staff merge a duplicate into the ticket that handles the problem; both reporters hear its progress. */
describe('tickets: merging duplicate reports', () => {
  let t: TestApp;
  let w: TicketWorld;
  /** A second resident of house 0 (family member), who reports the same leak again. */
  let family: ITokenPair;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
    family = await wechatLogin(t, newOpenId());
    await bindResident(t.db, family.user.id, w.tenant.houseIds[0], BindingRelation.Family);
  });
  afterAll(() => t.close());

  const merge = (token: string, id: number, targetId: number, reason?: string) =>
    t
      .http()
      .post(`/api/tickets/${id}/merge`)
      .set(bearer(token))
      .send({ targetId, ...(reason ? { reason } : {}) });
  const inbox = async (token: string): Promise<IInboxMessage[]> =>
    (await t.http().get('/api/inbox?pageSize=100').set(bearer(token)).expect(200)).body.items;
  const count = (messages: IInboxMessage[], kind: string, ticketId: number) =>
    messages.filter((m) => m.kind === kind && m.ticketId === ticketId).length;
  const createPublic = async (resident: ITokenPair, house: number): Promise<ITicket> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(resident.accessToken))
        .send({
          houseId: house,
          kind: 'repair',
          scope: 'public',
          category: 'GD',
          urgency: 'normal',
          description: '楼道灯不亮',
          mediaIds: [await uploadPhoto(t, resident.accessToken)],
        })
        .expect(201)
    ).body;

  it('merges a duplicate in one step: cancelled with 已合并到, follower recorded, audited, its reporter told; later progress of the target reaches both reporters once', async () => {
    const target = await createHomeRepair(t, w);
    const duplicate = await createHomeRepair(t, w, family);

    const candidates: IMergeCandidate[] = (
      await t
        .http()
        .get(`/api/tickets/${duplicate.id}/merge-candidates?serial=${encodeURIComponent(target.serial)}`)
        .set(bearer(w.cm))
        .expect(200)
    ).body;
    expect(candidates.map((c) => c.id)).toEqual([target.id]);

    const merged: ITicket = (await merge(w.cm, duplicate.id, target.id, '同一处漏水').expect(200)).body;
    expect(merged).toMatchObject({
      status: 'cancelled',
      mergedInto: { id: target.id, serial: target.serial },
      actions: [],
    });
    expect(merged.cancelReason).toContain(target.serial);
    // The merged ticket is no longer offered as a target, nor is the target offered to itself.
    expect(
      (await t.http().get(`/api/tickets/${target.id}/merge-candidates`).set(bearer(w.cm)).expect(200)).body.map(
        (c: IMergeCandidate) => c.id,
      ),
    ).not.toContain(duplicate.id);

    const seen: ITicket = (
      await t.http().get(`/api/tickets/${duplicate.id}`).set(bearer(family.accessToken)).expect(200)
    ).body;
    expect(seen.mergedInto).toEqual({ id: target.id, serial: target.serial });
    const told = (await inbox(family.accessToken)).filter((m) => m.kind === 'ticket.merged');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ ticketId: duplicate.id, title: `您的报修已与 ${target.serial} 合并` });

    const list: IMergedTicket[] = (await t.http().get(`/api/tickets/${target.id}/merged`).set(bearer(w.cm)).expect(200))
      .body;
    expect(list).toEqual([
      expect.objectContaining({ id: duplicate.id, serial: duplicate.serial, followerNotified: true }),
    ]);
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM audit_entries WHERE action = ? AND entity_id = ?', [
      'ticket.merge',
      duplicate.id,
    ]);
    expect(Number(n)).toBe(1);
    const timeline = (await t.http().get(`/api/tickets/${target.id}/timeline`).set(bearer(w.cm)).expect(200)).body;
    expect(timeline.map((e: { action: string }) => e.action)).toContain('merge_in');

    // The reporter of the target files the same thing twice: as reporter and follower they still hear each step once.
    const again = await createHomeRepair(t, w);
    await merge(w.cm, again.id, target.id).expect(200);

    await act(t, w.cm, target.id, 'register', { priceExplained: true }).expect(200);
    await act(t, w.techs[0].token, target.id, 'grab').expect(200);
    await act(t, w.techs[0].token, target.id, 'accept', {
      visitAt: new Date(Date.now() + 3600_000).toISOString(),
    }).expect(200);
    for (const who of [w.residentA, family]) {
      const messages = await inbox(who.accessToken);
      for (const kind of ['ticket.registered', 'ticket.technician_assigned', 'ticket.accepted'])
        expect({ kind, n: count(messages, kind, target.id) }).toEqual({ kind, n: 1 });
    }

    // The family member moves out (binding revoked): still following, read-only — the house's resident decides the quote.
    await t.db.query('UPDATE house_bindings SET status = ?, active_key = NULL WHERE user_id = ? AND house_id = ?', [
      'revoked',
      family.user.id,
      w.tenant.houseIds[0],
    ]);
    await act(t, w.techs[0].token, target.id, 'check-in').expect(200);
    const quoted: ITicket = (
      await act(t, w.techs[0].token, target.id, 'quote', { items: [{ code: 'GS-001', quantityMilli: 1000 }] }).expect(
        200,
      )
    ).body;
    expect(count(await inbox(family.accessToken), 'ticket.quoted', target.id)).toBe(1);
    const followerView: ITicket = (
      await t.http().get(`/api/tickets/${target.id}`).set(bearer(family.accessToken)).expect(200)
    ).body;
    expect(followerView).toMatchObject({ followerView: true, actions: [], status: 'quoted' });
    await act(
      t,
      family.accessToken,
      target.id,
      'agree',
      await sign(t, family.accessToken, quoted.quote!.snapshotHash),
    ).expect(404);
    await act(t, family.accessToken, target.id, 'decline-quote', { reason: '太贵' }).expect(404);
    await act(t, family.accessToken, target.id, 'cancel', { reason: '不修了' }).expect(404);
    await act(
      t,
      w.residentA.accessToken,
      target.id,
      'agree',
      await sign(t, w.residentA.accessToken, quoted.quote!.snapshotHash),
    ).expect(200);
    // Someone who neither reported nor follows it still gets 404.
    await t.http().get(`/api/tickets/${target.id}`).set(bearer(w.residentB.accessToken)).expect(404);
  });

  it("public-area duplicates from other houses merge into the project's public ticket; their reporter follows read-only", async () => {
    const target = await createPublic(w.residentA, w.tenant.houseIds[0]);
    const duplicate = await createPublic(w.residentB, w.tenant.houseIds[1]);
    await merge(w.sup, duplicate.id, target.id).expect(200);
    const view: ITicket = (
      await t.http().get(`/api/tickets/${target.id}`).set(bearer(w.residentB.accessToken)).expect(200)
    ).body;
    expect(view).toMatchObject({ followerView: true, actions: [] });
    await act(t, w.cm, target.id, 'register').expect(200);
    expect(count(await inbox(w.residentB.accessToken), 'ticket.registered', target.id)).toBe(1);
  });

  it('refuses merging into itself, into a finished or merged ticket, across houses, kinds or projects, and a duplicate already worked on or signed', async () => {
    const target = await createHomeRepair(t, w);
    const duplicate = await createHomeRepair(t, w);
    const field = (res: { body: { details?: { fields?: { field: string }[] } } }) =>
      res.body.details?.fields?.[0]?.field;

    expect(field(await merge(w.cm, duplicate.id, duplicate.id).expect(422))).toBe('targetId');

    const cancelled = await createHomeRepair(t, w);
    await act(t, w.residentA.accessToken, cancelled.id, 'cancel', { reason: '重复' }).expect(200);
    expect((await merge(w.cm, duplicate.id, cancelled.id).expect(422)).body.message).toContain('不能合并到它');

    const otherHouse = await createHomeRepair(t, w, w.residentB, w.tenant.houseIds[1]);
    expect((await merge(w.cm, duplicate.id, otherHouse.id).expect(422)).body.message).toBe('只能合并到同一房屋的工单');
    const publicOne = await createPublic(w.residentA, w.tenant.houseIds[0]);
    expect(field(await merge(w.cm, duplicate.id, publicOne.id).expect(422))).toBe('targetId');

    // A chain: into a ticket that is itself merged.
    const first = await createHomeRepair(t, w);
    await merge(w.cm, first.id, target.id).expect(200);
    expect((await merge(w.cm, duplicate.id, first.id).expect(422)).body.message).toContain('本身已合并');
    // …nor may a ticket others were merged into be merged away.
    expect((await merge(w.cm, target.id, duplicate.id).expect(409)).body.code).toBe('STATE_CONFLICT');

    // A duplicate with a signed quote (work under way) stays.
    const signed = await toQuoted(t, w, await createHomeRepair(t, w));
    await act(
      t,
      w.residentA.accessToken,
      signed.id,
      'agree',
      await sign(t, w.residentA.accessToken, signed.quote!.snapshotHash),
    ).expect(200);
    const refused = await merge(w.cm, signed.id, target.id).expect(409);
    expect(refused.body).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { current: { id: signed.id, status: 'in_progress' } },
    });
    expect(refused.body.message).toContain('已签署报价');

    // Across projects: a customer manager of both projects still cannot merge between them; one of only this project gets 404.
    const other = await makeTenant(t.db, 1);
    const otherResident = await wechatLogin(t, newOpenId());
    await bindResident(t.db, otherResident.user.id, other.houseIds[0]);
    const foreign = (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(otherResident.accessToken))
        .send({
          houseId: other.houseIds[0],
          kind: 'repair',
          scope: 'home',
          category: 'GS',
          urgency: 'normal',
          description: '漏水',
          mediaIds: [await uploadPhoto(t, otherResident.accessToken)],
        })
        .expect(201)
    ).body as ITicket;
    const both = await makeStaff(t.db, [
      { role: Role.CustomerManager, scopeType: ScopeType.Project, scopeId: w.tenant.projectId },
      { role: Role.CustomerManager, scopeType: ScopeType.Project, scopeId: other.projectId },
    ]);
    const bothToken = (await passwordLogin(t, both.username, STAFF_PASSWORD)).accessToken;
    expect((await merge(bothToken, duplicate.id, foreign.id).expect(422)).body.message).toBe('不能跨项目合并');
    await merge(w.cm, duplicate.id, foreign.id).expect(404);

    // Who may: ticket.handle only.
    await merge(w.residentA.accessToken, duplicate.id, target.id).expect(403);
    await merge(w.cashier, duplicate.id, target.id).expect(403);
    await merge(w.outsiderCm, duplicate.id, target.id).expect(404);
    await t.http().post(`/api/tickets/${duplicate.id}/merge`).set(bearer(w.cm)).send({ targetId: 'x' }).expect(422);
    // Nothing of the refusals changed the duplicate.
    expect((await t.http().get(`/api/tickets/${duplicate.id}`).set(bearer(w.cm)).expect(200)).body).toMatchObject({
      status: 'submitted',
      mergedInto: null,
    });
  });

  it('two merges of the same duplicate at once: one wins, the other gets 409 with the current state', async () => {
    const targetA = await createHomeRepair(t, w);
    const targetB = await createHomeRepair(t, w);
    const duplicate = await createHomeRepair(t, w);
    const results = await Promise.all([merge(w.cm, duplicate.id, targetA.id), merge(w.sup, duplicate.id, targetB.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(lost.body).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { current: { id: duplicate.id, status: 'cancelled' } },
    });
    const winner = results.find((r) => r.status === 200)!.body as ITicket;
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM ticket_followers WHERE merged_ticket_id = ?', [
      duplicate.id,
    ]);
    expect(Number(n)).toBe(1);
    expect([targetA.id, targetB.id]).toContain(winner.mergedInto!.id);
  });
});
