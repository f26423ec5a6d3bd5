import { ErrorCode, IStaffAccount, IStaffPasswordIssued, Role, ScopeType } from '@app/shared';
import { Tenant } from '../support/factories';
import { bearer, passwordLogin, TestApp } from '../support/test-app';
import { adminSteps, bootAdminFixture } from '../support/admin-fixture';

describe('administration: structure, staff accounts, grants, sessions', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let admin: string;
  let adminId: number;
  let adminB: string;
  let projectAdmin: string;
  let cm: string;
  const { http, uniq, createStaff } = adminSteps(() => ({ t, a, b, admin, adminId, adminB, projectAdmin, cm }));

  beforeAll(async () => {
    ({ t, a, b, admin, adminId, adminB, projectAdmin, cm } = await bootAdminFixture());
  });
  afterAll(() => t.close());

  it('builds regions, projects, buildings and units, and refuses duplicates, other companies and non-admins', async () => {
    const region = (
      await http()
        .post('/api/admin/regions')
        .set(bearer(admin))
        .send({ code: `R${uniq()}`, name: '华南区域' })
        .expect(201)
    ).body;
    const code = `P${uniq().toUpperCase()}`.slice(0, 8);
    const project = (
      await http()
        .post('/api/admin/projects')
        .set(bearer(admin))
        .send({ regionId: region.id, code, name: '新城小区', address: '深圳' })
        .expect(201)
    ).body;
    expect(project).toMatchObject({ regionId: region.id, code, name: '新城小区' });
    await http()
      .post('/api/admin/projects')
      .set(bearer(admin))
      .send({ regionId: region.id, code, name: '重复' })
      .expect(409);
    const building = (
      await http()
        .post(`/api/admin/projects/${project.id}/buildings`)
        .set(bearer(admin))
        .send({ name: '1栋' })
        .expect(201)
    ).body;
    const unit = (
      await http()
        .post(`/api/admin/buildings/${building.id}/units`)
        .set(bearer(admin))
        .send({ name: '1单元' })
        .expect(201)
    ).body;
    await http()
      .post(`/api/admin/buildings/${building.id}/units`)
      .set(bearer(admin))
      .send({ name: '1单元' })
      .expect(409);
    await http().patch(`/api/admin/units/${unit.id}`).set(bearer(admin)).send({ name: '一单元' }).expect(200);
    await http().patch(`/api/admin/buildings/${building.id}`).set(bearer(admin)).send({ name: '一栋' }).expect(200);
    await http().patch(`/api/admin/projects/${project.id}`).set(bearer(admin)).send({ name: '新城花园' }).expect(200);
    await http().patch(`/api/admin/regions/${region.id}`).set(bearer(admin)).send({ name: '华南一区' }).expect(200);

    const org = (await http().get('/api/admin/organization').set(bearer(admin)).expect(200)).body;
    expect(org.regions.find((r: { id: number }) => r.id === region.id)).toMatchObject({
      name: '华南一区',
      projects: [expect.objectContaining({ id: project.id, name: '新城花园' })],
    });
    const buildings = (
      await http().get(`/api/property/projects/${project.id}/buildings`).set(bearer(admin)).expect(200)
    ).body;
    expect(buildings).toEqual([expect.objectContaining({ name: '一栋', units: [{ id: unit.id, name: '一单元' }] })]);

    // Another company's administrator cannot see or touch it (404), other roles never may (403).
    await http()
      .post(`/api/admin/projects/${project.id}/buildings`)
      .set(bearer(adminB))
      .send({ name: '2栋' })
      .expect(404);
    await http().patch(`/api/admin/regions/${region.id}`).set(bearer(adminB)).send({ name: 'x' }).expect(404);
    await http().post('/api/admin/regions').set(bearer(cm)).send({ code: 'RX', name: 'x' }).expect(403);
    await http().post('/api/admin/regions').set(bearer(projectAdmin)).send({ code: 'RX', name: 'x' }).expect(403);
    const bad = await http()
      .post('/api/admin/projects')
      .set(bearer(admin))
      .send({ regionId: region.id, code: 'lower', name: ' ' })
      .expect(422);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'name']);
  });

  it('creates a staff account whose temporary password must be changed before anything else', async () => {
    const issued = await createStaff();
    expect(issued.account).toMatchObject({ status: 'active', mustChangePassword: true, grants: [] });
    expect(issued.temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
    const pair = await passwordLogin(t, issued.account.username!, issued.temporaryPassword);
    expect(pair.user.mustChangePassword).toBe(true);
    const refused = await http().get('/api/property/projects').set(bearer(pair.accessToken)).expect(403);
    expect(refused.body.code).toBe(ErrorCode.PasswordChangeRequired);
    await http().get('/api/me').set(bearer(pair.accessToken)).expect(200);

    const change = (body: object) => http().post('/api/me/password').set(bearer(pair.accessToken)).send(body);
    expect(
      (await change({ currentPassword: 'wrong-one-1', newPassword: 'Better1234' }).expect(422)).body.details.fields[0]
        .field,
    ).toBe('currentPassword');
    expect(
      (await change({ currentPassword: issued.temporaryPassword, newPassword: 'short1' }).expect(422)).body.details
        .fields[0].field,
    ).toBe('newPassword');
    await change({ currentPassword: issued.temporaryPassword, newPassword: 'Better1234' }).expect(204);
    const me = await http().get('/api/me').set(bearer(pair.accessToken)).expect(200);
    expect(me.body.mustChangePassword).toBe(false);
    await http().get('/api/property/projects').set(bearer(pair.accessToken)).expect(200);
    await passwordLogin(t, issued.account.username!, 'Better1234');
    await http()
      .post('/api/admin/staff')
      .set(bearer(admin))
      .send({ name: '重名', username: issued.account.username })
      .expect(409);
  });

  it('grants a customer-manager role on one project: the person then sees exactly that project; revoking removes it', async () => {
    const issued = await createStaff();
    const granted: IStaffAccount = (
      await http()
        .post(`/api/admin/staff/${issued.account.id}/grants`)
        .set(bearer(admin))
        .send({ role: Role.CustomerManager, scopeType: ScopeType.Project, scopeId: a.projectId })
        .expect(201)
    ).body;
    expect(granted.grants).toEqual([
      expect.objectContaining({
        role: Role.CustomerManager,
        scopeType: 'project',
        scopeId: a.projectId,
        scopeName: expect.any(String),
      }),
    ]);
    await http()
      .post(`/api/admin/staff/${issued.account.id}/grants`)
      .set(bearer(admin))
      .send({ role: Role.CustomerManager, scopeType: ScopeType.Project, scopeId: a.projectId })
      .expect(409);
    // A project of another company is answered as missing.
    await http()
      .post(`/api/admin/staff/${issued.account.id}/grants`)
      .set(bearer(admin))
      .send({ role: Role.CustomerManager, scopeType: ScopeType.Project, scopeId: b.projectId })
      .expect(404);
    await http()
      .post(`/api/admin/staff/${issued.account.id}/grants`)
      .set(bearer(admin))
      .send({ role: Role.Resident, scopeType: ScopeType.Project, scopeId: a.projectId })
      .expect(422);

    const pair = await passwordLogin(t, issued.account.username!, issued.temporaryPassword);
    await http()
      .post('/api/me/password')
      .set(bearer(pair.accessToken))
      .send({ currentPassword: issued.temporaryPassword, newPassword: 'Better1234' })
      .expect(204);
    const projects = (await http().get('/api/property/projects').set(bearer(pair.accessToken)).expect(200)).body;
    expect(projects.map((p: { id: number }) => p.id)).toEqual([a.projectId]);

    const revoked: IStaffAccount = (
      await http()
        .delete(`/api/admin/staff/${issued.account.id}/grants/${granted.grants[0].id}`)
        .set(bearer(admin))
        .expect(200)
    ).body;
    expect(revoked.grants).toEqual([]);
    expect((await http().get('/api/property/projects').set(bearer(pair.accessToken)).expect(200)).body).toEqual([]);
    // The other company's admin does not see this account at all.
    await http()
      .delete(`/api/admin/staff/${issued.account.id}/grants/${granted.grants[0].id}`)
      .set(bearer(adminB))
      .expect(404);
  });

  it('gives a technician granted a project a profile the 维修师傅 page lists; technicians are granted per project only', async () => {
    const issued = await createStaff();
    await http()
      .post(`/api/admin/staff/${issued.account.id}/grants`)
      .set(bearer(admin))
      .send({ role: Role.Technician, scopeType: ScopeType.Region, scopeId: a.regionId })
      .expect(422);
    await http()
      .post(`/api/admin/staff/${issued.account.id}/grants`)
      .set(bearer(admin))
      .send({ role: Role.Technician, scopeType: ScopeType.Project, scopeId: a.projectId })
      .expect(201);
    const list = (await http().get(`/api/property/projects/${a.projectId}/technicians`).set(bearer(admin)).expect(200))
      .body;
    expect(list.find((p: { userId: number }) => p.userId === issued.account.id)).toMatchObject({
      skills: [],
      onDuty: true,
      maxOpenJobs: 5,
    });
  });

  it('disabling ends the sessions and stops sign-in; enabling lets the person back in', async () => {
    const issued = await createStaff();
    const pair = await passwordLogin(t, issued.account.username!, issued.temporaryPassword);
    await http()
      .post(`/api/admin/staff/${issued.account.id}/status`)
      .set(bearer(admin))
      .send({ status: 'disabled' })
      .expect(200);
    await http().get('/api/me').set(bearer(pair.accessToken)).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
    const login = await http()
      .post('/api/auth/password/login')
      .send({ login: issued.account.username, password: issued.temporaryPassword })
      .expect(403);
    expect(login.body.code).toBe(ErrorCode.AccountDisabled);
    await http()
      .post(`/api/admin/staff/${issued.account.id}/status`)
      .set(bearer(admin))
      .send({ status: 'active' })
      .expect(200);
    await passwordLogin(t, issued.account.username!, issued.temporaryPassword);
    await http().post(`/api/admin/staff/${adminId}/status`).set(bearer(admin)).send({ status: 'disabled' }).expect(422);
  });

  it('resetting a password ends every session and issues a new temporary password; end-sessions alone keeps the password', async () => {
    const issued = await createStaff();
    const first = await passwordLogin(t, issued.account.username!, issued.temporaryPassword);
    await http().post(`/api/admin/staff/${issued.account.id}/sessions/end`).set(bearer(admin)).expect(204);
    await http().get('/api/me').set(bearer(first.accessToken)).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);

    const second = await passwordLogin(t, issued.account.username!, issued.temporaryPassword);
    await http()
      .post('/api/me/password')
      .set(bearer(second.accessToken))
      .send({ currentPassword: issued.temporaryPassword, newPassword: 'Better1234' })
      .expect(204);
    const reset: IStaffPasswordIssued = (
      await http().post(`/api/admin/staff/${issued.account.id}/password-reset`).set(bearer(admin)).expect(200)
    ).body;
    expect(reset.account.mustChangePassword).toBe(true);
    expect(reset.temporaryPassword).not.toBe(issued.temporaryPassword);
    await http().get('/api/me').set(bearer(second.accessToken)).expect(401);
    await http()
      .post('/api/auth/password/login')
      .send({ login: issued.account.username, password: 'Better1234' })
      .expect(401);
    const third = await passwordLogin(t, issued.account.username!, reset.temporaryPassword);
    expect(third.user.mustChangePassword).toBe(true);
  });
});
