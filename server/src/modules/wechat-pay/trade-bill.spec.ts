import { fenToYuan, formatTradeBill, parseTradeBill, TRADE_BILL_COLUMNS, yuanToFen } from './trade-bill';

/** A bill laid out as WeChat Pay's ALL trade bill: header, back-ticked values, summary header and line. */
const SAMPLE = [
  TRADE_BILL_COLUMNS.join(','),
  '`2026-11-02 09:15:01,`wx0000000000standin,`1900000109,`0,`,`4200000001202611020000000001,`BILL202611-0001,`o-abc,`JSAPI,`SUCCESS,`OTHERS,`CNY,`1291.20,`0.00,`0,`0,`0.00,`0.00,`,`,`物业费-3栋1201,`bill:42,`7.75,`0.60%,`1291.20,`0.00,`',
  '`2026-11-02 10:00:00,`wx0000000000standin,`1900000109,`0,`,`4200000001202611020000000001,`BILL202611-0001,`o-abc,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000012026110200000001,`RF-1,`100.05,`0.00,`ORIGINAL,`SUCCESS,`物业费-3栋1201,`bill:42,`-0.60,`0.60%,`1291.20,`100.05,`',
  '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
  '`2,`1291.20,`100.05,`0.00,`7.15,`2582.40,`100.05',
].join('\r\n');

describe('trade bill text', () => {
  it('converts yuan to fen without floating point, and back', () => {
    expect([yuanToFen('1291.20'), yuanToFen('0.1'), yuanToFen('-0.60'), yuanToFen(''), yuanToFen('19.99')]).toEqual([
      129120, 10, -60, 0, 1999,
    ]);
    expect(() => yuanToFen('1,291.20')).toThrow();
    expect([fenToYuan(129120), fenToYuan(5), fenToYuan(-60)]).toEqual(['1291.20', '0.05', '-0.60']);
  });

  it('parses payment and refund lines and the summary', () => {
    const bill = parseTradeBill('2026-11-02', SAMPLE);
    expect(bill.rows).toHaveLength(2);
    expect(bill.rows[0]).toMatchObject({
      outTradeNo: 'BILL202611-0001',
      tradeState: 'SUCCESS',
      settlementTotalFen: 129120,
      orderTotalFen: 129120,
      feeFen: 775,
      refundId: '',
      outRefundNo: '',
      description: '物业费-3栋1201',
      attach: 'bill:42',
      tradeTime: '2026-11-02 09:15:01',
    });
    expect(bill.rows[1]).toMatchObject({
      tradeState: 'REFUND',
      outRefundNo: 'RF-1',
      refundFen: 10005,
      requestedRefundFen: 10005,
      feeFen: -60,
    });
    expect(bill.summary).toEqual({
      count: 2,
      settlementTotalFen: 129120,
      refundTotalFen: 10005,
      feeTotalFen: 715,
      orderTotalFen: 258240,
    });
  });

  it('formatTradeBill writes what parseTradeBill reads (commas inside values survive)', () => {
    const rows = parseTradeBill('2026-11-02', SAMPLE).rows.map((r) => ({ ...r, description: '物业费,车位费' }));
    const again = parseTradeBill('2026-11-02', formatTradeBill(rows));
    expect(again.rows).toEqual(rows);
    expect(again.summary.count).toBe(2);
  });

  it('refuses text that is not a trade bill', () => {
    expect(() => parseTradeBill('2026-11-02', 'a,b,c\n1,2,3')).toThrow('unexpected header');
    expect(parseTradeBill('2026-11-02', '').rows).toEqual([]);
  });
});
