import { shanghaiMonth } from '@app/shared';
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

const projectNamesNothing =
  'a project id at a bound (1 or the INT maximum) is another tenant’s or none: 404 from the access check is the right answer';

/**
 * R14 scenarios for billing's reports (催缴, reminders, 收缴率, PDFs, exports): read routes over the tenant's
 * project (empty lists and empty files are valid answers) and one in-app reminder request.
 */
export function billingReportScenarios(
  _app: () => TestApp,
  tenant: () => Tenant,
  tokens: () => { cm: string; pm: string },
): Record<string, Scenario> {
  const month = () => ({ projectId: tenant().projectId, period: shanghaiMonth(new Date()) });
  const lenient = { projectId: projectNamesNothing };
  const read = (url: string, query: () => Record<string, unknown>): Scenario => ({
    lenient,
    prepare: async () => ({ token: tokens().cm, url, query: query() }),
  });
  return {
    'GET /api/billing/arrears': read('/api/billing/arrears', () => ({
      projectId: tenant().projectId,
      buildingId: tenant().buildingId,
      unitId: tenant().unitId,
      minAgeMonths: 0,
      page: 1,
      pageSize: 20,
    })),
    'GET /api/billing/reminders': read('/api/billing/reminders', () => ({
      projectId: tenant().projectId,
      houseId: tenant().houseIds[0],
      page: 1,
      pageSize: 20,
    })),
    'POST /api/billing/reminders': {
      lenient,
      prepare: async () => ({
        token: tokens().cm,
        url: '/api/billing/reminders',
        body: { projectId: tenant().projectId, houseIds: [tenant().houseIds[0]], channel: 'in_app' },
      }),
    },
    'GET /api/billing/reminders/notice.pdf': {
      // Only projectId is bounded, and both its bounds name no project of the caller's; the printed notice itself is billing-reports.e2e-spec's.
      lenient,
      prepare: async () => ({
        token: tokens().cm,
        url: '/api/billing/reminders/notice.pdf',
        query: { projectId: tenant().projectId, houseIds: String(tenant().houseIds[0]) },
      }),
    },
    'GET /api/billing/collection-rate': read('/api/billing/collection-rate', month),
    'GET /api/billing/exports/bills.xlsx': read('/api/billing/exports/bills.xlsx', month),
    'GET /api/billing/exports/bill-lines.xlsx': read('/api/billing/exports/bill-lines.xlsx', month),
    'GET /api/billing/exports/readings.xlsx': read('/api/billing/exports/readings.xlsx', month),
  };
}
