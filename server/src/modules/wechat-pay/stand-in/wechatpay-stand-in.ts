import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RefundStatus, WechatTransaction } from '../wechat-pay.types';
import { billControls, download, tradeBill, type BillsContext } from './bills';
import { ERR, type Reply } from './http';
import { authenticate, writeReply } from './signing';
import { buildNotify, deliverNotify, type BuiltNotify, type NotifySpoil } from './notify-lab';
import { handlePayer, type PayerContext } from './payer';
import { queryRefund, refund, type RefundsContext } from './refunds';
import { handleShipping, type ShippingContext } from './shipping-api';
import type { KeyPair, SerialMode, WechatPayStandIn, WechatPayStandInOptions } from './stand-in-api';
import { close, prepay, queryOrder, type TransactionsContext } from './transactions';
import { handleV2, type PaymentCodeBehaviour, type V2Context } from './v2-micropay';
import { NOTIFY_RETRY_SCHEDULE_MS, Notifier } from './notifier';
import {
  beijingDate,
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
export type { BuiltNotify, NotifySpoil, PaymentCodeBehaviour };
export type { SerialMode, WechatPayStandIn, WechatPayStandInOptions } from './stand-in-api';

const pair = (): KeyPair => generateKeyPairSync('rsa', { modulusLength: 2048 });

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
  const forced: Array<{ kind: 'http500' | 'timeout' | 'badSignature'; path?: string }> = [];
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
  const txCtx: TransactionsContext = { appId, mchid, orders, prepays, settleUserPaying };
  const refundsCtx: RefundsContext = {
    mchid,
    orders,
    refunds,
    refundOutcomes,
    refundDelayMs: opts.refundDelayMs ?? 20,
    later,
    notifier,
  };
  const billsCtx: BillsContext = { appId, mchid, orders, refunds, billOverrides, billTokens, url: () => url };

  function route(req: IncomingMessage, raw: string): Reply {
    const u = new URL(req.url ?? '/', 'http://stand-in');
    const p = u.pathname;
    if (p.startsWith('/__standin/')) return handlePayer(payerCtx, req, u, raw);
    const key = p.replace(/\/out-trade-no\/[^/]+/, '/out-trade-no/{no}').replace(/\/refunds\/[^/]+$/, '/refunds/{no}');
    calls[key] = (calls[key] ?? 0) + 1;
    const f = forced[0];
    if (f && f.kind !== 'badSignature' && (!f.path || f.path === p)) {
      forced.shift();
      if (f.kind === 'timeout') return 'hold';
      return { status: 500, body: { code: 'SYSTEM_ERROR', message: '系统错误' } };
    }
    if (p === '/wxa/sec/order/upload_shipping_info' || p === '/wxa/sec/order/is_trade_managed') {
      return req.method === 'POST'
        ? handleShipping(shippingCtx, p, u, raw)
        : { status: 200, body: { errcode: 43002, errmsg: 'require POST method' } };
    }
    if (p === '/pay/micropay' || p === '/pay/orderquery' || p === '/secapi/pay/reverse')
      return req.method === 'POST' ? handleV2(v2Ctx, p, raw) : ERR(405, 'METHOD_NOT_ALLOWED', '');
    const denied = authenticate({ ...merchant, mchid }, req, `${p}${u.search}`, raw);
    if (denied) return denied;
    const m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(p);
    if (p === '/v3/pay/transactions/jsapi' && req.method === 'POST') return prepay(txCtx, raw);
    if (m && m[2] && req.method === 'POST') return close(txCtx, decodeURIComponent(m[1]!), raw);
    if (m && !m[2] && req.method === 'GET') return queryOrder(txCtx, decodeURIComponent(m[1]!), u.searchParams);
    if (p === '/v3/refund/domestic/refunds' && req.method === 'POST') return refund(refundsCtx, raw);
    const r = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(p);
    if (r && req.method === 'GET') return queryRefund(refundsCtx, decodeURIComponent(r[1]!));
    if (p === '/v3/bill/tradebill' && req.method === 'GET') return tradeBill(billsCtx, u.searchParams);
    if (p === '/v3/billdownload/file' && req.method === 'GET') return download(billsCtx, u.searchParams);
    return ERR(404, 'NOT_FOUND', '无此接口');
  }

  /** The key answers are signed with: the platform key in force, or once per failNext('badSignature') a rogue one. */
  function answerKey(): { serial: string; privateKey: KeyObject } {
    const bad = forced[0]?.kind === 'badSignature' ? forced.shift() : undefined;
    return bad ? { serial: signingKey().serial, privateKey: (rogue ??= pair()).privateKey } : signingKey();
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
      writeReply(res, reply, path.startsWith('/v3/') && path !== '/v3/billdownload/file' ? answerKey() : null);
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
    bill: billControls(billsCtx),
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
    failNext(kind, times = 1, path) {
      for (let i = 0; i < times; i++) forced.push({ kind, path });
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
