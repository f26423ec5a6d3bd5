import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, In } from 'typeorm';
import {
  BillRunStatus,
  BillStatus,
  ErrorCode,
  Permission,
  formatFen,
  isPeriod,
  type IBillRun,
  type IBillRunCheck,
  type IStartBillRunRequest,
} from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import type { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { BindingDirectory } from '../../bindings/binding-directory.service';
import { AccessService } from '../../identity/access.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillPublishedHooks } from '../bill-published-hooks';
import { Bill, BillRun } from '../billing.entity';
import { BillRunChecks } from './bill-run-check';
import { BillRunEngine } from './bill-run.engine';
import { BillRunQueue } from './run-queue';

const runState = (status: string) =>
  new DomainException(ErrorCode.StateConflict, `账单批次当前为「${status}」，不能执行此操作`, HttpStatus.CONFLICT, {
    status,
  });

/** Starting, watching, checking and publishing bill runs (draft → checked → published). */
@Injectable()
export class BillRunService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly engine: BillRunEngine,
    @Inject(BillRunQueue) private readonly queue: BillRunQueue,
    private readonly checks: BillRunChecks,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
    private readonly residents: BindingDirectory,
    private readonly notifications: NotificationsService,
    private readonly published: BillPublishedHooks,
  ) {}

  /**
   * Starts (or resumes) the run of each project. A run someone else is working, or one already finished,
   * is answered as it is and nothing starts: starting twice never writes twice (docs/billing.md).
   */
  async start(principal: Principal, request: IStartBillRunRequest): Promise<IBillRun[]> {
    if (!isPeriod(request.period)) throw DomainException.validation('period', '账期格式应为 YYYY-MM');
    let projectIds: number[];
    if (request.projectId !== undefined) {
      this.access.assertProject(principal, request.projectId, Permission.BillRun);
      projectIds = [request.projectId];
    } else {
      projectIds = this.access.visibleProjectIds(principal, Permission.BillRun).sort((a, b) => a - b);
      if (!projectIds.length) throw DomainException.notFound('项目');
    }
    const projects = await this.property.projects(projectIds);
    const runs: BillRun[] = [];
    for (const projectId of projectIds) {
      const project = projects.get(projectId);
      if (!project) throw DomainException.notFound('项目');
      const { run, leaseOwner } = await this.engine.acquire(project, request.period, principal.userId, (tx, taken) =>
        this.audit.record(tx, {
          actorId: principal.userId,
          action: 'bill-run.start',
          entityType: 'bill_run',
          entityId: taken.id,
          companyId: taken.companyId,
          projectId,
          after: { period: taken.period, resumeAfterHouseId: taken.cursorHouseId },
        }),
      );
      if (leaseOwner) await this.queue.enqueue({ runId: run.id, leaseOwner });
      runs.push(run);
    }
    return this.views(runs);
  }

  async list(principal: Principal, query: { projectId?: number; period?: string }): Promise<IBillRun[]> {
    const visible = this.access.visibleProjectIds(principal, Permission.BillingView);
    if (query.projectId !== undefined && !visible.includes(query.projectId)) return [];
    const projectIds = query.projectId !== undefined ? [query.projectId] : visible;
    if (!projectIds.length) return [];
    const where: FindOptionsWhere<BillRun> = {
      projectId: In(projectIds),
      ...(query.period ? { period: query.period } : {}),
    };
    const runs = await this.db
      .getRepository(BillRun)
      .find({ where, order: { period: 'DESC', projectId: 'ASC' }, take: 200 });
    return this.views(runs);
  }

  async get(principal: Principal, id: number): Promise<IBillRun> {
    return (await this.views([await this.load(principal, id, Permission.BillingView)]))[0];
  }

  /** Finance's check: the summary is (re)computed and stored; the run moves draft → checked. */
  async check(principal: Principal, id: number): Promise<IBillRun> {
    const run = await this.load(principal, id, Permission.BillRun);
    if (run.status !== BillRunStatus.Draft && run.status !== BillRunStatus.Checked) throw runState(run.status);
    const check = await this.checks.compute(run.projectId, run.period);
    await runInTransaction(this.db, async (tx) => {
      const moved = await tx.getRepository(BillRun).update(
        { id, status: In([BillRunStatus.Draft, BillRunStatus.Checked]) },
        {
          status: BillRunStatus.Checked,
          checkedBy: principal.userId,
          checkedAt: now(),
          checkJson: JSON.stringify(check),
        },
      );
      if (!moved.affected) throw runState(run.status);
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'bill-run.check',
        entityType: 'bill_run',
        entityId: id,
        companyId: run.companyId,
        projectId: run.projectId,
        after: {
          billCount: check.billCount,
          totalFen: check.totalFen,
          unconfirmedCharges: check.unconfirmedCharges.length,
        },
      });
    });
    return this.get(principal, id);
  }

  /** Bills become visible to residents; each house's approved residents get one in-app message. */
  async publish(principal: Principal, id: number): Promise<IBillRun> {
    const run = await this.load(principal, id, Permission.BillRun);
    if (run.status !== BillRunStatus.Checked) throw runState(run.status);
    const houseIds = await runInTransaction(this.db, async (tx) => {
      const at = now();
      const moved = await tx
        .getRepository(BillRun)
        .update(
          { id, status: BillRunStatus.Checked },
          { status: BillRunStatus.Published, publishedBy: principal.userId, publishedAt: at },
        );
      if (!moved.affected) throw runState(run.status);
      const bills = await tx.getRepository(Bill).find({
        select: { id: true, houseId: true, totalFen: true },
        where: { projectId: run.projectId, period: run.period, status: BillStatus.Draft },
      });
      await tx
        .getRepository(Bill)
        .update(
          { projectId: run.projectId, period: run.period, status: BillStatus.Draft },
          { status: BillStatus.Published, publishedAt: at },
        );
      const residents = await this.residents.approvedResidentsOf(
        bills.map((b) => b.houseId),
        tx,
      );
      const labels = await this.property.houseLabels([...residents.keys()], tx);
      for (const bill of bills) {
        const userIds = residents.get(bill.houseId);
        if (!userIds?.length) continue;
        await this.notifications.enqueue(tx, {
          kind: 'bill.published',
          recipients: userIds,
          ref: `bill:${bill.id}:published`,
          title: `${run.period} 物业账单已出`,
          body: `${labels.get(bill.houseId)?.label ?? ''} ${run.period} 账单金额 ${formatFen(bill.totalFen)}，请在「我的账单」查看明细。`,
        });
      }
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'bill-run.publish',
        entityType: 'bill_run',
        entityId: id,
        companyId: run.companyId,
        projectId: run.projectId,
        after: { bills: bills.length, totalFen: bills.reduce((sum, b) => sum + b.totalFen, 0) },
      });
      return bills.map((b) => b.houseId);
    });
    // After the commit: subscribers (prepayment auto-settle) see the published bills.
    this.published.emit({ projectId: run.projectId, period: run.period, houseIds });
    return this.get(principal, id);
  }

  private async load(principal: Principal, id: number, permission: Permission): Promise<BillRun> {
    const run = await this.db.getRepository(BillRun).findOneBy({ id });
    if (!run || !this.access.canActOnProject(principal, run.projectId, permission))
      throw DomainException.notFound('账单批次');
    return run;
  }

  private async views(runs: BillRun[]): Promise<IBillRun[]> {
    const projects = await this.property.projects(runs.map((r) => r.projectId));
    return runs.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      projectName: projects.get(r.projectId)?.name ?? '',
      period: r.period,
      status: r.status,
      housesTotal: r.housesTotal,
      housesDone: r.housesDone,
      startedBy: r.startedBy,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      checkedBy: r.checkedBy,
      checkedAt: r.checkedAt?.toISOString() ?? null,
      publishedBy: r.publishedBy,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      error: r.error,
      check: r.checkJson ? (JSON.parse(r.checkJson) as IBillRunCheck) : null,
    }));
  }
}
