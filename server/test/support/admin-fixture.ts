import { IStaffPasswordIssued, Role, ScopeType } from '@app/shared';
import { makeStaff, makeTenant, STAFF_PASSWORD, Tenant } from './factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from './test-app';

/** The administration e2e specs' world: two companies, each with an administrator, a project admin and a CM of A. */
export interface AdminFixture {
  t: TestApp;
  a: Tenant;
  b: Tenant;
  admin: string;
  adminId: number;
  adminB: string;
  projectAdmin: string;
  cm: string;
}

export async function bootAdminFixture(): Promise<AdminFixture> {
  const t = await bootTestApp();
  const a = await makeTenant(t.db, 2);
  const b = await makeTenant(t.db, 2);
  const adminUser = await makeStaff(t.db, [{ role: Role.Admin, scopeType: ScopeType.Company, scopeId: a.companyId }], {
    companyId: a.companyId,
  });
  const adminId = adminUser.id;
  const admin = (await passwordLogin(t, adminUser.username, STAFF_PASSWORD)).accessToken;
  const adminB = (
    await passwordLogin(
      t,
      (
        await makeStaff(t.db, [{ role: Role.Admin, scopeType: ScopeType.Company, scopeId: b.companyId }], {
          companyId: b.companyId,
        })
      ).username,
      STAFF_PASSWORD,
    )
  ).accessToken;
  const projectAdmin = (
    await passwordLogin(
      t,
      (await makeStaff(t.db, [{ role: Role.Admin, scopeId: a.projectId }], { companyId: a.companyId })).username,
      STAFF_PASSWORD,
    )
  ).accessToken;
  const cm = (
    await passwordLogin(
      t,
      (await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: a.projectId }], { companyId: a.companyId }))
        .username,
      STAFF_PASSWORD,
    )
  ).accessToken;
  return { t, a, b, admin, adminId, adminB, projectAdmin, cm };
}

export function adminSteps(f: () => AdminFixture) {
  const http = () => f().t.http();
  const uniq = () => Math.random().toString(36).slice(2, 8);
  async function createStaff(token = f().admin): Promise<IStaffPasswordIssued> {
    const res = await http()
      .post('/api/admin/staff')
      .set(bearer(token))
      .send({ name: '新员工', username: `n${uniq()}` })
      .expect(201);
    return res.body;
  }
  return { http, uniq, createStaff };
}
