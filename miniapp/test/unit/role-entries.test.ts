import { describe, expect, it } from 'vitest';
import { Permission, Role, STAFF_ROLES, permissionsOf } from '@app/shared';
import { resident, staff } from '../fixtures';
import { OFFICE_ROLES, jobsDescription, roleEntries } from '../../src/utils/role-entries';
import { Routes } from '../../src/routes';

describe('roleEntries', () => {
  it.each([
    ['a resident', resident(), ['resident']],
    ['a technician', staff([Role.Technician]), ['technician']],
    ['a customer manager', staff([Role.CustomerManager]), ['staff']],
    ['a supervisor who also repairs', staff([Role.Supervisor, Role.Technician]), ['technician', 'staff']],
    ['a staff member who lives in the project', staff([Role.Cashier, Role.Resident]), ['resident', 'staff']],
    ['a staff account without grants', staff([]), []],
  ])('%s sees %j', (_who, me, keys) => {
    expect(roleEntries(me).map((entry) => entry.key)).toEqual(keys);
  });

  it.each(Object.values(Role).filter((role) => role !== Role.Resident))(
    'a staff member with only %s gets the entries its permissions open',
    (role) => {
      const keys = roleEntries(staff([role])).map((entry) => entry.key);
      expect(keys.includes('technician')).toBe(permissionsOf(role).includes(Permission.JobWork));
      expect(keys.includes('staff')).toBe(permissionsOf(role).includes(Permission.TicketView));
      expect(keys.length).toBe(1);
    },
  );

  it('office roles are exactly the staff roles other than the technician', () => {
    expect([...OFFICE_ROLES].sort()).toEqual(STAFF_ROLES.filter((role) => role !== Role.Technician).sort());
  });

  it('points each area at its sub-package', () => {
    const me = staff([Role.Technician, Role.Admin, Role.Resident]);
    expect(Object.fromEntries(roleEntries(me).map((entry) => [entry.key, entry.url]))).toEqual({
      resident: Routes.residentHouses,
      technician: Routes.technicianHome,
      staff: Routes.staffHome,
    });
  });

  it('tells a resident how many houses are bound', () => {
    expect(roleEntries(resident())[0].description).toBe('已绑定 1 处房屋');
    expect(roleEntries(resident({ houses: [] }))[0].description).toBe('尚未绑定房屋');
  });

  it('tells a technician what waits: new dispatches as a badge, work under way and the pool in words', () => {
    const tech = staff([Role.Technician]);
    expect(roleEntries(tech)[0]).toMatchObject({ description: '接单、上门与完工' });
    expect(roleEntries(tech)[0].badge).toBeUndefined();
    const entry = roleEntries(tech, 0, { toAccept: 2, active: 1, pool: 3 })[0];
    expect(entry).toMatchObject({ description: '待接单 2 · 进行中 1 · 抢单池 3', badge: 2 });
    expect(jobsDescription({ toAccept: 0, active: 4, pool: 0 })).toBe('进行中 4');
    expect(jobsDescription({ toAccept: 0, active: 0, pool: 0 })).toBe('暂无待办工单');
    expect(roleEntries(tech, 0, { toAccept: 0, active: 4, pool: 0 })[0].badge).toBeUndefined();
  });
});
