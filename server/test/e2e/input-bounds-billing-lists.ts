import type { Tenant } from '../support/factories';
import type { TestApp } from '../support/test-app';

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

/** R14 scenarios for the console's lists of per-house quantities and 公摊 totals (read-only, any item code). */
export function billingListScenarios(
  _app: () => TestApp,
  tenant: () => Tenant,
  tokens: () => { finance: string },
): Record<string, Scenario> {
  const list = (url: string): Scenario => ({
    lenient: { projectId: idNamesNothing },
    prepare: async () => ({
      token: tokens().finance,
      url,
      query: { projectId: tenant().projectId, itemCode: 'CW', page: 1, pageSize: 20 },
    }),
  });
  return {
    'GET /api/billing/house-quantities': list('/api/billing/house-quantities'),
    'GET /api/billing/shared-amounts': list('/api/billing/shared-amounts'),
  };
}
