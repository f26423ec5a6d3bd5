import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import type { IReconciliationDiscrepancy, IReconciliationRun } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { addMinutes, now } from '../../../common/time';
import { isUniqueViolation } from '../../../database/errors';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { WechatPayClient } from '../../wechat-pay/wechat-pay.client';
import { WechatTrades } from '../wechat-trades';
import { compareTrades } from './compare';
import { ReconciliationDiscrepancy, ReconciliationRun } from './reconciliation.entity';

/** A claim older than this is taken to belong to a crashed instance and may be taken over. */
const STALE_CLAIM_MINUTES = 30;

/** YYYY-MM-DD in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiDate = (at: Date, plusDays = 0): string =>
  new Date(at.getTime() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);

export interface RunActor {
  userId: number | null;
  companyId: number | null;
}

/**
 * Reconciles one trade date (docs/reconciliation.md): claims the date's run row, downloads WeChat Pay's trade
 * bill, compares it with the local WeChat payments and refunds, and replaces the run's result in one transaction
 * with its audit row. The same date again replaces the result; two attempts at once → the second gets 409.
 */
@Injectable()
export class ReconciliationService {
  private readonly log = new Logger('Reconciliation');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly client: WechatPayClient,
    private readonly trades: WechatTrades,
    private readonly audit: AuditService,
  ) {}

  /** Manual run (console). */
  async run(date: string, actor: RunActor): Promise<IReconciliationRun> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || shanghaiDate(new Date(`${date}T00:00:00.000+08:00`)) !== date) {
      throw DomainException.validation('date', '对账日期格式应为 YYYY-MM-DD');
    }
    if (date > shanghaiDate(now())) throw DomainException.validation('date', '对账日期不能晚于今天');
    if (!this.client.enabled) throw DomainException.conflict('未启用微信支付，无法对账');
    const runId = await this.claim(date, actor.userId, { takeOverFinished: true });
    if (runId === null) {
      throw DomainException.conflict(
        '该日期正在对账，请稍后刷新',
        await this.view(await this.db.getRepository(ReconciliationRun).findOneByOrFail({ billDate: date })),
      );
    }
    return this.execute(runId, date, actor);
  }

  /** Scheduled run: at most one instance gets the claim for the date; a failed or stale one is retried later. */
  async runScheduled(date: string): Promise<IReconciliationRun | null> {
    if (!this.client.enabled) return null;
    const existing = await this.db.getRepository(ReconciliationRun).findOneBy({ billDate: date });
    if (existing?.status === 'done') return null; // the common case on every later tick: no write attempted
    const runId = await this.claim(date, null, { takeOverFinished: false });
    return runId === null ? null : this.execute(runId, date, { userId: null, companyId: null });
  }

  async list(query: { from?: string; to?: string }): Promise<IReconciliationRun[]> {
    const qb = this.db.getRepository(ReconciliationRun).createQueryBuilder('r');
    if (query.from) qb.andWhere('r.bill_date >= :from', { from: query.from });
    if (query.to) qb.andWhere('r.bill_date <= :to', { to: query.to });
    const rows = await qb.orderBy('r.bill_date', 'DESC').take(366).getMany();
    return rows.map((r) => this.view(r));
  }

  async discrepancies(runId: number): Promise<IReconciliationDiscrepancy[]> {
    if (!(await this.db.getRepository(ReconciliationRun).existsBy({ id: runId })))
      throw DomainException.notFound('对账记录');
    const rows = await this.db
      .getRepository(ReconciliationDiscrepancy)
      .find({ where: { runId }, order: { id: 'ASC' } });
    return rows.map((d) => ({
      id: d.id,
      runId: d.runId,
      kind: d.kind,
      outTradeNo: d.outTradeNo,
      transactionId: d.transactionId,
      localFen: d.localFen,
      remoteFen: d.remoteFen,
      note: d.note,
    }));
  }

  /**
   * Insert the date's row, or take it over with a conditional update: never while another attempt is fresh;
   * a finished run only when asked (manual re-run); failed or stale claims always (the schedule's retry).
   */
  private async claim(
    date: string,
    userId: number | null,
    opts: { takeOverFinished: boolean },
  ): Promise<number | null> {
    const at = now();
    const repo = this.db.getRepository(ReconciliationRun);
    try {
      const inserted = await repo.insert({
        billDate: date,
        status: 'running',
        remoteCount: 0,
        localCount: 0,
        remoteTotalFen: 0,
        localTotalFen: 0,
        discrepancyCount: 0,
        error: null,
        triggeredBy: userId,
        startedAt: at,
        finishedAt: null,
      });
      return Number(inserted.identifiers[0].id);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const stale = addMinutes(at, -STALE_CLAIM_MINUTES);
    const result = await repo
      .createQueryBuilder()
      .update(ReconciliationRun)
      .set({ status: 'running', triggeredBy: userId, startedAt: at, finishedAt: null, error: null })
      .where('bill_date = :date', { date })
      .andWhere(
        new Brackets((w) => {
          w.where("status = 'running' AND started_at < :stale", { stale });
          if (opts.takeOverFinished) w.orWhere("status IN ('done', 'failed')");
          else w.orWhere("status = 'failed' AND started_at < :stale", { stale });
        }),
      )
      .execute();
    if (!result.affected) return null;
    return (await repo.findOneByOrFail({ billDate: date })).id;
  }

  private async execute(runId: number, date: string, actor: RunActor): Promise<IReconciliationRun> {
    try {
      const bill = await this.client.downloadTradeBill(date);
      const local = await this.trades.ofDay(date);
      const result = compareTrades(bill.rows, local);
      await runInTransaction(this.db, async (tx) => {
        await tx.getRepository(ReconciliationDiscrepancy).delete({ runId });
        if (result.discrepancies.length) {
          await tx
            .getRepository(ReconciliationDiscrepancy)
            .insert(result.discrepancies.map((d) => ({ runId, ...d, note: d.note.slice(0, 200) })));
        }
        await tx.getRepository(ReconciliationRun).update(
          { id: runId },
          {
            status: 'done',
            remoteCount: result.remoteCount,
            localCount: result.localCount,
            remoteTotalFen: result.remoteTotalFen,
            localTotalFen: result.localTotalFen,
            discrepancyCount: result.discrepancies.length,
            error: null,
            finishedAt: now(),
          },
        );
        await this.audit.record(tx, {
          actorId: actor.userId,
          action: 'reconciliation.run',
          entityType: 'reconciliation_run',
          entityId: runId,
          companyId: actor.companyId,
          after: {
            date,
            status: 'done',
            remoteCount: result.remoteCount,
            localCount: result.localCount,
            discrepancyCount: result.discrepancies.length,
          },
        });
      });
    } catch (e) {
      const message = (e as Error).message?.slice(0, 300) || 'unknown error';
      this.log.warn(`reconciliation of ${date} failed: ${message}`);
      await runInTransaction(this.db, async (tx) => {
        await tx.getRepository(ReconciliationDiscrepancy).delete({ runId });
        await tx.getRepository(ReconciliationRun).update(
          { id: runId },
          {
            status: 'failed',
            remoteCount: 0,
            localCount: 0,
            remoteTotalFen: 0,
            localTotalFen: 0,
            discrepancyCount: 0,
            error: message,
            finishedAt: now(),
          },
        );
        await this.audit.record(tx, {
          actorId: actor.userId,
          action: 'reconciliation.run',
          entityType: 'reconciliation_run',
          entityId: runId,
          companyId: actor.companyId,
          after: { date, status: 'failed' },
          reason: message,
        });
      });
    }
    return this.view(await this.db.getRepository(ReconciliationRun).findOneByOrFail({ id: runId }));
  }

  private view(r: ReconciliationRun): IReconciliationRun {
    return {
      id: r.id,
      date: r.billDate,
      status: r.status,
      remoteCount: r.remoteCount,
      localCount: r.localCount,
      remoteTotalFen: r.remoteTotalFen,
      localTotalFen: r.localTotalFen,
      discrepancyCount: r.discrepancyCount,
      error: r.error,
      createdAt: (r.finishedAt ?? r.startedAt).toISOString(),
    };
  }
}
