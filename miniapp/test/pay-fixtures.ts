import type { IPayables, IPayment, IPayOrder, IReceipt } from '@app/shared';

export function payOrder(overrides: Partial<IPayOrder> = {}): IPayOrder {
  return {
    id: 77,
    outTradeNo: 'P202612010001',
    houseId: 501,
    status: 'created',
    amountFen: 26780,
    description: '2026-11 物业账单',
    expiresAt: '2026-12-01T04:00:00.000Z',
    paidAt: null,
    paymentId: null,
    receiptNo: null,
    payParams: {
      timeStamp: '1764561600',
      nonceStr: 'n0nce',
      package: 'prepay_id=wx01',
      signType: 'RSA',
      paySign: 'c2lnbg==',
    },
    standInPayUrl: 'http://127.0.0.1:4999/__standin/cashier?package=prepay_id%3Dwx01&paySign=c2lnbg%3D%3D',
    ...overrides,
  };
}

export function paidOrder(overrides: Partial<IPayOrder> = {}): IPayOrder {
  return payOrder({
    status: 'paid',
    paidAt: '2026-12-01T02:05:00.000Z',
    paymentId: 901,
    receiptNo: 'SJ-2026-000123',
    ...overrides,
  });
}

export function payment(overrides: Partial<IPayment> = {}): IPayment {
  return {
    id: 901,
    projectId: 1,
    houseId: 501,
    houseLabel: '3栋1单元1201',
    method: 'wechat_jsapi',
    status: 'confirmed',
    amountFen: 26780,
    refundedFen: 0,
    reference: '4200001234202612010001',
    receiptId: 5,
    receiptNo: 'SJ-2026-000123',
    collectedBy: null,
    collectedByName: null,
    approvedBy: null,
    approvedByName: null,
    rejectReason: null,
    paidAt: '2026-12-01T02:05:00.000Z',
    allocations: [{ kind: 'bill', targetId: 31, title: '2026-11 物业账单', amountFen: 26780 }],
    ...overrides,
  };
}

export function receipt(overrides: Partial<IReceipt> = {}): IReceipt {
  return {
    id: 5,
    number: 'SJ-2026-000123',
    projectId: 1,
    houseId: 501,
    houseLabel: '3栋1单元1201',
    totalFen: 33280,
    payments: [{ id: 901, method: 'wechat_jsapi', amountFen: 33280, status: 'confirmed' }],
    allocations: [
      { kind: 'bill', targetId: 31, title: '2026-11 物业账单', amountFen: 26780 },
      { kind: 'charge', targetId: 9, title: '特约服务 YGHY-261108-0003', amountFen: 6500 },
    ],
    issuedAt: '2026-12-01T02:05:00.000Z',
    issuedByName: null,
    printCount: 0,
    ...overrides,
  };
}

export function payables(overrides: Partial<IPayables> = {}): IPayables {
  return {
    houseId: 501,
    houseLabel: '3栋1单元1201',
    items: [
      {
        kind: 'bill',
        id: 30,
        projectId: 1,
        houseId: 501,
        title: '2026-10 物业账单',
        period: '2026-10',
        ticketSerial: null,
        totalFen: 19800,
        paidFen: 0,
        balanceFen: 19800,
        dueSince: '2026-11-01T02:00:00.000Z',
      },
      {
        kind: 'bill',
        id: 31,
        projectId: 1,
        houseId: 501,
        title: '2026-11 物业账单',
        period: '2026-11',
        ticketSerial: null,
        totalFen: 26780,
        paidFen: 0,
        balanceFen: 26780,
        dueSince: '2026-12-01T02:00:00.000Z',
      },
      {
        kind: 'charge',
        id: 9,
        projectId: 1,
        houseId: 501,
        title: '特约服务 YGHY-261201-0004',
        period: null,
        ticketSerial: 'YGHY-261201-0004',
        totalFen: 4000,
        paidFen: 0,
        balanceFen: 4000,
        dueSince: '2026-12-01T05:00:00.000Z',
      },
    ],
    totalBalanceFen: 50580,
    prepayBalanceFen: 0,
    ...overrides,
  };
}
