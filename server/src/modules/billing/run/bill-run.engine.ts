import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BillRunStatus, addMonths, shanghaiMonthStart } from '@app/shared';
import { now } from '../../../common/time';
import { isUniqueViolation } from '../../../database/errors';
import { runInTransaction } from '../../../database/transactions';
import { ChargeBilling, sqlInstant } from '../../charges/charge-billing.service';
import { PropertyDirectory, ProjectRef } from '../../property/property-directory.service';
import { BillRun } from '../billing.entity';
import { settleBills } from './bill-content';
import { batchBills } from './batch-rows';
import type { BillBatch } from './line-source';
import { BillLineSources } from './line-sources';
import { claimAdjustments } from './sources/adjustment.source';

/** Test seams (e2e and the chaos script): fail a batch on purpose, or watch batches commit. */
export interface BillRunTestHooks {
  /** 1-based batch number (counted per `process` call) that throws after its lines are written, before commit. */
  failBatch?: number;
  afterBatch?: (runId: number, housesDone: number) => Promise<void> | void;
}

class LeaseLost extends Error {}

/** The first instant after the month: charges created before it belong to the month or earlier. */
export const billCutoff = (period: string): Date => shanghaiMonthStart(addMonths(period, 1));

/**
 * Writes a project's bills for a month in id-ordered batches of houses. Each batch is ONE transaction —
 * bills, claimed charges, every source's lines, totals, hashes and the run's cursor — so a crash leaves
 * whole batches and a rerun resumes after the cursor with byte-identical results (docs/billing.md).
 */
@Injectable()
export class BillRunEngine {
  private readonly logger = new Logger('BillRunEngine');
  batchSize = Number(process.env.BILL_RUN_BATCH_SIZE) || 500;
  leaseMs = Number(process.env.BILL_RUN_LEASE_MS) || 120_000;
  testHooks: BillRunTestHooks = {};

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly property: PropertyDirectory,
    private readonly charges: ChargeBilling,
    private readonly sources: BillLineSources,
  ) {}

  /**
   * Takes the run of (project, period): a new row, or a failed/abandoned one whose lease ran out, with a
   * conditional UPDATE. `leaseOwner` is null when someone else holds it or it already finished — the
   * caller then answers with that run and starts nothing.
   */
  async acquire(project: ProjectRef, period: string, actorId: number): Promise<{ run: BillRun; leaseOwner: string | null }> {
    const repo = this.db.getRepository(BillRun);
    const owner = randomUUID();
    const at = now();
    const leaseUntil = new Date(at.getTime() + this.leaseMs);
    const housesTotal = await this.property.houseCount(project.id);
    try {
      const inserted = await repo.insert({
        companyId: project.companyId, projectId: project.id, period, status: BillRunStatus.Running, housesTotal, housesDone: 0, cursorHouseId: 0,
        startedBy: actorId, startedAt: at, leaseOwner: owner, leaseUntil,
      });
      return { run: await repo.findOneByOrFail({ id: Number(inserted.identifiers[0].id) }), leaseOwner: owner };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await repo.findOneByOrFail({ projectId: project.id, period });
    if (existing.status !== BillRunStatus.Running && existing.status !== BillRunStatus.Failed) return { run: existing, leaseOwner: null };
    const taken = await repo.createQueryBuilder().update(BillRun)
      .set({ status: BillRunStatus.Running, error: null, leaseOwner: owner, leaseUntil, housesTotal })
      .where('id = :id AND status IN (:...open)', { id: existing.id, open: [BillRunStatus.Running, BillRunStatus.Failed] })
      .andWhere('(lease_owner IS NULL OR lease_until < :at)', { at })
      .execute();
    if (!taken.affected) return { run: existing, leaseOwner: null };
    return { run: await repo.findOneByOrFail({ id: existing.id }), leaseOwner: owner };
  }

  /** Works the run batch by batch while it holds the lease; a failure marks it failed (a rerun resumes). */
  async process(runId: number, leaseOwner: string): Promise<void> {
    const repo = this.db.getRepository(BillRun);
    try {
      for (let n = 1; ; n++) {
        const run = await repo.findOneByOrFail({ id: runId });
        if (run.leaseOwner !== leaseOwner || run.status !== BillRunStatus.Running) return;
        const ids = await this.property.houseIdsAfter(run.projectId, run.cursorHouseId, this.batchSize);
        if (!ids.length) {
          await repo.update({ id: runId, leaseOwner }, { status: BillRunStatus.Draft, finishedAt: now(), leaseOwner: null, leaseUntil: null });
          return;
        }
        const batch: BillBatch = {
          runId, companyId: run.companyId, projectId: run.projectId, period: run.period, houseIdFrom: run.cursorHouseId + 1, houseIdTo: ids[ids.length - 1],
        };
        await runInTransaction(this.db, (tx) => this.writeBatch(tx, run, leaseOwner, batch, ids.length, n));
        await this.testHooks.afterBatch?.(runId, run.housesDone + ids.length);
      }
    } catch (error) {
      if (error instanceof LeaseLost) return;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`bill run ${runId}: ${message}`);
      await repo.update({ id: runId, leaseOwner }, { status: BillRunStatus.Failed, error: message.slice(0, 500), leaseOwner: null, leaseUntil: null });
    }
  }

  private async writeBatch(tx: EntityManager, run: BillRun, leaseOwner: string, batch: BillBatch, houses: number, n: number): Promise<void> {
    const at = now();
    // Renewing the lease in the batch's transaction also proves nobody advanced the cursor meanwhile.
    const renewed = await tx.createQueryBuilder().update(BillRun).set({ leaseUntil: new Date(at.getTime() + this.leaseMs) })
      .where('id = :id AND lease_owner = :leaseOwner AND cursor_house_id = :cursor', { id: run.id, leaseOwner, cursor: run.cursorHouseId }).execute();
    if (!renewed.affected) throw new LeaseLost();

    const houseRows = this.property.billableHousesSelect(run.projectId, { from: batch.houseIdFrom, to: batch.houseIdTo });
    await tx.query(
      'INSERT INTO bills (company_id, project_id, house_id, building_id, unit_id, period, revision, run_id, status, total_fen, paid_fen, content_hash, created_at)'
      + ` SELECT ?, ?, h.house_id, h.building_id, h.unit_id, ?, 0, ?, 'draft', 0, 0, '', ? FROM (${houseRows.sql}) h`
      + ' WHERE NOT EXISTS (SELECT 1 FROM bills x WHERE x.house_id = h.house_id AND x.period = ?)',
      [run.companyId, run.projectId, run.period, run.id, sqlInstant(at), ...houseRows.params, run.period],
    );
    await this.charges.claimChargesForBill(tx, {
      projectId: run.projectId, period: run.period, cutoff: billCutoff(run.period), houseIdFrom: batch.houseIdFrom, houseIdTo: batch.houseIdTo,
    });
    await claimAdjustments(tx, batch);
    await this.sources.insertAll(tx, batch);
    if (this.testHooks.failBatch === n) throw new Error(`test hook: batch ${n} failed on purpose`);
    await settleBills(tx, (await batchBills(tx, batch)).map((b) => b.billId));
    await tx.createQueryBuilder().update(BillRun)
      .set({ cursorHouseId: batch.houseIdTo, housesDone: () => `houses_done + ${Number(houses)}` })
      .where('id = :id AND lease_owner = :leaseOwner', { id: run.id, leaseOwner }).execute();
  }
}
