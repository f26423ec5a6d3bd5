import type { Role, ScopeType, UserKind } from '../roles';

export interface IWechatLoginRequest {
  code: string;
}

export interface IPasswordLoginRequest {
  /** Phone number or username. */
  login: string;
  password: string;
}

export interface IRefreshRequest {
  refreshToken: string;
}

export interface IDemoLoginRequest {
  userId: number;
}

export interface IRoleGrant {
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
  scopeName: string;
}

export interface IMyHouse {
  bindingId: number;
  houseId: number;
  projectId: number;
  label: string;
  relation: string;
}

export interface IMe {
  id: number;
  kind: UserKind;
  name: string;
  phoneMasked: string;
  username: string | null;
  roles: IRoleGrant[];
  houses: IMyHouse[];
  wechatBound: boolean;
  /** Set after an administrator created the account or reset its password: every other call answers 403 PASSWORD_CHANGE_REQUIRED until it is changed. */
  mustChangePassword: boolean;
}

export interface ITokenPair {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: IMe;
}

export interface IDemoAccount {
  userId: number;
  name: string;
  kind: UserKind;
  roles: Role[];
  /** e.g. "阳光花园 3栋1单元1201 业主" or "阳光花园 客户经理". */
  description: string;
  /** Staff demo accounts can also sign in with this username and the demo password. */
  username: string | null;
}

export interface IDemoAccountList {
  demoPassword: string;
  accounts: IDemoAccount[];
}
