import type { IPage } from './common';

/**
 * A ticket category of one company (company data, edited by the quality centre): its label and which
 * technician skills qualify for it. Every category is either mapped to skills or explicitly open to all;
 * a category with neither (`configured: false`, e.g. a new schedule category) is dispatched to nobody
 * until someone decides.
 */
export interface IServiceCategory {
  code: string;
  name: string;
  skills: string[];
  openToAll: boolean;
  sortOrder: number;
  /** False for a category seen on the fee schedule in force that has no rule yet. */
  configured: boolean;
}

export type IServiceCategoryPage = IPage<IServiceCategory>;

export interface IUpsertServiceCategoryRequest {
  companyId: number;
  name: string;
  skills: string[];
  openToAll: boolean;
  sortOrder?: number;
}

/** Default rules seeded for every company (migration 1764200300000 and the demo seed). */
export const DEFAULT_SERVICE_CATEGORIES: readonly {
  code: string;
  name: string;
  skills: readonly string[];
  openToAll: boolean;
}[] = [
  { code: 'GD', name: '供电设备维修类', skills: ['电'], openToAll: false },
  { code: 'GS', name: '供水设备维修类', skills: ['水', '管道疏通'], openToAll: false },
  { code: 'JJ', name: '家庭物品维修类', skills: ['门窗', '家电', '锁具'], openToAll: false },
  { code: 'JZ', name: '家政服务类', skills: ['保洁'], openToAll: false },
  { code: 'LH', name: '绿化服务类', skills: ['绿化'], openToAll: false },
  { code: 'DY', name: '打字复印类', skills: [], openToAll: true },
];

/**
 * Label for a category code: its name ("供水设备维修类") — the code is a key, not wording. A value the
 * company has no category for (a suggestion's free-text topic) reads as written.
 */
export function serviceCategoryLabel(
  categories: readonly Pick<IServiceCategory, 'code' | 'name'>[] | undefined,
  code: string,
): string {
  return categories?.find((c) => c.code === code)?.name ?? code;
}
