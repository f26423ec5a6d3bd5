import { Role, ScopeType } from '@app/shared';
import { makeStaff, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, passwordLogin, TestApp } from '../support/test-app';

interface Call {
  token: string;
  url: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}
interface Scenario {
  prepare(): Promise<Call>;
  lenient?: Record<string, string>;
}

/**
 * R14 scenarios for the administration routes (/api/admin/*, /api/me/password): each builds a fresh valid
 * request against the tenant's company, made through the same API so every object lies inside it.
 */
export function administrationScenarios(
  app: () => TestApp,
  tenant: () => Tenant,
  admin: () => string,
): Record<string, Scenario> {
  let seq = 0;
  const tag = () => `${process.pid % 1000}${++seq}`;
  const post = async (url: string, body: object) =>
    (await app().http().post(url).set(bearer(admin())).send(body).expect(201)).body as { id: number };
  const project = () =>
    post('/api/admin/projects', { regionId: tenant().regionId, code: `B${tag()}`, name: '边界项目' });
  const building = async () => post(`/api/admin/projects/${(await project()).id}/buildings`, { name: '1栋' });
  const mustBeCurrent = 'must be the current password / pass the password rule: a 422 naming it is the right answer';

  return {
    'POST /api/me/password': {
      lenient: { currentPassword: mustBeCurrent, newPassword: mustBeCurrent },
      prepare: async () => {
        const staff = await makeStaff(app().db, [{ role: Role.Cashier, scopeId: tenant().projectId }], {
          companyId: tenant().companyId,
        });
        const token = (await passwordLogin(app(), staff.username, STAFF_PASSWORD)).accessToken;
        return { token, url: '/api/me/password', body: { currentPassword: STAFF_PASSWORD, newPassword: 'Better1234' } };
      },
    },
    'GET /api/admin/staff': {
      prepare: async () => ({ token: admin(), url: '/api/admin/staff', query: { q: '员工', page: 1, pageSize: 20 } }),
    },
    'POST /api/admin/staff': {
      prepare: async () => ({
        token: admin(),
        url: '/api/admin/staff',
        body: { name: '边界员工', username: `b${tag()}` },
      }),
    },
    'POST /api/admin/staff/:userId/grants': {
      prepare: async () => {
        const { account } = (
          await app()
            .http()
            .post('/api/admin/staff')
            .set(bearer(admin()))
            .send({ name: '授权对象', username: `g${tag()}` })
            .expect(201)
        ).body;
        return {
          token: admin(),
          url: `/api/admin/staff/${account.id}/grants`,
          body: { role: Role.Cashier, scopeType: ScopeType.Project, scopeId: tenant().projectId },
        };
      },
    },
    'POST /api/admin/regions': {
      prepare: async () => ({
        token: admin(),
        url: '/api/admin/regions',
        body: { code: `R${tag()}`, name: '边界区域' },
      }),
    },
    'PATCH /api/admin/regions/:regionId': {
      prepare: async () => ({
        token: admin(),
        url: `/api/admin/regions/${(await post('/api/admin/regions', { code: `R${tag()}`, name: '区域' })).id}`,
        body: { name: '新名' },
      }),
    },
    'POST /api/admin/projects': {
      prepare: async () => ({
        token: admin(),
        url: '/api/admin/projects',
        body: { regionId: tenant().regionId, code: `P${tag()}`, name: '边界项目', address: '地址' },
      }),
    },
    'PATCH /api/admin/projects/:projectId': {
      prepare: async () => ({
        token: admin(),
        url: `/api/admin/projects/${(await project()).id}`,
        body: { name: '新名', address: '新址' },
      }),
    },
    'POST /api/admin/projects/:projectId/buildings': {
      prepare: async () => ({
        token: admin(),
        url: `/api/admin/projects/${(await project()).id}/buildings`,
        body: { name: '2栋', sortOrder: 1 },
      }),
    },
    'PATCH /api/admin/buildings/:buildingId': {
      prepare: async () => ({
        token: admin(),
        url: `/api/admin/buildings/${(await building()).id}`,
        body: { name: '3栋' },
      }),
    },
    'POST /api/admin/buildings/:buildingId/units': {
      prepare: async () => ({
        token: admin(),
        url: `/api/admin/buildings/${(await building()).id}/units`,
        body: { name: '1单元' },
      }),
    },
    'PATCH /api/admin/units/:unitId': {
      prepare: async () => ({
        token: admin(),
        url: `/api/admin/units/${(await post(`/api/admin/buildings/${(await building()).id}/units`, { name: '1单元' })).id}`,
        body: { name: '2单元' },
      }),
    },
    'POST /api/admin/projects/:projectId/departments': {
      prepare: async () => ({
        token: admin(),
        url: `/api/admin/projects/${(await project()).id}/departments`,
        body: { name: '工程部', supervisorUserId: null },
      }),
    },
    'PUT /api/admin/departments/:departmentId': {
      prepare: async () => {
        const department = await post(`/api/admin/projects/${(await project()).id}/departments`, { name: '保洁部' });
        return {
          token: admin(),
          url: `/api/admin/departments/${department.id}`,
          body: { name: '绿化部', supervisorUserId: null },
        };
      },
    },
    'GET /api/admin/audit': {
      prepare: async () => ({
        token: admin(),
        url: '/api/admin/audit',
        query: { actorId: 1, entityId: 1, page: 1, pageSize: 20 },
      }),
    },
  };
}
