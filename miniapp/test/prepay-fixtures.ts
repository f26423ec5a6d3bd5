import type { IInvoiceRequest, IPayment } from '@app/shared';
import { resident } from './fixtures';

/** A confirmed payment and an invoice request of the default resident's house, for the 预存 and 发票 pages. */
const houseId = resident().houses[0].houseId;
export const prepaidPayment = (over: Partial<IPayment>): IPayment => ({
  id: 1,
  projectId: 1,
  houseId,
  houseLabel: '3栋1单元1201',
  method: 'transfer',
  status: 'confirmed',
  amountFen: 12000,
  refundedFen: 0,
  reference: null,
  receiptId: 7,
  receiptNo: 'SJ-2026-000007',
  collectedBy: null,
  collectedByName: null,
  approvedBy: null,
  approvedByName: null,
  rejectReason: null,
  paidAt: '2026-11-20T02:00:00.000Z',
  allocations: [],
  ...over,
});
export const invoiceRequest = (over: Partial<IInvoiceRequest>): IInvoiceRequest => ({
  id: 3,
  projectId: 1,
  houseId,
  houseLabel: '3栋1单元1201',
  title: { kind: 'personal', name: '张三', taxId: null, email: null },
  paymentIds: [1],
  amountFen: 12000,
  status: 'requested',
  invoiceNo: null,
  hasPdf: false,
  rejectReason: null,
  createdAt: '2026-11-21T02:00:00.000Z',
  decidedAt: null,
  ...over,
});
