import { ErrorCode } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { startWechatStandIn, type WechatStandIn } from '../../../test/stand-ins/wechat-stand-in';
import { WechatAuthClient, type WechatAuthConfig } from './wechat-auth.client';

interface PhoneReply {
  errcode?: number;
  phone_info?: { purePhoneNumber: string; watermark: { appid: string } };
}

/** Runs `fn` and returns the DomainException it throws; fails the test otherwise. */
async function domainError(fn: () => Promise<unknown>): Promise<DomainException> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainException);
    return e as DomainException;
  }
  throw new Error('expected a DomainException');
}

describe('WechatAuthClient against the WeChat stand-in', () => {
  let wx: WechatStandIn;
  let warnings: Array<{ obj: object; msg: string }>;

  beforeEach(async () => {
    wx = await startWechatStandIn({ perUserLimitPerMinute: 3 });
    warnings = [];
  });
  afterEach(() => wx.close());

  function client(overrides: Partial<WechatAuthConfig> = {}): WechatAuthClient {
    return new WechatAuthClient(
      { appId: wx.appId, appSecret: wx.appSecret, apiBase: wx.url, ...overrides },
      { warn: (obj, msg) => warnings.push({ obj, msg }) },
    );
  }

  describe('code2Session', () => {
    it('returns openid and unionid, never session_key', async () => {
      const session = await client().code2Session(wx.issueCode('o-alice', { unionid: 'u-alice' }));
      expect(session).toEqual({ openid: 'o-alice', unionid: 'u-alice' });
      expect(Object.keys(session).sort()).toEqual(['openid', 'unionid']);
      expect(JSON.stringify(session)).not.toMatch(/session_key/);
    });

    it('returns unionid null when the app is not bound to an Open Platform account', async () => {
      await expect(client().code2Session(wx.issueCode('o-bob'))).resolves.toEqual({ openid: 'o-bob', unionid: null });
    });

    it('maps a reused code to 401 WechatCodeInvalid', async () => {
      const c = client();
      const code = wx.issueCode('o-alice');
      await c.code2Session(code);
      const e = await domainError(() => c.code2Session(code));
      expect(e.getStatus()).toBe(401);
      expect(e.code).toBe(ErrorCode.WechatCodeInvalid);
      expect(e.message).toBe('登录凭证无效或已过期，请重新登录');
    });

    it('maps an unknown code to 401 WechatCodeInvalid, and an empty code without calling WeChat', async () => {
      const c = client();
      const unknown = await domainError(() => c.code2Session('not-a-real-code'));
      expect([unknown.getStatus(), unknown.code]).toEqual([401, ErrorCode.WechatCodeInvalid]);
      const empty = await domainError(() => c.code2Session(''));
      expect([empty.getStatus(), empty.code]).toEqual([401, ErrorCode.WechatCodeInvalid]);
      expect(wx.calls.jscode2session).toBe(1);
    });

    it('maps the per-user rate limit (45011) to 429 once the limit is exceeded', async () => {
      const c = client();
      for (let i = 0; i < 3; i++) await c.code2Session(wx.issueCode('o-busy'));
      const e = await domainError(() => c.code2Session(wx.issueCode('o-busy')));
      expect([e.getStatus(), e.code]).toEqual([429, ErrorCode.WechatRateLimited]);
      // The limit is per user: someone else still gets in.
      await expect(c.code2Session(wx.issueCode('o-other'))).resolves.toMatchObject({ openid: 'o-other' });
    });

    it('maps a forced 45011 to 429 without retrying', async () => {
      wx.failNext('rateLimit');
      const e = await domainError(() => client().code2Session(wx.issueCode('o-alice')));
      expect([e.getStatus(), e.code]).toEqual([429, ErrorCode.WechatRateLimited]);
      expect(wx.calls.jscode2session).toBe(1);
    });

    it('maps 40226 to 403 WechatUserRestricted', async () => {
      wx.failNext('restricted');
      const e = await domainError(() => client().code2Session(wx.issueCode('o-risky')));
      expect([e.getStatus(), e.code]).toEqual([403, ErrorCode.WechatUserRestricted]);
    });

    it('retries system busy (-1) twice and then succeeds with the same code', async () => {
      wx.failNext('busy', 2);
      await expect(client().code2Session(wx.issueCode('o-alice'))).resolves.toEqual({
        openid: 'o-alice',
        unionid: null,
      });
      expect(wx.calls.jscode2session).toBe(3);
    });

    it('gives up after three busy answers with 503 WechatUnavailable', async () => {
      wx.failNext('busy', 3);
      const e = await domainError(() => client().code2Session(wx.issueCode('o-alice')));
      expect([e.getStatus(), e.code]).toEqual([503, ErrorCode.WechatUnavailable]);
      expect(wx.calls.jscode2session).toBe(3);
    });

    it('maps a timeout to 503 and does not retry (the code may already be consumed)', async () => {
      wx.failNext('timeout');
      const started = Date.now();
      const e = await domainError(() => client({ timeoutMs: 150 }).code2Session(wx.issueCode('o-alice')));
      expect([e.getStatus(), e.code]).toEqual([503, ErrorCode.WechatUnavailable]);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(wx.calls.jscode2session).toBe(1);
      expect(warnings.map((w) => w.obj)).toEqual([
        { path: '/sns/jscode2session', reason: 'timeout', error: 'AbortError' },
      ]);
      expect(JSON.stringify(warnings)).not.toContain(wx.appSecret);
    });

    it('maps HTTP 500 with an HTML body to 503', async () => {
      wx.failNext('http500');
      const e = await domainError(() => client().code2Session(wx.issueCode('o-alice')));
      expect([e.getStatus(), e.code]).toEqual([503, ErrorCode.WechatUnavailable]);
    });

    it('maps a refused connection to 503', async () => {
      const url = wx.url;
      await wx.close();
      const e = await domainError(() => client({ apiBase: url }).code2Session('some-code'));
      expect([e.getStatus(), e.code]).toEqual([503, ErrorCode.WechatUnavailable]);
      wx = await startWechatStandIn(); // afterEach closes it
    });

    it('maps a wrong appid (40013) to 500 WechatMisconfigured and warns without leaking secrets', async () => {
      const code = wx.issueCode('o-alice');
      const e = await domainError(() => client({ appId: 'wx-wrong' }).code2Session(code));
      expect([e.getStatus(), e.code]).toEqual([500, ErrorCode.WechatMisconfigured]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.obj).toEqual({ errcode: 40013, path: '/sns/jscode2session' });
      const logged = JSON.stringify(warnings);
      for (const secret of [wx.appSecret, code, 'o-alice', wx.url]) expect(logged).not.toContain(secret);
    });

    it('maps a wrong secret (40125) to 500 WechatMisconfigured', async () => {
      const e = await domainError(() => client({ appSecret: 'nope' }).code2Session(wx.issueCode('o-alice')));
      expect([e.getStatus(), e.code]).toEqual([500, ErrorCode.WechatMisconfigured]);
      expect(e.details).toEqual({ errcode: 40125 });
    });
  });

  describe('getStableAccessToken', () => {
    it('single-flights 50 concurrent callers into one HTTP call', async () => {
      const c = client();
      const tokens = await Promise.all(Array.from({ length: 50 }, () => c.getStableAccessToken()));
      expect(new Set(tokens).size).toBe(1);
      expect(wx.calls.stableToken).toBe(1);
    });

    it('reuses the cached token without calling WeChat again', async () => {
      const c = client();
      const first = await c.getStableAccessToken();
      await expect(c.getStableAccessToken()).resolves.toBe(first);
      expect(wx.calls.stableToken).toBe(1);
    });

    it('re-asks WeChat once the token is within 300 s of expiry', async () => {
      jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
      try {
        const c = client();
        const first = await c.getStableAccessToken();
        jest.setSystemTime(Date.now() + 6_899_000);
        await expect(c.getStableAccessToken()).resolves.toBe(first);
        expect(wx.calls.stableToken).toBe(1);
        jest.setSystemTime(Date.now() + 2_000);
        // Normal mode returns the same still-valid token; we only re-asked.
        await expect(c.getStableAccessToken()).resolves.toBe(first);
        expect(wx.calls.stableToken).toBe(2);
      } finally {
        jest.useRealTimers();
      }
    });

    it('forceRefresh fetches a new token, single-flighted, and caches it', async () => {
      const c = client();
      const first = await c.getStableAccessToken();
      const forced = await Promise.all(
        Array.from({ length: 10 }, () => c.getStableAccessToken({ forceRefresh: true })),
      );
      expect(new Set(forced).size).toBe(1);
      expect(forced[0]).not.toBe(first);
      expect(wx.calls.stableToken).toBe(2);
      await expect(c.getStableAccessToken()).resolves.toBe(forced[0]);
      expect(wx.calls.stableToken).toBe(2);
    });

    it('does not cache failures: the next call tries again', async () => {
      const c = client();
      wx.failNext('http500');
      const e = await domainError(() => c.getStableAccessToken());
      expect([e.getStatus(), e.code]).toEqual([503, ErrorCode.WechatUnavailable]);
      await expect(c.getStableAccessToken()).resolves.toMatch(/^st_/);
      expect(wx.calls.stableToken).toBe(2);
    });

    it('maps a wrong secret to WechatMisconfigured', async () => {
      const e = await domainError(() => client({ appSecret: 'nope' }).getStableAccessToken());
      expect([e.getStatus(), e.code]).toEqual([500, ErrorCode.WechatMisconfigured]);
      expect(JSON.stringify(warnings)).not.toContain(wx.appSecret);
    });
  });

  describe('stand-in contract (what the client relies on)', () => {
    const post = (path: string, body: string, contentType: string) =>
      fetch(`${wx.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body }).then(
        (r) => r.json() as Promise<{ errcode?: number; errmsg?: string; session_key?: string }>,
      );

    it('stable_token accepts JSON POST only', async () => {
      const json = JSON.stringify({ grant_type: 'client_credential', appid: wx.appId, secret: wx.appSecret });
      await expect(post('/cgi-bin/stable_token', json, 'application/x-www-form-urlencoded')).resolves.toMatchObject({
        errcode: 47001,
      });
      const get = await fetch(`${wx.url}/cgi-bin/stable_token`).then((r) => r.json() as Promise<{ errcode: number }>);
      expect(get.errcode).toBe(43002);
      const badGrant = JSON.stringify({ grant_type: 'password', appid: wx.appId, secret: wx.appSecret });
      await expect(post('/cgi-bin/stable_token', badGrant, 'application/json')).resolves.toMatchObject({
        errcode: 40002,
      });
    });

    it('jscode2session reports missing parameters and WeChat-style rids', async () => {
      const get = (q: string) =>
        fetch(`${wx.url}/sns/jscode2session?${q}`).then(
          (r) => r.json() as Promise<{ errcode?: number; errmsg?: string }>,
        );
      const base = `appid=${wx.appId}&secret=${wx.appSecret}&grant_type=authorization_code`;
      await expect(get(`secret=${wx.appSecret}&js_code=x`)).resolves.toMatchObject({ errcode: 41002 });
      await expect(get(`appid=${wx.appId}&js_code=x`)).resolves.toMatchObject({ errcode: 41004 });
      await expect(get(base)).resolves.toMatchObject({ errcode: 41008 });
      const bad = await get(`${base}&js_code=nope`);
      expect(bad.errcode).toBe(40029);
      expect(bad.errmsg).toMatch(/^invalid code, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
      // The raw answer does carry session_key; only the client drops it.
      const ok = await get(`${base}&js_code=${wx.issueCode('o-raw')}`);
      expect(typeof ok).toBe('object');
      expect(ok).toHaveProperty('session_key');
    });

    it('expired codes are rejected like used ones', async () => {
      jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
      try {
        const code = wx.issueCode('o-late');
        jest.setSystemTime(Date.now() + 5 * 60_000 + 1_000);
        const e = await domainError(() => client().code2Session(code));
        expect([e.getStatus(), e.code]).toEqual([401, ErrorCode.WechatCodeInvalid]);
      } finally {
        jest.useRealTimers();
      }
    });
  });

  describe('callWithAccessToken', () => {
    const getPhone = (wxUrl: string, code: string) => (token: string) =>
      fetch(`${wxUrl}/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      }).then((r) => r.json() as Promise<PhoneReply>);

    it('passes the cached token through when it is valid', async () => {
      const reply = await client().callWithAccessToken(getPhone(wx.url, wx.issuePhoneCode('13800138000')));
      expect(reply.errcode).toBe(0);
      expect(reply.phone_info?.purePhoneNumber).toBe('13800138000');
      expect(reply.phone_info?.watermark.appid).toBe(wx.appId);
      expect(wx.calls.stableToken).toBe(1);
    });

    it('force-refreshes once on 40001 and retries the business call', async () => {
      const c = client();
      const stale = await c.getStableAccessToken();
      // Another instance force-refreshes, which invalidates our cached token.
      await client().getStableAccessToken({ forceRefresh: true });
      expect(wx.calls.stableToken).toBe(2);

      const seen: string[] = [];
      const call = getPhone(wx.url, wx.issuePhoneCode('13900139000'));
      const reply = await c.callWithAccessToken((token) => {
        seen.push(token);
        return call(token);
      });
      expect(reply.errcode).toBe(0);
      expect(reply.phone_info?.purePhoneNumber).toBe('13900139000');
      expect(seen).toHaveLength(2);
      expect(seen[0]).toBe(stale);
      expect(seen[1]).not.toBe(stale);
      expect(wx.calls.stableToken).toBe(3);
      expect(wx.calls.phoneNumber).toBe(2);
    });

    it('concurrent callers hitting 40001 share a single refresh', async () => {
      const c = client();
      await c.getStableAccessToken();
      await client().getStableAccessToken({ forceRefresh: true });
      const replies = await Promise.all(
        ['13700000001', '13700000002', '13700000003'].map((p) =>
          c.callWithAccessToken(getPhone(wx.url, wx.issuePhoneCode(p))),
        ),
      );
      expect(replies.map((r) => r.errcode)).toEqual([0, 0, 0]);
      expect(wx.calls.stableToken).toBe(3);
    });

    it('does not loop: a second 40001 after refreshing becomes 503', async () => {
      const c = client();
      let attempts = 0;
      const e = await domainError(() =>
        c.callWithAccessToken(async () => {
          attempts++;
          return { errcode: 40001 };
        }),
      );
      expect([e.getStatus(), e.code]).toEqual([503, ErrorCode.WechatUnavailable]);
      expect(attempts).toBe(2);
    });

    it('returns other business errcodes to the caller untouched', async () => {
      const reply = await client().callWithAccessToken(getPhone(wx.url, 'unknown-phone-code'));
      expect(reply.errcode).toBe(40029);
      expect(wx.calls.phoneNumber).toBe(1);
    });
  });
});
