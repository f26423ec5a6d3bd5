import type { TradeBill, TradeBillRow } from './wechat-pay.types';

/**
 * The trade bill text (交易账单, bill_type=ALL) as WeChat Pay serves it: a header line, one line per payment or
 * refund with every value prefixed by a back-tick (so spreadsheets keep long numbers as text), then a summary
 * header and one summary line. Amounts are yuan with two decimals. The stand-in writes it with `formatTradeBill`.
 */
export const TRADE_BILL_COLUMNS = [
  '交易时间',
  '公众账号ID',
  '商户号',
  '特约商户号',
  '设备号',
  '微信订单号',
  '商户订单号',
  '用户标识',
  '交易类型',
  '交易状态',
  '付款银行',
  '货币种类',
  '应结订单金额',
  '代金券金额',
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '商品名称',
  '商户数据包',
  '手续费',
  '费率',
  '订单金额',
  '申请退款金额',
  '费率备注',
] as const;

export const TRADE_BILL_SUMMARY_COLUMNS = [
  '总交易单数',
  '应结订单总金额',
  '退款总金额',
  '充值券退款总金额',
  '手续费总金额',
  '订单总金额',
  '申请退款总金额',
] as const;

/** '1291.20' → 129120 without floating point; '' → 0. Throws on anything else. */
export function yuanToFen(text: string): number {
  const t = text.trim();
  if (t === '') return 0;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error(`not an amount: ${t}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Values of one bill line: each starts with a back-tick; splitting on ",`" keeps commas inside values. */
function splitLine(line: string): string[] {
  const body = line.startsWith('`') ? line.slice(1) : line;
  return body.split(',`');
}

/** Payment lines carry `0` in the refund-number columns. */
const noneAsEmpty = (v: string) => (v === '0' ? '' : v);

export function parseTradeBill(date: string, text: string): TradeBill {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return emptyBill(date);
  const header = lines[0]!.split(',');
  if (header[0] !== TRADE_BILL_COLUMNS[0]) throw new Error('trade bill: unexpected header');
  const col = (name: (typeof TRADE_BILL_COLUMNS)[number]) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`trade bill: column ${name} missing`);
    return i;
  };
  const idx = Object.fromEntries(TRADE_BILL_COLUMNS.map((c) => [c, col(c)])) as Record<
    (typeof TRADE_BILL_COLUMNS)[number],
    number
  >;
  const summaryAt = lines.findIndex((l) => l.startsWith(TRADE_BILL_SUMMARY_COLUMNS[0]));
  const dataLines = lines.slice(1, summaryAt < 0 ? undefined : summaryAt);
  const rows: TradeBillRow[] = dataLines.map((line) => {
    const v = splitLine(line);
    const s = (c: (typeof TRADE_BILL_COLUMNS)[number]) => (v[idx[c]] ?? '').trim();
    return {
      tradeTime: s('交易时间'),
      appId: s('公众账号ID'),
      mchId: s('商户号'),
      transactionId: s('微信订单号'),
      outTradeNo: s('商户订单号'),
      openid: s('用户标识'),
      tradeType: s('交易类型'),
      tradeState: s('交易状态'),
      bankType: s('付款银行'),
      currency: s('货币种类'),
      settlementTotalFen: yuanToFen(s('应结订单金额')),
      couponFen: yuanToFen(s('代金券金额')),
      refundId: noneAsEmpty(s('微信退款单号')),
      outRefundNo: noneAsEmpty(s('商户退款单号')),
      refundFen: yuanToFen(s('退款金额')),
      refundType: s('退款类型'),
      refundStatus: s('退款状态'),
      description: s('商品名称'),
      attach: s('商户数据包'),
      feeFen: yuanToFen(s('手续费')),
      rate: s('费率'),
      orderTotalFen: yuanToFen(s('订单金额')),
      requestedRefundFen: yuanToFen(s('申请退款金额')),
    };
  });
  const summaryValues = summaryAt >= 0 && lines[summaryAt + 1] ? splitLine(lines[summaryAt + 1]!) : null;
  const sv = (i: number) => (summaryValues ? (summaryValues[i] ?? '') : '');
  return {
    date,
    rows,
    summary: summaryValues
      ? {
          count: Number(sv(0).trim() || 0),
          settlementTotalFen: yuanToFen(sv(1)),
          refundTotalFen: yuanToFen(sv(2)),
          feeTotalFen: yuanToFen(sv(4)),
          orderTotalFen: yuanToFen(sv(5)),
        }
      : { count: rows.length, settlementTotalFen: 0, refundTotalFen: 0, feeTotalFen: 0, orderTotalFen: 0 },
  };
}

export function emptyBill(date: string): TradeBill {
  return {
    date,
    rows: [],
    summary: { count: 0, settlementTotalFen: 0, refundTotalFen: 0, feeTotalFen: 0, orderTotalFen: 0 },
  };
}

/** Writes the bill text (the stand-in's side); rows are given in fen. */
export function formatTradeBill(rows: TradeBillRow[]): string {
  const esc = (s: string) => s.replace(/[\r\n]/g, ' ');
  const line = (r: TradeBillRow) =>
    [
      r.tradeTime,
      r.appId,
      r.mchId,
      '0',
      '',
      r.transactionId,
      r.outTradeNo,
      r.openid,
      r.tradeType,
      r.tradeState,
      r.bankType,
      r.currency,
      fenToYuan(r.settlementTotalFen),
      fenToYuan(r.couponFen),
      r.refundId || '0',
      r.outRefundNo || '0',
      fenToYuan(r.refundFen),
      '0.00',
      r.refundType,
      r.refundStatus,
      esc(r.description),
      esc(r.attach),
      fenToYuan(r.feeFen),
      r.rate,
      fenToYuan(r.orderTotalFen),
      fenToYuan(r.requestedRefundFen),
      '',
    ]
      .map((x) => `\`${x}`)
      .join(',');
  const sum = (f: (r: TradeBillRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const summary = [
    String(rows.length),
    fenToYuan(sum((r) => r.settlementTotalFen)),
    fenToYuan(sum((r) => r.refundFen)),
    '0.00',
    fenToYuan(sum((r) => r.feeFen)),
    fenToYuan(sum((r) => r.orderTotalFen)),
    fenToYuan(sum((r) => r.requestedRefundFen)),
  ]
    .map((x) => `\`${x}`)
    .join(',');
  return (
    [TRADE_BILL_COLUMNS.join(','), ...rows.map(line), TRADE_BILL_SUMMARY_COLUMNS.join(','), summary].join('\r\n') +
    '\r\n'
  );
}
