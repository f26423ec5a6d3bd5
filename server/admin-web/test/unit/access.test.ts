import { describe, expect, it } from 'vitest';
import { Role as RoleEnum, type IProjectSummary, type IRoleGrant, type Role } from '@app/shared';
import { PAGES, buildMenu, canOpen, effectiveRoles, pageByKey } from '../../src/layout/access';

const sunshine: IProjectSummary = {
  id: 1,
  code: 'YGHY',
  name: '阳光花园',
  regionId: 10,
  regionName: '华东区域',
  houseCount: 1500,
};
const lakeside: IProjectSummary = {
  id: 2,
  code: 'CHY',
  name: '翠湖苑',
  regionId: 10,
  regionName: '华东区域',
  houseCount: 1500,
};
const elsewhere: IProjectSummary = {
  id: 3,
  code: 'X',
  name: '别处',
  regionId: 20,
  regionName: '华南区域',
  houseCount: 10,
};

const grant = (role: Role, scopeType: IRoleGrant['scopeType'], scopeId: number): IRoleGrant => ({
  role,
  scopeType,
  scopeId,
  scopeName: 'n',
});

const labels = (roles: Role[]) => buildMenu(roles).flatMap((g) => g.items.map((i) => i.label));

/** Each role's menu, written out: the pages come from the shared permission table, not from the console. */
const MENUS: Record<Role, string[]> = {
  resident: [],
  customer_manager: [
    '工作台',
    '工单中心',
    '代客报修',
    '投诉管理',
    '住户认证审核',
    '公告管理',
    '房屋档案',
    '服务时限',
    '抄表',
    '空置申请',
    '账单',
    '欠费催缴',
    '收缴率',
    '交班汇总',
    '收款记录',
    '退款',
    '预存账户',
    '预存优惠',
    '前台收款',
    '费用台账',
  ],
  supervisor: [
    '工作台',
    '工单中心',
    '投诉管理',
    '房屋档案',
    '派单队列',
    '维修师傅',
    '服务时限',
    '时效报表',
    '费用台账',
  ],
  technician: ['工作台', '房屋档案'],
  project_manager: [
    '工作台',
    '工单中心',
    '投诉管理',
    '住户认证审核',
    '公告管理',
    '房屋档案',
    '楼栋客户经理',
    '升级与整改',
    '维修师傅',
    '服务时限',
    '时效报表',
    '空置审批',
    '账单',
    '欠费催缴',
    '收缴率',
    '收款复核',
    '交班汇总',
    '收款记录',
    '预存账户',
    '预存优惠',
    '费用台账',
    '费用减免',
  ],
  cashier: [
    '工作台',
    '房屋档案',
    '账单',
    '欠费催缴',
    '收缴率',
    '收银台',
    '交班汇总',
    '收款记录',
    '退款',
    '预存账户',
    '预存优惠',
    '现金待交款',
    '前台收款',
    '费用台账',
  ],
  finance: [
    '工作台',
    '房屋档案',
    '收费项目',
    '抄表',
    '空置申请',
    '账单生成',
    '账单',
    '欠费催缴',
    '收缴率',
    '收款复核',
    '交班汇总',
    '收款记录',
    '退款',
    '预存账户',
    '预存优惠',
    '发票管理',
    '费用台账',
    '微信对账',
    '价目表管理',
    '收费标准公示',
    '公司设置',
  ],
  quality: ['工作台', '投诉管理', '房屋档案', '时效报表', '费用台账', '价目表管理', '收费标准公示', '类别与技能'],
  admin: [
    '工作台',
    '工单中心',
    '代客报修',
    '投诉管理',
    '住户认证审核',
    '公告管理',
    '房屋档案',
    '楼栋客户经理',
    '派单队列',
    '升级与整改',
    '维修师傅',
    '服务时限',
    '时效报表',
    '收费项目',
    '抄表',
    '账单生成',
    '账单',
    '收缴率',
    '交班汇总',
    '收款记录',
    '预存账户',
    '预存优惠',
    '费用台账',
    '微信对账',
    '价目表管理',
    '收费标准公示',
    '公司设置',
    '类别与技能',
    '组织架构',
    '员工账号与权限',
    '审计日志',
  ],
};

describe('menu by role', () => {
  it('covers every role', () => {
    expect(Object.keys(MENUS).sort()).toEqual(Object.values(RoleEnum).sort());
  });

  it.each(Object.entries(MENUS))('%s sees exactly its pages', (role, pages) => {
    expect(labels([role as Role])).toEqual(pages);
  });

  it.each(Object.entries(MENUS))(
    '%s: a direct link opens exactly the menu pages, every other page is forbidden',
    (role, pages) => {
      // 修改密码 is every staff member's own page, reached from the user menu rather than the side menu.
      for (const page of PAGES.filter((p) => !p.hidden))
        expect(canOpen(page, [role as Role])).toBe(pages.includes(page.label));
    },
  );

  it('admin is not a master key: pages whose actions the server refuses admin are not its pages (issue 12 #16)', () => {
    for (const key of ['waivers', 'cash', 'counter-sales'] as const)
      expect(canOpen(pageByKey(key), ['admin'])).toBe(false);
  });

  it('several roles see the union of their pages', () => {
    expect(canOpen(pageByKey('building-managers'), ['customer_manager'])).toBe(false);
    expect(canOpen(pageByKey('building-managers'), ['customer_manager', 'project_manager'])).toBe(true);
    expect(buildMenu([])).toEqual([]);
  });

  it('groups keep a fixed order and drop empty groups', () => {
    expect(buildMenu(['supervisor']).map((g) => g.label)).toEqual([
      '概览',
      '客户服务',
      '房产资料',
      '工程维修',
      '收费结算',
    ]);
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
