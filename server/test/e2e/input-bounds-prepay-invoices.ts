import type { IInvoiceRequest, IInvoiceTitle, IPrepayOffer } from '@app/shared';
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
  'an id at the INT maximum (or 1, another tenant’s) names nothing of the caller’s: 404/422 from the service is the right answer';
const taxIdRule =
  'a tax id is 15, 18 or 20 letters and digits (checked in the service): 20 characters of text are refused there, not by the bound';

/**
 * R14 scenarios for 预存 (PREPAY_ROUTES) and 电子发票 (INVOICE_ROUTES): one project with a published bill, made
 * once; every invoice request starts from a fresh confirmed 1-fen transfer of the resident's house.
 */
export function prepayInvoiceScenarios(app: () => TestApp): Record<string, Scenario> {
  let world: Promise<PayWorld> | null = null;
  let seq = 0;
  const w = () => (world ??= makePayWorld(app(), 2));
  const http = () => app().http();
  const house = async (token: 'resident' | 'finance', url: string, page = false): Promise<Call> => {
    const x = await w();
    return {
      token: token === 'resident' ? x.resident.token : x.finance,
      url,
      query: { houseId: x.houseId, ...(page ? { page: 1, pageSize: 20 } : {}) },
    };
  };
  const title = async (): Promise<IInvoiceTitle> =>
    (
      await http()
        .post('/api/invoices/mine/titles')
        .set(bearer((await w()).resident.token))
        .send({ kind: 'personal', name: `边界测试${++seq}` })
        .expect(200)
    ).body as IInvoiceTitle;
  const paid = async (): Promise<number> => {
    const x = await w();
    return (
      await payAtDesk(app(), x, {
        method: 'transfer',
        amountFen: 1,
        status: 'confirmed',
        allocations: [{ kind: 'bill', targetId: x.bill.id, amountFen: 1, title: '本月物业账单' }],
      })
    ).paymentId;
  };
  const requested = async (): Promise<IInvoiceRequest> =>
    (
      await http()
        .post('/api/invoices/mine')
        .set(bearer((await w()).resident.token))
        .send({ titleId: (await title()).id, paymentIds: [await paid()] })
        .expect(201)
    ).body as IInvoiceRequest;
  const offer = async (): Promise<IPrepayOffer> => {
    const x = await w();
    return (
      await http()
        .post('/api/prepay/offers')
        .set(bearer(x.finance))
        .send({
          projectId: x.tenant.projectId,
          name: `边界优惠${++seq}`,
          payMonths: 12,
          freeMonths: 1,
          validFrom: '2020-01-01',
          validTo: null,
          active: false,
        })
        .expect(200)
    ).body as IPrepayOffer;
  };
  return {
    'GET /api/prepay/mine': {
      lenient: { houseId: idNamesNothing },
      prepare: () => house('resident', '/api/prepay/mine'),
    },
    'GET /api/prepay/mine/ledger': {
      lenient: { houseId: idNamesNothing },
      prepare: () => house('resident', '/api/prepay/mine/ledger', true),
    },
    'GET /api/prepay/mine/offers': {
      lenient: { houseId: idNamesNothing },
      prepare: () => house('resident', '/api/prepay/mine/offers'),
    },
    'GET /api/prepay/accounts': {
      lenient: { houseId: idNamesNothing },
      prepare: () => house('finance', '/api/prepay/accounts'),
    },
    'GET /api/prepay/ledger': {
      lenient: { houseId: idNamesNothing },
      prepare: () => house('finance', '/api/prepay/ledger', true),
    },
    'GET /api/prepay/offers': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).finance,
        url: '/api/prepay/offers',
        query: { projectId: (await w()).tenant.projectId },
      }),
    },
    'POST /api/prepay/offers': {
      lenient: { id: idNamesNothing, projectId: idNamesNothing },
      prepare: async () => {
        const x = await w();
        return {
          token: x.finance,
          url: '/api/prepay/offers',
          body: {
            id: (await offer()).id,
            projectId: x.tenant.projectId,
            name: '预存12个月送1个月',
            payMonths: 12,
            freeMonths: 1,
            validFrom: '2020-01-01',
            validTo: null,
            active: false,
          },
        };
      },
    },
    'POST /api/invoices/mine/titles': {
      lenient: { id: idNamesNothing, taxId: taxIdRule },
      prepare: async () => ({
        token: (await w()).resident.token,
        url: '/api/invoices/mine/titles',
        body: {
          id: (await title()).id,
          kind: 'company',
          name: '上海某某科技有限公司',
          taxId: '91310000MA1FL8XQ3X',
          email: 'fapiao@example.com',
        },
      }),
    },
    'POST /api/invoices/mine': {
      lenient: { titleId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).resident.token,
        url: '/api/invoices/mine',
        body: { titleId: (await title()).id, paymentIds: [await paid()] },
      }),
    },
    'GET /api/invoices': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: (await w()).finance,
        url: '/api/invoices',
        query: { projectId: (await w()).tenant.projectId, page: 1, pageSize: 20 },
      }),
    },
    'POST /api/invoices/:id/issue': {
      lenient: {
        pdfMediaId: 'a PDF id at a bound names no upload of the issuer: 404/422 from the service is the right answer',
      },
      prepare: async () => ({
        token: (await w()).finance,
        url: `/api/invoices/${(await requested()).id}/issue`,
        body: { invoiceNo: `2431200000${String(++seq).padStart(10, '0')}`, pdfMediaId: 1 },
      }),
    },
    'POST /api/invoices/:id/reject': {
      prepare: async () => ({
        token: (await w()).finance,
        url: `/api/invoices/${(await requested()).id}/reject`,
        body: { reason: '抬头信息有误' },
      }),
    },
  };
}
