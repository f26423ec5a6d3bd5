import type { TradeBillRow } from '../../wechat-pay/wechat-pay.types';
import type { LocalWechatPayment, LocalWechatRefund } from '../wechat-trades';
import { compareTrades } from './compare';

const row = (over: Partial<TradeBillRow>): TradeBillRow => ({
  tradeTime: '2026-11-30 10:00:00',
  appId: 'wx1',
  mchId: '1900000109',
  transactionId: '',
  outTradeNo: '',
  openid: 'o',
  tradeType: 'JSAPI',
  tradeState: 'SUCCESS',
  bankType: 'OTHERS',
  currency: 'CNY',
  settlementTotalFen: 0,
  couponFen: 0,
  refundId: '',
  outRefundNo: '',
  refundFen: 0,
  refundType: '',
  refundStatus: '',
  description: '',
  attach: '',
  feeFen: 0,
  rate: '0.60%',
  orderTotalFen: 0,
  requestedRefundFen: 0,
  ...over,
});
const pay = (over: Partial<LocalWechatPayment>): LocalWechatPayment => ({
  paymentId: 1,
  outTradeNo: null,
  transactionId: null,
  amountFen: 0,
  refundedFen: 0,
  ...over,
});
const refund = (over: Partial<LocalWechatRefund>): LocalWechatRefund => ({
  refundId: 1,
  outRefundNo: null,
  wxRefundId: null,
  outTradeNo: null,
  transactionId: null,
  amountFen: 0,
  ...over,
});

describe('compareTrades', () => {
  it('matches on transaction id, else out_trade_no; equal amounts give nothing', () => {
    const r = compareTrades(
      [
        row({ transactionId: 'T1', outTradeNo: 'P1', orderTotalFen: 100 }),
        row({ transactionId: 'T2', outTradeNo: 'P2', orderTotalFen: 200 }),
      ],
      {
        payments: [
          pay({ transactionId: 'T1', amountFen: 100 }),
          pay({ paymentId: 2, outTradeNo: 'P2', amountFen: 200 }),
        ],
        refunds: [],
      },
    );
    expect(r).toEqual({ remoteCount: 2, localCount: 2, remoteTotalFen: 300, localTotalFen: 300, discrepancies: [] });
  });

  it('reports each kind once, with both amounts', () => {
    const r = compareTrades(
      [
        row({ transactionId: 'T1', outTradeNo: 'P1', orderTotalFen: 150 }),
        row({ transactionId: 'TX', outTradeNo: 'PX', orderTotalFen: 777 }),
      ],
      {
        payments: [
          pay({ transactionId: 'T1', amountFen: 100 }),
          pay({ paymentId: 3, transactionId: 'T3', amountFen: 300 }),
        ],
        refunds: [],
      },
    );
    expect(
      r.discrepancies.map(({ kind, outTradeNo, transactionId, localFen, remoteFen }) => ({
        kind,
        outTradeNo,
        transactionId,
        localFen,
        remoteFen,
      })),
    ).toEqual([
      { kind: 'amount_differs', outTradeNo: 'P1', transactionId: 'T1', localFen: 100, remoteFen: 150 },
      { kind: 'missing_locally', outTradeNo: 'PX', transactionId: 'TX', localFen: null, remoteFen: 777 },
      { kind: 'missing_remotely', outTradeNo: null, transactionId: 'T3', localFen: 300, remoteFen: null },
    ]);
    expect(r.remoteTotalFen).toBe(927);
    expect(r.localTotalFen).toBe(400);
  });

  it('a duplicated bill line matches one local payment only: the copy is missing locally', () => {
    const line = row({ transactionId: 'T1', orderTotalFen: 100 });
    const r = compareTrades([line, { ...line }], {
      payments: [pay({ transactionId: 'T1', amountFen: 100 })],
      refunds: [],
    });
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['missing_locally']);
  });

  it('compares refund lines with local succeeded refunds by out_refund_no and nets them out of the totals', () => {
    const bill = [
      row({ transactionId: 'T1', orderTotalFen: 1000 }),
      row({ transactionId: 'T1', tradeState: 'REFUND', outRefundNo: 'R1', refundId: 'W1', refundFen: 300 }),
      row({ transactionId: 'T1', tradeState: 'REFUND', outRefundNo: 'R2', refundId: 'W2', refundFen: 200 }),
    ];
    const r = compareTrades(bill, {
      payments: [pay({ transactionId: 'T1', amountFen: 1000 })],
      refunds: [
        refund({ outRefundNo: 'R1', transactionId: 'T1', amountFen: 250 }),
        refund({ refundId: 3, outRefundNo: 'R3', transactionId: 'T1', amountFen: 50 }),
      ],
    });
    expect(r.remoteTotalFen).toBe(500);
    expect(r.localTotalFen).toBe(700);
    expect(r.discrepancies.map((d) => [d.kind, d.localFen, d.remoteFen, d.note.split('：')[0]])).toEqual([
      ['amount_differs', 250, 300, '退款 R1'],
      ['missing_locally', null, 200, '退款 R2'],
      ['missing_remotely', 50, null, '退款 R3'],
    ]);
  });
});
