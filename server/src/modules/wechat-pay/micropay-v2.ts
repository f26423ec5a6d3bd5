import { request as httpsRequest } from 'node:https';
import { nonce, parseXml, toXml, v2Sign } from './wechat-pay.crypto';
import type {
  MicropayInput,
  MicropayResult,
  ReverseResult,
  WechatPayClientConfig,
  WechatPayLogger,
} from './wechat-pay.types';

export interface V2Answer {
  status: number;
  text: string;
}

/** What the v2 calls borrow from WechatPayClient: its plain sender and its error mapping. */
export interface V2Transport {
  config: WechatPayClientConfig;
  logger: WechatPayLogger;
  timeoutMs: number;
  send(url: string, headers: Record<string, string>, body: string, logPath: string): Promise<V2Answer>;
  error(kind: 'unavailable' | 'rejected' | 'misconfigured', code: string, message: string, status: number): Error;
}

export const PATH_REVERSE = '/secapi/pay/reverse';

/**
 * 付款码 through APIv2 (XML, HMAC-SHA256 with the APIv2 key): wechat.md does not cover micropay and the APIv3 付款码
 * API could not be checked here (docs/wechat-pay.md "Micropay"). Answers whose sign does not verify count as none.
 */
export class MicropayV2 {
  constructor(private readonly t: V2Transport) {}

  async micropay(input: MicropayInput): Promise<MicropayResult> {
    const fields = this.fields({
      body: input.description,
      out_trade_no: input.outTradeNo,
      total_fee: String(input.amountFen),
      fee_type: 'CNY',
      spbill_create_ip: input.clientIp,
      auth_code: input.authCode,
      attach: input.attach,
    });
    const reply = await this.call('/pay/micropay', fields);
    if (reply.result_code === 'SUCCESS') return success(reply);
    const code = reply.err_code ?? 'UNKNOWN';
    if (code === 'USERPAYING') return { state: 'USERPAYING' };
    const message = reply.err_code_des ?? code;
    if (code === 'SYSTEMERROR' || code === 'BANKERROR') return { state: 'UNKNOWN', code, message };
    return { state: 'FAILED', code, message };
  }

  async query(outTradeNo: string): Promise<MicropayResult> {
    const reply = await this.call('/pay/orderquery', this.fields({ out_trade_no: outTradeNo }));
    if (reply.result_code !== 'SUCCESS') {
      const code = reply.err_code ?? 'UNKNOWN';
      return code === 'ORDERNOTEXIST'
        ? { state: 'FAILED', code, message: reply.err_code_des ?? code }
        : { state: 'UNKNOWN', code, message: reply.err_code_des ?? code };
    }
    if (reply.trade_state === 'SUCCESS') return success(reply);
    if (reply.trade_state === 'USERPAYING') return { state: 'USERPAYING' };
    return { state: 'FAILED', code: reply.trade_state ?? 'PAYERROR', message: reply.trade_state_desc ?? '支付失败' };
  }

  /**
   * 撤销 `POST /secapi/pay/reverse`: closes an unpaid order, and gives the money back if the payer did pay. One call;
   * `RETRY` (recall=Y or SYSTEMERROR) means call again. Over https it needs the merchant certificate (mutual TLS).
   */
  async reverse(outTradeNo: string): Promise<ReverseResult> {
    const reply = await this.call(PATH_REVERSE, this.fields({ out_trade_no: outTradeNo }), true);
    if (reply.result_code === 'SUCCESS' && reply.recall !== 'Y') return { state: 'REVERSED' };
    const code = reply.err_code ?? 'UNKNOWN';
    const message = reply.err_code_des ?? code;
    if (reply.recall === 'Y' || code === 'SYSTEMERROR') return { state: 'RETRY', code, message };
    if (code === 'ORDERNOTEXIST') return { state: 'ABSENT', code, message };
    return { state: 'FAILED', code, message };
  }

  private fields(extra: Record<string, string | undefined>): Record<string, string | undefined> {
    const c = this.t.config;
    if (!c.apiV2Key)
      throw this.t.error('misconfigured', 'NO_API_V2_KEY', 'WECHATPAY_API_V2_KEY is not configured', 500);
    const fields: Record<string, string | undefined> = {
      appid: c.appId,
      mch_id: c.mchid,
      nonce_str: nonce(),
      sign_type: 'HMAC-SHA256',
      ...extra,
    };
    fields.sign = v2Sign(fields, c.apiV2Key);
    return fields;
  }

  private async call(
    path: string,
    fields: Record<string, string | undefined>,
    mutualTls = false,
  ): Promise<Record<string, string>> {
    const url = `${this.t.config.apiBase.replace(/\/+$/, '')}${path}`;
    const headers = { 'content-type': 'text/xml; charset=utf-8' };
    const body = toXml(fields);
    const { status, text } =
      mutualTls && url.startsWith('https:')
        ? await this.sendTls(url, headers, body, path)
        : await this.t.send(url, headers, body, path);
    if (status < 200 || status >= 300) {
      this.t.logger.warn({ path, status }, 'wechat pay v2 request refused');
      throw this.t.error('unavailable', 'HTTP_ERROR', 'HTTP_ERROR', status);
    }
    const reply = parseXml(text);
    if (!reply) throw this.t.error('unavailable', 'MALFORMED', 'malformed answer', 502);
    if (reply.return_code !== 'SUCCESS') {
      this.t.logger.warn({ path, wechatPayCode: 'return_code FAIL' }, 'wechat pay v2 refused the request');
      throw this.t.error('misconfigured', 'RETURN_FAIL', reply.return_msg ?? 'return_code FAIL', status);
    }
    // An answer whose signature is wrong is not from WeChat: treat like no answer at all.
    if (!reply.sign || reply.sign !== v2Sign(reply, this.t.config.apiV2Key!)) {
      this.t.logger.warn({ path, reason: 'bad-signature' }, 'wechat pay v2 answer rejected');
      throw this.t.error('unavailable', 'BAD_SIGNATURE', 'answer signature does not verify', 502);
    }
    return reply;
  }

  /** The /secapi/ calls present the merchant API certificate (apiclient_cert.pem) with its key. */
  private sendTls(url: string, headers: Record<string, string>, body: string, path: string): Promise<V2Answer> {
    const c = this.t.config;
    if (!c.clientCertPem)
      throw this.t.error('misconfigured', 'NO_CLIENT_CERT', 'WECHATPAY_CLIENT_CERT is not configured', 500);
    const key = c.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    return new Promise<V2Answer>((resolve, reject) => {
      const req = httpsRequest(
        url,
        { method: 'POST', headers, cert: c.clientCertPem!, key, timeout: this.t.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', () => reject(this.t.error('unavailable', 'NETWORK', 'wechat pay network', 503)));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => {
        this.t.logger.warn({ path, reason: 'network', error: e.name }, 'wechat pay request failed');
        reject(this.t.error('unavailable', 'NETWORK', 'wechat pay network', 503));
      });
      req.end(body);
    });
  }
}

function success(reply: Record<string, string>): MicropayResult {
  return {
    state: 'SUCCESS',
    transactionId: reply.transaction_id ?? '',
    openid: reply.openid ?? '',
    amountFen: Number(reply.total_fee),
    successTime: reply.time_end ?? '',
  };
}
