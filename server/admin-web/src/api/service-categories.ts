import {
  ROUTES,
  type IServiceCategory,
  type IServiceCategoryPage,
  type IUpsertServiceCategoryRequest,
} from '@app/shared';
import { api } from './client';

/** Labels and skill rules of the project's company (any staff member of the project). */
export function listProjectCategories(projectId: number): Promise<IServiceCategoryPage> {
  return api(ROUTES.serviceCategories.list, { query: { projectId, pageSize: 200 } });
}

/** All rules of a company, with schedule categories that have none yet (quality centre / admin). */
export function listCompanyCategories(companyId: number): Promise<IServiceCategoryPage> {
  return api(ROUTES.serviceCategories.list, { query: { companyId, pageSize: 200 } });
}

export function saveServiceCategory(code: string, body: IUpsertServiceCategoryRequest): Promise<IServiceCategory> {
  return api(ROUTES.serviceCategories.save, { params: { code }, body });
}
