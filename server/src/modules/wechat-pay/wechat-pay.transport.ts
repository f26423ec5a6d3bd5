import { signRequest, verifyPlatformSignature } from './wechat-pay.crypto';
import type { WechatPayClientConfig, WechatPayLogger } from './wechat-pay.types';

/**
 * Why a call failed. `unavailable`: network, timeout, 5xx or an answer whose signature does not verify — safe to
 * query and retry later. `rejected`: WeChat refused the request (`code` is its error code, e.g. ORDERPAID,
 * ORDER_CLOSED, NOT_ENOUGH, INVALID_REQUEST). `misconfigured`: our keys/serial/mchid are wrong (401 SIGN_ERROR …).
 */
export class WechatPayError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'rejected' | 'misconfigured',
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'WechatPayError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MISCONFIGURED_CODES = new Set(['SIGN_ERROR', 'APPID_MCHID_NOT_MATCH', 'MCH_NOT_EXISTS', 'NO_AUTH']);
const NOT_FOUND_CODES = new Set(['ORDER_NOT_EXIST', 'ORDERNOTEXIST', 'RESOURCE_NOT_EXISTS', 'NOT_FOUND']);
export const noopLogger: WechatPayLogger = { warn: () => undefined };

export interface Answer {
  status: number;
  json: Record<string, unknown> | null;
}

/**
 * The signed-HTTP layer under WechatPayClient: signs every v3 request with the merchant key, checks the platform
 * signature of every answer acted on, maps failures to WechatPayError and logs paths, statuses and codes only.
 */
export abstract class WechatPayTransport {
  protected readonly apiBase: string;
  protected readonly timeoutMs: number;

  constructor(
    protected readonly config: WechatPayClientConfig,
    protected readonly logger: WechatPayLogger = noopLogger,
  ) {
    this.apiBase = config.apiBase.replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** False when WeChat Pay is not configured (WECHATPAY_MODE=off): offer no WeChat payment then. */
  readonly enabled: boolean = true;

  protected assertEnabled(): void {
    if (!this.enabled)
      throw new WechatPayError(
        'misconfigured',
        'NOT_CONFIGURED',
        'WeChat Pay is not configured (WECHATPAY_MODE=off)',
        500,
      );
  }

  /** One signed v3 JSON call; verifies the answer's platform signature on 2xx and maps errors. */
  protected async call(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body?: unknown,
    opts: { notFoundIsNull?: boolean; logPath?: string } = {},
  ): Promise<Answer> {
    this.assertEnabled();
    const logPath = opts.logPath ?? pathWithQuery.split('?')[0]!;
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: signRequest({
        method,
        pathWithQuery,
        body: text,
        mchid: this.config.mchid,
        serialNo: this.config.certSerial,
        privateKey: this.config.privateKey,
      }),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.send(
      method,
      `${this.apiBase}${pathWithQuery}`,
      headers,
      body === undefined ? undefined : text,
      logPath,
    );
    const ok = res.status >= 200 && res.status < 300;
    const err = ok ? null : parseObject(res.text);
    const code = typeof err?.code === 'string' ? err.code : 'HTTP_ERROR';
    const notFound = res.status === 404 && opts.notFoundIsNull === true && NOT_FOUND_CODES.has(code);
    // Answers we act on (2xx, and a 404 that becomes "no such order") must carry a valid platform signature.
    if (ok || notFound) {
      const check = verifyPlatformSignature(res.headers, res.raw, this.config.platformKeys);
      if (check !== 'ok') {
        this.logger.warn({ path: logPath, reason: check }, 'wechat pay answer signature rejected');
        throw new WechatPayError('unavailable', 'BAD_SIGNATURE', `answer signature: ${check}`, 502);
      }
    }
    if (notFound) return { status: 404, json: err };
    if (ok) {
      if (res.text === '') return { status: res.status, json: null };
      const json = parseObject(res.text);
      if (!json) throw this.malformed(logPath);
      return { status: res.status, json };
    }
    throw this.failed(logPath, res.status, code, typeof err?.message === 'string' ? err.message : undefined);
  }

  protected async fetchRaw(
    method: string,
    url: string,
    pathWithQuery: string,
    body: string | undefined,
    logPath: string,
  ): Promise<Buffer> {
    const authorization = signRequest({
      method,
      pathWithQuery,
      body: body ?? '',
      mchid: this.config.mchid,
      serialNo: this.config.certSerial,
      privateKey: this.config.privateKey,
    });
    const res = await this.send(method, url, { authorization }, body, logPath);
    if (res.status < 200 || res.status >= 300) {
      const err = parseObject(res.text);
      throw this.failed(logPath, res.status, typeof err?.code === 'string' ? err.code : 'HTTP_ERROR');
    }
    return res.raw;
  }

  protected async send(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    logPath: string,
  ) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await fetch(url, { method, headers, body, signal: controller.signal });
      const raw = Buffer.from(await res.arrayBuffer());
      const resHeaders: Record<string, string> = {};
      res.headers.forEach((v, k) => (resHeaders[k] = v));
      return { status: res.status, headers: resHeaders, raw, text: raw.toString('utf8') };
    } catch (err) {
      const reason = controller.signal.aborted ? 'timeout' : 'network';
      // The error message can embed the URL (with out_trade_no): log its class only.
      this.logger.warn({ path: logPath, reason, error: (err as Error)?.name }, 'wechat pay request failed');
      throw new WechatPayError('unavailable', reason.toUpperCase(), `wechat pay ${reason}`, 503);
    } finally {
      clearTimeout(timer);
    }
  }

  protected failed(path: string, status: number, code: string, message?: string): WechatPayError {
    const kind =
      status >= 500 || code === 'HTTP_ERROR'
        ? 'unavailable'
        : status === 401 || MISCONFIGURED_CODES.has(code)
          ? 'misconfigured'
          : 'rejected';
    this.logger.warn({ path, status, wechatPayCode: code }, 'wechat pay request refused');
    return new WechatPayError(kind, code, message ?? code, status);
  }

  protected malformed(path: string): WechatPayError {
    this.logger.warn({ path, reason: 'malformed' }, 'wechat pay answer malformed');
    return new WechatPayError('unavailable', 'MALFORMED', 'malformed answer', 502);
  }
}

export function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
