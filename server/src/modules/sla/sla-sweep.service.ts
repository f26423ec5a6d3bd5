import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Role, type SlaDeadlineKind } from '@app/shared';
import { now } from '../../common/time';
import { isUniqueViolation } from '../../database/errors';
import { runInTransaction } from '../../database/transactions';
import { UserDirectory } from '../identity/user-directory.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { TicketSlaFacts, TicketSlaFactsService } from '../tickets/ticket-sla-facts.service';
import { SlaPolicies } from './sla-policies.service';
import { SlaClockState, reachedStages, slaClocks } from './sla-rules';
import { SlaAlert, SlaBreach } from './sla.entity';

const LABEL: Record<SlaDeadlineKind, string> = {
  respond: '响应',
  on_site: '到场',
  resolve: '完成',
  return_visit: '回访',
};
const PAGE = 200;
const beijing = (d: Date): string => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * One pass over the open tickets: every stage a clock has reached and nobody announced yet is claimed by
 * inserting its `sla_alerts` row and announced through the outbox in the same transaction. A second
 * instance running the same pass loses the unique key and sends nothing.
 */
@Injectable()
export class SlaSweep {
  private readonly log = new Logger('SlaSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly facts: TicketSlaFactsService,
    private readonly policies: SlaPolicies,
    private readonly notifications: NotificationsService,
    private readonly property: PropertyDirectory,
    private readonly users: UserDirectory,
  ) {}

  /** Returns how many alerts this pass sent. */
  async run(): Promise<number> {
    const at = now();
    let sent = 0;
    for (let afterId = 0; ;) {
      const page = await this.facts.open(afterId, PAGE);
      if (!page.length) break;
      afterId = page[page.length - 1].id;
      const limits = await this.policies.limitsFor(page);
      const claimed = await this.claimedStages(page.map((t) => t.id));
      for (const ticket of page) {
        for (const clock of slaClocks(ticket, limits.get(ticket.id)!, at)) {
          for (const stage of reachedStages(clock)) {
            if (!claimed.has(`${ticket.id}:${clock.kind}:${stage}`) && (await this.announce(ticket, clock, stage, at)))
              sent++;
          }
        }
      }
      if (page.length < PAGE) break;
    }
    return sent;
  }

  private async claimedStages(ticketIds: number[]): Promise<Set<string>> {
    const rows = await this.db
      .getRepository(SlaAlert)
      .find({ select: { ticketId: true, deadline: true, stage: true }, where: { ticketId: In(ticketIds) } });
    return new Set(rows.map((r) => `${r.ticketId}:${r.deadline}:${r.stage}`));
  }

  private async announce(ticket: TicketSlaFacts, clock: SlaClockState, stage: string, at: Date): Promise<boolean> {
    try {
      await runInTransaction(this.db, async (tx) => {
        const recipients = await this.recipients(tx, ticket, clock.kind, stage);
        await tx.getRepository(SlaAlert).insert({
          ticketId: ticket.id,
          deadline: clock.kind,
          stage,
          dueAt: clock.dueAt,
          recipients: recipients.join(',').slice(0, 200),
          createdAt: at,
        });
        if (stage === 'breach_1') {
          await tx.getRepository(SlaBreach).insert({
            ticketId: ticket.id,
            projectId: ticket.projectId,
            category: ticket.category,
            urgency: ticket.urgency,
            deadline: clock.kind,
            dueAt: clock.dueAt,
            breachedAt: at,
          });
        }
        const label = LABEL[clock.kind];
        const warn = stage === 'warn';
        await this.notifications.enqueue(tx, {
          kind: warn ? 'sla.warning' : 'sla.breach',
          recipients,
          ref: `sla:${ticket.id}:${clock.kind}:${stage}`,
          ticketId: ticket.id,
          title: warn ? `工单即将超时：${label}` : `工单已超时：${label}`,
          body: `${ticket.serial} ${ticket.description}`.slice(0, 200) + `（${label}时限 ${beijing(clock.dueAt)}）`,
          facts: {
            serial: ticket.serial,
            subject: ticket.description,
            status: warn ? '即将超时' : '已超时',
            at: clock.dueAt.toISOString(),
          },
        });
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false; // another instance claimed this stage first
      this.log.warn(`SLA alert for ticket ${ticket.id} ${clock.kind} ${stage} failed: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * Warning and first breach go to whoever holds the job (the technician; the customer managers before
   * dispatch and for return visits); the second breach to the supervisors, the third to the project managers.
   */
  private async recipients(
    tx: EntityManager,
    ticket: TicketSlaFacts,
    kind: SlaDeadlineKind,
    stage: string,
  ): Promise<number[]> {
    if (stage === 'breach_2') return this.users.usersWithRole(ticket.projectId, Role.Supervisor, tx);
    if (stage === 'breach_3') return this.users.usersWithRole(ticket.projectId, Role.ProjectManager, tx);
    if (kind !== 'return_visit' && ticket.technicianId !== null) return [ticket.technicianId];
    const managers = ticket.buildingId === null ? [] : await this.property.buildingManagers(ticket.buildingId, tx);
    return managers.length ? managers : this.users.usersWithRole(ticket.projectId, Role.CustomerManager, tx);
  }
}
