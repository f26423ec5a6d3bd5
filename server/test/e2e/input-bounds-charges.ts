import { BindingStatus } from '@app/shared';
import { bindResident, newOpenId } from '../support/factories';
import { wechatLogin } from '../support/test-app';
import { idNamesNothing, type Scenario } from './input-bounds-routes';
import type { BoundsWorld, TicketSteps } from './input-bounds-world';

/** R14 scenarios for charges, cash, counter sales, company settings, notifications, houses and bindings. */
export function chargeScenarios(b: BoundsWorld, s: TicketSteps): Record<string, Scenario> {
  const { openCharge } = s;
  const codeMustExist =
    'must name an item of the schedule in force; its length bound is the column width (fee_items.code 16)';
  return {
    // ---- charges, cash, counter, settings ----
    'GET /api/charges': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.pm,
        url: '/api/charges',
        query: { projectId: b.w.tenant.projectId, page: 1, pageSize: 20 },
      }),
    },
    'POST /api/charges/:id/waive': {
      prepare: async () => ({
        token: b.w.pm,
        url: `/api/charges/${await openCharge()}/waive`,
        body: { reason: '物业原因免收' },
      }),
    },
    'POST /api/charges/:id/phone-confirmation': {
      prepare: async () => ({
        token: b.w.cm,
        url: `/api/charges/${await openCharge(true)}/phone-confirmation`,
        body: { note: '电话确认' },
      }),
    },
    // ---- notifications ----
    'POST /api/notifications/subscriptions': {
      prepare: async () => ({
        token: b.w.residentA.accessToken,
        url: '/api/notifications/subscriptions',
        body: { results: [{ templateId: 'tmpl-any', result: 'accept' }] },
      }),
    },
    'POST /api/charges/:id/cash/phone-choice': {
      prepare: async () => ({
        token: b.w.cm,
        url: `/api/charges/${await openCharge()}/cash/phone-choice`,
        body: { note: '电话选择现金' },
      }),
    },
    'GET /api/charges/mine': {
      prepare: async () => ({
        token: b.w.residentA.accessToken,
        url: '/api/charges/mine',
        query: { page: 1, pageSize: 20 },
      }),
    },
    'GET /api/cash/outstanding': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.cashier,
        url: '/api/cash/outstanding',
        query: { projectId: b.w.tenant.projectId },
      }),
    },
    'POST /api/cash/handovers': {
      lenient: { technicianId: idNamesNothing },
      anyStatus: 'no cash is outstanding for made-up charge ids; the body is refused by the service after validation',
      prepare: async () => ({
        token: b.w.cashier,
        url: '/api/cash/handovers',
        body: { technicianId: b.tech().id, chargeIds: [1] },
      }),
    },
    'POST /api/counter-sales': {
      lenient: { projectId: idNamesNothing, houseId: idNamesNothing, 'items.0.code': codeMustExist },
      prepare: async () => ({
        token: b.w.cashier,
        url: '/api/counter-sales',
        body: {
          projectId: b.w.tenant.projectId,
          items: [{ code: 'DY-001', quantityMilli: 1000 }],
          paidBy: 'cash',
          note: '复印',
        },
      }),
    },
    'GET /api/counter-sales': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.cashier,
        url: '/api/counter-sales',
        query: { projectId: b.w.tenant.projectId, date: '2026-12-01' },
      }),
    },
    'PUT /api/companies/:companyId/settings': {
      prepare: async () => ({
        token: b.finance,
        url: `/api/companies/${b.w.tenant.companyId}/settings`,
        body: { cashLimitFen: 5000, waiverMonthlyCapFen: 20000 },
      }),
    },

    // ---- property, bindings ----
    'GET /api/property/projects/:projectId/houses': {
      lenient: { buildingId: idNamesNothing, unitId: idNamesNothing },
      prepare: async () => ({
        token: b.w.cm,
        url: `/api/property/projects/${b.w.tenant.projectId}/houses`,
        query: { page: 1, pageSize: 20, q: '1' },
      }),
    },
    'PATCH /api/technicians/:userId': {
      prepare: async () => ({ token: b.w.sup, url: `/api/technicians/${b.spareTech}`, body: { maxOpenJobs: 5 } }),
    },
    'POST /api/bindings/lookup': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.cm,
        url: '/api/bindings/lookup',
        body: { projectId: b.w.tenant.projectId, phone: '13912345678' },
      }),
    },
    'POST /api/bindings': {
      lenient: { houseId: idNamesNothing },
      prepare: async () => {
        const resident = await wechatLogin(b.t, newOpenId());
        return {
          token: resident.accessToken,
          url: '/api/bindings',
          body: { houseId: b.w.tenant.houseIds[3], relation: 'tenant', name: '李四', phone: '13912345678' },
        };
      },
    },
    'POST /api/bindings/:id/reject': {
      prepare: async () => {
        const resident = await wechatLogin(b.t, newOpenId());
        const id = await bindResident(
          b.t.db,
          resident.user.id,
          b.w.tenant.houseIds[4],
          undefined,
          BindingStatus.Pending,
        );
        return { token: b.w.cm, url: `/api/bindings/${id}/reject`, body: { reason: '信息不符' } };
      },
    },
    'GET /api/bindings': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.cm,
        url: '/api/bindings',
        query: { projectId: b.w.tenant.projectId, page: 1, pageSize: 20 },
      }),
    },
  };
}
