import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@app/shared';
import { DomainException } from '../../common/domain.exception';

/** Contract: docs wechat.md A1 (jscode2session) and A2 (stable_token). */
export interface WechatAuthConfig {
  appId: string;
  appSecret: string;
  /** e.g. https://api.weixin.qq.com, or a local stand-in http://127.0.0.1:PORT */
  apiBase: string;
  timeoutMs?: number;
}

export interface WechatSession {
  openid: string;
  unionid: string | null;
}

export interface WechatAuthLogger {
  warn(obj: object, msg: string): void;
}

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

interface CachedToken {
  token: string;
  /** epoch ms after which we stop trusting the token */
  refreshAt: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
/** Refresh this long before WeChat's expiry so in-flight business calls don't race the deadline. */
const TOKEN_EXPIRY_MARGIN_S = 300;
/** Waits before retry #1 and #2 after errcode -1 (system busy). */
const BUSY_BACKOFF_MS = [100, 300];
/** Business-API errcodes that mean "your access_token is stale", per wechat.md A2. */
const STALE_TOKEN_ERRCODES = new Set([40001, 42001]);
/** Errcodes that can only be fixed by an operator (bad appid/secret, wrong params, IP whitelist). */
const CONFIG_ERRCODES = new Set([40002, 40013, 40125, 40164, 41002, 41004, 41008, 43001, 43002, 47001]);

const PATH_CODE2SESSION = '/sns/jscode2session';
const PATH_STABLE_TOKEN = '/cgi-bin/stable_token';

const MSG = {
  codeInvalid: '登录凭证无效或已过期，请重新登录',
  rateLimited: '微信登录过于频繁，请稍后再试',
  restricted: '该微信账号存在安全风险，已被微信限制登录',
  unavailable: '微信服务暂时不可用，请稍后再试',
  misconfigured: '微信服务配置错误，请联系管理员',
} as const;

const noopLogger: WechatAuthLogger = { warn: () => undefined };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Server-side WeChat auth calls. Holds no per-user state: session_key is dropped on the floor
 * because our phone-number flow doesn't need it (wechat.md A1) and keeping it widens the blast radius.
 */
export class WechatAuthClient {
  private readonly apiBase: string;
  private readonly timeoutMs: number;
  private cached: CachedToken | null = null;
  /** Orders token fetches so a slow normal fetch can't overwrite the result of a later force refresh. */
  private fetchSeq = 0;
  private cachedSeq = 0;
  /** Single-flight slot; `force` tells whether the request will mint a new token. */
  private inflight: { promise: Promise<string>; force: boolean } | null = null;

  constructor(
    private readonly config: WechatAuthConfig,
    private readonly logger: WechatAuthLogger = noopLogger,
  ) {
    this.apiBase = config.apiBase.replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async code2Session(code: string): Promise<WechatSession> {
    // An empty code is the caller's fault, not a config bug; WeChat would answer 41008 → 500.
    if (typeof code !== 'string' || code.trim() === '') {
      throw new DomainException(ErrorCode.WechatCodeInvalid, MSG.codeInvalid, HttpStatus.UNAUTHORIZED);
    }
    const query = new URLSearchParams({
      appid: this.config.appId,
      secret: this.config.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    // Only -1 is retried: after a timeout the code may already be consumed, and a retry would
    // turn an outage into a misleading "code invalid".
    for (let attempt = 0; ; attempt++) {
      const reply = await this.request(PATH_CODE2SESSION, `${PATH_CODE2SESSION}?${query.toString()}`, {
        method: 'GET',
      });
      if (reply.errcode === -1 && attempt < BUSY_BACKOFF_MS.length) {
        await sleep(BUSY_BACKOFF_MS[attempt]!);
        continue;
      }
      this.throwOnError(PATH_CODE2SESSION, reply);
      if (typeof reply.openid !== 'string' || reply.openid === '') {
        this.logger.warn({ path: PATH_CODE2SESSION, reason: 'missing openid' }, 'wechat reply malformed');
        throw unavailable();
      }
      const unionid = typeof reply.unionid === 'string' && reply.unionid !== '' ? reply.unionid : null;
      return { openid: reply.openid, unionid };
    }
  }

  getStableAccessToken(opts: { forceRefresh?: boolean } = {}): Promise<string> {
    const force = opts.forceRefresh === true;
    if (!force) {
      if (this.inflight) return this.inflight.promise;
      if (this.cached && Date.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    } else if (this.inflight?.force) {
      return this.inflight.promise;
    }
    // A pending normal fetch may return the token we want to get rid of, so a force request
    // takes over the slot instead of joining it; earlier waiters keep their own promise.
    const promise = this.fetchStableToken(force).finally(() => {
      if (this.inflight?.promise === promise) this.inflight = null;
    });
    this.inflight = { promise, force };
    return promise;
  }

  /** Calls a business API that needs access_token; on 40001/42001 force-refreshes once and retries. */
  async callWithAccessToken<T>(fn: (token: string) => Promise<T & { errcode?: number }>): Promise<T> {
    const token = await this.getStableAccessToken();
    const first = await fn(token);
    if (!isStale(first)) return first;

    const fresh = await this.refreshStale(token);
    const second = await fn(fresh);
    if (isStale(second)) {
      // A token minted a moment ago being rejected means something beyond staleness is wrong.
      this.logger.warn({ errcode: second.errcode, path: 'access_token retry' }, 'wechat rejected fresh token');
      throw unavailable(second.errcode);
    }
    return second;
  }

  /**
   * Force-refresh unless a concurrent caller already replaced `stale`; avoids N failing callers
   * minting N tokens and invalidating each other's.
   */
  private refreshStale(stale: string): Promise<string> {
    if (this.cached && this.cached.token !== stale && Date.now() < this.cached.refreshAt) {
      return Promise.resolve(this.cached.token);
    }
    return this.getStableAccessToken({ forceRefresh: true });
  }

  private async fetchStableToken(force: boolean): Promise<string> {
    const seq = ++this.fetchSeq;
    const reply = await this.request(PATH_STABLE_TOKEN, PATH_STABLE_TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: this.config.appId,
        secret: this.config.appSecret,
        force_refresh: force,
      }),
    });
    this.throwOnError(PATH_STABLE_TOKEN, reply);
    const token = reply.access_token;
    const expiresIn = reply.expires_in;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || expiresIn <= 0) {
      this.logger.warn({ path: PATH_STABLE_TOKEN, reason: 'missing access_token' }, 'wechat reply malformed');
      throw unavailable();
    }
    // Short TTLs (stand-ins, or a token about to expire) would otherwise never be cached.
    const margin = Math.min(TOKEN_EXPIRY_MARGIN_S, expiresIn / 2);
    if (seq > this.cachedSeq) {
      this.cachedSeq = seq;
      this.cached = { token, refreshAt: Date.now() + (expiresIn - margin) * 1000 };
    }
    return token;
  }

  /** `logPath` is what may be logged; `pathAndQuery` carries secrets and must never be. */
  private async request(logPath: string, pathAndQuery: string, init: RequestInit): Promise<WechatReply> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let status = 0;
    let text: string;
    try {
      const res = await fetch(`${this.apiBase}${pathAndQuery}`, { ...init, signal: controller.signal });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const reason = controller.signal.aborted ? 'timeout' : 'network';
      // err.message from undici can embed the URL, so only its class name is logged.
      this.logger.warn({ path: logPath, reason, error: (err as Error)?.name }, 'wechat request failed');
      throw unavailable();
    } finally {
      clearTimeout(timer);
    }
    if (status < 200 || status >= 300) {
      this.logger.warn({ path: logPath, reason: 'http', status }, 'wechat request failed');
      throw unavailable();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      this.logger.warn({ path: logPath, reason: 'non-json', status }, 'wechat request failed');
      throw unavailable();
    }
    return parsed as WechatReply;
  }

  private throwOnError(path: string, reply: WechatReply): void {
    const errcode = reply.errcode;
    if (errcode === undefined || errcode === 0) return;
    switch (errcode) {
      case 40029:
        throw new DomainException(ErrorCode.WechatCodeInvalid, MSG.codeInvalid, HttpStatus.UNAUTHORIZED, { errcode });
      case 45011:
        throw new DomainException(ErrorCode.WechatRateLimited, MSG.rateLimited, HttpStatus.TOO_MANY_REQUESTS, {
          errcode,
        });
      case 40226:
        throw new DomainException(ErrorCode.WechatUserRestricted, MSG.restricted, HttpStatus.FORBIDDEN, { errcode });
      case -1:
        this.logger.warn({ errcode, path }, 'wechat busy, retries exhausted');
        throw unavailable(errcode);
    }
    if (CONFIG_ERRCODES.has(errcode)) {
      this.logger.warn({ errcode, path }, 'wechat rejected our configuration');
      throw new DomainException(ErrorCode.WechatMisconfigured, MSG.misconfigured, HttpStatus.INTERNAL_SERVER_ERROR, {
        errcode,
      });
    }
    this.logger.warn({ errcode, path }, 'wechat returned an unexpected errcode');
    throw unavailable(errcode);
  }
}

function isStale(reply: { errcode?: number }): boolean {
  return typeof reply?.errcode === 'number' && STALE_TOKEN_ERRCODES.has(reply.errcode);
}

function unavailable(errcode?: number): DomainException {
  return new DomainException(
    ErrorCode.WechatUnavailable,
    MSG.unavailable,
    HttpStatus.SERVICE_UNAVAILABLE,
    errcode === undefined ? undefined : { errcode },
  );
}
