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
