import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IPage, IRectificationTask, ITicket, Role, TicketAction, TicketActor, Permission, actingAs } from '@app/shared';
import { pageWindow } from '../../common/pagination.dto';
import { ProjectPageQueryDto } from './dto/list-query.dto';
import { DomainException } from '../../common/domain.exception';
import { Principal, rolesOn } from '../../common/principal';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { DamageDto, ReturnVisitDto } from './dto/ticket.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketFacts, ticketRef } from '../notifications/message.types';
import { TicketAccess } from './ticket-access.service';
import { TicketSigningService } from './ticket-signing.service';
import { TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { Ticket } from './ticket.entity';
import { RectificationTask, TicketDamage } from './ticket-support.entity';
import { TicketResidents } from './ticket-residents';

/** Customer managers, supervisors and project managers acting on tickets of their projects. */
@Injectable()
export class TicketStaffService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly tickets: TicketAccess,
    private readonly transitions: TicketTransitions,
    private readonly views: TicketViews,
    private readonly signing: TicketSigningService,
    private readonly notifications: NotificationsService,
    private readonly ticketResidents: TicketResidents,
    private readonly audit: AuditService,
  ) {}

  private async respond(principal: Principal, ticket: Ticket): Promise<ITicket> {
    return this.views.one(
      ticket,
      await this.tickets.actorsFor(principal, ticket),
      principal.userId,
      this.tickets.canSeeContactPhone(principal, ticket),
    );
  }

  async hold(principal: Principal, id: number, reason: string): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketHandle);
    const updated = await this.transitions.touch(ticket, 'hold', this.actorOf(principal, ticket), principal.userId, {
      requireHeld: false,
      reason,
      set: { onHold: true, holdReason: reason },
    });
    return this.respond(principal, updated);
  }

  async resume(principal: Principal, id: number): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketHandle);
    const updated = await this.transitions.touch(ticket, 'resume', this.actorOf(principal, ticket), principal.userId, {
      requireHeld: true,
      set: { onHold: false, holdReason: null },
    });
    return this.respond(principal, updated);
  }

  /** Residents cancel before work starts; staff with a reason until the work is done. */
  async cancel(principal: Principal, id: number, reason: string): Promise<ITicket> {
    const ticket = await this.tickets.find(id);
    let actor: TicketActor;
    if (await this.tickets.isResidentOf(principal, ticket)) actor = TicketActor.Resident;
    else {
      this.access.assertProject(principal, ticket.projectId, Permission.TicketHandle, '工单');
      actor = this.actorOf(principal, ticket);
    }
    const updated = await this.transitions.apply(ticket, TicketAction.Cancel, actor, principal.userId, {
      reason,
      set: { cancelReason: reason, poolOpen: false },
      effects: async (tx, t) =>
        this.notifications.enqueue(tx, {
          recipients: [
            t.technicianId,
            // A resident who cancels needs no message; followers of a merged duplicate still hear it.
            ...(actor === TicketActor.Resident
              ? await this.ticketResidents.followers(tx, t.id)
              : await this.ticketResidents.progressRecipients(tx, t)),
          ],
          ref: ticketRef(t),
          facts: ticketFacts(t),
          kind: 'ticket.cancelled',
          title: `工单已取消：${t.serial}`,
          body: reason,
          ticketId: t.id,
        }),
    });
    return this.respond(principal, updated);
  }

  async reply(principal: Principal, id: number, text: string): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketIntake);
    const updated = await this.transitions.apply(
      ticket,
      TicketAction.Reply,
      TicketActor.CustomerManager,
      principal.userId,
      {
        set: { reply: text.trim() },
        effects: async (tx, t) =>
          this.notifications.enqueue(tx, {
            recipients: await this.ticketResidents.progressRecipients(tx, t),
            ref: ticketRef(t),
            facts: ticketFacts(t),
            kind: 'ticket.replied',
            title: '您的建议/咨询已答复',
            body: text.slice(0, 200),
            ticketId: t.id,
          }),
      },
    );
    return this.respond(principal, updated);
  }

  /** An unsatisfied return visit never just gets filed: it opens a rectification task for the project manager. */
  async returnVisit(principal: Principal, id: number, dto: ReturnVisitDto): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketIntake);
    const updated = await this.transitions.apply(
      ticket,
      TicketAction.ReturnVisit,
      TicketActor.CustomerManager,
      principal.userId,
      {
        reason: dto.result,
        data: { satisfied: dto.satisfied },
        effects: async (tx, t) => {
          if (dto.satisfied) return;
          await tx.getRepository(RectificationTask).insert({
            ticketId: t.id,
            projectId: t.projectId,
            reason: dto.result,
            status: 'open',
            note: null,
            resolvedBy: null,
            createdAt: now(),
            resolvedAt: null,
          });
          await this.notifications.enqueue(tx, {
            recipients: await this.signing.projectRole(tx, t.projectId, Role.ProjectManager),
            ref: ticketRef(t),
            facts: ticketFacts(t),
            kind: 'ticket.rectification',
            title: `回访不满意，请整改：${t.serial}`,
            body: dto.result,
            ticketId: t.id,
          });
        },
      },
    );
    return this.respond(principal, updated);
  }

  async close(principal: Principal, id: number): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketClose);
    const actor =
      actingAs(rolesOn(principal, ticket.projectId), [TicketActor.CustomerManager, TicketActor.ProjectManager]) ??
      TicketActor.ProjectManager;
    return this.respond(principal, await this.transitions.apply(ticket, TicketAction.Close, actor, principal.userId));
  }

  /** Rework after an unsatisfied return visit, started by the customer manager. */
  async rework(principal: Principal, id: number, reason: string): Promise<ITicket> {
    const ticket = await this.tickets.find(id);
    if (await this.tickets.isResidentOf(principal, ticket))
      return this.signing.requestRework(principal, id, reason, TicketActor.Resident, ticket);
    this.access.assertProject(principal, ticket.projectId, Permission.TicketIntake, '工单');
    return this.signing.requestRework(principal, id, reason, TicketActor.CustomerManager, ticket);
  }

  /** Damage caused by the work, and the compensation agreed with the resident (money: audited). */
  async damage(principal: Principal, id: number, dto: DamageDto): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketEscalation);
    const updated = await this.transitions.touch(ticket, 'damage', TicketActor.ProjectManager, principal.userId, {
      reason: dto.description,
      data: { compensationFen: dto.compensationFen },
      effects: async (tx, t) => {
        const res = await tx.getRepository(TicketDamage).insert({
          ticketId: t.id,
          description: dto.description.trim(),
          compensationFen: dto.compensationFen,
          recordedBy: principal.userId,
          createdAt: now(),
        });
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'ticket.damage',
          entityType: 'ticket',
          entityId: t.id,
          projectId: t.projectId,
          after: { damageId: Number(res.identifiers[0].id), compensationFen: dto.compensationFen },
          reason: dto.description,
        });
      },
    });
    return this.respond(principal, updated);
  }

  async rectifications(principal: Principal, query: ProjectPageQueryDto): Promise<IPage<IRectificationTask>> {
    const { projectId } = query;
    const { page, pageSize, skip } = pageWindow(query);
    this.access.assertProject(principal, projectId, Permission.TicketEscalation);
    const [rows, total] = await this.db
      .getRepository(RectificationTask)
      .findAndCount({ where: { projectId }, order: { id: 'DESC' }, skip, take: pageSize });
    const serials = new Map(
      rows.length
        ? (
            await this.db
              .getRepository(Ticket)
              .find({ select: { id: true, serial: true }, where: rows.map((r) => ({ id: r.ticketId })) })
          ).map((t) => [t.id, t.serial])
        : [],
    );
    const items = rows.map((r) => ({
      id: r.id,
      ticketId: r.ticketId,
      ticketSerial: serials.get(r.ticketId) ?? '',
      projectId: r.projectId,
      reason: r.reason,
      status: r.status,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
    }));
    return { items, total, page, pageSize };
  }

  async resolveRectification(principal: Principal, id: number, note: string): Promise<void> {
    const task = await this.db.getRepository(RectificationTask).findOneBy({ id });
    if (!task) throw DomainException.notFound('整改任务');
    this.access.assertProject(principal, task.projectId, Permission.TicketEscalation, '整改任务');
    await runInTransaction(this.db, async (tx) => {
      const result = await tx
        .getRepository(RectificationTask)
        .update({ id, status: 'open' }, { status: 'resolved', note, resolvedBy: principal.userId, resolvedAt: now() });
      if (!result.affected) throw DomainException.conflict('该整改任务已处理');
      await this.transitions.event(
        tx,
        task.ticketId,
        principal.userId,
        TicketActor.ProjectManager,
        'rectified',
        null,
        null,
        note,
      );
    });
  }

  private actorOf(principal: Principal, ticket: Ticket): TicketActor {
    const preferred = [TicketActor.CustomerManager, TicketActor.Supervisor, TicketActor.ProjectManager];
    return actingAs(rolesOn(principal, ticket.projectId), preferred) ?? TicketActor.CustomerManager;
  }
}
