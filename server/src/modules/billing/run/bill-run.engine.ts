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
import { settleBillsWhere } from './bill-content';
import { batchBillsWhere } from './batch-rows';
import { BatchTiming } from './batch-timing';
import type { BillBatch } from './line-source';
import { BillLineSources } from './line-sources';
import { claimAdjustments } from './sources/adjustment.source';
import { dialectOf } from './sql';

/** Test seams (e2e and the chaos script): fail a batch on purpose, or watch batches commit. */
export interface BillRunTestHooks {
  /** 1-based batch number (counted per `process` call) that throws after its lines are written, before commit. */
  failBatch?: number;
  afterBatch?: (runId: number, housesDone: number) => Promise<void> | void;
  /** Called inside the batch's transaction after its lines are written (the chaos test pauses here). */
  inBatch?: () => Promise<void> | void;
}

class LeaseLost extends Error {}

/** BILL_RUN_TIMING=1: one stderr line per batch with each step's milliseconds (docs/benchmarks.md P1). */
const TIMING = Boolean(process.env.BILL_RUN_TIMING);

const SQLITE_PROGRESS_STEPS = 20;
const SQLITE_MIN_BATCH = 100;

/**
 * Lets pending I/O (HTTP requests polling the run's progress) in between two batches. On SQLite every
 * statement completes synchronously, so a run's chain of awaits is all microtasks and would otherwise
 * hold the event loop until the whole run is done: no request answered, progress seen only at the end.
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
class AcquireRace extends Error {}

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
  /** Houses per batch (one transaction). 2000: bench:billing measured 500 at twice the run time (docs/benchmarks.md P1). */
  batchSize = Number(process.env.BILL_RUN_BATCH_SIZE) || 2000;
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
   * caller then answers with that run and starts nothing. `onTaken` (the start's audit entry) runs in the
   * same transaction when the lease is ours: one commit per project start instead of two.
   */
  async acquire(
    project: ProjectRef,
    period: string,
    actorId: number,
    onTaken?: (tx: EntityManager, run: BillRun) => Promise<unknown>,
  ): Promise<{ run: BillRun; leaseOwner: string | null }> {
    const owner = randomUUID();
    const housesTotal = await this.property.houseCount(project.id);
    // Through runInTransaction even for single statements: on SQLite a bare write could otherwise land
    // inside another request's open batch transaction (one shared connection) and share its fate.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryAcquire(project, period, actorId, owner, housesTotal, onTaken);
      } catch (error) {
        // Lost the INSERT race: the winner's row is committed, but this transaction's snapshot (MySQL
        // REPEATABLE READ) predates it — read it again in a fresh transaction.
        if (!(error instanceof AcquireRace) || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Writes first, reads after: the conditional UPDATE takes the write lock before any read, so SQLite never
   * has to upgrade a stale read snapshot (SQLITE_BUSY between processes) and MySQL reads after it see the
   * latest committed row.
   */
  private tryAcquire(
    project: ProjectRef,
    period: string,
    actorId: number,
    owner: string,
    housesTotal: number,
    onTaken?: (tx: EntityManager, run: BillRun) => Promise<unknown>,
  ): Promise<{ run: BillRun; leaseOwner: string | null }> {
    return runInTransaction(this.db, async (tx) => {
      const taken = async (run: BillRun) => {
        await onTaken?.(tx, run);
        return { run, leaseOwner: owner };
      };
      const repo = tx.getRepository(BillRun);
      const at = now();
      const leaseUntil = new Date(at.getTime() + this.leaseMs);
      const updated = await repo
        .createQueryBuilder()
        .update(BillRun)
        .set({ status: BillRunStatus.Running, error: null, leaseOwner: owner, leaseUntil, housesTotal })
        .where('project_id = :projectId AND period = :period AND status IN (:...open)', {
          projectId: project.id,
          period,
          open: [BillRunStatus.Running, BillRunStatus.Failed],
        })
        .andWhere('(lease_owner IS NULL OR lease_until < :at)', { at })
        .execute();
      if (updated.affected) return taken(await repo.findOneByOrFail({ projectId: project.id, period }));
      const existing = await repo.findOneBy({ projectId: project.id, period });
      if (existing) return { run: existing, leaseOwner: null };
      try {
        const inserted = await repo.insert({
          companyId: project.companyId,
          projectId: project.id,
          period,
          status: BillRunStatus.Running,
          housesTotal,
          housesDone: 0,
          cursorHouseId: 0,
          startedBy: actorId,
          startedAt: at,
          leaseOwner: owner,
          leaseUntil,
        });
        return await taken(await repo.findOneByOrFail({ id: Number(inserted.identifiers[0].id) }));
      } catch (error) {
        throw isUniqueViolation(error) ? new AcquireRace() : error;
      }
    });
  }

  /**
   * Works the run batch by batch while it holds the lease; a failure marks it failed (a rerun resumes).
   * The run is read once: each batch proves in its own transaction that the lease and the cursor are
   * still ours (writeBatch), so the cursor is carried forward here instead of re-read. The last batch
   * (no house after it when its ids were read) marks the run finished in its own transaction.
   */
  async process(runId: number, leaseOwner: string): Promise<void> {
    const repo = this.db.getRepository(BillRun);
    try {
      const run = await repo.findOneByOrFail({ id: runId });
      if (run.leaseOwner !== leaseOwner || run.status !== BillRunStatus.Running) return;
      const batchSize = this.batchSizeFor(run.housesTotal);
      for (let n = 1; ; n++) {
        // One id more than a batch tells whether this batch is the last: the last one finishes the run in
        // its own transaction (no separate finish, no extra look at the houses).
        const next = await this.property.houseIdsAfter(run.projectId, run.cursorHouseId, batchSize + 1);
        const ids = next.slice(0, batchSize);
        const last = next.length <= batchSize;
        if (!ids.length) {
          await runInTransaction(this.db, (tx) => this.finish(tx, runId, leaseOwner));
          return;
        }
        const batch: BillBatch = {
          runId,
          companyId: run.companyId,
          projectId: run.projectId,
          period: run.period,
          houseIdFrom: run.cursorHouseId + 1,
          houseIdTo: ids[ids.length - 1],
        };
        const timing = TIMING ? new BatchTiming() : null;
        await runInTransaction(this.db, (tx) =>
          this.writeBatch(tx, run, leaseOwner, batch, { houses: ids.length, n, last, timing }),
        );
        // A diagnostic the operator asked for with the env switch: straight to stderr, whatever the log level.
        if (timing) process.stderr.write(`bill run ${runId} batch ${n}: houses=${ids.length} ${timing.done()}\n`);
        run.cursorHouseId = batch.houseIdTo;
        run.housesDone += ids.length;
        await this.testHooks.afterBatch?.(runId, run.housesDone);
        if (last) return;
        await yieldToEventLoop();
      }
    } catch (error) {
      if (error instanceof LeaseLost) return;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`bill run ${runId}: ${message}`);
      await runInTransaction(this.db, (tx) =>
        tx
          .getRepository(BillRun)
          .update(
            { id: runId, leaseOwner },
            { status: BillRunStatus.Failed, error: message.slice(0, 500), leaseOwner: null, leaseUntil: null },
          ),
      );
    }
  }

  /**
   * Houses per batch for a run of `housesTotal` houses. MySQL/MariaDB: `batchSize` (the bench's figure).
   * SQLite: at most a twentieth of the project (never under 100), because there a batch holds the one
   * write lock of the whole app and its progress only shows between batches — a 1,500-house project in
   * one batch would block every other write and jump from 0 to done in the console.
   */
  batchSizeFor(housesTotal: number): number {
    if (dialectOf(this.db.manager) !== 'sqlite') return this.batchSize;
    return Math.min(this.batchSize, Math.max(SQLITE_MIN_BATCH, Math.ceil(housesTotal / SQLITE_PROGRESS_STEPS)));
  }

  private finish(tx: EntityManager, runId: number, leaseOwner: string) {
    return tx
      .getRepository(BillRun)
      .update(
        { id: runId, leaseOwner },
        { status: BillRunStatus.Draft, finishedAt: now(), leaseOwner: null, leaseUntil: null },
      );
  }

  private async writeBatch(
    tx: EntityManager,
    run: BillRun,
    leaseOwner: string,
    batch: BillBatch,
    step: { houses: number; n: number; last: boolean; timing: BatchTiming | null },
  ): Promise<void> {
    const { houses, n, last, timing } = step;
    const at = now();
    // Renewing the lease in the batch's transaction also proves nobody advanced the cursor meanwhile.
    const renewed = await tx
      .createQueryBuilder()
      .update(BillRun)
      .set({ leaseUntil: new Date(at.getTime() + this.leaseMs) })
      .where('id = :id AND lease_owner = :leaseOwner AND cursor_house_id = :cursor', {
        id: run.id,
        leaseOwner,
        cursor: run.cursorHouseId,
      })
      .execute();
    if (!renewed.affected) throw new LeaseLost();
    timing?.mark('lease');

    const houseRows = this.property.billableHousesSelect(run.projectId, {
      from: batch.houseIdFrom,
      to: batch.houseIdTo,
    });
    await tx.query(
      'INSERT INTO bills (company_id, project_id, house_id, building_id, unit_id, period, revision, run_id, status, total_fen, paid_fen, content_hash, created_at)' +
        ` SELECT ?, ?, h.house_id, h.building_id, h.unit_id, ?, 0, ?, 'draft', 0, 0, '', ? FROM (${houseRows.sql}) h` +
        ' WHERE NOT EXISTS (SELECT 1 FROM bills x WHERE x.house_id = h.house_id AND x.period = ?)',
      [run.companyId, run.projectId, run.period, run.id, sqlInstant(at), ...houseRows.params, run.period],
    );
    timing?.mark('bills');
    await this.charges.claimChargesForBill(tx, {
      projectId: run.projectId,
      period: run.period,
      cutoff: billCutoff(run.period),
      houseIdFrom: batch.houseIdFrom,
      houseIdTo: batch.houseIdTo,
    });
    await claimAdjustments(tx, batch);
    timing?.mark('claims');
    await this.sources.insertAll(tx, batch, timing);
    if (this.testHooks.failBatch === n) throw new Error(`test hook: batch ${n} failed on purpose`);
    await this.testHooks.inBatch?.();
    await settleBillsWhere(tx, batchBillsWhere(batch));
    timing?.mark('settle');
    await tx
      .createQueryBuilder()
      .update(BillRun)
      .set({
        cursorHouseId: batch.houseIdTo,
        housesDone: () => `houses_done + ${Number(houses)}`,
        ...(last ? { status: BillRunStatus.Draft, finishedAt: now(), leaseOwner: null, leaseUntil: null } : {}),
      })
      .where('id = :id AND lease_owner = :leaseOwner', { id: run.id, leaseOwner })
      .execute();
    timing?.mark('cursor');
  }
}
