import { BindingRelation, BindingStatus, ErrorCode, Role } from '@app/shared';
import { bindResident, makeStaff, makeTenant, newOpenId, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';

describe('house binding: apply, approve, reject', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let cmA: string;
  let cmB: string;

  beforeAll(async () => {
    t = await bootTestApp();
    a = await makeTenant(t.db, 4);
    b = await makeTenant(t.db, 2);
    cmA = (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: a.projectId }])).username,
        STAFF_PASSWORD,
      )
    ).accessToken;
    cmB = (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: b.projectId }])).username,
        STAFF_PASSWORD,
      )
    ).accessToken;
  });
  afterAll(() => t.close());

  const apply = (token: string, houseId: number, relation = 'owner', phone = '13912345678') =>
    t.http().post('/api/bindings').set(bearer(token)).send({ houseId, relation, name: '王小明', phone });

  it('walks apply → staff approve → the house appears on the resident’s profile', async () => {
    const resident = await wechatLogin(t, newOpenId());
    const applied = await apply(resident.accessToken, a.houseIds[0]).expect(201);
    expect(applied.body).toMatchObject({
      status: 'pending',
      houseLabel: '1栋1单元101',
      relation: 'owner',
      phoneMasked: '139****5678',
    });
    expect(JSON.stringify(applied.body)).not.toContain('13912345678');

    const dup = await apply(resident.accessToken, a.houseIds[0]).expect(409);
    expect(dup.body.code).toBe(ErrorCode.Conflict);

    const queue = await t
      .http()
      .get(`/api/bindings?status=pending&projectId=${a.projectId}`)
      .set(bearer(cmA))
      .expect(200);
    expect(queue.body.items.map((x: { id: number }) => x.id)).toContain(applied.body.id);

    const approved = await t.http().post(`/api/bindings/${applied.body.id}/approve`).set(bearer(cmA)).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', reviewedByName: expect.any(String) });

    const again = await t
      .http()
      .post(`/api/bindings/${applied.body.id}/reject`)
      .set(bearer(cmA))
      .send({ reason: '迟到的驳回' })
      .expect(409);
    expect(again.body).toMatchObject({ code: ErrorCode.StateConflict, details: { current: { status: 'approved' } } });

    const me = await t.http().get('/api/me').set(bearer(resident.accessToken)).expect(200);
    expect(me.body.houses).toEqual([expect.objectContaining({ houseId: a.houseIds[0], relation: 'owner' })]);
    expect(me.body.name).toBe('王小明');
  });

  it('rejects with a required reason; the resident may apply again afterwards', async () => {
    const resident = await wechatLogin(t, newOpenId());
    const applied = await apply(resident.accessToken, a.houseIds[1], 'tenant').expect(201);
    const noReason = await t
      .http()
      .post(`/api/bindings/${applied.body.id}/reject`)
      .set(bearer(cmA))
      .send({})
      .expect(422);
    expect(noReason.body.details.fields[0].field).toBe('reason');
    const rejected = await t
      .http()
      .post(`/api/bindings/${applied.body.id}/reject`)
      .set(bearer(cmA))
      .send({ reason: '租赁合同未上传' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '租赁合同未上传' });
    const mine = await t.http().get('/api/bindings/mine').set(bearer(resident.accessToken)).expect(200);
    expect(mine.body[0]).toMatchObject({ status: 'rejected', rejectReason: '租赁合同未上传' });
    await apply(resident.accessToken, a.houseIds[1], 'tenant').expect(201);
  });

  it('lets exactly one of two simultaneous reviews win', async () => {
    const resident = await wechatLogin(t, newOpenId());
    const applied = await apply(resident.accessToken, a.houseIds[2]).expect(201);
    const [x, y] = await Promise.all([
      t.http().post(`/api/bindings/${applied.body.id}/approve`).set(bearer(cmA)),
      t.http().post(`/api/bindings/${applied.body.id}/reject`).set(bearer(cmA)).send({ reason: '并发测试' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
  });

  it('keeps residents and other projects’ staff out of a binding (404)', async () => {
    const owner = await wechatLogin(t, newOpenId());
    const other = await wechatLogin(t, newOpenId());
    const applied = await apply(owner.accessToken, a.houseIds[3]).expect(201);
    await t.http().post(`/api/bindings/${applied.body.id}/approve`).set(bearer(other.accessToken)).expect(404);
    await t.http().post(`/api/bindings/${applied.body.id}/approve`).set(bearer(owner.accessToken)).expect(404);
    await t.http().post(`/api/bindings/${applied.body.id}/approve`).set(bearer(cmB)).expect(404);
    const otherMine = await t.http().get('/api/bindings/mine').set(bearer(other.accessToken)).expect(200);
    expect(otherMine.body).toEqual([]);
    await t.http().get('/api/bindings').set(bearer(owner.accessToken)).expect(403);
    const bList = await t.http().get(`/api/bindings?projectId=${a.projectId}`).set(bearer(cmB)).expect(200);
    expect(bList.body.items).toEqual([]);
  });

  it('lets a verified owner approve a family member of the same house, but not a tenant', async () => {
    const owner = await wechatLogin(t, newOpenId());
    await bindResident(t.db, owner.user.id, b.houseIds[0], BindingRelation.Owner, BindingStatus.Approved);
    const family = await wechatLogin(t, newOpenId());
    const tenant = await wechatLogin(t, newOpenId());
    const famApp = await apply(family.accessToken, b.houseIds[0], 'family').expect(201);
    const tenApp = await apply(tenant.accessToken, b.houseIds[0], 'tenant').expect(201);
    const requests = await t.http().get('/api/bindings/family-requests').set(bearer(owner.accessToken)).expect(200);
    expect(requests.body.map((x: { id: number }) => x.id)).toEqual([famApp.body.id]);
    await t.http().post(`/api/bindings/${famApp.body.id}/approve`).set(bearer(owner.accessToken)).expect(200);
    await t.http().post(`/api/bindings/${tenApp.body.id}/approve`).set(bearer(owner.accessToken)).expect(404);
    const famMe = await t.http().get('/api/me').set(bearer(family.accessToken)).expect(200);
    expect(famMe.body.houses).toHaveLength(1);
  });

  it('names each invalid field and refuses staff-only fields', async () => {
    const resident = await wechatLogin(t, newOpenId());
    const res = await t
      .http()
      .post('/api/bindings')
      .set(bearer(resident.accessToken))
      .send({ houseId: 'x', relation: 'landlord', name: '', phone: '12345', status: 'approved' })
      .expect(422);
    const fields = res.body.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['houseId', 'relation', 'name', 'phone', 'status']));
    await apply(resident.accessToken, 999_999_999).expect(404);
  });

  it('refuses staff applying as residents', async () => {
    await apply(cmA, a.houseIds[0]).expect(403);
  });
});
