import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ITicketUrge } from '@app/shared';
import { ErrorCode, Permission, UserKind } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { NotificationsService } from '../notifications/notifications.service';
import { TicketAccess } from '../tickets/ticket-access.service';
import type { TicketRecord } from '../tickets/ticket.types';
import { URGEABLE_STATUSES, URGE_INTERVAL_MS } from './complaint-rules';
import { TicketUrge } from './complaint.entity';
import { ComplaintsService } from './complaints.service';

const hhmm = (d: Date): string =>
  d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/**
 * 催单: a resident nudges a slow open request, at most once an hour per request. One row per request; the
 * conditional UPDATE on `last_urged_at` is the limit, so two taps at once count once (the other gets 429).
 */
@Injectable()
export class TicketUrges {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketAccess,
    private readonly access: AccessService,
    private readonly complaints: ComplaintsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async urge(me: Principal, ticketId: number): Promise<ITicketUrge> {
    if (me.kind !== UserKind.Resident) throw DomainException.forbidden('催单由业主在小程序中发起');
    const ticket = await this.visibleTicket(me, ticketId);
    if (!this.urgeable(ticket))
      throw DomainException.conflict('该工单已完成或已取消，无需催单', {
        current: { id: ticket.id, status: ticket.status },
      });
    const at = now();
    const repo = this.db.getRepository(TicketUrge);
    if (!(await repo.existsBy({ ticketId }))) {
      // Two first urges at once: the unique key keeps one row (no id is read back: MySQL's INSERT IGNORE returns none).
      await repo
        .createQueryBuilder()
        .insert()
        .values({
          ticketId,
          projectId: ticket.projectId,
          urgeCount: 0,
          lastUserId: null,
          lastUrgedAt: null,
          createdAt: at,
        })
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
    await runInTransaction(this.db, async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .update(TicketUrge)
        .set({ urgeCount: () => 'urge_count + 1', lastUrgedAt: at, lastUserId: me.userId })
        .where('ticket_id = :ticketId AND (last_urged_at IS NULL OR last_urged_at <= :cutoff)', {
          ticketId,
          cutoff: new Date(at.getTime() - URGE_INTERVAL_MS),
        })
        .execute();
      if (result.affected !== 1) {
        const row = await tx.getRepository(TicketUrge).findOneByOrFail({ ticketId });
        const next = new Date(row.lastUrgedAt!.getTime() + URGE_INTERVAL_MS);
        throw new DomainException(
          ErrorCode.RateLimited,
          `每个工单每小时只能催一次，请于 ${hhmm(next)} 后再试`,
          HttpStatus.TOO_MANY_REQUESTS,
          {
            nextUrgeAt: next.toISOString(),
            lastUrgedAt: row.lastUrgedAt!.toISOString(),
          },
        );
      }
      const row = await tx.getRepository(TicketUrge).findOneByOrFail({ ticketId });
      await this.audit.record(tx, {
        actorId: me.userId,
        action: 'ticket.urge',
        entityType: 'ticket',
        entityId: ticketId,
        projectId: ticket.projectId,
        companyId: await this.complaints.companyOf(ticket.projectId, tx),
        after: { urgeCount: row.urgeCount },
      });
      const staff = await this.complaints.intakeStaff(tx, ticket.projectId, ticket.buildingId);
      await this.notifications.enqueue(tx, {
        kind: 'ticket.urged',
        recipients: staff,
        ref: `urge:${ticketId}:${row.urgeCount}`,
        ticketId,
        title: `业主催单（第 ${row.urgeCount} 次）`,
        body: `${ticket.serial} ${ticket.description}`.slice(0, 200),
        facts: { serial: ticket.serial, subject: ticket.description, status: '业主催单' },
      });
    });
    return this.state(me, ticketId);
  }

  async state(me: Principal, ticketId: number): Promise<ITicketUrge> {
    const ticket = await this.visibleTicket(me, ticketId);
    const row = await this.db.getRepository(TicketUrge).findOneBy({ ticketId });
    const view = this.view(row, ticketId);
    return { ...view, urgeable: this.urgeable(ticket) };
  }

  /** The project's urged requests, most recently urged first (the console's marker). */
  async ofProject(me: Principal, projectId: number): Promise<ITicketUrge[]> {
    this.access.assertProject(me, projectId, Permission.TicketView);
    const rows = await this.db
      .getRepository(TicketUrge)
      .createQueryBuilder('u')
      .where('u.project_id = :projectId AND u.urge_count > 0', { projectId })
      .orderBy('u.last_urged_at', 'DESC')
      .take(200)
      .getMany();
    return rows.map((r) => this.view(r, r.ticketId));
  }

  private view(row: TicketUrge | null, ticketId: number): ITicketUrge {
    const last = row?.lastUrgedAt ?? null;
    const next =
      last && last.getTime() + URGE_INTERVAL_MS > now().getTime() ? new Date(last.getTime() + URGE_INTERVAL_MS) : null;
    return {
      ticketId,
      count: row?.urgeCount ?? 0,
      lastUrgedAt: last?.toISOString() ?? null,
      nextUrgeAt: next?.toISOString() ?? null,
    };
  }

  private urgeable(ticket: TicketRecord): boolean {
    return (URGEABLE_STATUSES as readonly string[]).includes(ticket.status);
  }

  private async visibleTicket(me: Principal, ticketId: number): Promise<TicketRecord> {
    const ticket = await this.tickets.find(ticketId);
    const visible =
      me.kind === UserKind.Resident
        ? await this.tickets.isResidentOf(me, ticket)
        : this.access.canActOnProject(me, ticket.projectId, Permission.TicketView);
    if (!visible) throw DomainException.notFound('工单');
    return ticket;
  }
}
