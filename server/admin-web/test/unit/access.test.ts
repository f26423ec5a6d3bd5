import { describe, expect, it } from 'vitest';
import type { IProjectSummary, IRoleGrant, Role } from '@app/shared';
import { buildMenu, canImportHouses, canOpen, effectiveRoles, pageByKey } from '../../src/layout/access';

const sunshine: IProjectSummary = { id: 1, code: 'YGHY', name: '阳光花园', regionId: 10, regionName: '华东区域', houseCount: 1500 };
const lakeside: IProjectSummary = { id: 2, code: 'CHY', name: '翠湖苑', regionId: 10, regionName: '华东区域', houseCount: 1500 };
const elsewhere: IProjectSummary = { id: 3, code: 'X', name: '别处', regionId: 20, regionName: '华南区域', houseCount: 10 };

const grant = (role: Role, scopeType: IRoleGrant['scopeType'], scopeId: number): IRoleGrant => ({
  role,
  scopeType,
  scopeId,
  scopeName: 'n',
});

const labels = (roles: Role[]) => buildMenu(roles).flatMap((g) => g.items.map((i) => i.label));

describe('menu by role', () => {
  it('customer manager: workbench, binding approvals, houses — not staffing pages', () => {
    expect(labels(['customer_manager'])).toEqual(['工作台', '工单中心', '代客报修', '住户认证审核', '房屋档案', '费用台账']);
  });

  it('project manager sees every foundation page', () => {
    expect(labels(['project_manager'])).toEqual(['工作台', '工单中心', '住户认证审核', '房屋档案', '楼栋客户经理', '升级与整改', '维修师傅', '费用台账', '费用减免']);
  });

  it('supervisor manages technicians but does not review bindings', () => {
    expect(labels(['supervisor'])).toEqual(['工作台', '工单中心', '房屋档案', '派单队列', '维修师傅']);
  });

  it('cashier gets read-only house records and the cash desk pages', () => {
    expect(labels(['cashier'])).toEqual(['工作台', '房屋档案', '现金待交款', '前台收款']);
  });

  it('finance and quality manage prices; only finance edits company settings', () => {
    expect(labels(['finance'])).toEqual(['工作台', '房屋档案', '费用台账', '价目表管理', '收费标准公示', '公司设置']);
    expect(labels(['quality'])).toEqual(['工作台', '房屋档案', '价目表管理', '收费标准公示', '类别与技能']);
    expect(canOpen(pageByKey('service-categories'), ['finance'])).toBe(false);
    for (const role of ['customer_manager', 'supervisor', 'project_manager', 'cashier', 'technician'] as Role[]) {
      expect(canOpen(pageByKey('price-lists'), [role])).toBe(false);
    }
  });

  it('admin sees everything; no role sees nothing', () => {
    expect(labels(['admin'])).toHaveLength(20);
    expect(buildMenu([])).toEqual([]);
  });

  it('groups keep a fixed order and drop empty groups', () => {
    expect(buildMenu(['supervisor']).map((g) => g.label)).toEqual(['概览', '客户服务', '房产资料', '工程维修']);
  });

  it('canOpen agrees with the menu and only cm/pm/admin may import houses', () => {
    expect(canOpen(pageByKey('building-managers'), ['customer_manager'])).toBe(false);
    expect(canOpen(pageByKey('building-managers'), ['customer_manager', 'project_manager'])).toBe(true);
    expect(canImportHouses(['cashier', 'finance'])).toBe(false);
    expect(canImportHouses(['customer_manager'])).toBe(true);
  });
});

describe('effectiveRoles', () => {
  const grants = [
    grant('customer_manager', 'project', 1),
    grant('supervisor', 'region', 10),
    grant('finance', 'company', 99),
  ];

  it('applies project grants only to that project, region grants to its projects, company grants everywhere', () => {
    expect(effectiveRoles(grants, sunshine)).toEqual(['customer_manager', 'supervisor', 'finance']);
    expect(effectiveRoles(grants, lakeside)).toEqual(['supervisor', 'finance']);
    expect(effectiveRoles(grants, elsewhere)).toEqual(['finance']);
  });

  it('without a selected project, every grant counts once', () => {
    expect(effectiveRoles([...grants, grant('customer_manager', 'project', 2)], null)).toEqual([
      'customer_manager',
      'supervisor',
      'finance',
    ]);
  });
});
