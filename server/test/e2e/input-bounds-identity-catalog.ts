import { idNamesNothing, type Scenario } from './input-bounds-routes';
import type { BoundsWorld } from './input-bounds-world';

/** R14 scenarios for sign-in, the price lists and fee schedule, service categories and the dispatch/SLA policies. */
export function identityCatalogScenarios(b: BoundsWorld): Record<string, Scenario> {
  return {
    // ---- identity (helper A's routes; bounds only) ----
    'POST /api/auth/wechat/login': {
      anyStatus: 'a made-up code is refused by WeChat',
      prepare: async () => ({ token: '', url: '/api/auth/wechat/login', body: { code: 'abc' } }),
    },
    'POST /api/auth/password/login': {
      anyStatus: 'made-up credentials are refused',
      prepare: async () => ({
        token: '',
        url: '/api/auth/password/login',
        body: { login: 'nobody-here', password: 'x' },
      }),
    },
    'POST /api/auth/refresh': {
      anyStatus: 'a made-up refresh token is refused',
      prepare: async () => ({ token: '', url: '/api/auth/refresh', body: { refreshToken: 'abc' } }),
    },
    'POST /api/auth/logout': {
      anyStatus: 'a made-up refresh token is refused or ignored',
      prepare: async () => ({ token: b.admin, url: '/api/auth/logout', body: { refreshToken: 'abc' } }),
    },
    'POST /api/me/wechat': {
      anyStatus: 'a made-up code is refused by WeChat',
      prepare: async () => ({ token: b.w.residentB.accessToken, url: '/api/me/wechat', body: { code: 'abc' } }),
    },
    'POST /api/auth/demo/login': {
      anyStatus: 'demo login is off in tests',
      prepare: async () => ({ token: '', url: '/api/auth/demo/login', body: { userId: 1 } }),
    },

    // ---- catalog ----
    'GET /api/price-lists': {
      lenient: { companyId: idNamesNothing },
      prepare: async () => ({ token: b.admin, url: '/api/price-lists', query: { companyId: b.w.tenant.companyId } }),
    },
    'POST /api/price-lists': {
      lenient: { companyId: idNamesNothing, regionId: idNamesNothing, copyFromVersionId: idNamesNothing },
      prepare: async () => ({
        token: b.admin,
        url: '/api/price-lists',
        body: { kind: 'fee_schedule', companyId: b.w.tenant.companyId, title: '草稿', notes: '说明' },
      }),
    },
    'GET /api/price-lists/:id/diff': {
      lenient: { against: idNamesNothing },
      prepare: async () => ({
        token: b.admin,
        url: `/api/price-lists/${b.scheduleDraftId}/diff`,
        query: { against: b.scheduleDraftId },
      }),
    },
    'POST /api/price-lists/:id/categories': {
      prepare: async () => ({
        token: b.admin,
        url: `/api/price-lists/${b.scheduleDraftId}/categories`,
        body: { code: 'BJ', name: '边界', sortOrder: 1 },
      }),
    },
    'POST /api/price-lists/:id/items': {
      prepare: async () => ({
        token: b.admin,
        url: `/api/price-lists/${b.scheduleDraftId}/items`,
        body: {
          categoryCode: 'BJ',
          code: 'BJ-001',
          name: '边界项目',
          unit: '次',
          labourPriceFen: 100,
          callOutFeeFen: 0,
          materialsExtra: false,
          serviceStandard: '标准',
          sortOrder: 1,
        },
      }),
    },
    'POST /api/price-lists/:id/materials': {
      prepare: async () => ({
        token: b.admin,
        url: `/api/price-lists/${b.materialsDraftId}/materials`,
        body: { code: 'BJ-M1', name: '材料', spec: '规格', unit: '个', priceFen: 100, sortOrder: 1 },
      }),
    },
    'POST /api/fee-schedule/quote': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.cm,
        url: '/api/fee-schedule/quote',
        body: {
          projectId: b.w.tenant.projectId,
          items: [{ code: 'GS-101', quantityMilli: 1000 }],
          materials: [{ code: 'M-001', quantityMilli: 1000 }],
        },
      }),
    },
    'GET /api/public/fee-schedule': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: '',
        url: '/api/public/fee-schedule',
        query: { projectId: b.w.tenant.projectId, q: '水' },
      }),
    },
    'GET /api/public/fee-schedule/poster': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: '',
        url: '/api/public/fee-schedule/poster',
        query: { projectId: b.w.tenant.projectId, q: '水' },
      }),
    },
    'PUT /api/projects/:projectId/dispatch-policies': {
      lenient: {
        category:
          "must be one of the company's categories (or *); dispatch_policies.category is 32 wide like the bound",
      },
      prepare: async () => ({
        token: b.w.sup,
        url: `/api/projects/${b.w.tenant.projectId}/dispatch-policies`,
        body: { category: 'GS', mode: 'pool', poolMinutes: 30 },
      }),
    },
    'PUT /api/projects/:projectId/sla-policies': {
      lenient: {
        category: 'any text up to the bound is a category code (or *); sla_policies.category is 32 wide like the bound',
      },
      prepare: async () => ({
        token: b.w.sup,
        url: `/api/projects/${b.w.tenant.projectId}/sla-policies`,
        body: {
          category: 'GS',
          urgency: 'normal',
          respondMinutes: 60,
          onSiteMinutes: null,
          resolveMinutes: 480,
          returnVisitMinutes: 1440,
        },
      }),
    },
    'GET /api/service-categories': {
      lenient: { companyId: idNamesNothing, projectId: idNamesNothing },
      prepare: async () => ({
        token: b.admin,
        url: '/api/service-categories',
        query: { companyId: b.w.tenant.companyId, page: 1, pageSize: 20 },
      }),
    },
    'PUT /api/service-categories/:code': {
      lenient: { companyId: idNamesNothing },
      prepare: async () => ({
        token: b.admin,
        url: '/api/service-categories/GS',
        body: { companyId: b.w.tenant.companyId, name: '给水', skills: ['水'], openToAll: false, sortOrder: 1 },
      }),
    },
  };
}
