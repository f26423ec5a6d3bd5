import { Role, ScopeType } from '@app/shared';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/database/data-source';
import { bootstrapCompany } from '../../src/cli/bootstrap-company';
import { makeStaff, STAFF_PASSWORD, Tenant } from '../support/factories';
import { createTestDatabase, databaseEnv } from '../support/test-database';
import { bearer, passwordLogin, TestApp } from '../support/test-app';
import { adminSteps, bootAdminFixture } from '../support/admin-fixture';

describe('administration: staff list, departments, audit, bootstrap', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let admin: string;
  let adminId: number;
  let adminB: string;
  let projectAdmin: string;
  let cm: string;
  const { http, createStaff } = adminSteps(() => ({ t, a, b, admin, adminId, adminB, projectAdmin, cm }));

  beforeAll(async () => {
    ({ t, a, b, admin, adminId, adminB, projectAdmin, cm } = await bootAdminFixture());
  });
  afterAll(() => t.close());

  it('lists the company’s staff, searchable, never another company’s', async () => {
    const issued = await createStaff();
    const page = (await http().get(`/api/admin/staff?q=${issued.account.username}`).set(bearer(admin)).expect(200))
      .body;
    expect(page.items.map((s: { id: number }) => s.id)).toEqual([issued.account.id]);
    const other = (await http().get(`/api/admin/staff?q=${issued.account.username}`).set(bearer(adminB)).expect(200))
      .body;
    expect(other.total).toBe(0);
  });

  it('keeps departments per project with a supervisor from the company', async () => {
    const supervisor = await createStaff();
    const outsider = await createStaff(adminB);
    const dep = (
      await http()
        .post(`/api/admin/projects/${a.projectId}/departments`)
        .set(bearer(admin))
        .send({ name: '工程部', supervisorUserId: supervisor.account.id })
        .expect(201)
    ).body;
    expect(dep).toMatchObject({
      projectId: a.projectId,
      name: '工程部',
      supervisorUserId: supervisor.account.id,
      supervisorName: '新员工',
    });
    await http()
      .post(`/api/admin/projects/${a.projectId}/departments`)
      .set(bearer(admin))
      .send({ name: '工程部' })
      .expect(409);
    const bad = await http()
      .post(`/api/admin/projects/${a.projectId}/departments`)
      .set(bearer(admin))
      .send({ name: '保洁部', supervisorUserId: outsider.account.id })
      .expect(422);
    expect(bad.body.details.fields[0].field).toBe('supervisorUserId');
    await http()
      .put(`/api/admin/departments/${dep.id}`)
      .set(bearer(admin))
      .send({ name: '工程维修部', supervisorUserId: null })
      .expect(200);
    const list = (await http().get(`/api/admin/projects/${a.projectId}/departments`).set(bearer(admin)).expect(200))
      .body;
    expect(list).toEqual([expect.objectContaining({ id: dep.id, name: '工程维修部', supervisorUserId: null })]);
    await http().get(`/api/admin/projects/${b.projectId}/departments`).set(bearer(admin)).expect(404);
  });

  it('shows the audit trail with before/after, filtered by actor, object, action and time', async () => {
    const issued = await createStaff();
    await http()
      .post(`/api/admin/staff/${issued.account.id}/grants`)
      .set(bearer(admin))
      .send({ role: Role.Cashier, scopeType: ScopeType.Project, scopeId: a.projectId })
      .expect(201);
    const grants = (
      await http()
        .get(`/api/admin/audit?entityType=user&entityId=${issued.account.id}&action=staff.grant`)
        .set(bearer(admin))
        .expect(200)
    ).body;
    expect(grants.items).toHaveLength(1);
    expect(grants.items[0]).toMatchObject({
      actorId: adminId,
      action: 'staff.grant',
      before: { grants: [] },
      after: { grants: [`cashier@project:${a.projectId}`] },
    });
    expect(grants.items[0].actorName).toEqual(expect.any(String));
    const staffActions = (
      await http().get(`/api/admin/audit?entityId=${issued.account.id}&action=staff`).set(bearer(admin)).expect(200)
    ).body;
    expect(staffActions.items.map((e: { action: string }) => e.action)).toEqual(['staff.grant', 'staff.create']);
    // An underscore is a letter here, not a LIKE wildcard: staff.reset_password matches itself only.
    await http().post(`/api/admin/staff/${issued.account.id}/password-reset`).set(bearer(admin)).expect(200);
    const reset = (
      await http()
        .get(`/api/admin/audit?entityId=${issued.account.id}&action=staff.reset_password`)
        .set(bearer(admin))
        .expect(200)
    ).body;
    expect(reset.items.map((e: { action: string }) => e.action)).toEqual(['staff.reset_password']);
    expect(
      (
        await http()
          .get(`/api/admin/audit?entityId=${issued.account.id}&action=staff.reset`)
          .set(bearer(admin))
          .expect(200)
      ).body.total,
    ).toBe(0);
    const search = (
      await http()
        .get(`/api/admin/staff?q=${encodeURIComponent('_')}`)
        .set(bearer(admin))
        .expect(200)
    ).body;
    expect(search.total).toBe(0);
    const byActor = (
      await http().get(`/api/admin/audit?actorId=${adminId}&pageSize=200`).set(bearer(admin)).expect(200)
    ).body;
    expect(byActor.items.every((e: { actorId: number }) => e.actorId === adminId)).toBe(true);
    const before = (
      await http()
        .get(`/api/admin/audit?entityId=${issued.account.id}&to=2000-01-01T00:00:00Z`)
        .set(bearer(admin))
        .expect(200)
    ).body;
    expect(before.total).toBe(0);
    const since = (
      await http()
        .get(`/api/admin/audit?entityId=${issued.account.id}&entityType=user&from=2000-01-01T00:00:00Z`)
        .set(bearer(admin))
        .expect(200)
    ).body;
    expect(since.total).toBe(3);
    expect(
      (await http().get(`/api/admin/audit?entityId=${issued.account.id}`).set(bearer(adminB)).expect(200)).body.total,
    ).toBe(0);
    await http().get('/api/admin/audit').set(bearer(cm)).expect(403);
    await http().get('/api/admin/audit?from=yesterday').set(bearer(admin)).expect(422);
  });

  it("shows a project's audit rows that carry only the project (服务时限 saves), never another company's", async () => {
    const sup = (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role: Role.Supervisor, scopeId: a.projectId }], { companyId: a.companyId })).username,
        STAFF_PASSWORD,
      )
    ).accessToken;
    const body = {
      category: 'GD',
      urgency: 'emergency',
      respondMinutes: 20,
      onSiteMinutes: 30,
      resolveMinutes: 180,
      returnVisitMinutes: 1440,
    };
    await http().put(`/api/projects/${a.projectId}/sla-policies`).set(bearer(sup)).send(body).expect(200);
    const [row] = await t.db.query(
      "SELECT company_id AS c FROM audit_entries WHERE entity_type = 'sla_policy' AND project_id = ? ORDER BY id DESC",
      [a.projectId],
    );
    expect(row.c).toBeNull(); // the module records the project only: the viewer must find it through the company's projects
    const found = (await http().get('/api/admin/audit?entityType=sla_policy').set(bearer(admin)).expect(200)).body;
    expect(found.items.map((e: { projectId: number }) => e.projectId)).toContain(a.projectId);
    const other = (await http().get('/api/admin/audit?entityType=sla_policy').set(bearer(adminB)).expect(200)).body;
    expect(other.items.map((e: { projectId: number }) => e.projectId)).not.toContain(a.projectId);
  });

  it('bootstraps an empty database once: the first company, its admin and default categories; refused afterwards', async () => {
    const kind = (process.env.E2E_DB as 'mysql' | 'sqlite') ?? 'sqlite';
    const db = await createTestDatabase(kind, 'boot');
    const ds = await openDataSource(loadConfig({ ...databaseEnv(db), NODE_ENV: 'test', JWT_SECRET: 'z'.repeat(40) }));
    try {
      await ds.runMigrations({ transaction: 'each' });
      const input = {
        companyName: '启航物业',
        companyCode: 'QH',
        adminName: '王管理',
        adminUsername: 'qhadmin',
        adminPhone: null,
        password: null,
      };
      const created = await bootstrapCompany(ds, input);
      expect(created.temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
      const [user] = await ds.query('SELECT must_change_password AS m, company_id AS c FROM users WHERE id = ?', [
        created.userId,
      ]);
      expect({ m: Number(user.m), c: Number(user.c) }).toEqual({ m: 1, c: created.companyId });
      const [grant] = await ds.query('SELECT role, scope_type AS s FROM role_assignments WHERE user_id = ?', [
        created.userId,
      ]);
      expect(grant).toEqual({ role: 'admin', s: 'company' });
      expect(
        Number(
          (await ds.query('SELECT COUNT(*) AS n FROM service_categories WHERE company_id = ?', [created.companyId]))[0]
            .n,
        ),
      ).toBeGreaterThan(0);
      await expect(bootstrapCompany(ds, { ...input, companyCode: 'QH2', adminUsername: 'other' })).rejects.toThrow(
        /已有公司/,
      );
      await expect(bootstrapCompany(ds, { ...input, password: 'short' })).rejects.toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
