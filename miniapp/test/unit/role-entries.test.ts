import { describe, expect, it } from 'vitest'
import { Role } from '@app/shared'
import { resident, staff } from '../fixtures'
import { roleEntries } from '../../src/utils/role-entries'
import { Routes } from '../../src/routes'

describe('roleEntries', () => {
  it.each([
    ['a resident', resident(), ['resident']],
    ['a technician', staff([Role.Technician]), ['technician']],
    ['a customer manager', staff([Role.CustomerManager]), ['staff']],
    ['a supervisor who also repairs', staff([Role.Supervisor, Role.Technician]), ['technician', 'staff']],
    ['a staff member who lives in the project', staff([Role.Cashier, Role.Resident]), ['resident', 'staff']],
    ['a staff account without grants', staff([]), []],
  ])('%s sees %j', (_who, me, keys) => {
    expect(roleEntries(me).map((entry) => entry.key)).toEqual(keys)
  })

  it('points each area at its sub-package', () => {
    const me = staff([Role.Technician, Role.Admin, Role.Resident])
    expect(Object.fromEntries(roleEntries(me).map((entry) => [entry.key, entry.url]))).toEqual({
      resident: Routes.residentHouses,
      technician: Routes.technicianHome,
      staff: Routes.staffHome,
    })
  })

  it('tells a resident how many houses are bound', () => {
    expect(roleEntries(resident())[0].description).toBe('已绑定 1 处房屋')
    expect(roleEntries(resident({ houses: [] }))[0].description).toBe('尚未绑定房屋')
  })
})
