import { IBillRun, Role } from '@app/shared';
import { BillRunEngine } from '../../src/modules/billing/run/bill-run.engine';
import { BillRunQueue } from '../../src/modules/billing/run/run-queue';
import { makeTenant } from '../support/factories';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { setStandardItems, staffToken, thisMonth } from './billing-helpers';

/**
 * The console's progress bar polls the run while it works. Nothing here hooks into the engine: a separate
 * HTTP client polls GET /api/billing/runs/:id while the queue works the run, as the console does — on
 * SQLite (one connection, synchronous driver) too, where a run that never yields to the event loop would
 * answer nothing until it is done.
 */
describe('billing runs: progress is visible while a run works', () => {
  let t: TestApp;
  let engine: BillRunEngine;

  beforeAll(async () => {
    t = await bootTestApp();
    engine = t.app.get(BillRunEngine);
  });
  afterAll(() => t.close());

  /** Starts the project's run and polls it over HTTP until it is no longer running: every housesDone seen. */
  async function pollRun(houses: number): Promise<number[]> {
    const tenant = await makeTenant(t.db, houses);
    const finance = await staffToken(t, Role.Finance, tenant.projectId);
    await setStandardItems(t, finance, tenant.projectId);
    const started = (
      await t
        .http()
        .post('/api/billing/runs')
        .set(bearer(finance))
        .send({ projectId: tenant.projectId, period: thisMonth() })
        .expect(202)
    ).body as IBillRun[];
    const seen: number[] = [started[0].housesDone];
    const deadline = Date.now() + 60_000;
    let run = started[0];
    while (run.status === 'running' && Date.now() < deadline) {
      run = (await t.http().get(`/api/billing/runs/${run.id}`).set(bearer(finance)).expect(200)).body as IBillRun;
      seen.push(run.housesDone);
    }
    await t.app.get(BillRunQueue).idle();
    expect(run).toMatchObject({ status: 'draft', housesDone: houses, housesTotal: houses });
    // Progress only ever moves forward.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    return seen;
  }

  it('a poller sees houses done strictly between 0 and the total before the run finishes (small batches)', async () => {
    const batchSize = engine.batchSize;
    engine.batchSize = 3;
    try {
      const seen = await pollRun(60);
      expect(seen.some((done) => done > 0 && done < 60)).toBe(true);
    } finally {
      engine.batchSize = batchSize;
    }
  });

  it('on SQLite a small project is still worked in about twenty steps at the default batch size', async () => {
    if (t.db.options.type !== 'better-sqlite3') {
      // MySQL/MariaDB keep the configured batch (bench:billing's figure); progress shows per committed batch.
      expect(engine.batchSizeFor(400)).toBe(engine.batchSize);
      return;
    }
    expect(engine.batchSizeFor(400)).toBe(100);
    expect(engine.batchSizeFor(100_000)).toBe(Math.min(engine.batchSize, 5000));
    // A batch of 100 houses takes a few ms here; 40 ms more each stands in for a bigger machine's project.
    engine.testHooks.inBatch = () => new Promise((resolve) => setTimeout(resolve, 40));
    try {
      const seen = await pollRun(400);
      expect(seen.filter((done) => done > 0 && done < 400).length).toBeGreaterThan(0);
      expect(seen.every((done) => done % 100 === 0)).toBe(true);
    } finally {
      engine.testHooks = {};
    }
  });
});
