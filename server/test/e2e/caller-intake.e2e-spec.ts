import { BindingStatus, IBinding, ITicket } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { HouseBinding } from '../../src/modules/bindings/house-binding.entity';
import { bindResident, makeTenant, newOpenId } from '../support/factories';
import { bearer, bootTestApp, TestApp, wechatLogin } from '../support/test-app';
import { makeTicketWorld, TicketWorld, uploadPhoto } from './ticket-helpers';

/** Issue 12, item 15: 代客报修 finds the caller by phone, then records the request with photos and a visit window. */
describe('代客报修: caller lookup by phone and a full staff intake', () => {
  let t: TestApp;
  let w: TicketWorld;
  const CALLER = '13955550001';

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t, 1);
    // The caller owns two houses here: one verified binding each; a third application is still pending.
    const bindings = t.db.getRepository(HouseBinding);
    const caller = await wechatLogin(t, newOpenId());
    for (const houseId of [w.tenant.houseIds[2], w.tenant.houseIds[3]])
      await bindResident(t.db, caller.user.id, houseId);
    await bindResident(t.db, caller.user.id, w.tenant.houseIds[4], undefined, BindingStatus.Pending);
    await bindings.update({ userId: caller.user.id }, { phone: CALLER, name: '周敏' });
    // The same number in another company's project stays invisible to this project's staff.
    const other = await makeTenant(t.db, 1);
    const stranger = await wechatLogin(t, newOpenId());
    await bindResident(t.db, stranger.user.id, other.houseIds[0]);
    await bindings.update({ userId: stranger.user.id }, { phone: CALLER });
  });
  afterAll(() => t.close());

  const lookup = (token: string, body: object) => t.http().post('/api/bindings/lookup').set(bearer(token)).send(body);

  it("answers the caller's verified houses in the project, masked, and audits the search", async () => {
    const found = (await lookup(w.cm, { projectId: w.tenant.projectId, phone: CALLER }).expect(200)).body as IBinding[];
    expect(found.map((b) => b.houseId)).toEqual([w.tenant.houseIds[2], w.tenant.houseIds[3]]);
    expect(
      found.every(
        (b) => b.name === '周敏' && b.status === 'approved' && b.relation === 'owner' && b.phoneMasked !== CALLER,
      ),
    ).toBe(true);
    expect(JSON.stringify(found)).not.toContain(CALLER);
    expect((await lookup(w.cm, { projectId: w.tenant.projectId, phone: '13900000000' }).expect(200)).body).toEqual([]);
    const audits = await t.db
      .getRepository(AuditEntry)
      .find({ where: { action: 'binding.caller_lookup', entityId: w.tenant.projectId } });
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[0].afterJson!)).toEqual({ phoneMasked: '139****0001', found: 2 });
    expect(audits.every((a) => !a.afterJson!.includes(CALLER))).toBe(true);
  });

  it('only intake staff of the project may search by phone; a bad number names the field', async () => {
    await lookup(w.sup, { projectId: w.tenant.projectId, phone: CALLER }).expect(403);
    await lookup(w.cashier, { projectId: w.tenant.projectId, phone: CALLER }).expect(403);
    await lookup(w.techs[0].token, { projectId: w.tenant.projectId, phone: CALLER }).expect(403);
    await lookup(w.residentA.accessToken, { projectId: w.tenant.projectId, phone: CALLER }).expect(403);
    await lookup(w.outsiderCm, { projectId: w.tenant.projectId, phone: CALLER }).expect(404);
    const bad = await lookup(w.cm, { projectId: w.tenant.projectId, phone: '12345' }).expect(422);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['phone']);
  });

  it('the customer manager records the request for the found house with photos and the expected visit window', async () => {
    const photo = await uploadPhoto(t, w.cm);
    const start = new Date(Date.now() + 86_400_000);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const created = (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.cm))
        .send({
          houseId: w.tenant.houseIds[3],
          kind: 'repair',
          scope: 'home',
          category: 'GS',
          urgency: 'normal',
          description: '卫生间地漏返水',
          channel: 'phone',
          contactName: '周敏',
          contactPhone: CALLER,
          mediaIds: [photo],
          preferredStart: start.toISOString(),
          preferredEnd: end.toISOString(),
        })
        .expect(201)
    ).body as ITicket;
    expect(created).toMatchObject({
      houseId: w.tenant.houseIds[3],
      channel: 'phone',
      contactName: '周敏',
      preferredStart: start.toISOString(),
      preferredEnd: end.toISOString(),
    });
    expect(created.media.map((m) => m.id)).toEqual([photo]);
  });
});
