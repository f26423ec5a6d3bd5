import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-in for api.weixin.qq.com implementing the contracts in docs wechat.md A1–A3
 * (jscode2session, stable_token, getuserphonenumber) and §A4 subscribe/send (one send per granted accept,
 * field rules, 43101 / 47003). Real HTTP so clients are exercised end to end.
 */
export type WechatFailureKind = 'rateLimit' | 'restricted' | 'busy' | 'http500' | 'timeout';

export interface WechatStandIn {
  url: string;
  appId: string;
  appSecret: string;
  /** Mint a one-time js_code that maps to openid (valid 5 minutes, single use → second use gives 40029). */
  issueCode(openid: string, opts?: { unionid?: string }): string;
  /** Mint a one-time phone code for getuserphonenumber (valid 5 minutes, single use). */
  issuePhoneCode(phoneNumber: string): string;
  /**
   * Force behaviours for the next `times` requests to any endpoint (default 1), checked before
   * validation so a forced failure never consumes a code. 'timeout' holds the request until close().
   */
  failNext(kind: WechatFailureKind, times?: number): void;
  /** Requests received per endpoint, including failed ones. */
  calls: { jscode2session: number; stableToken: number; phoneNumber: number; subscribeSend: number };
  /** The user tapped "accept" in requestSubscribeMessage: one send of this template is allowed. */
  grantSubscription(openid: string, templateId: string, times?: number): void;
  /** Force the next subscribe/send answers: an errcode, or 'hold' (no answer; dropped if the caller goes away). */
  failNextSend(kind: number | 'hold', times?: number): void;
  /** Messages WeChat accepted (answered errcode 0 to a caller still listening). */
  sent: Array<{
    touser: string;
    template_id: string;
    page: string;
    data: Record<string, { value: string }>;
    at: number;
  }>;
  /** Rotate the access token as another instance's force_refresh would: the cached one now gets 40001. */
  rotateToken(): void;
  close(): Promise<void>;
}

export interface WechatStandInOptions {
  appId?: string;
  appSecret?: string;
  /** More than this many code2Session calls for one openid within 60 s → 45011 (doc: 100/min/user). */
  perUserLimitPerMinute?: number;
  tokenTtlSeconds?: number;
}

interface Reply {
  status?: number;
  body: Record<string, unknown> | string;
}

const CODE_TTL_MS = 5 * 60_000;
const RATE_WINDOW_MS = 60_000;

const rid = () =>
  `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
const err = (errcode: number, errmsg: string): Reply => ({ body: { errcode, errmsg: `${errmsg}, rid: ${rid()}` } });

const FORCED: Record<Exclude<WechatFailureKind, 'timeout'>, () => Reply> = {
  rateLimit: () => err(45011, 'api minute-quota reach limit  mustslower  retry next minute'),
  restricted: () => err(40226, 'invalid user, high risk'),
  busy: () => err(-1, 'system error'),
  http500: () => ({ status: 500, body: '<html><body>500 Internal Server Error</body></html>' }),
};

export async function startWechatStandIn(opts: WechatStandInOptions = {}): Promise<WechatStandIn> {
  const appId = opts.appId ?? 'wx0000000000standin';
  const appSecret = opts.appSecret ?? randomBytes(16).toString('hex');
  const perUserLimit = opts.perUserLimitPerMinute ?? 100;
  const tokenTtlMs = (opts.tokenTtlSeconds ?? 7200) * 1000;

  const loginCodes = new Map<string, { openid: string; unionid?: string; expiresAt: number; used: boolean }>();
  const phoneCodes = new Map<string, { phone: string; expiresAt: number; used: boolean }>();
  const userCalls = new Map<string, number[]>();
  const forced: WechatFailureKind[] = [];
  const calls = { jscode2session: 0, stableToken: 0, phoneNumber: 0, subscribeSend: 0 };
  const credits = new Map<string, number>();
  const sendForced: Array<number | 'hold'> = [];
  const sent: WechatStandIn['sent'] = [];
  let token: { value: string; expiresAt: number } | null = null;

  /** Shared appid/secret checks; order mirrors which errcode WeChat reports first. */
  function checkCredentials(appid: unknown, secret: unknown): Reply | null {
    if (typeof appid !== 'string' || appid === '') return err(41002, 'appid missing');
    if (appid !== appId) return err(40013, 'invalid appid');
    if (typeof secret !== 'string' || secret === '') return err(41004, 'appsecret missing');
    if (secret !== appSecret) return err(40125, 'invalid appsecret');
    return null;
  }

  function jscode2session(req: IncomingMessage, url: URL): Reply {
    if (req.method !== 'GET') return err(43001, 'require GET method');
    const q = url.searchParams;
    const bad = checkCredentials(q.get('appid'), q.get('secret'));
    if (bad) return bad;
    const code = q.get('js_code');
    if (!code) return err(41008, 'missing code');
    if (q.get('grant_type') !== 'authorization_code') return err(40002, 'invalid grant_type');
    const entry = loginCodes.get(code);
    if (!entry || entry.used || entry.expiresAt < Date.now()) return err(40029, 'invalid code');
    // Rate-limited attempts do not consume the code, so the user can retry after backing off.
    const now = Date.now();
    const recent = (userCalls.get(entry.openid) ?? []).filter((t) => now - t < RATE_WINDOW_MS);
    if (recent.length >= perUserLimit) {
      userCalls.set(entry.openid, recent);
      return err(45011, 'api minute-quota reach limit  mustslower  retry next minute');
    }
    recent.push(now);
    userCalls.set(entry.openid, recent);
    entry.used = true;
    const body: Record<string, unknown> = {
      openid: entry.openid,
      session_key: randomBytes(16).toString('base64'),
    };
    if (entry.unionid) body.unionid = entry.unionid;
    return { body };
  }

  function stableToken(req: IncomingMessage, raw: string): Reply {
    if (req.method !== 'POST') return err(43002, 'require POST method');
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return err(47001, 'data format error');
    }
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) return err(47001, 'data format error');
      body = parsed as Record<string, unknown>;
    } catch {
      return err(47001, 'data format error');
    }
    if (body.grant_type !== 'client_credential') return err(40002, 'invalid grant_type');
    const bad = checkCredentials(body.appid, body.secret);
    if (bad) return bad;
    const now = Date.now();
    if (body.force_refresh === true || !token || token.expiresAt <= now) {
      token = { value: `st_${randomBytes(24).toString('hex')}`, expiresAt: now + tokenTtlMs };
    }
    return { body: { access_token: token.value, expires_in: Math.ceil((token.expiresAt - now) / 1000) } };
  }

  function phoneNumber(req: IncomingMessage, url: URL, raw: string): Reply {
    if (req.method !== 'POST') return err(43002, 'require POST method');
    const accessToken = url.searchParams.get('access_token');
    if (!accessToken) return err(41001, 'access_token missing');
    if (token?.value === accessToken && token.expiresAt <= Date.now()) return err(42001, 'access_token expired');
    // Replaced (force_refresh) and unknown tokens are both "not latest" to WeChat.
    if (token?.value !== accessToken) {
      return err(40001, 'invalid credential, access_token is invalid or not latest');
    }
    let code: unknown;
    try {
      code = (JSON.parse(raw) as { code?: unknown }).code;
    } catch {
      return err(47001, 'data format error');
    }
    if (typeof code !== 'string' || code === '') return err(41008, 'missing code');
    const entry = phoneCodes.get(code);
    if (!entry || entry.used || entry.expiresAt < Date.now()) return err(40029, 'invalid code');
    entry.used = true;
    return {
      body: {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: entry.phone,
          purePhoneNumber: entry.phone,
          countryCode: '86',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: appId },
        },
      },
    };
  }

  function subscribeSend(
    req: IncomingMessage,
    url: URL,
    raw: string,
  ): Reply | 'hold' | { accept: WechatStandIn['sent'][number] } {
    if (req.method !== 'POST') return err(43002, 'require POST method');
    const accessToken = url.searchParams.get('access_token');
    if (!accessToken) return err(41001, 'access_token missing');
    if (token?.value === accessToken && token.expiresAt <= Date.now()) return err(42001, 'access_token expired');
    if (token?.value !== accessToken) return err(40001, 'invalid credential, access_token is invalid or not latest');
    const forcedSend = sendForced.shift();
    if (forcedSend === 'hold') return 'hold';
    if (typeof forcedSend === 'number') return err(forcedSend, 'forced');
    let body: { touser?: unknown; template_id?: unknown; page?: unknown; data?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return err(47001, 'data format error');
    }
    if (typeof body.touser !== 'string' || !body.touser) return err(40003, 'invalid openid');
    if (typeof body.template_id !== 'string' || !body.template_id) return err(40037, 'invalid template_id');
    if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data))
      return err(47003, 'argument invalid! data is not object');
    const data = body.data as Record<string, { value?: unknown }>;
    for (const [key, field] of Object.entries(data)) {
      if (!subscribeFieldOk(key, field?.value)) return err(47003, `argument invalid! data.${key}.value invalid`);
    }
    const creditKey = `${body.touser}|${body.template_id}`;
    const left = credits.get(creditKey) ?? 0;
    if (left <= 0) return err(43101, 'user refuse to accept the msg');
    credits.set(creditKey, left - 1);
    return {
      accept: {
        touser: body.touser,
        template_id: body.template_id,
        page: String(body.page ?? ''),
        data: data as Record<string, { value: string }>,
        at: Date.now(),
      },
    };
  }

  function route(req: IncomingMessage, raw: string): Reply | 'hold' | { accept: WechatStandIn['sent'][number] } {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const endpoint =
      url.pathname === '/sns/jscode2session'
        ? 'jscode2session'
        : url.pathname === '/cgi-bin/stable_token'
          ? 'stableToken'
          : url.pathname === '/wxa/business/getuserphonenumber'
            ? 'phoneNumber'
            : url.pathname === '/cgi-bin/message/subscribe/send'
              ? 'subscribeSend'
              : null;
    if (!endpoint) return { status: 404, body: err(40066, 'invalid url').body };
    calls[endpoint]++;
    const kind = forced.shift();
    if (kind === 'timeout') return 'hold';
    if (kind) return FORCED[kind]();
    if (endpoint === 'jscode2session') return jscode2session(req, url);
    if (endpoint === 'stableToken') return stableToken(req, raw);
    if (endpoint === 'subscribeSend') return subscribeSend(req, url, raw);
    return phoneNumber(req, url, raw);
  }

  function send(res: ServerResponse, reply: Reply): void {
    const isText = typeof reply.body === 'string';
    // Business errors travel as HTTP 200 with an errcode body, as on the real platform.
    res.writeHead(reply.status ?? 200, { 'content-type': isText ? 'text/html' : 'application/json' });
    res.end(isText ? reply.body : JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = route(req, Buffer.concat(chunks).toString('utf8'));
      if (reply === 'hold') return;
      if ('accept' in reply) {
        // Accepted only if the caller is still there to hear it (a killed worker's request is dropped).
        if (res.destroyed || req.socket.destroyed) return;
        sent.push(reply.accept);
        send(res, { body: { errcode: 0, errmsg: 'ok', msgid: sent.length } });
        return;
      }
      send(res, reply);
    });
  });
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    calls,
    issueCode(openid, codeOpts = {}) {
      const code = randomBytes(16).toString('hex');
      loginCodes.set(code, { openid, unionid: codeOpts.unionid, expiresAt: Date.now() + CODE_TTL_MS, used: false });
      return code;
    },
    issuePhoneCode(phone) {
      const code = randomBytes(16).toString('hex');
      phoneCodes.set(code, { phone, expiresAt: Date.now() + CODE_TTL_MS, used: false });
      return code;
    },
    sent,
    grantSubscription(openid, templateId, times = 1) {
      const key = `${openid}|${templateId}`;
      credits.set(key, (credits.get(key) ?? 0) + times);
    },
    failNextSend(kind, times = 1) {
      for (let i = 0; i < times; i++) sendForced.push(kind);
    },
    rotateToken() {
      token = { value: `st_${randomBytes(24).toString('hex')}`, expiresAt: Date.now() + tokenTtlMs };
    },
    failNext(kind, times = 1) {
      for (let i = 0; i < times; i++) forced.push(kind);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // Held ('timeout') and keep-alive sockets would otherwise keep close() pending.
        server.closeAllConnections();
      });
    },
  };
}

const SUB_CHINESE = /[\u3400-\u9fff]/;

/** The §A4 field rules WeChat enforces (47003 when broken), for the keys our templates use. */
function subscribeFieldOk(key: string, value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) return false;
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  const len = [...value].length;
  switch (type) {
    case 'thing':
      return len <= 20;
    case 'character_string':
      return len <= 32 && !SUB_CHINESE.test(value);
    case 'phrase':
      return len <= 5 && [...value].every((c) => SUB_CHINESE.test(c));
    case 'name':
      return SUB_CHINESE.test(value) ? len <= 10 : len <= 20;
    case 'time':
    case 'date':
      return /\d{1,2}:\d{2}|\d{4}[-年]/.test(value);
    case 'number':
      return /^\d+(\.\d+)?$/.test(value) && len <= 32;
    default:
      return type !== undefined;
  }
}
