import { addMonths, shanghaiMonth } from '@app/shared';
import type { Tenant } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';

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
  'an id at the INT maximum (or 1, another tenant’s) names nothing of the caller’s: 404/422 from the service is the right answer';

/**
 * R14 scenarios for billing's run inputs (readings, quantities, 公摊 totals, late-fee policy, vacancies):
 * fresh valid requests against the tenant's project, its metered/per-space/shared items made once through
 * the API. Vacancy applications each take a month of their own, so none overlaps another.
 */
export function billingInputScenarios(
  app: () => TestApp,
  tenant: () => Tenant,
  tokens: () => { finance: string; cm: string; pm: string; resident: string },
): Record<string, Scenario> {
  let items: Promise<void> | null = null;
  let month = 0;
  const http = () => app().http();
  const ensureItems = () =>
    (items ??= (async () => {
      for (const item of [
        { code: 'SF', name: '水费', kind: 'metered', unitPrice: '3.50', unit: '元/吨' },
        { code: 'CW', name: '车位管理费', kind: 'per_space', unitPrice: '150', unit: '元/个·月' },
        { code: 'GT', name: '公摊', kind: 'shared', unitPrice: '0', unit: '元/月', sharedSplit: 'house' },
      ]) {
        await http()
          .post('/api/billing/items')
          .set(bearer(tokens().finance))
          .send({ projectId: tenant().projectId, effectiveFrom: '2025-01', ...item })
          .expect(201);
      }
    })());
  const offersVacancies = () =>
    http()
      .put(`/api/billing/projects/${tenant().projectId}/late-fee-policy`)
      .set(bearer(tokens().finance))
      .send({ enabled: false, graceDays: 30, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 30 })
      .expect(200);
  const nextMonth = () => addMonths(shanghaiMonth(new Date()), ++month);
  const vacancy = () => {
    const m = nextMonth();
    return { houseId: tenant().houseIds[0], fromPeriod: m, toPeriod: m, reason: '房屋空置' };
  };
  const readingQuery = () => ({ projectId: tenant().projectId, period: '2030-01', itemCode: 'SF' });

  return {
    'GET /api/billing/readings': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: tokens().finance,
        url: '/api/billing/readings',
        query: { ...readingQuery(), page: 1, pageSize: 20 },
      }),
    },
    'POST /api/billing/readings': {
      lenient: { projectId: idNamesNothing, houseId: idNamesNothing },
      prepare: async () => {
        await ensureItems();
        return {
          token: tokens().finance,
          url: '/api/billing/readings',
          body: { ...readingQuery(), houseId: tenant().houseIds[0], reading: '1.5' },
        };
      },
    },
    'GET /api/billing/readings/template.xlsx': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => {
        await ensureItems();
        return { token: tokens().finance, url: '/api/billing/readings/template.xlsx', query: readingQuery() };
      },
    },
    'POST /api/billing/readings/import': {
      anyStatus:
        'a JSON request carries no file: 422 on `file` (the upload itself is covered by billing-inputs.e2e-spec)',
      prepare: async () => ({
        token: tokens().finance,
        url: '/api/billing/readings/import',
        query: { ...readingQuery(), dryRun: 'true' },
      }),
    },
    'PUT /api/billing/house-quantities': {
      lenient: { houseId: idNamesNothing },
      prepare: async () => {
        await ensureItems();
        return {
          token: tokens().finance,
          url: '/api/billing/house-quantities',
          body: { itemCode: 'CW', houseId: tenant().houseIds[0], quantity: 1 },
        };
      },
    },
    'PUT /api/billing/shared-amounts': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => {
        await ensureItems();
        return {
          token: tokens().finance,
          url: '/api/billing/shared-amounts',
          body: { projectId: tenant().projectId, itemCode: 'GT', period: '2030-01', amount: '12.34' },
        };
      },
    },
    'PUT /api/billing/projects/:projectId/late-fee-policy': {
      prepare: async () => ({
        token: tokens().finance,
        url: `/api/billing/projects/${tenant().projectId}/late-fee-policy`,
        body: { enabled: true, graceDays: 30, dailyRatePer100k: 50, capPercent: 10, vacancyDiscountPercent: 30 },
      }),
    },
    'GET /api/billing/vacancies': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: tokens().pm,
        url: '/api/billing/vacancies',
        query: { projectId: tenant().projectId },
      }),
    },
    'POST /api/billing/vacancies': {
      lenient: { houseId: idNamesNothing },
      prepare: async () => {
        await offersVacancies();
        return { token: tokens().cm, url: '/api/billing/vacancies', body: vacancy() };
      },
    },
    'POST /api/bills/mine/vacancies': {
      lenient: { houseId: idNamesNothing },
      prepare: async () => {
        await offersVacancies();
        return { token: tokens().resident, url: '/api/bills/mine/vacancies', body: vacancy() };
      },
    },
    'POST /api/billing/vacancies/:id/decision': {
      prepare: async () => {
        await offersVacancies();
        const applied = await http()
          .post('/api/billing/vacancies')
          .set(bearer(tokens().cm))
          .send(vacancy())
          .expect(201);
        return {
          token: tokens().pm,
          url: `/api/billing/vacancies/${applied.body.id}/decision`,
          body: { approve: true, note: '已核实' },
        };
      },
    },
  };
}
