import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { formatTradeBill } from '../trade-bill';
import { ERR, type Reply } from './http';
import type { WechatPayStandIn } from './stand-in-api';
import { billRows, transactionId, type BillOverrides, type StandInOrder, type StandInRefund } from './stand-in-state';

export interface BillsContext {
  appId: string;
  mchid: string;
  orders: Map<string, StandInOrder>;
  refunds: Map<string, StandInRefund>;
  billOverrides: Map<string, BillOverrides>;
  /** Download token → the bill text, handed out by tradeBill. */
  billTokens: Map<string, { text: string; gzip: boolean }>;
  /** The stand-in's base URL (known once it listens). */
  url(): string;
}

/** The ALL trade bill of a day (T+1): its hash and a download URL; NO_STATEMENT_EXIST for a day without trades. */
export function tradeBill(ctx: BillsContext, q: URLSearchParams): Reply {
  const { mchid, orders, refunds, billOverrides, billTokens, url } = ctx;
  const date = q.get('bill_date') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return ERR(400, 'PARAM_ERROR', 'bill_date 格式错误');
  if (!['ALL', null].includes(q.get('bill_type'))) return ERR(400, 'PARAM_ERROR', '本替身只提供 ALL 账单');
  const rows = billRows(date, orders.values(), refunds.values(), orders, mchid, billOverrides.get(date));
  if (rows.length === 0) return ERR(400, 'NO_STATEMENT_EXIST', '账单文件不存在');
  const text = formatTradeBill(rows);
  const token = randomBytes(16).toString('hex');
  billTokens.set(token, { text, gzip: q.get('tar_type') === 'GZIP' });
  const hash = createHash('sha1').update(text, 'utf8').digest('hex');
  return {
    status: 200,
    body: { hash_type: 'SHA1', hash_value: hash, download_url: `${url()}/v3/billdownload/file?token=${token}` },
  };
}

/** The bill file itself (gzip when asked); unsigned, checked by its hash as on WeChat. */
export function download(ctx: BillsContext, q: URLSearchParams): Reply {
  const { billTokens } = ctx;
  const file = billTokens.get(q.get('token') ?? '');
  if (!file) return ERR(400, 'PARAM_ERROR', 'token 无效');
  const raw = Buffer.from(file.text, 'utf8');
  return { status: 200, raw: file.gzip ? gzipSync(raw) : raw, contentType: 'application/octet-stream' };
}

/** Reconciliation tests: rows added to, left out of or changed in the bill of a day. */
export function billControls(ctx: BillsContext): WechatPayStandIn['bill'] {
  const { appId, mchid, billOverrides } = ctx;
  const overrides = (date: string) => {
    let o = billOverrides.get(date);
    if (!o) billOverrides.set(date, (o = { extra: [], drop: new Set(), amount: new Map() }));
    return o;
  };
  return {
    addRow(date, row) {
      overrides(date).extra.push({
        tradeTime: `${date} 12:00:00`,
        appId,
        mchId: mchid,
        transactionId: transactionId(),
        openid: 'o-standin-extra',
        tradeType: 'JSAPI',
        tradeState: 'SUCCESS',
        bankType: 'OTHERS',
        currency: 'CNY',
        settlementTotalFen: row.orderTotalFen,
        couponFen: 0,
        refundId: '',
        outRefundNo: '',
        refundFen: 0,
        refundType: '',
        refundStatus: '',
        description: '替身注入',
        attach: '',
        feeFen: 0,
        rate: '0.60%',
        requestedRefundFen: 0,
        ...row,
      });
    },
    drop(date, no) {
      overrides(date).drop.add(no);
    },
    changeAmount(date, outTradeNo, amountFen) {
      overrides(date).amount.set(outTradeNo, amountFen);
    },
  };
}
