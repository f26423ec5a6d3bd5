import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  MAX_CLOCK_SKEW_SECONDS,
  parseAuthorization,
  platformHeaders,
  requestMessage,
  rsaVerify,
} from '../wechat-pay.crypto';
import { formatTradeBill } from '../trade-bill';
import type {
  RefundStatus,
  RequestPaymentParams,
  TradeBillRow,
  WechatPayClientConfig,
  WechatTransaction,
} from '../wechat-pay.types';
import { ERR, json, OUT_NO, type Reply } from './http';
import { buildNotify, deliverNotify, type BuiltNotify, type NotifySpoil } from './notify-lab';
import { handlePayer, type PayerContext } from './payer';
import { handleShipping, type Shipment, type ShippingContext } from './shipping-api';
import { handleV2, type PaymentCodeBehaviour, type V2Context } from './v2-micropay';
import { NOTIFY_RETRY_SCHEDULE_MS, Notifier, type NotifyAttempt } from './notifier';
import {
  beijingDate,
  billRows,
  prepayId,
  refundId,
  refundNoticeOf,
  refundOf,
  transactionId,
  transactionOf,
  type BillOverrides,
  type StandInOrder,
  type StandInRefund,
} from './stand-in-state';

/**
 * Local stand-in for api.mch.weixin.qq.com (docs wechat.md §A7; behaviour in docs/wechat-pay.md): checks the
 * merchant's request signatures, keeps orders, signs every answer, pays orders on a hook or the simulated cashier
 * page, delivers encrypted notifies on WeChat's retry schedule, refunds, trade bills, and APIv2 micropay.
 * Lives under src/ because the embedded demo (WECHATPAY_MODE=stand-in) runs it in-process; tests import it
 * through test/stand-ins/wechatpay-stand-in.ts.
 */
export type SerialMode = 'certificate' | 'public-key';
export type { BuiltNotify, NotifySpoil, PaymentCodeBehaviour };

export interface WechatPayStandInOptions {
  mchid?: string;
  appId?: string;
  apiV3Key?: string;
  apiV2Key?: string;
  /** Which platform key signs notifies and answers; switchable later with setSerialMode. */
  serialMode?: SerialMode;
  /** Multiplies the notify retry schedule (1 = WeChat's real 15 s …; 0.001 for tests). */
  retryScale?: number;
  notifyTimeoutMs?: number;
  /** How long a USERPAYING micropay waits for the payer to confirm. */
  userPayingMs?: number;
  /** How long a refund stays PROCESSING before it succeeds. */
  refundDelayMs?: number;
  host?: string;
  port?: number;
}

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface WechatPayStandIn {
  url: string;
  mchid: string;
  appId: string;
  apiV3Key: string;
  apiV2Key: string;
  /** The merchant key pair the stand-in generated (the client signs with it; paySign verifies with its public half). */
  merchant: KeyPair & { serial: string };
  /** Platform keys: a "certificate" one with a 40-hex serial and a public-key-mode one with a PUB_KEY_ID_ id. */
  platform: { certificate: KeyPair & { serial: string }; publicKey: KeyPair & { id: string } };
  /** Serial/id → public key, both modes: what the client's config holds. */
  platformKeys: Map<string, KeyObject>;
  serialMode: SerialMode;
  setSerialMode(mode: SerialMode): void;
  /** A client config pointing at this stand-in. */
  clientConfig(overrides?: Partial<WechatPayClientConfig>): WechatPayClientConfig;
  /** The payer pays: order → SUCCESS, notify sent to the order's notify_url. Throws if it cannot be paid. */
  pay(outTradeNo: string): WechatTransaction;
  order(outTradeNo: string): WechatTransaction | null;
  /** URL of the simulated cashier page for these requestPayment parameters; `redirect` gets `?errMsg=…` back. */
  cashierUrl(params: RequestPaymentParams, redirect?: string): string;
  /** Every notify delivery attempt, in order. */
  notifyLog: NotifyAttempt[];
  /** Resolves when every notify sent so far got a 2xx or ran out of retries. */
  notifiesSettled(): Promise<void>;
  /** Reconciliation tests: add a row to the bill of `date`, leave an order/refund out, or report another amount. */
  bill: {
    addRow(date: string, row: Partial<TradeBillRow> & { outTradeNo: string; orderTotalFen: number }): void;
    drop(date: string, outTradeNoOrRefundNo: string): void;
    changeAmount(date: string, outTradeNo: string, amountFen: number): void;
  };
  /** A fresh 18-digit 付款码 that behaves as asked (any other well-formed code pays at once). */
  issuePaymentCode(behaviour?: PaymentCodeBehaviour, openid?: string): string;
  /** The next refund ends in this status instead of SUCCESS. */
  nextRefundOutcome(status: Exclude<RefundStatus, 'PROCESSING'>): void;
  /** Force failures on the next API requests: 500, a hang, or an answer signed by a key the client does not know. */
  failNext(kind: 'http500' | 'timeout' | 'badSignature', times?: number): void;
  /** 发货信息管理 (§A7.4), served here too: the access_token the stand-in accepts, and what was uploaded. */
  accessToken: string;
  shipments: Shipment[];
  setTradeManaged(managed: boolean): void;
  /** The next upload_shipping_info answers this errcode (e.g. 10060004) instead of succeeding. */
  failNextShipping(errcode: number, errmsg?: string): void;
  /** The next `times` reverses answer this err_code with recall=Y (the caller must reverse again). */
  failNextReverse(errCode?: string, times?: number): void;
  /** out_trade_no of every order reversed (撤销), once each. */
  reversals: string[];
  /**
   * R5 tests: a notify for an order's current state (resource fields overridable, e.g. { amount: { total: 1 } }),
   * genuine or spoiled one way; not sent. Deliver it (again, or as concurrent copies) with deliverNotify.
   */
  buildNotify(outTradeNo: string, opts?: { resource?: Partial<WechatTransaction>; spoil?: NotifySpoil }): BuiltNotify;
  /** POST a built notify `copies` times at once → the HTTP statuses (0 = no answer). */
  deliverNotify(url: string, notify: BuiltNotify, copies?: number): Promise<number[]>;
  calls: Record<string, number>;
  close(): Promise<void>;
}

const pair = (): KeyPair => generateKeyPairSync('rsa', { modulusLength: 2048 });
const PREPAY_TTL_MS = 2 * 3600_000;

export async function startWechatPayStandIn(opts: WechatPayStandInOptions = {}): Promise<WechatPayStandIn> {
  const mchid = opts.mchid ?? '1900000109';
  const appId = opts.appId ?? 'wx0000000000standin';
  const apiV3Key = opts.apiV3Key ?? randomBytes(16).toString('hex');
  const apiV2Key = opts.apiV2Key ?? randomBytes(16).toString('hex');
  const merchant = { ...pair(), serial: randomBytes(20).toString('hex').toUpperCase() };
  const platform = {
    certificate: { ...pair(), serial: randomBytes(20).toString('hex').toUpperCase() },
    publicKey: {
      ...pair(),
      id: `PUB_KEY_ID_0${mchid}${Date.now().toString().slice(-10)}${randomBytes(2).toString('hex')}`,
    },
  };
  const platformKeys = new Map<string, KeyObject>([
    [platform.certificate.serial, platform.certificate.publicKey],
    [platform.publicKey.id, platform.publicKey.publicKey],
  ]);
  let serialMode: SerialMode = opts.serialMode ?? 'public-key';
  const retryScale = opts.retryScale ?? 1;
  // Signs answers for failNext('badSignature'); made on first use (RSA key generation is slow).
  let rogue: KeyPair | null = null;
  const signingKey = () =>
    serialMode === 'certificate'
      ? { serial: platform.certificate.serial, privateKey: platform.certificate.privateKey }
      : { serial: platform.publicKey.id, privateKey: platform.publicKey.privateKey };
  const notifier = new Notifier({
    apiV3Key,
    signingKey,
    timeoutMs: opts.notifyTimeoutMs ?? 5_000,
    schedule: () => NOTIFY_RETRY_SCHEDULE_MS.map((ms) => Math.max(1, Math.round(ms * retryScale))),
  });

  const orders = new Map<string, StandInOrder>();
  const prepays = new Map<string, { outTradeNo: string; expiresAt: number }>();
  const refunds = new Map<string, StandInRefund>();
  const billOverrides = new Map<string, BillOverrides>();
  const billTokens = new Map<string, { text: string; gzip: boolean }>();
  const codes = new Map<string, { behaviour: PaymentCodeBehaviour; openid: string }>();
  const refundOutcomes: Array<Exclude<RefundStatus, 'PROCESSING'>> = [];
  const forced: Array<'http500' | 'timeout' | 'badSignature'> = [];
  const timers = new Set<NodeJS.Timeout>();
  const calls: Record<string, number> = {};
  const accessToken = `standin_${randomBytes(16).toString('hex')}`;
  const shipments: WechatPayStandIn['shipments'] = [];
  const shippingFailures: Array<{ errcode: number; errmsg: string }> = [];
  const reverseFailures: string[] = [];
  const reversals: string[] = [];
  let tradeManaged = true;
  let url = '';

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };

  function markPaid(o: StandInOrder): void {
    o.state = 'SUCCESS';
    o.successAt = new Date();
    o.transactionId = transactionId();
    o.confirmAt = null;
  }

  function pay(outTradeNo: string): WechatTransaction {
    const o = orders.get(outTradeNo);
    if (!o) throw new Error(`stand-in: no order ${outTradeNo}`);
    if (o.state !== 'NOTPAY') throw new Error(`stand-in: order ${outTradeNo} is ${o.state}`);
    if (Date.parse(o.timeExpire) < Date.now()) throw new Error(`stand-in: order ${outTradeNo} expired`);
    markPaid(o);
    const tx = transactionOf(o, mchid);
    if (o.tradeType === 'JSAPI')
      notifier.send(o.notifyUrl, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', o.outTradeNo, tx);
    return tx;
  }

  /** A micropay waiting for the payer completes once its confirm time has passed. */
  function settleUserPaying(o: StandInOrder | undefined): void {
    if (o && o.state === 'USERPAYING' && o.confirmAt !== null && Date.now() >= o.confirmAt) markPaid(o);
  }

  // ---- merchant authentication (§A7.1): 401 SIGN_ERROR like WeChat ----
  function authenticate(req: IncomingMessage, pathWithQuery: string, body: string): Reply | null {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) return ERR(401, 'SIGN_ERROR', 'Authorization 头缺失或格式错误');
    if (auth.mchid !== mchid) return ERR(401, 'SIGN_ERROR', '商户号与签名不匹配');
    if (auth.serial_no !== merchant.serial) return ERR(401, 'SIGN_ERROR', '商户证书序列号有误');
    if (Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > MAX_CLOCK_SKEW_SECONDS)
      return ERR(401, 'SIGN_ERROR', '请求时间戳已过期');
    const msg = requestMessage(req.method ?? 'GET', pathWithQuery, auth.timestamp, auth.nonce_str, body);
    if (!rsaVerify(msg, auth.signature, merchant.publicKey)) return ERR(401, 'SIGN_ERROR', '签名错误');
    return null;
  }

  function prepay(raw: string): Reply {
    const b = json(raw);
    const amount = b?.amount as { total?: unknown; currency?: unknown } | undefined;
    const openid = (b?.payer as { openid?: unknown } | undefined)?.openid;
    if (!b || typeof b.description !== 'string' || !b.description || [...b.description].length > 127)
      return ERR(400, 'PARAM_ERROR', 'description 格式错误');
    if (b.appid !== appId) return ERR(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (b.mchid !== mchid) return ERR(400, 'PARAM_ERROR', 'mchid 与请求头不一致');
    if (typeof b.out_trade_no !== 'string' || !OUT_NO.test(b.out_trade_no))
      return ERR(400, 'PARAM_ERROR', 'out_trade_no 格式错误');
    if (typeof b.notify_url !== 'string' || !/^https?:\/\/[^?#\s]+$/.test(b.notify_url))
      return ERR(400, 'PARAM_ERROR', 'notify_url 格式错误');
    if (!amount || !Number.isInteger(amount.total) || (amount.total as number) <= 0)
      return ERR(400, 'PARAM_ERROR', 'amount.total 必须为正整数（分）');
    if (typeof openid !== 'string' || !openid) return ERR(400, 'PARAM_ERROR', 'payer.openid 缺失');
    if (b.attach !== undefined && (typeof b.attach !== 'string' || [...b.attach].length > 128))
      return ERR(400, 'PARAM_ERROR', 'attach 过长');
    const timeExpire =
      typeof b.time_expire === 'string' ? b.time_expire : new Date(Date.now() + PREPAY_TTL_MS).toISOString();
    if (Number.isNaN(Date.parse(timeExpire))) return ERR(400, 'PARAM_ERROR', 'time_expire 格式错误');
    const fingerprint = JSON.stringify([b.description, b.attach ?? '', b.notify_url, amount.total, openid, timeExpire]);
    let o = orders.get(b.out_trade_no);
    if (o) {
      if (o.state === 'SUCCESS' || o.state === 'REFUND') return ERR(400, 'ORDERPAID', '该订单已支付');
      if (o.state === 'CLOSED') return ERR(400, 'ORDER_CLOSED', '订单已关闭');
      if (o.fingerprint !== fingerprint) return ERR(400, 'INVALID_REQUEST', '201 商户订单号重复');
    } else {
      o = {
        outTradeNo: b.out_trade_no,
        appid: appId,
        description: b.description,
        attach: (b.attach as string | undefined) ?? '',
        notifyUrl: b.notify_url,
        amountFen: amount.total as number,
        openid,
        timeExpire,
        fingerprint,
        tradeType: 'JSAPI',
        state: 'NOTPAY',
        transactionId: null,
        successAt: null,
        confirmAt: null,
        refundedFen: 0,
      };
      orders.set(o.outTradeNo, o);
    }
    const id = prepayId();
    prepays.set(id, { outTradeNo: o.outTradeNo, expiresAt: Date.now() + PREPAY_TTL_MS });
    return { status: 200, body: { prepay_id: id } };
  }

  function close(outTradeNo: string, raw: string): Reply {
    if (json(raw)?.mchid !== mchid) return ERR(400, 'PARAM_ERROR', 'mchid 缺失或不一致');
    const o = orders.get(outTradeNo);
    if (!o) return ERR(404, 'ORDER_NOT_EXIST', '订单不存在');
    settleUserPaying(o);
    if (o.state === 'SUCCESS' || o.state === 'REFUND') return ERR(400, 'ORDERPAID', '订单已支付');
    o.state = 'CLOSED';
    return { status: 204 };
  }

  function refund(raw: string): Reply {
    const b = json(raw);
    const amount = b?.amount as { refund?: unknown; total?: unknown } | undefined;
    if (!b || typeof b.out_refund_no !== 'string' || !OUT_NO.test(b.out_refund_no))
      return ERR(400, 'PARAM_ERROR', 'out_refund_no 格式错误');
    const o = typeof b.out_trade_no === 'string' ? orders.get(b.out_trade_no) : undefined;
    if (!o) return ERR(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const existing = refunds.get(b.out_refund_no);
    if (existing) return { status: 200, body: refundOf(existing, o) };
    if (!amount || !Number.isInteger(amount.refund) || (amount.refund as number) <= 0)
      return ERR(400, 'PARAM_ERROR', 'amount.refund 必须为正整数（分）');
    if (amount.total !== o.amountFen) return ERR(400, 'PARAM_ERROR', '订单金额与原订单不一致');
    if (o.state !== 'SUCCESS' && o.state !== 'REFUND') return ERR(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (o.refundedFen + (amount.refund as number) > o.amountFen)
      return ERR(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const r: StandInRefund = {
      refundId: refundId(),
      outRefundNo: b.out_refund_no,
      outTradeNo: o.outTradeNo,
      reason: String(b.reason ?? ''),
      notifyUrl: typeof b.notify_url === 'string' ? b.notify_url : o.notifyUrl,
      refundFen: amount.refund as number,
      totalFen: o.amountFen,
      status: 'PROCESSING',
      createdAt: new Date(),
      successAt: null,
    };
    refunds.set(r.outRefundNo, r);
    o.refundedFen += r.refundFen;
    const outcome = refundOutcomes.shift() ?? 'SUCCESS';
    later(opts.refundDelayMs ?? 20, () => {
      r.status = outcome;
      if (outcome === 'SUCCESS') {
        r.successAt = new Date();
        o.state = 'REFUND';
      } else {
        o.refundedFen -= r.refundFen;
      }
      notifier.send(
        r.notifyUrl,
        `REFUND.${outcome}`,
        outcome === 'SUCCESS' ? '退款成功' : '退款异常',
        'refund',
        r.outRefundNo,
        refundNoticeOf(r, o, mchid),
      );
    });
    return { status: 200, body: refundOf(r, o) };
  }

  function tradeBill(q: URLSearchParams): Reply {
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
      body: { hash_type: 'SHA1', hash_value: hash, download_url: `${url}/v3/billdownload/file?token=${token}` },
    };
  }

  function download(q: URLSearchParams): Reply {
    const file = billTokens.get(q.get('token') ?? '');
    if (!file) return ERR(400, 'PARAM_ERROR', 'token 无效');
    const raw = Buffer.from(file.text, 'utf8');
    return { status: 200, raw: file.gzip ? gzipSync(raw) : raw, contentType: 'application/octet-stream' };
  }

  const v2Ctx: V2Context = {
    appId,
    mchid,
    apiV2Key,
    orders,
    codes,
    userPayingMs: opts.userPayingMs ?? 3_000,
    markPaid,
    settleUserPaying,
    reverseFailures,
    reversals,
  };
  const shippingCtx: ShippingContext = {
    appId,
    mchid,
    accessToken,
    orders,
    shipments,
    shippingFailures,
    tradeManaged: () => tradeManaged,
  };
  const payerCtx: PayerContext = { appId, mchid, merchantPublicKey: merchant.publicKey, prepays, orders, pay };

  function route(req: IncomingMessage, raw: string): Reply {
    const u = new URL(req.url ?? '/', 'http://stand-in');
    const p = u.pathname;
    if (p.startsWith('/__standin/')) return handlePayer(payerCtx, req, u, raw);
    const key = p.replace(/\/out-trade-no\/[^/]+/, '/out-trade-no/{no}').replace(/\/refunds\/[^/]+$/, '/refunds/{no}');
    calls[key] = (calls[key] ?? 0) + 1;
    const f = forced[0];
    if (f && f !== 'badSignature') {
      forced.shift();
      if (f === 'timeout') return 'hold';
      return { status: 500, body: { code: 'SYSTEM_ERROR', message: '系统错误' } };
    }
    if (p === '/wxa/sec/order/upload_shipping_info' || p === '/wxa/sec/order/is_trade_managed') {
      return req.method === 'POST'
        ? handleShipping(shippingCtx, p, u, raw)
        : { status: 200, body: { errcode: 43002, errmsg: 'require POST method' } };
    }
    if (p === '/pay/micropay' || p === '/pay/orderquery' || p === '/secapi/pay/reverse')
      return req.method === 'POST' ? handleV2(v2Ctx, p, raw) : ERR(405, 'METHOD_NOT_ALLOWED', '');
    const denied = authenticate(req, `${p}${u.search}`, raw);
    if (denied) return denied;
    const m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(p);
    if (p === '/v3/pay/transactions/jsapi' && req.method === 'POST') return prepay(raw);
    if (m && m[2] && req.method === 'POST') return close(decodeURIComponent(m[1]!), raw);
    if (m && !m[2] && req.method === 'GET') {
      if (u.searchParams.get('mchid') !== mchid) return ERR(400, 'PARAM_ERROR', 'mchid 缺失或不一致');
      const o = orders.get(decodeURIComponent(m[1]!));
      settleUserPaying(o);
      return o ? { status: 200, body: transactionOf(o, mchid) } : ERR(404, 'ORDER_NOT_EXIST', '订单不存在');
    }
    if (p === '/v3/refund/domestic/refunds' && req.method === 'POST') return refund(raw);
    const r = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(p);
    if (r && req.method === 'GET') {
      const found = refunds.get(decodeURIComponent(r[1]!));
      return found
        ? { status: 200, body: refundOf(found, orders.get(found.outTradeNo)!) }
        : ERR(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    }
    if (p === '/v3/bill/tradebill' && req.method === 'GET') return tradeBill(u.searchParams);
    if (p === '/v3/billdownload/file' && req.method === 'GET') return download(u.searchParams);
    return ERR(404, 'NOT_FOUND', '无此接口');
  }

  function send(res: ServerResponse, reply: Exclude<Reply, 'hold'>, signed: boolean): void {
    const body =
      reply.raw ?? (reply.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body), 'utf8'));
    const headers: Record<string, string> = { ...reply.headers };
    if (body.length) headers['content-type'] = reply.contentType ?? 'application/json';
    if (signed) {
      const bad = forced[0] === 'badSignature' ? forced.shift() : undefined;
      const key = bad ? { serial: signingKey().serial, privateKey: (rogue ??= pair()).privateKey } : signingKey();
      Object.assign(headers, platformHeaders(body, key.serial, key.privateKey), {
        'request-id': randomBytes(12).toString('hex'),
      });
    }
    res.writeHead(reply.status, headers);
    res.end(body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      if (path.startsWith('/__standin/h5/')) {
        // The H5 demo calls this from the browser (another origin): demo-only, so any origin may.
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('access-control-allow-headers', 'content-type');
        if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      }
      let reply: Reply;
      try {
        reply = route(req, Buffer.concat(chunks).toString('utf8'));
      } catch {
        reply = { status: 500, body: { code: 'SYSTEM_ERROR', message: '系统错误' } };
      }
      if (reply === 'hold') return;
      // v3 answers are signed; the bill file, v2 XML and the stand-in's own pages are not (as on WeChat).
      send(res, reply, path.startsWith('/v3/') && path !== '/v3/billdownload/file');
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shownHost =
    addr.family === 'IPv6' ? `[${addr.address}]` : addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address;
  url = `http://${shownHost}:${addr.port}`;

  const overrides = (date: string) => {
    let o = billOverrides.get(date);
    if (!o) billOverrides.set(date, (o = { extra: [], drop: new Set(), amount: new Map() }));
    return o;
  };

  return {
    url,
    mchid,
    appId,
    apiV3Key,
    apiV2Key,
    merchant,
    platform,
    platformKeys,
    calls,
    get serialMode() {
      return serialMode;
    },
    setSerialMode(mode) {
      serialMode = mode;
    },
    clientConfig(o = {}) {
      return {
        mchid,
        appId,
        privateKey: merchant.privateKey,
        certSerial: merchant.serial,
        apiV3Key,
        platformKeys,
        apiV2Key,
        apiBase: url,
        notifyUrl: 'http://127.0.0.1:9/notify',
        refundNotifyUrl: 'http://127.0.0.1:9/refund-notify',
        shipping: { apiBase: url, withAccessToken: (fn) => fn(accessToken) },
        ...o,
      };
    },
    pay,
    order(outTradeNo) {
      const o = orders.get(outTradeNo);
      settleUserPaying(o);
      return o ? transactionOf(o, mchid) : null;
    },
    cashierUrl(params, redirect) {
      const q = new URLSearchParams({ ...params, ...(redirect ? { redirect } : {}) });
      return `${url}/__standin/cashier?${q.toString()}`;
    },
    notifyLog: notifier.log,
    notifiesSettled: () => notifier.idle(),
    bill: {
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
    },
    issuePaymentCode(behaviour = 'success', openid = 'o-standin-payer') {
      const code = `13${String(Date.now()).slice(-10)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
      codes.set(code, { behaviour, openid });
      return code;
    },
    accessToken,
    shipments,
    setTradeManaged(managed) {
      tradeManaged = managed;
    },
    failNextShipping(errcode, errmsg = '支付单处于不可发货的状态') {
      shippingFailures.push({ errcode, errmsg });
    },
    failNextReverse(errCode = 'SYSTEMERROR', times = 1) {
      for (let i = 0; i < times; i++) reverseFailures.push(errCode);
    },
    reversals,
    buildNotify(outTradeNo, o = {}) {
      const order = orders.get(outTradeNo);
      if (!order) throw new Error(`stand-in: no order ${outTradeNo}`);
      return buildNotify(signingKey(), apiV3Key, {
        resource: { ...transactionOf(order, mchid), ...o.resource },
        spoil: o.spoil,
      });
    },
    deliverNotify,
    nextRefundOutcome(status) {
      refundOutcomes.push(status);
    },
    failNext(kind, times = 1) {
      for (let i = 0; i < times; i++) forced.push(kind);
    },
    close() {
      notifier.stop();
      for (const t of timers) clearTimeout(t);
      return new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

export { beijingDate };
