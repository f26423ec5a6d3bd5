import type { ICashierPaymentResult } from '@app/shared';
import { bearer, type TestApp } from '../support/test-app';
import { makePayWorld, type PayWorld } from './payments-helpers';

interface Call {
  token: string;
  url: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}
interface Scenario {
  prepare(): Promise<Call>;
  lenient?: Record<string, string>;
  anyStatus?: string;
}

const idNamesNothing =
  'an id at the INT maximum (or 1, another tenant’s) names nothing of the caller’s: 404/409/422 from the service is the right answer';
const overDue = 'the largest tender is refused by the service as more than is owed (422 超过应收), not by its bound';
const topupMustMatch =
  'a prepayment top-up must equal the surplus over what is owed: the service refuses other amounts (422)';

/**
 * R14 scenarios for the cashier desk (CASHIER_ROUTES): one project with a published bill (the real bill run),
 * made once; every request at a bound is a fresh 1-fen cash collection with its own idempotency key.
 */
export function cashierScenarios(app: () => TestApp): Record<string, Scenario> {
  let world: Promise<PayWorld> | null = null;
  let seq = 0;
  const w = () => (world ??= makePayWorld(app(), 2));
  const key = () => `bounds-${process.pid}-${++seq}`;
  const collect = async (): Promise<ICashierPaymentResult> => {
    const x = await w();
    const res = await app()
      .http()
      .post('/api/cashier/payments')
      .set(bearer(x.cashier.token))
      .send({ idempotencyKey: key(), houseId: x.houseId, tenders: [{ method: 'cash', amountFen: 1 }] })
      .expect(200);
    return res.body as ICashierPaymentResult;
  };
  return {
    'GET /api/cashier/payables': {
      lenient: { houseId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).cashier.token,
        url: '/api/cashier/payables',
        query: { houseId: (await w()).houseId },
      }),
    },
    'POST /api/cashier/lookup': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).cashier.token,
        url: '/api/cashier/lookup',
        body: { projectId: (await w()).tenant.projectId, phone: '13955550001' },
      }),
    },
    'POST /api/cashier/payments': {
      lenient: {
        houseId: idNamesNothing,
        'targets.0.id': idNamesNothing,
        'targets.0.lineIds': 'a bill line id at a bound names no line of this bill: 422 账单明细不存在',
        'tenders.0.amountFen': overDue,
        topupFen: topupMustMatch,
      },
      prepare: async () => {
        const x = await w();
        return {
          token: x.cashier.token,
          url: '/api/cashier/payments',
          body: {
            idempotencyKey: key(),
            houseId: x.houseId,
            targets: [{ kind: 'bill', id: x.bill.id }],
            tenders: [{ method: 'cash', amountFen: 1, reference: '现金' }],
          },
        };
      },
    },
    'GET /api/cashier/approvals': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).approver.token,
        url: '/api/cashier/approvals',
        query: { projectId: (await w()).tenant.projectId },
      }),
    },
    'POST /api/cashier/payments/:id/decision': {
      prepare: async () => {
        const paid = await collect();
        return {
          token: (await w()).approver.token,
          url: `/api/cashier/payments/${paid.payments[0].id}/decision`,
          body: { approve: false, reason: '金额有误' },
        };
      },
    },
    'GET /api/cashier/handover': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).approver.token,
        url: '/api/cashier/handover',
        query: { projectId: (await w()).tenant.projectId, date: '2026-12-01' },
      }),
    },
  };
}
