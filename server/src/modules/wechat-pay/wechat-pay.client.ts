import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { nonce, paySignMessage, rsaSign, unixSeconds, type HeaderBag } from './wechat-pay.crypto';
import { MicropayV2 } from './micropay-v2';
import { isTradeManaged, uploadShipping, type ShippingReply } from './shipping';
import { rfc3339Shanghai } from './time';
import { emptyBill, parseTradeBill } from './trade-bill';
import { verifyNotify } from './wechat-pay.notify';
import { noopLogger, WechatPayError, WechatPayTransport, parseObject, type Answer } from './wechat-pay.transport';
import type {
  MicropayInput,
  MicropayResult,
  NotifyVerification,
  PrepayJsapiInput,
  RefundInput,
  RequestPaymentParams,
  ReverseResult,
  ShippingChannel,
  ShippingResult,
  TradeBill,
  UploadShippingInput,
  WechatRefund,
  WechatTransaction,
} from './wechat-pay.types';

export { WechatPayError };

const PATH_TRADE_MANAGED = '/wxa/sec/order/is_trade_managed';

/**
 * The WeChat Pay APIv3 layer (docs wechat.md §A7, docs/wechat-pay.md). Every request is signed with the merchant
 * key; every 2xx answer must carry a valid platform signature. Logs carry paths, statuses and WeChat codes only:
 * no openid, amount, out_trade_no or key material.
 */
export class WechatPayClient extends WechatPayTransport {
  /** A client for WECHATPAY_MODE=off: `enabled` is false and every call answers misconfigured/NOT_CONFIGURED. */
  static disabled(): WechatPayClient {
    const c = Object.create(WechatPayClient.prototype) as WechatPayClient;
    Object.assign(c, { enabled: false, config: null, logger: noopLogger, apiBase: '', timeoutMs: 0 });
    return c;
  }

  get mchid(): string {
    return this.config?.mchid ?? '';
  }

  get appId(): string {
    return this.config?.appId ?? '';
  }

  /** JSAPI/mini-program prepay (§A7.1). Same parameters again → a fresh prepay_id for the same order. */
  async prepayJsapi(input: PrepayJsapiInput): Promise<{ prepayId: string }> {
    this.assertEnabled();
    const body = {
      appid: this.config.appId,
      mchid: this.config.mchid,
      description: input.description,
      out_trade_no: input.outTradeNo,
      time_expire: rfc3339Shanghai(input.timeExpire),
      ...(input.attach ? { attach: input.attach } : {}),
      notify_url: input.notifyUrl ?? this.config.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
      payer: { openid: input.payerOpenid },
    };
    const a = await this.call('POST', '/v3/pay/transactions/jsapi', body);
    const prepayId = a.json?.prepay_id;
    if (typeof prepayId !== 'string' || !prepayId) throw this.malformed('/v3/pay/transactions/jsapi');
    return { prepayId };
  }

  /** The mini-program's requestPayment parameters with paySign (§A7.2). Pure: no network. */
  payParams(prepayId: string, opts: { timeStamp?: string; nonceStr?: string } = {}): RequestPaymentParams {
    this.assertEnabled();
    const timeStamp = opts.timeStamp ?? unixSeconds();
    const nonceStr = opts.nonceStr ?? nonce();
    const pkg = `prepay_id=${prepayId}`;
    const paySign = rsaSign(paySignMessage(this.config.appId, timeStamp, nonceStr, pkg), this.config.privateKey);
    return { appId: this.config.appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  /**
   * Verifies a payment or refund notify on its RAW body (§A7.3) and decrypts the resource. Pure: no network.
   * Business checks (mchid/appid/amount/order/state) remain the caller's.
   */
  verifyNotify(headers: HeaderBag, rawBody: Buffer | string, nowSeconds = Date.now() / 1000): NotifyVerification {
    if (!this.enabled) return { ok: false, reason: 'unknown-serial' };
    return verifyNotify(this.config, headers, rawBody, nowSeconds);
  }

  /** Order query by out_trade_no (§A7.4); null when WeChat has no such order. */
  async queryByOutTradeNo(outTradeNo: string): Promise<WechatTransaction | null> {
    this.assertEnabled();
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.config.mchid)}`;
    const a = await this.call('GET', path, undefined, {
      notFoundIsNull: true,
      logPath: '/v3/pay/transactions/out-trade-no/{no}',
    });
    if (a.status === 404) return null;
    if (!a.json || typeof a.json.trade_state !== 'string')
      throw this.malformed('/v3/pay/transactions/out-trade-no/{no}');
    return a.json as unknown as WechatTransaction;
  }

  /** Close an unpaid order (§A7.4) → 204. A paid order answers rejected/ORDERPAID. */
  async close(outTradeNo: string): Promise<void> {
    this.assertEnabled();
    await this.call(
      'POST',
      `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`,
      { mchid: this.config.mchid },
      {
        logPath: '/v3/pay/transactions/out-trade-no/{no}/close',
      },
    );
  }

  /** Domestic refund (§A7.4). The same out_refund_no again returns the same refund. */
  async refund(input: RefundInput): Promise<WechatRefund> {
    this.assertEnabled();
    const body = {
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      ...(input.reason ? { reason: input.reason } : {}),
      notify_url: input.notifyUrl ?? this.config.refundNotifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    };
    const a = await this.call('POST', '/v3/refund/domestic/refunds', body);
    if (!a.json || typeof a.json.status !== 'string') throw this.malformed('/v3/refund/domestic/refunds');
    return a.json as unknown as WechatRefund;
  }

  /** Refund query by out_refund_no; null when WeChat has no such refund. */
  async queryRefund(outRefundNo: string): Promise<WechatRefund | null> {
    const a = await this.call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`, undefined, {
      notFoundIsNull: true,
      logPath: '/v3/refund/domestic/refunds/{no}',
    });
    if (a.status === 404) return null;
    if (!a.json || typeof a.json.status !== 'string') throw this.malformed('/v3/refund/domestic/refunds/{no}');
    return a.json as unknown as WechatRefund;
  }

  /**
   * The ALL trade bill of one day (YYYY-MM-DD, Beijing time; T+1): tradebill → download_url → text (gzip), checked
   * against hash_value, parsed into fen rows. A day without trades (NO_STATEMENT_EXIST) is an empty bill.
   */
  async downloadTradeBill(date: string): Promise<TradeBill> {
    this.assertEnabled();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new WechatPayError('rejected', 'PARAM_ERROR', 'bill date must be YYYY-MM-DD', 400);
    let a: Answer;
    try {
      a = await this.call('GET', `/v3/bill/tradebill?bill_date=${date}&bill_type=ALL&tar_type=GZIP`, undefined, {
        logPath: '/v3/bill/tradebill',
      });
    } catch (e) {
      if (e instanceof WechatPayError && e.code === 'NO_STATEMENT_EXIST') return emptyBill(date);
      throw e;
    }
    const url = a.json?.download_url;
    const hash = a.json?.hash_value;
    if (typeof url !== 'string' || typeof hash !== 'string') throw this.malformed('/v3/bill/tradebill');
    const u = new URL(url);
    // The download is signed like any request; its answer is a file, checked by hash instead of a signature.
    const bytes = await this.fetchRaw(
      'GET',
      `${this.apiBase}${u.pathname}${u.search}`,
      `${u.pathname}${u.search}`,
      undefined,
      '/v3/billdownload/file',
    );
    const plain = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    const actual = createHash(String(a.json?.hash_type ?? 'SHA1').toLowerCase() === 'sha1' ? 'sha1' : 'sha256')
      .update(plain)
      .digest('hex');
    if (actual.toLowerCase() !== hash.toLowerCase()) {
      this.logger.warn({ path: '/v3/billdownload/file', reason: 'hash-mismatch' }, 'wechat pay bill rejected');
      throw new WechatPayError('unavailable', 'HASH_MISMATCH', 'trade bill hash does not match', 502);
    }
    try {
      return parseTradeBill(date, plain.toString('utf8'));
    } catch {
      throw this.malformed('/v3/billdownload/file');
    }
  }

  /** 付款码 payment via APIv2 `POST /pay/micropay` (micropay-v2.ts). USERPAYING → poll queryMicropay. */
  async micropay(input: MicropayInput): Promise<MicropayResult> {
    this.assertEnabled();
    return this.v2().micropay(input);
  }

  /** APIv2 `POST /pay/orderquery` for a micropay order: SUCCESS, USERPAYING (still waiting) or FAILED. */
  async queryMicropay(outTradeNo: string): Promise<MicropayResult> {
    this.assertEnabled();
    return this.v2().query(outTradeNo);
  }

  /**
   * APIv2 撤销 `POST /secapi/pay/reverse` of a 付款码 order whose outcome the desk could not record: closes it, or
   * refunds the payer if they paid meanwhile. RETRY (recall=Y) → call again after a pause.
   */
  async reverseMicropay(outTradeNo: string): Promise<ReverseResult> {
    this.assertEnabled();
    return this.v2().reverse(outTradeNo);
  }

  /**
   * 发货信息管理 upload for a paid order (§A7.4), as virtual goods unless told otherwise. errcode answers (e.g.
   * 10060004 支付单处于不可发货的状态) come back as { ok: false } for the caller to record and retry or escalate.
   */
  async uploadShipping(input: UploadShippingInput): Promise<ShippingResult> {
    return uploadShipping(
      (c, path, body) => this.wxaPost(c, path, body),
      this.shippingChannel(),
      this.config.mchid,
      input,
    );
  }

  /** Whether this mini-program is trade-managed (only then must shipping info be uploaded). */
  async isTradeManaged(): Promise<boolean> {
    try {
      return await isTradeManaged(
        (c, path, body) => this.wxaPost(c, path, body),
        this.shippingChannel(),
        this.config.appId,
      );
    } catch (e) {
      if (e instanceof WechatPayError) throw e;
      throw this.failed(
        PATH_TRADE_MANAGED,
        200,
        String((e as { errcode?: number }).errcode ?? 'UNKNOWN'),
        (e as Error).message,
      );
    }
  }

  private shippingChannel(): ShippingChannel {
    this.assertEnabled();
    if (!this.config.shipping) {
      throw new WechatPayError(
        'misconfigured',
        'NO_SHIPPING_CHANNEL',
        'shipping upload needs the mini-program app (WECHAT_APP_ID / WECHAT_APP_SECRET)',
        500,
      );
    }
    return this.config.shipping;
  }

  /** POST to a mini-program API with access_token; the token never reaches a log (only `path` does). */
  private wxaPost(channel: ShippingChannel, path: string, body: object): Promise<ShippingReply> {
    return channel.withAccessToken(async (token) => {
      const url = `${channel.apiBase.replace(/\/+$/, '')}${path}?access_token=${encodeURIComponent(token)}`;
      const res = await this.send('POST', url, { 'content-type': 'application/json' }, JSON.stringify(body), path);
      if (res.status < 200 || res.status >= 300) throw this.failed(path, res.status, 'HTTP_ERROR');
      const json = parseObject(res.text);
      if (!json) throw this.malformed(path);
      return json as ShippingReply;
    });
  }

  private v2(): MicropayV2 {
    return new MicropayV2({
      config: this.config,
      logger: this.logger,
      timeoutMs: this.timeoutMs,
      send: (url, headers, body, logPath) => this.send('POST', url, headers, body, logPath),
      error: (kind, code, message, status) => new WechatPayError(kind, code, message, status),
    });
  }
}
