import {
  Role,
  ScopeType,
  UserKind,
  type IBinding,
  type IFeeItem,
  type IMe,
  type IPublicFeeSchedule,
  type ITokenPair,
} from '@app/shared';

export function resident(overrides: Partial<IMe> = {}): IMe {
  return {
    id: 11,
    kind: UserKind.Resident,
    name: '王芳',
    phoneMasked: '138****5678',
    username: null,
    roles: [],
    houses: [{ bindingId: 5, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' }],
    wechatBound: true,
    mustChangePassword: false,
    ...overrides,
  };
}

export function staff(roles: Role[], overrides: Partial<IMe> = {}): IMe {
  return {
    id: 21,
    kind: UserKind.Staff,
    name: '李强',
    phoneMasked: '139****0001',
    username: 'liqiang',
    roles: roles.map((role) => ({ role, scopeType: ScopeType.Project, scopeId: 1, scopeName: '阳光花园' })),
    houses: [],
    wechatBound: false,
    mustChangePassword: false,
    ...overrides,
  };
}

export function tokenPair(user: IMe, n = 1): ITokenPair {
  return {
    accessToken: `access-${n}`,
    accessTokenExpiresAt: '2026-11-22T09:00:00.000Z',
    refreshToken: `refresh-${n}`,
    refreshTokenExpiresAt: '2026-12-22T09:00:00.000Z',
    user,
  };
}

export function reply(statusCode: number, data?: unknown) {
  return { statusCode, data, header: {} };
}

export function envelope(code: string, message: string, details?: unknown) {
  return { code, message, details, requestId: 'req-1' };
}

export function binding(overrides: Partial<IBinding> = {}): IBinding {
  return {
    id: 7,
    houseId: 151,
    houseLabel: '2栋1单元101',
    projectId: 1,
    projectName: '阳光花园',
    userId: 11,
    relation: 'owner',
    name: '王芳',
    phoneMasked: '138****5678',
    status: 'pending',
    rejectReason: null,
    reviewedByName: null,
    reviewedAt: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    ...overrides,
  };
}

const FEE_ROWS: Array<
  [
    categoryCode: string,
    code: string,
    name: string,
    unit: string,
    fen: number,
    materialsExtra: boolean,
    standard: string,
    callOut: number | null,
  ]
> = [
  ['GD', 'GD-001', '更换灯泡/灯管', '个', 500, true, '断电操作，更换同规格灯泡或灯管', null],
  ['GD', 'GD-005', '户内线路故障检修', '次', 5000, true, '查找短路/断路点并修复', 1000],
  ['GS', 'GS-001', '水龙头更换', '个', 2000, true, '关闭总阀更换，生料带密封，无渗漏', null],
  ['GS', 'GS-005', '马桶疏通', '次', 5000, false, '机械疏通，不损伤洁具，试冲畅通', 1000],
  ['GS', 'GS-006', '地漏/面盆/水槽疏通', '次', 4000, false, '清除堵塞物，排水畅通，清理现场', 1000],
  ['JZ', 'JZ-005', '代收快递保管', '次', 0, false, '服务中心代收，凭取件码领取', null],
];

export function feeItems(): IFeeItem[] {
  return FEE_ROWS.map(
    ([categoryCode, code, name, unit, labourPriceFen, materialsExtra, serviceStandard, callOutFeeFen], i) => ({
      id: 100 + i,
      versionId: 3,
      categoryCode,
      code,
      name,
      unit,
      labourPriceFen,
      callOutFeeFen,
      materialsExtra,
      counterSale: false,
      serviceStandard,
      sortOrder: i + 1,
    }),
  );
}

/** 水龙头更换 (¥20.00/个, materials extra, no call-out fee) unless overridden. */
export function feeItem(overrides: Partial<IFeeItem> = {}): IFeeItem {
  return { ...feeItems().find((i) => i.code === 'GS-001')!, ...overrides };
}

/** The schedule the server answers, filtered like it does: name, code or service standard contains `q`; empty categories dropped. */
export function feeSchedule(q = ''): IPublicFeeSchedule {
  const categories = [
    { code: 'GD', name: '供电设备维修类', sortOrder: 1 },
    { code: 'GS', name: '供水设备维修类', sortOrder: 2 },
    { code: 'JZ', name: '家政服务类', sortOrder: 3 },
  ];
  const items = feeItems();
  const matches = (i: IFeeItem) =>
    !q || i.name.includes(q) || i.code.toLowerCase().includes(q.toLowerCase()) || i.serviceStandard.includes(q);
  return {
    versionId: 3,
    versionNo: 2,
    title: '特约服务项目及收费标准（2026 版）',
    effectiveFrom: '2025-12-31T16:00:00.000Z',
    companyName: '示范物业服务有限公司',
    cashLimitFen: 5000,
    categories: categories
      .map((c) => ({ ...c, items: items.filter((i) => i.categoryCode === c.code && matches(i)) }))
      .filter((c) => !q || c.items.length > 0),
  };
}
