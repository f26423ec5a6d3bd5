import { ROUTES, type ICharge } from '@app/shared';
import { api } from '../http';

/** A resident's charges (费用). docs/api.md "Charges". */
export function getCharge(id: number): Promise<ICharge> {
  return api(ROUTES.charges.one, { params: { id } });
}

/**
 * The resident confirms, on their own account, a charge whose signatures were collected on the technician's
 * phone; until then it is not billed and no cash can be taken. Repeating it is harmless.
 */
export function confirmCharge(id: number): Promise<ICharge> {
  return api(ROUTES.charges.confirm, { params: { id } });
}
