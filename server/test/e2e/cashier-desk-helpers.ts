import type { IPayables } from '@app/shared';
import { Bill } from '../../src/modules/billing/billing.entity';
import { bearer, type TestApp } from '../support/test-app';
import type { PayWorld } from './payments-helpers';

/** The cashier desk's calls for a spec's app and pay world (set in its beforeAll, hence the getter). */
export function deskCalls(get: () => { t: TestApp; w: PayWorld }, keyPrefix: string) {
  let keyNo = 0;
  return {
    /** A fresh idempotency key. */
    key: () => `${keyPrefix}-${Date.now().toString(36)}-${++keyNo}`,
    bill: () => get().t.db.getRepository(Bill).findOneByOrFail({ id: get().w.bill.id }),
    payables: async (houseId = get().w.houseId) =>
      (
        await get()
          .t.http()
          .get('/api/cashier/payables')
          .query({ houseId })
          .set(bearer(get().w.cashier.token))
          .expect(200)
      ).body as IPayables,
    collect: (body: object, token = get().w.cashier.token) =>
      get().t.http().post('/api/cashier/payments').set(bearer(token)).send(body),
    decide: (id: number, body: object, token = get().w.approver.token) =>
      get().t.http().post(`/api/cashier/payments/${id}/decision`).set(bearer(token)).send(body),
  };
}
