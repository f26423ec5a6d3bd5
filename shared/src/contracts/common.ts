export interface IPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface IPageQuery {
  page?: number;
  pageSize?: number;
}

export interface IHealth {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
}

/** GET /api/meta: what login options clients should offer. */
export interface IAppMeta {
  name: string;
  version: string;
  demoLogin: boolean;
  wechatLogin: boolean;
  /** 服务中心电话 (SERVICE_PHONE), public like the schedule; null when the operator has not set one. */
  servicePhone: string | null;
  environment: 'development' | 'production' | 'test';
}

export interface IDirectoryProject {
  id: number;
  code: string;
  name: string;
}

export interface IStaffMember {
  userId: number;
  name: string;
  phoneMasked: string;
  roles: string[];
}
