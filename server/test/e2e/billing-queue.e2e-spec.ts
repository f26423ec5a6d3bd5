import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { IBillRun, Role, ScopeType } from '@app/shared';
import { Bill } from '../../src/modules/billing/billing.entity';
import { BullMqBillRunQueue } from '../../src/modules/billing/run/bullmq-queue';
import { BillRunQueue } from '../../src/modules/billing/run/run-queue';
import { Project } from '../../src/modules/property/company.entity';
import { addHouses, makeStaff, makeTenant, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { setStandardItems, thisMonth } from './billing-helpers';

const REDIS = '/usr/bin/redis-server';
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** With REDIS_URL set, runs go through BullMQ; a company-wide start fans out one job per project. */
(existsSync(REDIS) ? describe : describe.skip)('billing: company-wide runs through the Redis queue (BullMQ)', () => {
  let redis: ChildProcess;
  let t: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.REDIS_URL;
    redis?.kill('SIGTERM');
  });

  it('fans out one job per project of the company and bills every house once', async () => {
    expect(t.app.get(BillRunQueue)).toBeInstanceOf(BullMqBillRunQueue);
    const a = await makeTenant(t.db, 3);
    const other = Number(
      (
        await t.db.getRepository(Project).insert({
          companyId: a.companyId,
          regionId: a.regionId,
          code: `Q${a.projectId}`,
          name: `第二项目${a.projectId}`,
          address: '',
        })
      ).identifiers[0].id,
    );
    await addHouses(t.db, other, '9栋', '1单元', 2);
    const finance = await makeStaff(
      t.db,
      [{ role: Role.Finance, scopeType: ScopeType.Company, scopeId: a.companyId }],
      { companyId: a.companyId },
    );
    const token = (await passwordLogin(t, finance.username, STAFF_PASSWORD)).accessToken;
    await setStandardItems(t, token, a.projectId);
    await setStandardItems(t, token, other);
    const period = thisMonth();
    const started = (await t.http().post('/api/billing/runs').set(bearer(token)).send({ period }).expect(202))
      .body as IBillRun[];
    expect(started.map((r) => r.projectId)).toEqual([a.projectId, other]);
    await t.app.get(BillRunQueue).idle();
    const runs = (await t.http().get('/api/billing/runs').set(bearer(token)).query({ period }).expect(200))
      .body as IBillRun[];
    expect(runs.map((r) => [r.projectId, r.status, r.housesDone]).sort()).toEqual(
      [
        [a.projectId, 'draft', 3],
        [other, 'draft', 2],
      ].sort(),
    );
    expect(await t.db.getRepository(Bill).countBy({ projectId: a.projectId, period })).toBe(3);
    expect(await t.db.getRepository(Bill).countBy({ projectId: other, period })).toBe(2);
    // Starting again enqueues nothing new: both runs are finished and answered as they are.
    const again = (await t.http().post('/api/billing/runs').set(bearer(token)).send({ period }).expect(202))
      .body as IBillRun[];
    expect(again.map((r) => r.status)).toEqual(['draft', 'draft']);
  });
});
