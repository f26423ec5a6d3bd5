import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { ErrorCode, Role, UserKind } from '@app/shared';
import { AllExceptionsFilter } from '../../src/common/all-exceptions.filter';
import { RoleAssignment } from '../../src/modules/identity/role-assignment.entity';
import { User } from '../../src/modules/identity/user.entity';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import {
  makeStaff,
  makeTenant,
  makeVerifiedTicket,
  newOpenId,
  publishSchedule,
  STAFF_PASSWORD,
} from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';

const randomPhone = () => `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

describe('forwarded headers (TRUST_PROXY) and the per-IP sign-in limit', () => {
  const burst = async (t: TestApp, forwardedFor: (i: number) => string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t
        .http()
        .post('/api/auth/password/login')
        .set('X-Forwarded-For', forwardedFor(i))
        .send({ login: 'nobody', password: 'nothing1' });
      statuses.push(res.status);
    }
    return statuses;
  };

  it('ignores a forged X-Forwarded-For by default: the limit counts the real peer', async () => {
    const t = await bootTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      expect(await burst(t, (i) => `203.0.113.${i + 1}`)).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });

  it('honours X-Forwarded-For from a configured proxy (TRUST_PROXY=127.0.0.1)', async () => {
    const t = await bootTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' });
    try {
      // Each client behind the proxy has its own budget …
      expect(await burst(t, (i) => `203.0.113.${i + 1}`)).toEqual([401, 401, 401, 401, 401]);
      // … and one client is limited whatever the proxy's own address.
      expect(await burst(t, () => '198.51.100.7')).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('public links come from PUBLIC_BASE_URL, never from request headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ PUBLIC_BASE_URL: 'https://wx.example.com/' });
  });
  afterAll(() => t.close());

  const qr = (url: string) => QRCode.toString(url, { type: 'svg', margin: 1, width: 160, errorCorrectionLevel: 'M' });

  it('puts the configured origin in the poster QR code whatever Host / X-Forwarded-Host say', async () => {
    const tenant = await makeTenant(t.db, 1);
    await publishSchedule(t.db, tenant.companyId, [
      { code: 'GD01', categoryCode: 'GD', name: '换龙头', unit: '个', labourPriceFen: 3000 },
    ]);
    const page = `/h5/#/packages/resident/pages/fee-schedule/index?projectId=${tenant.projectId}`;
    const expected = await qr(`https://wx.example.com${page}`);
    for (const headers of [
      {},
      { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http' },
      { Host: 'evil.example' },
    ]) {
      const res = await t
        .http()
        .get(`/api/public/fee-schedule/poster?projectId=${tenant.projectId}`)
        .set(headers)
        .expect(200);
      expect(res.text).toContain(expected);
      expect(res.text).not.toContain(await qr(`http://evil.example${page}`));
      expect(res.text).not.toContain(await qr(`https://evil.example${page}`));
    }
  });
});

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('sends nosniff, no Referer and no framing on the API, and a CSP that loads nothing on JSON', async () => {
    for (const url of ['/api/meta', '/api/me', '/api/nowhere']) {
      const res = await t.http().get(url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    }
  });

  it('puts a CSP with frame-ancestors on the console and the H5 pages', async () => {
    for (const url of ['/admin/', '/h5/', '/admin/index.html']) {
      const res = await t.http().get(url);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toMatch(/img-src 'self' data: blob:/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe("residents' full phone numbers are only for those who call them", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('shows contactPhone to the customer manager, supervisor, project manager and assigned technician only', async () => {
    const tenant = await makeTenant(t.db, 1);
    const technician = await makeStaff(t.db, [{ role: Role.Technician, scopeId: tenant.projectId }], {
      technician: true,
      companyId: tenant.companyId,
    });
    const ticket = await makeVerifiedTicket(t.db, {
      projectId: tenant.projectId,
      houseId: tenant.houseIds[0],
      technicianId: technician.id,
    });
    const phone = randomPhone();
    await t.db.getRepository(Ticket).update({ id: ticket.id }, { contactName: '王先生', contactPhone: phone });
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;

    const expectations: [string, Role | null, boolean][] = [
      ['customer manager', Role.CustomerManager, true],
      ['supervisor', Role.Supervisor, true],
      ['project manager', Role.ProjectManager, true],
      ['cashier', Role.Cashier, false],
      ['finance', Role.Finance, false],
      ['quality', Role.Quality, false],
      ['admin', Role.Admin, false],
      ['assigned technician', null, true],
    ];
    for (const [who, role, sees] of expectations) {
      const user = role ? await makeStaff(t.db, [{ role, scopeId: tenant.projectId }]) : technician;
      const session = await passwordLogin(t, user.username, STAFF_PASSWORD);
      const res = await t.http().get(`/api/tickets/${ticket.id}`).set(bearer(session.accessToken));
      expect({ who, status: res.status }).toEqual({ who, status: 200 });
      expect({ who, contactPhone: res.body.contactPhone, masked: res.body.contactPhoneMasked }).toEqual({
        who,
        contactPhone: sees ? phone : null,
        masked,
      });
      if (!sees) expect(JSON.stringify(res.body)).not.toContain(phone);
    }
  });
});

describe('demo login is for residents and technicians, and only on loopback unless enabled', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ DEMO_LOGIN: 'true' });
  });
  afterAll(() => t.close());

  async function demoUser(kind: UserKind, role: Role | null, projectId: number): Promise<number> {
    const at = new Date();
    const id = Number(
      (
        await t.db.getRepository(User).insert({
          kind,
          name: `演示${role ?? 'resident'}`,
          username: kind === UserKind.Staff ? `demo-${newOpenId().slice(4, 16)}` : null,
          passwordHash: null,
          isDemo: true,
          createdAt: at,
          updatedAt: at,
        })
      ).identifiers[0].id,
    );
    if (role)
      await t.db
        .getRepository(RoleAssignment)
        .insert({ userId: id, role, scopeType: 'project', scopeId: projectId, createdAt: at });
    return id;
  }

  it('lists and signs in residents and technicians, never office staff (admin included)', async () => {
    const tenant = await makeTenant(t.db, 1);
    const resident = await demoUser(UserKind.Resident, null, tenant.projectId);
    const technician = await demoUser(UserKind.Staff, Role.Technician, tenant.projectId);
    const staff = await Promise.all(
      [Role.CustomerManager, Role.Finance, Role.Admin].map((role) => demoUser(UserKind.Staff, role, tenant.projectId)),
    );

    const list = await t.http().get('/api/auth/demo/accounts').expect(200);
    const listed = list.body.accounts.map((a: { userId: number }) => a.userId);
    expect(listed).toEqual(expect.arrayContaining([resident, technician]));
    for (const id of staff) expect(listed).not.toContain(id);

    await t.http().post('/api/auth/demo/login').send({ userId: resident }).expect(200);
    await t.http().post('/api/auth/demo/login').send({ userId: technician }).expect(200);
    for (const id of staff) {
      const res = await t.http().post('/api/auth/demo/login').send({ userId: id }).expect(404);
      expect(res.body.code).toBe(ErrorCode.NotFound);
      expect(res.body.accessToken).toBeUndefined();
    }
  });
});

describe('R9: database errors do not put statement values in the log', () => {
  let t: TestApp;
  const logFile = join(mkdtempSync(join(tmpdir(), 'r9-')), 'server.log');
  // Keep what the filter was handed, to show the raw error did carry the number (so the test can fail).
  // Installed before boot: Nest binds the filter's catch when it builds the routes.
  const seen: unknown[] = [];
  let spy: jest.SpyInstance;
  beforeAll(async () => {
    const original = AllExceptionsFilter.prototype.catch;
    spy = jest.spyOn(AllExceptionsFilter.prototype, 'catch').mockImplementation(function (
      this: AllExceptionsFilter,
      exception,
      host,
    ) {
      seen.push(exception);
      return original.call(this, exception, host);
    });
    t = await bootTestApp({ LOG_FILE: logFile, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    spy.mockRestore();
    await t.close();
  });

  it('logs a failing INSERT carrying a phone number without the number', async () => {
    const mysql = t.db.options.type === 'mysql';
    const marker = `R9探针${newOpenId().slice(4, 10)}`;
    // A trigger makes the INSERT fail the way a too-long or duplicate value would; on MariaDB its message
    // even quotes the phone, as "Duplicate entry '…'" does.
    await t.db.query(
      mysql
        ? `CREATE TRIGGER r9_probe BEFORE INSERT ON house_bindings FOR EACH ROW BEGIN IF NEW.name = '${marker}' THEN SET @msg = CONCAT('value ''', NEW.phone, ''' refused'); SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = @msg; END IF; END`
        : `CREATE TRIGGER r9_probe BEFORE INSERT ON house_bindings WHEN NEW.name = '${marker}' BEGIN SELECT RAISE(ABORT, 'r9 probe refused'); END`,
    );
    try {
      const tenant = await makeTenant(t.db, 1);
      const resident = await wechatLogin(t, newOpenId());
      const phone = randomPhone();
      const res = await t
        .http()
        .post('/api/bindings')
        .set(bearer(resident.accessToken))
        .send({ houseId: tenant.houseIds[0], relation: 'owner', name: marker, phone })
        .expect(500);
      expect(res.body.code).toBe(ErrorCode.Internal);
      const log = readFileSync(logFile, 'utf8');
      const errorLine = log
        .split('\n')
        .find((line) => line.includes('Unhandled error') && line.includes(res.body.requestId));
      expect(errorLine).toBeDefined();
      expect(errorLine).toMatch(/QueryFailedError/);
      expect(log).not.toContain(phone);
      expect(log).not.toContain(phone.slice(3));
      const raw = seen.find((e) => (e as Error)?.constructor?.name === 'QueryFailedError') as
        Record<string, unknown> | undefined;
      expect(JSON.stringify({ ...raw })).toContain(phone);
    } finally {
      await t.db.query('DROP TRIGGER IF EXISTS r9_probe');
    }
  });
});
