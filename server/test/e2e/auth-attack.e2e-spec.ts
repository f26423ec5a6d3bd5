import { ErrorCode, Role } from '@app/shared';
import { PasswordService } from '../../src/modules/identity/password.service';
import { User } from '../../src/modules/identity/user.entity';
import { makeStaff, makeTenant, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';

const MAX = 5;

/**
 * R13: sign-in under attack. Counts the bcrypt checks made against the account's real hash by spying on
 * PasswordService (the dummy compare for unknown/locked accounts passes a null hash and is not a guess).
 */
describe('R13: sign-in under attack', () => {
  let t: TestApp;
  let realChecks: number;
  let gate: Promise<void> | null;
  let verifySpy: jest.SpyInstance;

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_MAX_FAILURES: String(MAX), LOGIN_LOCK_MINUTES: '15' });
    const passwords = t.app.get(PasswordService);
    const original = passwords.verify.bind(passwords);
    verifySpy = jest.spyOn(passwords, 'verify').mockImplementation(async (password: string, hash: string | null) => {
      if (hash !== null) {
        realChecks++;
        if (gate) await gate;
      }
      return original(password, hash);
    });
  });
  beforeEach(() => {
    realChecks = 0;
    gate = null;
  });
  afterAll(async () => {
    verifySpy.mockRestore();
    await t.close();
  });

  const attempt = (login: string, password: string, headers: Record<string, string> = {}) =>
    t.http().post('/api/auth/password/login').set(headers).send({ login, password });

  async function account() {
    const tenant = await makeTenant(t.db, 1);
    return makeStaff(t.db, [{ role: Role.Cashier, scopeId: tenant.projectId }]);
  }

  const forged = (i: number) => ({ 'X-Forwarded-For': `203.0.113.${i % 250}`, 'X-Real-IP': `198.51.100.${i % 250}` });

  for (const withHeaders of [false, true]) {
    it(`checks at most LOGIN_MAX_FAILURES of 60 concurrent wrong passwords${withHeaders ? ' (forged X-Forwarded-For)' : ''}, locks, and refuses the right one after`, async () => {
      const staff = await account();
      const burst = await Promise.all(
        Array.from({ length: 60 }, (_, i) => attempt(staff.username, `wrong-pass-${i}`, withHeaders ? forged(i) : {})),
      );
      expect(realChecks).toBeLessThanOrEqual(MAX);
      expect(realChecks).toBeGreaterThan(0);
      expect(burst.map((r) => r.status).every((s) => s === 401)).toBe(true);
      const row = await t.db.getRepository(User).findOneByOrFail({ id: staff.id });
      expect(row.failedLoginCount).toBe(MAX);
      expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

      const checksBefore = realChecks;
      const after = await attempt(staff.username, STAFF_PASSWORD, withHeaders ? forged(999) : {}).expect(401);
      expect(after.body.code).toBe(ErrorCode.InvalidCredentials);
      expect(after.body.accessToken).toBeUndefined();
      expect(realChecks).toBe(checksBefore);
    });
  }

  it('refuses the right password sent while the burst is still being checked', async () => {
    const staff = await account();
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    // The first MAX guesses reserve every slot and wait inside bcrypt; the rest are refused at once.
    const burst = Array.from({ length: 40 }, (_, i) => attempt(staff.username, `wrong-pass-${i}`).then((r) => r));
    await waitFor(
      async () =>
        realChecks === MAX &&
        (await t.db.getRepository(User).findOneByOrFail({ id: staff.id })).failedLoginCount === MAX,
    );
    const inside = await attempt(staff.username, STAFF_PASSWORD).expect(401);
    expect(inside.body.code).toBe(ErrorCode.InvalidCredentials);
    open();
    const results = await Promise.all(burst);
    expect(results.every((r) => r.status === 401)).toBe(true);
    expect(realChecks).toBe(MAX);
    await attempt(staff.username, STAFF_PASSWORD).expect(401);
    expect(realChecks).toBe(MAX);
  });

  it('answers unknown, locked and wrong-password sign-ins alike (status, code, message)', async () => {
    const staff = await account();
    const wrong = await attempt(staff.username, 'wrong-pass-1').expect(401);
    for (let i = 0; i < MAX; i++) await attempt(staff.username, 'wrong-pass-2');
    const locked = await attempt(staff.username, STAFF_PASSWORD).expect(401);
    const unknown = await attempt('nobody-at-all', 'whatever-1').expect(401);
    for (const res of [wrong, locked, unknown]) {
      expect({ code: res.body.code, message: res.body.message, details: res.body.details }).toEqual({
        code: ErrorCode.InvalidCredentials,
        message: wrong.body.message,
        details: undefined,
      });
    }
    expect(wrong.body.message).toContain('账号或密码错误');
  });

  it('gives the slots back when the lock expires, and a right password clears the counter', async () => {
    const staff = await account();
    for (let i = 0; i < MAX; i++) await attempt(staff.username, 'wrong-pass-3').expect(401);
    await attempt(staff.username, STAFF_PASSWORD).expect(401);
    await t.db.getRepository(User).update({ id: staff.id }, { lockedUntil: new Date(Date.now() - 1000) });
    await passwordLogin(t, staff.username, STAFF_PASSWORD);
    const row = await t.db.getRepository(User).findOneByOrFail({ id: staff.id });
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    // Fewer than MAX failures, then the right password: signs in and starts counting again from 0.
    await attempt(staff.username, 'wrong-pass-4').expect(401);
    await passwordLogin(t, staff.username, STAFF_PASSWORD);
    expect((await t.db.getRepository(User).findOneByOrFail({ id: staff.id })).failedLoginCount).toBe(0);
  });

  it('tells a disabled account so only after the right password', async () => {
    const staff = await account();
    await t.db.getRepository(User).update({ id: staff.id }, { status: 'disabled' });
    await attempt(staff.username, 'wrong-pass-5').expect(401);
    const right = await attempt(staff.username, STAFF_PASSWORD).expect(403);
    expect(right.body.code).toBe(ErrorCode.AccountDisabled);
  });
});

describe('logout ends the session at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 to the access token of a session that logged out, and leaves other sessions alone', async () => {
    const tenant = await makeTenant(t.db, 1);
    const staff = await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: tenant.projectId }]);
    const phone = await passwordLogin(t, staff.username, STAFF_PASSWORD);
    const laptop = await passwordLogin(t, staff.username, STAFF_PASSWORD);
    await t.http().get('/api/me').set(bearer(phone.accessToken)).expect(200);
    await t.http().post('/api/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
    const after = await t.http().get('/api/me').set(bearer(phone.accessToken)).expect(401);
    expect(after.body.code).toBe(ErrorCode.Unauthenticated);
    await t.http().get('/api/me').set(bearer(laptop.accessToken)).expect(200);
  });

  it('ends the access token of a rotated session too (logout with the newest refresh token)', async () => {
    const tenant = await makeTenant(t.db, 1);
    const staff = await makeStaff(t.db, [{ role: Role.Supervisor, scopeId: tenant.projectId }]);
    const first = await passwordLogin(t, staff.username, STAFF_PASSWORD);
    const rotated = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    await t.http().post('/api/auth/logout').send({ refreshToken: rotated.body.refreshToken }).expect(204);
    await t.http().get('/api/me').set(bearer(first.accessToken)).expect(401);
    await t.http().get('/api/me').set(bearer(rotated.body.accessToken)).expect(401);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
