import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan } from 'typeorm';
import type { ComplaintDeadlineKind } from '@app/shared';
import { Role } from '@app/shared';
import { now } from '../../common/time';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '../../database/errors';
import { runInTransaction } from '../../database/transactions';
import { UserDirectory } from '../identity/user-directory.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ComplaintClock, OPEN_STATUSES, complaintNumber, reachedStages, runningClocks } from './complaint-rules';
import { Complaint, ComplaintAlert } from './complaint.entity';
import { ComplaintsService } from './complaints.service';

const LABEL: Record<ComplaintDeadlineKind, string> = { contact: '联系', resolve: '处理' };
const PAGE = 200;
const beijing = (d: Date): string => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * The complaint clocks, like the tickets' (docs/sla.md): a warning at 75 % of the contact / resolve deadline,
 * at the deadline the investigator (else the customer managers) is told and the breach is recorded on the
 * complaint, at twice the time the project managers. Each stage is claimed by its `complaint_alerts` row in
 * the same transaction as its messages, so several instances send it once.
 */
@Injectable()
export class ComplaintSweep {
  private readonly log = new Logger('ComplaintSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly users: UserDirectory,
    private readonly notifications: NotificationsService,
  ) {}

  async run(): Promise<number> {
    const at = now();
    let sent = 0;
    for (let afterId = 0; ;) {
      const page = await this.db
        .getRepository(Complaint)
        .find({ where: { id: MoreThan(afterId), status: In([...OPEN_STATUSES]) }, order: { id: 'ASC' }, take: PAGE });
      if (!page.length) break;
      afterId = page[page.length - 1].id;
      const claimed = new Set(
        (await this.db.getRepository(ComplaintAlert).find({ where: { complaintId: In(page.map((c) => c.id)) } })).map(
          (a) => `${a.complaintId}:${a.deadline}:${a.stage}`,
        ),
      );
      for (const c of page) {
        for (const clock of runningClocks(c, at)) {
          for (const stage of reachedStages(clock)) {
            if (!claimed.has(`${c.id}:${clock.kind}:${stage}`) && (await this.announce(c, clock, stage, at))) sent++;
          }
        }
      }
      if (page.length < PAGE) break;
    }
    return sent;
  }

  private async announce(c: Complaint, clock: ComplaintClock, stage: string, at: Date): Promise<boolean> {
    try {
      await runInTransaction(this.db, async (tx) => {
        const recipients =
          stage === 'breach_2'
            ? await this.users.usersWithRole(c.projectId, Role.ProjectManager, tx)
            : c.investigatorId !== null
              ? [c.investigatorId]
              : await this.complaints.intakeStaff(tx, c.projectId, c.buildingId);
        await tx.getRepository(ComplaintAlert).insert({
          complaintId: c.id,
          deadline: clock.kind,
          stage,
          recipients: recipients.join(',').slice(0, 200),
          createdAt: at,
        });
        if (stage === 'breach_1') {
          await tx
            .getRepository(Complaint)
            .update({ id: c.id }, clock.kind === 'contact' ? { contactBreached: true } : { resolveBreached: true });
        }
        if (stage === 'breach_2') await tx.getRepository(Complaint).update({ id: c.id }, { escalated: true });
        const warn = stage === 'warn';
        const label = LABEL[clock.kind];
        const number = complaintNumber(c.id);
        await this.notifications.enqueue(tx, {
          kind: warn ? 'complaint.warning' : 'complaint.breach',
          recipients,
          ref: `complaint-sla:${c.id}:${clock.kind}:${stage}`,
          objectId: c.id,
          title: warn ? `投诉即将超时：${label}` : `投诉已超时：${label}`,
          body: `${number} ${c.description}`.slice(0, 200) + `（${label}时限 ${beijing(clock.dueAt)}）`,
          facts: {
            serial: number,
            subject: c.description,
            status: warn ? '即将超时' : '已超时',
            at: clock.dueAt.toISOString(),
          },
        });
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false; // another instance claimed this stage first
      this.log.warn(`Complaint alert ${c.id} ${clock.kind} ${stage} failed: ${(error as Error).message}`);
      return false;
    }
  }
}

/** Runs the sweep every SLA_POLL_SECONDS (the tickets' setting), like SlaScheduler. */
@Injectable()
export class ComplaintScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly log = new Logger('ComplaintScheduler');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweep: ComplaintSweep,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.slaPollSeconds;
    if (!seconds) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep
        .run()
        .catch((e: Error) => this.log.warn(`Complaint sweep failed: ${e.message}`))
        .finally(() => {
          this.running = null;
        });
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
