import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchStub } from './support/fetch-stub';
import {
  changeOwnPassword,
  createBuilding,
  endStaffSessions,
  listStaff,
  renameRegion,
  resetStaffPassword,
  revokeGrant,
  searchAudit,
  updateDepartment,
} from '../../src/api/admin';

/** Every call of the page's fetch, as method + path + query + JSON body. */
function recordFetch() {
  const server = fetchStub();
  // The two commands answer 204 like the server; everything else an (empty) JSON object.
  server.routes['*'] = (url) =>
    /\/sessions\/end$|\/api\/me\/password$/.test(url.pathname) ? new Response(null, { status: 204 }) : {};
  server.install();
  return server.calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('系统管理 calls go through the route table', () => {
  it('sends each call to the route the server declares', async () => {
    const calls = recordFetch();
    await renameRegion(2, '华南区域');
    await createBuilding(7, '9栋');
    await updateDepartment(5, { name: '工程部', supervisorUserId: null });
    await listStaff({ q: 'tech', page: 2 });
    await resetStaffPassword(31);
    await endStaffSessions(31);
    // Used to be called with '/admin/staff/…' (no /api), which the console transport refuses before sending.
    await revokeGrant(31, 9);
    await searchAudit({ action: 'staff', page: 1 });
    await changeOwnPassword({ currentPassword: 'Tmp7kQ2mXr9a', newPassword: 'garden2026x' });
    expect(calls.map((c) => c.url)).toEqual([
      'PATCH /api/admin/regions/2',
      'POST /api/admin/projects/7/buildings',
      'PUT /api/admin/departments/5',
      'GET /api/admin/staff?q=tech&page=2',
      'POST /api/admin/staff/31/password-reset',
      'POST /api/admin/staff/31/sessions/end',
      'DELETE /api/admin/staff/31/grants/9',
      'GET /api/admin/audit?action=staff&page=1',
      'POST /api/me/password',
    ]);
    expect(calls.map((c) => c.body)).toEqual([
      { name: '华南区域' },
      { name: '9栋' },
      { name: '工程部', supervisorUserId: null },
      undefined,
      {},
      {},
      undefined,
      undefined,
      { currentPassword: 'Tmp7kQ2mXr9a', newPassword: 'garden2026x' },
    ]);
  });
});
