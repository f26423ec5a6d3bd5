import { ROUTES, type IFeeItem, type IMaterialPriceList, type IPublicFeeSchedule } from '@app/shared';
import { api } from '../http';

/**
 * The schedule in force for a project (公示); `q` filters items on the server (name, code, service standard) and
 * drops categories left empty. 404 NO_SCHEDULE_IN_FORCE when the project has none. A public route: a poster's
 * QR code opens it without signing in, and no token is sent, so a stale session can never turn it into a sign-in.
 */
export function getPublicFeeSchedule(projectId: number, q?: string): Promise<IPublicFeeSchedule> {
  return api(ROUTES.feeSchedule.public, { query: { projectId, q: q?.trim() || undefined } });
}

/** One item of a published version (404 NOT_FOUND otherwise). */
export function getPublicFeeItem(itemId: number): Promise<IFeeItem> {
  return api(ROUTES.feeSchedule.publicItem, { params: { itemId } });
}

/** The material price list in force for a project (technicians only); `versionId: null` when none is published. */
export function getMaterialPrices(projectId: number): Promise<IMaterialPriceList> {
  return api(ROUTES.feeSchedule.materials, { query: { projectId } });
}
