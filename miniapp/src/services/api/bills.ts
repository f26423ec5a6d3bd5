import { ROUTES, type IApplyVacancyRequest, type IBill, type IBillDetail, type IVacancyApplication } from '@app/shared';
import { api } from '../http';

/** The resident's own bills and vacancy applications (docs/api.md "Bills"): only the /api/bills/mine routes. */

/** Published bills of every approved house of the signed-in resident, newest first. */
export function getMyBills(): Promise<IBill[]> {
  return api(ROUTES.billing.mine);
}

export function getMyBill(id: number): Promise<IBillDetail> {
  return api(ROUTES.billing.mineOne, { params: { id } });
}

export function getMyVacancies(): Promise<IVacancyApplication[]> {
  return api(ROUTES.billing.vacanciesMine);
}

/** One key per filled-in form, so a double tap or a retry after a timeout files one application. */
export function applyVacancy(body: IApplyVacancyRequest, idempotencyKey?: string): Promise<IVacancyApplication> {
  return api(ROUTES.billing.applyVacancyMine, { body, idempotencyKey });
}
