import { Bill, BillLine } from '../../src/modules/billing/billing.entity';
import { BillRunQueue } from '../../src/modules/billing/run/run-queue';
import { bearer, TestApp } from '../support/test-app';
import type { TicketWorld } from './ticket-helpers';

interface Call {
  token: string;
  url: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}
interface Scenario {
  prepare(): Promise<Call>;
  lenient?: Record<string, string>;
}

/**
 * R14 scenarios for the bill routes this module serves: finance runs a month for the world's project once,
 * so corrections always find a published bill (a void-and-reissue consumes one and publishes the next).
 */
export function billingScenarios(
  app: () => TestApp,
  world: () => TicketWorld,
  finance: () => string,
): Record<string, Scenario> {
  let seq = 0;
  const projectMustBeVisible =
    'a project id must be one the caller may act on: 404 from the service is the right answer';
  const houseMustBeVisible = 'a house id must be one the caller may correct: 404 from the service is the right answer';
  let published: Promise<void> | null = null;
  const publishedMonth = () =>
    (published ??= (async () => {
      const t = app();
      const run = (
        await t
          .http()
          .post('/api/billing/runs')
          .set(bearer(finance()))
          .send({ projectId: world().tenant.projectId, period: '2020-01' })
          .expect(202)
      ).body[0];
      await t.app.get(BillRunQueue).idle();
      await t.http().post(`/api/billing/runs/${run.id}/check`).set(bearer(finance())).expect(200);
      await t.http().post(`/api/billing/runs/${run.id}/publish`).set(bearer(finance())).expect(200);
    })());
  const publishedBill = async (): Promise<Bill> => {
    await publishedMonth();
    return app()
      .db.getRepository(Bill)
      .findOneOrFail({
        where: { projectId: world().tenant.projectId, period: '2020-01', status: 'published' },
        order: { id: 'ASC' },
      });
  };

  return {
    'GET /api/billing/items': {
      lenient: { projectId: projectMustBeVisible },
      prepare: async () => ({
        token: finance(),
        url: '/api/billing/items',
        query: { projectId: world().tenant.projectId },
      }),
    },
    'POST /api/billing/items': {
      lenient: { projectId: projectMustBeVisible },
      prepare: async () => ({
        token: finance(),
        url: '/api/billing/items',
        body: {
          projectId: world().tenant.projectId,
          code: `B${process.pid % 1000}-${++seq}`,
          name: '边界收费项',
          kind: 'fixed',
          unitPrice: '1.00',
          unit: '元/月',
          effectiveFrom: '2020-01',
        },
      }),
    },
    'GET /api/billing/runs': {
      lenient: { projectId: projectMustBeVisible },
      prepare: async () => ({
        token: finance(),
        url: '/api/billing/runs',
        query: { projectId: world().tenant.projectId },
      }),
    },
    'POST /api/billing/runs': {
      lenient: { projectId: projectMustBeVisible },
      prepare: async () => ({
        token: finance(),
        url: '/api/billing/runs',
        body: { projectId: world().tenant.projectId, period: '2020-02' },
      }),
    },
    'GET /api/billing/bills': {
      prepare: async () => ({
        token: finance(),
        url: '/api/billing/bills',
        query: { projectId: world().tenant.projectId, page: 1, pageSize: 20, q: '1栋' },
      }),
    },
    'POST /api/billing/bills/:id/void-and-reissue': {
      prepare: async () => ({
        token: world().pm,
        url: `/api/billing/bills/${(await publishedBill()).id}/void-and-reissue`,
        body: { reason: '面积有误' },
      }),
    },
    'POST /api/billing/bills/:id/lines/:lineId/waive': {
      prepare: async () => {
        const bill = await publishedBill();
        const line = await app()
          .db.getRepository(BillLine)
          .save({
            billId: bill.id,
            houseId: bill.houseId,
            period: bill.period,
            kind: 'late_fee',
            itemCode: null,
            name: `滞纳金${++seq}`,
            quantityText: '1',
            unitPriceFen: null,
            amountFen: 100,
            chargeId: null,
            billedChargeId: null,
            ticketId: null,
            ticketSerial: null,
            waived: false,
            sortOrder: 800_000 + seq,
          });
        return {
          token: world().pm,
          url: `/api/billing/bills/${bill.id}/lines/${line.id}/waive`,
          body: { reason: '首次逾期' },
        };
      },
    },
    'POST /api/billing/adjustments': {
      lenient: { houseId: houseMustBeVisible },
      prepare: async () => ({
        token: world().pm,
        url: '/api/billing/adjustments',
        body: { houseId: world().tenant.houseIds[0], amount: '-1.00', reason: '边界调整' },
      }),
    },
    'GET /api/bills/mine': {
      prepare: async () => ({
        token: world().residentA.accessToken,
        url: '/api/bills/mine',
        query: { houseId: world().tenant.houseIds[0] },
      }),
    },
  };
}
