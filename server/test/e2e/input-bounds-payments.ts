import type { IRefund } from '@app/shared';
import { bearer, type TestApp } from '../support/test-app';
import { makePayWorld, payAtDesk, type PayWorld } from './payments-helpers';

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
const oneOfTwo =
  'targets and a prepayment top-up are exclusive (二选一): with the targets of the valid request the service answers 422 targets';
const overPaid = 'the largest refund is refused by the service as more than the payment (422), not by its bound';

/**
 * R14 scenarios for payments (PAYMENT_ROUTES): lists, the resident's payables and WeChat Pay orders, and refunds.
 * One project with a published bill, made once; every refund at a bound starts from a fresh 1-fen transfer
 * recorded at the desk, so each request has its own payment (and refund) in the state the action expects.
 * The app runs WeChat Pay through the stand-in (the spec boots it so), else creating an order is 503 by design.
 */
export function paymentScenarios(app: () => TestApp): Record<string, Scenario> {
  let world: Promise<PayWorld> | null = null;
  let seq = 0;
  const w = () => (world ??= makePayWorld(app(), 2));
  const key = () => `pbounds-${process.pid}-${++seq}`;
  const http = () => app().http();
  const paid = async (): Promise<number> => {
    const x = await w();
    const desk = await payAtDesk(app(), x, {
      method: 'transfer',
      amountFen: 1,
      status: 'confirmed',
      allocations: [{ kind: 'bill', targetId: x.bill.id, amountFen: 1, title: '本月物业账单' }],
    });
    return desk.paymentId;
  };
  const requested = async (): Promise<IRefund> =>
    (
      await http()
        .post('/api/payments/refunds')
        .set(bearer((await w()).cashier.token))
        .send({ paymentId: await paid(), amountFen: 1, reason: '多缴退回' })
        .expect(201)
    ).body as IRefund;
  const approved = async (): Promise<IRefund> => {
    const r = await requested();
    await http()
      .post(`/api/payments/refunds/${r.id}/decision`)
      .set(bearer((await w()).approver.token))
      .send({ approve: true })
      .expect(200);
    return r;
  };
  return {
    'GET /api/payments': {
      lenient: { projectId: idNamesNothing, houseId: idNamesNothing },
      prepare: async () => {
        const x = await w();
        return {
          token: x.finance,
          url: '/api/payments',
          query: { projectId: x.tenant.projectId, houseId: x.houseId, page: 1, pageSize: 20 },
        };
      },
    },
    'GET /api/payments/mine/payables': {
      lenient: { houseId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).resident.token,
        url: '/api/payments/mine/payables',
        query: { houseId: (await w()).houseId },
      }),
    },
    'GET /api/payments/mine': {
      lenient: { houseId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).resident.token,
        url: '/api/payments/mine',
        query: { houseId: (await w()).houseId, page: 1, pageSize: 20 },
      }),
    },
    'POST /api/payments/mine/orders': {
      lenient: { houseId: idNamesNothing, 'targets.0.id': idNamesNothing, topupFen: oneOfTwo, prepayOfferId: oneOfTwo },
      prepare: async () => {
        const x = await w();
        return {
          token: x.resident.token,
          url: '/api/payments/mine/orders',
          body: { idempotencyKey: key(), houseId: x.houseId, targets: [{ kind: 'bill', id: x.bill.id }] },
        };
      },
    },
    'GET /api/payments/refunds': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).approver.token,
        url: '/api/payments/refunds',
        query: { projectId: (await w()).tenant.projectId, page: 1, pageSize: 20 },
      }),
    },
    'POST /api/payments/refunds': {
      lenient: { paymentId: idNamesNothing, amountFen: overPaid },
      prepare: async () => ({
        token: (await w()).cashier.token,
        url: '/api/payments/refunds',
        body: { paymentId: await paid(), amountFen: 1, reason: '多缴退回' },
      }),
    },
    'POST /api/payments/refunds/:id/decision': {
      prepare: async () => ({
        token: (await w()).approver.token,
        url: `/api/payments/refunds/${(await requested()).id}/decision`,
        body: { approve: false, reason: '金额有误' },
      }),
    },
    'POST /api/payments/refunds/:id/complete': {
      prepare: async () => ({
        token: (await w()).cashier.token,
        url: `/api/payments/refunds/${(await approved()).id}/complete`,
        body: { reference: 'TX-001' },
      }),
    },
  };
}
