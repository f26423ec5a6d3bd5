import type { IServiceCategory, IServiceCategoryPage, IUpsertServiceCategoryRequest } from '@app/shared';
import { http } from './client';

/** Labels and skill rules of the project's company (any staff member of the project). */
export function listProjectCategories(projectId: number): Promise<IServiceCategoryPage> {
  return http.get<IServiceCategoryPage>('/service-categories', { projectId, pageSize: 200 });
}

/** All rules of a company, with schedule categories that have none yet (quality centre / admin). */
export function listCompanyCategories(companyId: number): Promise<IServiceCategoryPage> {
  return http.get<IServiceCategoryPage>('/service-categories', { companyId, pageSize: 200 });
}

export function saveServiceCategory(code: string, body: IUpsertServiceCategoryRequest): Promise<IServiceCategory> {
  return http.put<IServiceCategory>(`/service-categories/${encodeURIComponent(code)}`, body);
}
