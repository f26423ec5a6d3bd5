import { Role, ScopeType, UserKind, type IBinding, type IMe, type ITokenPair } from '@app/shared'

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
    ...overrides,
  }
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
    ...overrides,
  }
}

export function tokenPair(user: IMe, n = 1): ITokenPair {
  return {
    accessToken: `access-${n}`,
    accessTokenExpiresAt: '2026-11-22T09:00:00.000Z',
    refreshToken: `refresh-${n}`,
    refreshTokenExpiresAt: '2026-12-22T09:00:00.000Z',
    user,
  }
}

export function reply(statusCode: number, data?: unknown) {
  return { statusCode, data, header: {} }
}

export function envelope(code: string, message: string, details?: unknown) {
  return { code, message, details, requestId: 'req-1' }
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
  }
}
