import { outNo } from './wechat-pay-helpers';
import { wechatPayClientSuite } from './wechat-pay-client-suite';

/** The WeChat Pay client against the stand-in: order query and close, refunds and the trade bill. */
describe('WechatPayClient ↔ WeChat Pay stand-in: orders, refunds, bills', () => {
  const s = wechatPayClientSuite();

  it('query and close: NOTPAY → CLOSED; unknown order → null; paid order cannot be closed; closed order cannot be prepaid', async () => {
    expect(await s.client.queryByOutTradeNo(outNo('NONE'))).toBeNull();
    const no = outNo();
    await s.prepay(no);
    await s.client.close(no);
    expect((await s.client.queryByOutTradeNo(no))?.trade_state).toBe('CLOSED');
    expect((await s.rejection(s.prepay(no))).code).toBe('ORDER_CLOSED');
    const paid = outNo();
    await s.prepay(paid);
    s.wx.pay(paid);
    const tx = await s.client.queryByOutTradeNo(paid);
    expect(tx).toMatchObject({ trade_state: 'SUCCESS', amount: { total: 129120 } });
    expect(tx?.transaction_id).toMatch(/^4200\d+/);
    expect((await s.rejection(s.client.close(paid))).code).toBe('ORDERPAID');
    await s.receiver.waitFor(1);
  });

  it('refund: partial then rest, refund notify decrypts to the refund shape, same out_refund_no is idempotent, over-refund refused', async () => {
    const no = outNo();
    await s.prepay(no, 10_000);
    s.wx.pay(no);
    await s.receiver.waitFor(1);
    const r1 = await s.client.refund({
      outTradeNo: no,
      outRefundNo: `${no}R1`,
      reason: '多收退回',
      refundFen: 3_000,
      totalFen: 10_000,
    });
    expect(r1).toMatchObject({
      out_refund_no: `${no}R1`,
      status: 'PROCESSING',
      amount: { refund: 3_000, total: 10_000 },
    });
    const again = await s.client.refund({ outTradeNo: no, outRefundNo: `${no}R1`, refundFen: 3_000, totalFen: 10_000 });
    expect(again.refund_id).toBe(r1.refund_id);
    const over = await s.rejection(
      s.client.refund({ outTradeNo: no, outRefundNo: `${no}R2`, refundFen: 7_001, totalFen: 10_000 }),
    );
    expect([over.kind, over.code]).toEqual(['rejected', 'INVALID_REQUEST']);
    const notices = await s.receiver.waitFor(2);
    const n = notices[1]!.verification;
    if (!n.ok || n.kind !== 'refund') throw new Error('expected a refund notify');
    expect(n.event.event_type).toBe('REFUND.SUCCESS');
    expect(n.resource).toMatchObject({
      out_trade_no: no,
      out_refund_no: `${no}R1`,
      refund_status: 'SUCCESS',
      amount: { refund: 3_000, total: 10_000 },
    });
    expect((await s.client.queryRefund(`${no}R1`))?.status).toBe('SUCCESS');
    expect(await s.client.queryRefund(`${no}NONE`)).toBeNull();
    s.wx.nextRefundOutcome('ABNORMAL');
    await s.client.refund({ outTradeNo: no, outRefundNo: `${no}R3`, refundFen: 7_000, totalFen: 10_000 });
    const abnormal = (await s.receiver.waitFor(3))[2]!.verification;
    expect(abnormal.ok && abnormal.event.event_type).toBe('REFUND.ABNORMAL');
    expect((await s.client.queryRefund(`${no}R3`))?.status).toBe('ABNORMAL');
  });

  it('trade bill: every paid order and refund of the day in fen, plus injected discrepancies; a day without trades is empty', async () => {
    const [a, b, c] = [outNo('BA'), outNo('BB'), outNo('BC')];
    for (const [no, fen] of [
      [a, 12_345],
      [b, 100],
      [c, 999],
    ] as const) {
      await s.prepay(no, fen, { description: '物业费,含逗号' });
      s.wx.pay(no);
    }
    await s.client.refund({ outTradeNo: a, outRefundNo: `${a}R`, refundFen: 45, totalFen: 12_345 });
    await s.receiver.waitFor(4);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    s.wx.bill.addRow(today, { outTradeNo: 'GHOST-0001', orderTotalFen: 500 });
    s.wx.bill.drop(today, b);
    s.wx.bill.changeAmount(today, c, 1_000);
    const bill = await s.client.downloadTradeBill(today);
    const payments = new Map(bill.rows.filter((r) => r.tradeState === 'SUCCESS').map((r) => [r.outTradeNo, r]));
    expect(payments.get(a)).toMatchObject({
      orderTotalFen: 12_345,
      settlementTotalFen: 12_345,
      feeFen: 74,
      mchId: s.wx.mchid,
      tradeType: 'JSAPI',
      description: '物业费，含逗号',
    });
    expect(payments.get(a)?.transactionId).toMatch(/^4200/);
    expect(payments.has(b)).toBe(false);
    expect(payments.get(c)?.orderTotalFen).toBe(1_000);
    expect(payments.get('GHOST-0001')?.orderTotalFen).toBe(500);
    const refundRow = bill.rows.find((r) => r.tradeState === 'REFUND' && r.outTradeNo === a);
    expect(refundRow).toMatchObject({ outRefundNo: `${a}R`, refundFen: 45, refundStatus: 'SUCCESS' });
    expect(bill.summary.count).toBe(bill.rows.length);
    expect(bill.summary.orderTotalFen).toBe(bill.rows.reduce((s, r) => s + r.orderTotalFen, 0));
    expect(await s.client.downloadTradeBill('2001-01-01')).toEqual({
      date: '2001-01-01',
      rows: [],
      summary: { count: 0, settlementTotalFen: 0, refundTotalFen: 0, feeTotalFen: 0, orderTotalFen: 0 },
    });
  });
});
