import { Injectable, Logger, OnModuleDestroy, OnModuleInit, Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ITicket, TicketAction, TicketActor, TicketStatus, Urgency, Permission, actingAs } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainException } from '../../common/domain.exception';
import { Principal, rolesOn } from '../../common/principal';
import { addMinutes, now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketFacts, ticketRef } from '../notifications/message.types';
import { RegisterDto } from '../tickets/dto/ticket.dto';
import { TicketAccess } from '../tickets/ticket-access.service';
import { TicketJobs } from '../tickets/ticket-jobs.service';
import { TicketTransitions } from '../tickets/ticket-transition.service';
import { TicketViews } from '../tickets/ticket-views.service';
import type { TicketRecord as Ticket } from '../tickets/ticket.types';
import { DispatchPolicy } from './dispatch-policy.entity';
import { TicketResidents } from '../tickets/ticket-residents';
import { DispatchSkillCheck, type SkillOverride } from './dispatch-skill-check.service';
import { TechnicianAssignment } from './technician-assignment.service';

export type { SkillOverride } from './dispatch-skill-check.service';

const DEFAULT_POLICY = { mode: 'pool' as const, poolMinutes: 30 };

/** Registration, dispatch, grab, decline, transfer, and the sweep of expired pool jobs. */
@Injectable()
export class DispatchService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DispatchService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tickets: TicketAccess,
    private readonly transitions: TicketTransitions,
    private readonly views: TicketViews,
    private readonly notifications: NotificationsService,
    private readonly ticketResidents: TicketResidents,
    private readonly jobs: TicketJobs,
    private readonly assignment: TechnicianAssignment,
    private readonly skills: DispatchSkillCheck,
  ) {}

  onModuleInit(): void {
    // In-process sweep of expired pool jobs; BullMQ takes this over when Redis is configured (notifications issue).
    if (this.config.env === 'test') return;
    this.timer = setInterval(() => {
      this.sweepPool().catch((error) => this.logger.error({ err: error }, 'pool sweep failed'));
    }, 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async policyFor(projectId: number, category: string, tx: EntityManager = this.db.manager) {
    const rows = await tx.getRepository(DispatchPolicy).find({ where: { projectId, category: In([category, '*']) } });
    const policy = rows.find((r) => r.category === category) ?? rows.find((r) => r.category === '*');
    return policy ? { mode: policy.mode, poolMinutes: policy.poolMinutes } : DEFAULT_POLICY;
  }

  /** Called inside the registration transaction. */
  async onRegistered(tx: EntityManager, ticket: Ticket): Promise<void> {
    const policy = await this.policyFor(ticket.projectId, ticket.category, tx);
    if (policy.mode === 'pool') {
      await this.jobs.setDispatchState(tx, ticket.id, {
        dispatchMode: 'pool',
        poolOpen: true,
        poolDeadline: addMinutes(now(), policy.poolMinutes),
      });
      const qualified = await this.assignment.projectTechnicians(
        ticket.projectId,
        await this.tickets.qualifiedTechnicianIds(ticket),
        tx,
      );
      await this.notifications.enqueue(tx, {
        recipients: qualified,
        ref: ticketRef(ticket),
        facts: ticketFacts(ticket),
        kind: 'ticket.pool',
        title: `抢单：${ticket.serial}`,
        body: ticket.description.slice(0, 100),
        ticketId: ticket.id,
      });
      return;
    }
    await this.jobs.setDispatchState(tx, ticket.id, { dispatchMode: policy.mode, poolOpen: false });
    if (policy.mode === 'auto') {
      const fresh = await this.jobs.reload(ticket.id, tx);
      const assigned = await this.assignment.autoAssign(fresh, tx);
      if (!assigned) await this.jobs.setDispatchState(tx, ticket.id, { needsSupervisor: true });
    }
  }

  /** The customer manager confirms the request and, for paid work, that the schedule prices were explained. */
  async register(principal: Principal, id: number, dto: RegisterDto): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketIntake);
    if (ticket.paid && dto.priceExplained !== true) {
      throw DomainException.validation(
        'priceExplained',
        '特约服务须先向业主说明收费标准并确认（priceExplained: true）',
      );
    }
    const updated = await this.transitions.apply(
      ticket,
      TicketAction.Register,
      TicketActor.CustomerManager,
      principal.userId,
      {
        set: {
          ...(dto.category ? { category: dto.category } : {}),
          ...(dto.urgency ? { urgency: dto.urgency as Urgency } : {}),
          ...(ticket.paid ? { priceExplainedAt: now() } : {}),
        },
        data: { priceExplained: dto.priceExplained ?? false },
        effects: async (tx, t) => {
          await this.onRegistered(tx, t);
          await this.notifications.enqueue(tx, {
            recipients: await this.ticketResidents.progressRecipients(tx, t),
            ref: ticketRef(t),
            facts: ticketFacts(t),
            kind: 'ticket.registered',
            title: '您的工单已受理',
            body: `工单号 ${t.serial}`,
            ticketId: t.id,
          });
        },
      },
    );
    return this.views.one(
      updated,
      await this.tickets.actorsFor(principal, updated),
      principal.userId,
      this.tickets.canSeeContactPhone(principal, updated),
    );
  }

  async dispatch(principal: Principal, id: number, technicianId: number, override?: SkillOverride): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketDispatch);
    await this.skills.assertTechnicianOfProject(technicianId, ticket.projectId);
    const overrideNote = await this.skills.assertSkilled(ticket, technicianId, override);
    const actor =
      actingAs(rolesOn(principal, ticket.projectId), [TicketActor.Supervisor, TicketActor.CustomerManager]) ??
      TicketActor.CustomerManager;
    const updated = await this.assignment.assign(
      ticket,
      TicketAction.Dispatch,
      actor,
      principal.userId,
      technicianId,
      overrideNote?.eventReason ?? null,
      undefined,
      undefined,
      undefined,
      overrideNote ? this.skills.overrideEffects(principal, ticket, overrideNote) : undefined,
    );
    return this.views.one(updated, await this.tickets.actorsFor(principal, updated), principal.userId);
  }

  async grab(principal: Principal, id: number): Promise<ITicket> {
    const ticket = await this.tickets.find(id);
    if (!(await this.tickets.qualifiesForPool(principal, ticket))) {
      if (ticket.status !== TicketStatus.Registered || !ticket.poolOpen)
        throw this.transitions.conflict(ticket, TicketAction.Grab);
      throw DomainException.notFound('工单');
    }
    // The grab button is not offered at the cap (TicketViews); a stale screen still gets the cap's own code.
    if (!(await this.tickets.underCap(principal.userId)))
      throw await this.assignment.atCapacity(principal.userId, true);
    const updated = await this.assignment.assign(
      ticket,
      TicketAction.Grab,
      TicketActor.Technician,
      principal.userId,
      principal.userId,
      null,
      { poolOpen: true },
    );
    return this.views.one(updated, [TicketActor.Technician], principal.userId);
  }

  async decline(principal: Principal, id: number, reason: string): Promise<ITicket> {
    const ticket = await this.tickets.forTechnician(principal, id);
    const updated = await this.transitions.apply(
      ticket,
      TicketAction.Decline,
      TicketActor.Technician,
      principal.userId,
      {
        reason,
        set: { technicianId: null, poolOpen: false, needsSupervisor: true, visitAt: null },
        guard: { sql: 'technician_id = :me', params: { me: principal.userId } },
        effects: async (tx) =>
          this.notifications.enqueue(tx, {
            recipients: await this.assignment.supervisors(ticket.projectId, tx),
            ref: ticketRef(ticket),
            facts: ticketFacts(ticket),
            kind: 'ticket.declined',
            title: `师傅退单：${ticket.serial}`,
            body: reason,
            ticketId: ticket.id,
          }),
      },
    );
    return this.views.one(updated, [], principal.userId);
  }

  async transfer(
    principal: Principal,
    id: number,
    technicianId: number,
    reason: string,
    override?: SkillOverride,
  ): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketTransfer);
    if (ticket.technicianId === technicianId) throw DomainException.validation('technicianId', '已是该师傅负责');
    await this.skills.assertTechnicianOfProject(technicianId, ticket.projectId);
    const overrideNote = await this.skills.assertSkilled(ticket, technicianId, override);
    const previous = ticket.technicianId;
    const eventReason = overrideNote ? `${reason}；${overrideNote.eventReason}` : reason;
    const updated = await this.assignment.assign(
      ticket,
      TicketAction.Transfer,
      TicketActor.Supervisor,
      principal.userId,
      technicianId,
      eventReason,
      undefined,
      previous,
      undefined,
      overrideNote ? this.skills.overrideEffects(principal, ticket, overrideNote) : undefined,
    );
    return this.views.one(updated, await this.tickets.actorsFor(principal, updated), principal.userId);
  }

  /** Expired pool jobs fall back to auto dispatch, then to the supervisor's queue. */
  async sweepPool(at: Date = now()): Promise<{ autoAssigned: number; toSupervisor: number }> {
    const expired = await this.jobs.expiredPool(at);
    let autoAssigned = 0;
    let toSupervisor = 0;
    for (const ticket of expired) {
      const done = await runInTransaction(this.db, async (tx) => {
        const fresh = await this.jobs.stillInPool(tx, ticket.id);
        if (!fresh) return 'gone';
        if (await this.assignment.autoAssign(fresh, tx)) return 'assigned';
        await this.jobs.toSupervisorQueue(tx, fresh);
        await this.transitions.event(
          tx,
          fresh.id,
          null,
          TicketActor.System,
          'pool_expired',
          fresh.status,
          fresh.status,
          '抢单超时，无可自动派单的师傅',
        );
        await this.notifications.enqueue(tx, {
          recipients: await this.assignment.supervisors(fresh.projectId, tx),
          ref: ticketRef(fresh),
          facts: ticketFacts(fresh),
          kind: 'ticket.needs_dispatch',
          title: `待派单：${fresh.serial}`,
          body: '抢单超时，请人工派单',
          ticketId: fresh.id,
        });
        return 'supervisor';
      });
      if (done === 'assigned') autoAssigned++;
      if (done === 'supervisor') toSupervisor++;
    }
    return { autoAssigned, toSupervisor };
  }
}
