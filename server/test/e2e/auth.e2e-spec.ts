import { ErrorCode, Role } from '@app/shared';
import { loadConfig } from '../../src/config/app-config';
import { makeStaff, makeTenant, newOpenId, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';

describe('identity: sign-in, tokens, lockout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });
  });
  afterAll(() => t.close());

  describe('WeChat login against the stand-in', () => {
    it('creates a resident on first login and returns the same user next time', async () => {
      const openid = newOpenId();
      const first = await wechatLogin(t, openid);
      expect(first.user.kind).toBe('resident');
      expect(first.accessToken).toMatch(/^ey/);
      expect(first.refreshToken.length).toBeGreaterThan(30);
      expect(JSON.stringify(first)).not.toContain('session_key');
      const second = await wechatLogin(t, openid);
      expect(second.user.id).toBe(first.user.id);
      const me = await t.http().get('/api/me').set(bearer(second.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: first.user.id, kind: 'resident', houses: [], wechatBound: true });
    });

    it('answers 401 WECHAT_CODE_INVALID for an unknown code (40029) and for a reused code', async () => {
      const unknown = await t.http().post('/api/auth/wechat/login').send({ code: 'never-issued' }).expect(401);
      expect(unknown.body).toMatchObject({ code: ErrorCode.WechatCodeInvalid });
      expect(unknown.body.requestId).toBeTruthy();
      const code = t.wechat.issueCode(newOpenId());
      await t.http().post('/api/auth/wechat/login').send({ code }).expect(200);
      const reused = await t.http().post('/api/auth/wechat/login').send({ code }).expect(401);
      expect(reused.body.code).toBe(ErrorCode.WechatCodeInvalid);
    });

    it('answers 429 WECHAT_RATE_LIMITED when WeChat says 45011', async () => {
      const code = t.wechat.issueCode(newOpenId());
      t.wechat.failNext('rateLimit', 1);
      const res = await t.http().post('/api/auth/wechat/login').send({ code }).expect(429);
      expect(res.body.code).toBe(ErrorCode.WechatRateLimited);
    });

    it('names the field when the code is missing', async () => {
      const res = await t.http().post('/api/auth/wechat/login').send({}).expect(422);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain('code');
    });
  });

  describe('refresh tokens', () => {
    it('rotates on every use and revokes the whole family when an old token is replayed', async () => {
      const first = await wechatLogin(t, newOpenId());
      const rotated = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
      expect(rotated.body.refreshToken).not.toBe(first.refreshToken);
      expect(rotated.body.user.id).toBe(first.user.id);
      await t.http().get('/api/me').set(bearer(rotated.body.accessToken)).expect(200);

      const replay = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(replay.body.code).toBe(ErrorCode.RefreshTokenReused);
      // The legitimate newest token dies with the family: a thief and the owner both must sign in again.
      const afterTheft = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(401);
      expect(afterTheft.body.code).toBe(ErrorCode.RefreshTokenReused);
    });

    it('lets exactly one of two concurrent refreshes of the same token win', async () => {
      const pair = await wechatLogin(t, newOpenId());
      const results = await Promise.all(
        [0, 1, 2, 3].map(() => t.http().post('/api/auth/refresh').send({ refreshToken: pair.refreshToken })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 401)).toHaveLength(3);
    });

    it('logout revokes the refresh token', async () => {
      const pair = await wechatLogin(t, newOpenId());
      await t.http().post('/api/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
      await t.http().post('/api/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
    });

    it('rejects unknown refresh tokens and tampered access tokens', async () => {
      const res = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: 'x'.repeat(43) })
        .expect(401);
      expect(res.body.code).toBe(ErrorCode.Unauthenticated);
      const pair = await wechatLogin(t, newOpenId());
      const tampered = `${pair.accessToken.slice(0, -2)}xx`;
      await t.http().get('/api/me').set(bearer(tampered)).expect(401);
      await t.http().get('/api/me').expect(401);
    });
  });

  describe('staff password login', () => {
    it('signs in by username or phone and returns role grants', async () => {
      const tenant = await makeTenant(t.db, 1);
      const staff = await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: tenant.projectId }]);
      const byName = await passwordLogin(t, staff.username, STAFF_PASSWORD);
      expect(byName.user.roles).toEqual([
        expect.objectContaining({ role: 'customer_manager', scopeType: 'project', scopeId: tenant.projectId }),
      ]);
      const byPhone = await passwordLogin(t, staff.phone, STAFF_PASSWORD);
      expect(byPhone.user.id).toBe(staff.id);
      expect(byPhone.user.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    });

    it('locks the account after the configured number of failures, even for the right password', async () => {
      const tenant = await makeTenant(t.db, 1);
      const staff = await makeStaff(t.db, [{ role: Role.Cashier, scopeId: tenant.projectId }]);
      for (let i = 0; i < 3; i++) {
        const res = await t
          .http()
          .post('/api/auth/password/login')
          .send({ login: staff.username, password: 'wrong-pass-1' })
          .expect(401);
        expect(res.body.code).toBe(ErrorCode.InvalidCredentials);
      }
      // Locked answers like a wrong password (R13: no telling locked or unknown accounts apart).
      const correct = await t
        .http()
        .post('/api/auth/password/login')
        .send({ login: staff.username, password: STAFF_PASSWORD })
        .expect(401);
      expect(correct.body.code).toBe(ErrorCode.InvalidCredentials);
      expect(correct.body.message).toContain('锁定');
    });

    it('gives the same answer for an unknown account as for a wrong password', async () => {
      const res = await t
        .http()
        .post('/api/auth/password/login')
        .send({ login: 'nobody-here', password: 'whatever1' })
        .expect(401);
      expect(res.body).toMatchObject({
        code: ErrorCode.InvalidCredentials,
        message: expect.stringContaining('账号或密码错误'),
      });
    });

    it('names each missing field', async () => {
      const res = await t.http().post('/api/auth/password/login').send({ login: '' }).expect(422);
      const fields = res.body.details.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['login', 'password']));
    });

    it('treats an empty JSON body as {} and reports malformed JSON in the error envelope', async () => {
      const empty = await t
        .http()
        .post('/api/auth/password/login')
        .set('Content-Type', 'application/json')
        .send('')
        .expect(422);
      expect(empty.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['login', 'password']),
      );
      const broken = await t
        .http()
        .post('/api/auth/password/login')
        .set('Content-Type', 'application/json')
        .send('{"login":')
        .expect(400);
      expect(broken.body).toMatchObject({ code: ErrorCode.ValidationFailed, message: '请求体不是有效的 JSON' });
      expect(broken.body.requestId).toBeTruthy();
    });

    it('refuses fields nobody asked for', async () => {
      const res = await t
        .http()
        .post('/api/auth/password/login')
        .send({ login: 'a', password: 'b', role: 'admin' })
        .expect(422);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain('role');
    });
  });

  describe('staff WeChat binding', () => {
    it('lets staff link WeChat, then sign in with it; a WeChat already linked elsewhere is a 409', async () => {
      const tenant = await makeTenant(t.db, 1);
      const staff = await makeStaff(t.db, [{ role: Role.Technician, scopeId: tenant.projectId }]);
      const session = await passwordLogin(t, staff.username, STAFF_PASSWORD);
      const openid = newOpenId();
      await t
        .http()
        .post('/api/me/wechat')
        .set(bearer(session.accessToken))
        .send({ code: t.wechat.issueCode(openid) })
        .expect(204);
      const viaWechat = await wechatLogin(t, openid);
      expect(viaWechat.user).toMatchObject({ id: staff.id, kind: 'staff', wechatBound: true });

      const other = await makeStaff(t.db, [{ role: Role.Technician, scopeId: tenant.projectId }]);
      const otherSession = await passwordLogin(t, other.username, STAFF_PASSWORD);
      const taken = await t
        .http()
        .post('/api/me/wechat')
        .set(bearer(otherSession.accessToken))
        .send({ code: t.wechat.issueCode(openid) })
        .expect(409);
      expect(taken.body.code).toBe(ErrorCode.Conflict);

      await t.http().delete('/api/me/wechat').set(bearer(session.accessToken)).expect(204);
      const fresh = await wechatLogin(t, openid);
      expect(fresh.user.kind).toBe('resident');
      expect(fresh.user.id).not.toBe(staff.id);
    });

    it('is not for residents', async () => {
      const resident = await wechatLogin(t, newOpenId());
      await t
        .http()
        .post('/api/me/wechat')
        .set(bearer(resident.accessToken))
        .send({ code: t.wechat.issueCode(newOpenId()) })
        .expect(403);
    });
  });

  describe('demo login', () => {
    it('is off when a WeChat app is configured', async () => {
      const res = await t.http().get('/api/auth/demo/accounts').expect(404);
      expect(res.body.code).toBe(ErrorCode.DemoLoginDisabled);
      await t.http().post('/api/auth/demo/login').send({ userId: 1 }).expect(404);
    });

    it('cannot be enabled in production', () => {
      expect(() =>
        loadConfig({
          NODE_ENV: 'production',
          DEMO_LOGIN: 'true',
          JWT_SECRET: 'y'.repeat(40),
          DATABASE_URL: 'mysql://root@127.0.0.1:3306/x',
        }),
      ).toThrow(/DEMO_LOGIN/);
      const prod = loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'y'.repeat(40),
        DATABASE_URL: 'mysql://root@127.0.0.1:3306/x',
      });
      expect(prod.demoLogin).toBe(false);
    });
  });
});

describe('login rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED once the per-minute budget is spent', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http().post('/api/auth/password/login').send({ login: 'nobody', password: 'nothing1' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.code).toBe(ErrorCode.RateLimited);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});

describe('access token expiry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ ACCESS_TOKEN_TTL_SECONDS: '5' });
  });
  afterAll(() => t.close());

  it('reports TOKEN_EXPIRED so clients know to refresh', async () => {
    const pair = await wechatLogin(t, newOpenId());
    await t.http().get('/api/me').set(bearer(pair.accessToken)).expect(200);
    await new Promise((r) => setTimeout(r, 6000));
    const res = await t.http().get('/api/me').set(bearer(pair.accessToken)).expect(401);
    expect(res.body.code).toBe(ErrorCode.TokenExpired);
    const refreshed = await t.http().post('/api/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(200);
    await t.http().get('/api/me').set(bearer(refreshed.body.accessToken)).expect(200);
  });
});
