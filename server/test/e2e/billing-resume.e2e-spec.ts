import { IBillRun, Role, addMonths } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Bill, BillLine, BillRun } from '../../src/modules/billing/billing.entity';
import { BillRunEngine } from '../../src/modules/billing/run/bill-run.engine';
import { BillRunQueue } from '../../src/modules/billing/run/run-queue';
import { Charge } from '../../src/modules/charges/charge.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { makeStaff, makeTenant, makeVerifiedTicket, Tenant } from '../support/factories';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { runBills, setStandardItems, staffToken, thisMonth } from './billing-helpers';

describe('billing runs: one at a time, resumable, identical results (R4)', () => {
  let t: TestApp;
  let engine: BillRunEngine;
  const current = thisMonth();

  beforeAll(async () => {
    t = await bootTestApp();
    engine = t.app.get(BillRunEngine);
  });
  afterAll(() => t.close());
  afterEach(() => {
    engine.testHooks = {};
    engine.batchSize = 500;
  });

  async function world(
    houses: number,
    chargeFen: Record<number, number>,
  ): Promise<{ tenant: Tenant; finance: string; chargeIds: number[] }> {
    const tenant = await makeTenant(t.db, houses);
    const finance = await staffToken(t, Role.Finance, tenant.projectId);
    await setStandardItems(t, finance, tenant.projectId);
    const tech = await makeStaff(t.db, [{ role: Role.Technician, scopeId: tenant.projectId }], {
      technician: true,
      companyId: tenant.companyId,
    });
    const chargeIds: number[] = [];
    for (const [index, fen] of Object.entries(chargeFen)) {
      const houseId = tenant.houseIds[Number(index)];
      const vt = await makeVerifiedTicket(t.db, { projectId: tenant.projectId, houseId, technicianId: tech.id });
      chargeIds.push(
        (
          await t.app.get(ChargesService).postForTicket({
            ticketId: vt.id,
            ticketSerial: vt.serial,
            projectId: tenant.projectId,
            houseId,
            agreementRef: `quote-agree:${vt.id}`,
            lines: [
              {
                kind: 'labour',
                code: 'GS-001',
                name: '水龙头更换',
                unit: '个',
                unitPriceFen: fen,
                quantityMilli: 1000,
                amountFen: fen,
              },
            ],
            actorId: tech.id,
          })
        ).id,
      );
    }
    return { tenant, finance, chargeIds };
  }

  const hashes = async (projectId: number, period: string) => {
    const bills = await t.db.getRepository(Bill).find({ where: { projectId, period }, order: { houseId: 'ASC' } });
    return bills.map((b) => [b.houseId, b.totalFen, b.contentHash]);
  };

  it('two runs started at once: one works, the other is answered with the same running run', async () => {
    const { tenant, finance, chargeIds } = await world(7, { 0: 3000, 3: 4500 });
    engine.batchSize = 2;
    const start = () =>
      t.http().post('/api/billing/runs').set(bearer(finance)).send({ projectId: tenant.projectId, period: current });
    const [a, b] = await Promise.all([start(), start()]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body[0].id).toBe(b.body[0].id);
    await t.app.get(BillRunQueue).idle();
    expect(await t.db.getRepository(AuditEntry).countBy({ action: 'bill-run.start', entityId: a.body[0].id })).toBe(1);
    expect(await t.db.getRepository(BillRun).countBy({ projectId: tenant.projectId })).toBe(1);
    expect(await t.db.getRepository(Bill).countBy({ projectId: tenant.projectId, period: current })).toBe(7);
    for (const id of chargeIds) expect(await t.db.getRepository(BillLine).countBy({ chargeId: id })).toBe(1);
  });

  it('progress (houses done / total) is readable while the run works', async () => {
    const { tenant, finance } = await world(5, {});
    engine.batchSize = 2;
    const seen: [string, number, number][] = [];
    engine.testHooks.afterBatch = async (runId) => {
      const run = (await t.http().get(`/api/billing/runs/${runId}`).set(bearer(finance)).expect(200)).body as IBillRun;
      seen.push([run.status, run.housesDone, run.housesTotal]);
    };
    await runBills(t, finance, tenant.projectId, current);
    // The last batch finishes the run in its own transaction: its commit shows the run done.
    expect(seen).toEqual([
      ['running', 2, 5],
      ['running', 4, 5],
      ['draft', 5, 5],
    ]);
  });

  it('a run that fails mid-way keeps whole batches; the rerun resumes and every charge is billed once, with the hashes of an uninterrupted run', async () => {
    const { tenant, finance, chargeIds } = await world(7, { 0: 3000, 2: 1234, 3: 4500, 6: 999 });
    engine.batchSize = 2;
    engine.testHooks.failBatch = 3;
    const failed = await runBills(t, finance, tenant.projectId, current);
    expect(failed).toMatchObject({
      status: 'failed',
      housesDone: 4,
      error: expect.stringContaining('failed on purpose'),
    });
    expect(await t.db.getRepository(Bill).countBy({ projectId: tenant.projectId, period: current })).toBe(4);
    const open = await t.db.getRepository(Charge).findBy({ projectId: tenant.projectId, status: 'open' });
    expect(open.map((c) => c.houseId).sort()).toEqual([tenant.houseIds[6]]);

    engine.testHooks = {};
    const resumed = await runBills(t, finance, tenant.projectId, current);
    expect(resumed).toMatchObject({ id: failed.id, status: 'draft', housesDone: 7, error: null });
    const interrupted = await hashes(tenant.projectId, current);
    expect(interrupted).toHaveLength(7);
    for (const id of chargeIds) expect(await t.db.getRepository(BillLine).countBy({ chargeId: id })).toBe(1);
    expect(
      await t.db
        .getRepository(Charge)
        .countBy({ projectId: tenant.projectId, status: 'billed', billedPeriod: current }),
    ).toBe(4);

    // The same inputs again, in one go and with other batch boundaries: byte-identical bills.
    const billIds = (await t.db.getRepository(Bill).findBy({ projectId: tenant.projectId })).map((b) => b.id);
    await t.db
      .getRepository(BillLine)
      .createQueryBuilder()
      .delete()
      .where('bill_id IN (:...billIds)', { billIds })
      .execute();
    await t.db.getRepository(Bill).delete({ projectId: tenant.projectId });
    await t.db.getRepository(BillRun).delete({ projectId: tenant.projectId });
    await t.db.getRepository(Charge).update({ projectId: tenant.projectId }, { status: 'open', billedPeriod: null });
    engine.batchSize = 500;
    expect((await runBills(t, finance, tenant.projectId, current)).status).toBe('draft');
    expect(await hashes(tenant.projectId, current)).toEqual(interrupted);
  });

  it('the check flags a house whose amount moved by more than half (and ≥ ¥50) from last month', async () => {
    const { tenant, finance } = await world(3, { 1: 20000 });
    const previous = addMonths(current, -1);
    await runBills(t, finance, tenant.projectId, previous);
    const run = await runBills(t, finance, tenant.projectId, current);
    const checked = (await t.http().post(`/api/billing/runs/${run.id}/check`).set(bearer(finance)).expect(200))
      .body as IBillRun;
    expect(checked.check!.unusual).toEqual([
      expect.objectContaining({
        houseId: tenant.houseIds[1],
        houseLabel: '1栋1单元102',
        currentFen: expect.any(Number),
      }),
    ]);
    expect(checked.check!.unusual[0].currentFen - checked.check!.unusual[0].previousFen).toBe(20000);
    await t
      .http()
      .post(`/api/billing/runs/${run.id}/check`)
      .set(bearer(await staffToken(t, Role.Cashier, tenant.projectId)))
      .expect(403);
  });
});
