import { HttpStatus, Injectable, Logger, OnModuleDestroy, OnModuleInit, Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode, ITicket, Role, TicketAction, TicketActor, TicketStatus, Urgency, canTransition, Permission, actingAs } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainException } from '../../common/domain.exception';
import { Principal, rolesOn } from '../../common/principal';
import { addMinutes, now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { CategoryRule, ruleAdmits } from '../catalog/service-category.service';
import { UserDirectory } from '../identity/user-directory.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketFacts, ticketRef } from '../notifications/message.types';
import { TechnicianDirectory } from '../property/technician-directory.service';
import { RegisterDto } from '../tickets/dto/ticket.dto';
import { TicketAccess } from '../tickets/ticket-access.service';
import { TicketJobs } from '../tickets/ticket-jobs.service';
import { TicketTransitions } from '../tickets/ticket-transition.service';
import { TicketViews } from '../tickets/ticket-views.service';
import type { TicketRecord as Ticket } from '../tickets/ticket.types';
import { DispatchPolicy } from './dispatch-policy.entity';

const DEFAULT_POLICY = { mode: 'pool' as const, poolMinutes: 30 };

export interface SkillOverride {
  override?: boolean;
  reason?: string;
}

interface OverrideNote {
  reason: string;
  requiredSkills: string[];
  technicianSkills: string[];
  technicianId: number;
  eventReason: string;
}

interface AssignExtra {
  data?: Record<string, unknown>;
  effects?: (tx: EntityManager, updated: Ticket) => Promise<void>;
}

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
    private readonly audit: AuditService,
    private readonly jobs: TicketJobs,
    private readonly users: UserDirectory,
    private readonly technicians: TechnicianDirectory,
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
      await this.jobs.setDispatchState(tx, ticket.id, { dispatchMode: 'pool', poolOpen: true, poolDeadline: addMinutes(now(), policy.poolMinutes) });
      const qualified = await this.projectTechnicians(ticket.projectId, await this.tickets.qualifiedTechnicianIds(ticket), tx);
      await this.notifications.enqueue(tx, { recipients: qualified, ref: ticketRef(ticket), facts: ticketFacts(ticket), kind: 'ticket.pool', title: `抢单：${ticket.serial}`, body: ticket.description.slice(0, 100), ticketId: ticket.id });
      return;
    }
    await this.jobs.setDispatchState(tx, ticket.id, { dispatchMode: policy.mode, poolOpen: false });
    if (policy.mode === 'auto') {
      const fresh = await this.jobs.reload(ticket.id, tx);
      const assigned = await this.autoAssign(fresh, tx);
      if (!assigned) await this.jobs.setDispatchState(tx, ticket.id, { needsSupervisor: true });
    }
  }

  /** The customer manager confirms the request and, for paid work, that the schedule prices were explained. */
  async register(principal: Principal, id: number, dto: RegisterDto): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketIntake);
    if (ticket.paid && dto.priceExplained !== true) {
      throw DomainException.validation('priceExplained', '特约服务须先向业主说明收费标准并确认（priceExplained: true）');
    }
    const updated = await this.transitions.apply(ticket, TicketAction.Register, TicketActor.CustomerManager, principal.userId, {
      set: {
        ...(dto.category ? { category: dto.category } : {}),
        ...(dto.urgency ? { urgency: dto.urgency as Urgency } : {}),
        ...(ticket.paid ? { priceExplainedAt: now() } : {}),
      },
      data: { priceExplained: dto.priceExplained ?? false },
      effects: async (tx, t) => {
        await this.onRegistered(tx, t);
        await this.notifications.enqueue(tx, { recipients: [t.reporterId], ref: ticketRef(t), facts: ticketFacts(t), kind: 'ticket.registered', title: '您的工单已受理', body: `工单号 ${t.serial}`, ticketId: t.id });
      },
    });
    return this.views.one(updated, await this.tickets.actorsFor(principal, updated), principal.userId, this.tickets.canSeeContactPhone(principal, updated));
  }

  async dispatch(principal: Principal, id: number, technicianId: number, override?: SkillOverride): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketDispatch);
    await this.assertTechnicianOfProject(technicianId, ticket.projectId);
    const overrideNote = await this.assertSkilled(ticket, technicianId, override);
    const actor = actingAs(rolesOn(principal, ticket.projectId), [TicketActor.Supervisor, TicketActor.CustomerManager]) ?? TicketActor.CustomerManager;
    const updated = await this.assign(ticket, TicketAction.Dispatch, actor, principal.userId, technicianId, overrideNote?.eventReason ?? null, undefined, undefined, undefined, overrideNote ? this.overrideEffects(principal, ticket, overrideNote) : undefined);
    return this.views.one(updated, await this.tickets.actorsFor(principal, updated), principal.userId);
  }

  async grab(principal: Principal, id: number): Promise<ITicket> {
    const ticket = await this.tickets.find(id);
    if (!(await this.tickets.qualifiesForPool(principal, ticket))) {
      if (ticket.status !== TicketStatus.Registered || !ticket.poolOpen) throw this.transitions.conflict(ticket, TicketAction.Grab);
      throw DomainException.notFound('工单');
    }
    // The grab button is not offered at the cap (TicketViews); a stale screen still gets the cap's own code.
    if (!(await this.tickets.underCap(principal.userId))) throw await this.atCapacity(principal.userId, true);
    const updated = await this.assign(ticket, TicketAction.Grab, TicketActor.Technician, principal.userId, principal.userId, null, { poolOpen: true });
    return this.views.one(updated, [TicketActor.Technician], principal.userId);
  }

  async decline(principal: Principal, id: number, reason: string): Promise<ITicket> {
    const ticket = await this.tickets.forTechnician(principal, id);
    const updated = await this.transitions.apply(ticket, TicketAction.Decline, TicketActor.Technician, principal.userId, {
      reason, set: { technicianId: null, poolOpen: false, needsSupervisor: true, visitAt: null },
      guard: { sql: 'technician_id = :me', params: { me: principal.userId } },
      effects: async (tx) => this.notifications.enqueue(tx, { recipients: await this.supervisors(ticket.projectId, tx), ref: ticketRef(ticket), facts: ticketFacts(ticket),
        kind: 'ticket.declined', title: `师傅退单：${ticket.serial}`, body: reason, ticketId: ticket.id,
      }),
    });
    return this.views.one(updated, [], principal.userId);
  }

  async transfer(principal: Principal, id: number, technicianId: number, reason: string, override?: SkillOverride): Promise<ITicket> {
    const ticket = await this.tickets.forStaff(principal, id, Permission.TicketTransfer);
    if (ticket.technicianId === technicianId) throw DomainException.validation('technicianId', '已是该师傅负责');
    await this.assertTechnicianOfProject(technicianId, ticket.projectId);
    const overrideNote = await this.assertSkilled(ticket, technicianId, override);
    const previous = ticket.technicianId;
    const eventReason = overrideNote ? `${reason}；${overrideNote.eventReason}` : reason;
    const updated = await this.assign(ticket, TicketAction.Transfer, TicketActor.Supervisor, principal.userId, technicianId, eventReason, undefined, previous, undefined, overrideNote ? this.overrideEffects(principal, ticket, overrideNote) : undefined);
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
        if (await this.autoAssign(fresh, tx)) return 'assigned';
        await this.jobs.toSupervisorQueue(tx, fresh);
        await this.transitions.event(tx, fresh.id, null, TicketActor.System, 'pool_expired', fresh.status, fresh.status, '抢单超时，无可自动派单的师傅');
        await this.notifications.enqueue(tx, { recipients: await this.supervisors(fresh.projectId, tx), ref: ticketRef(fresh), facts: ticketFacts(fresh),
          kind: 'ticket.needs_dispatch', title: `待派单：${fresh.serial}`, body: '抢单超时，请人工派单', ticketId: fresh.id,
        });
        return 'supervisor';
      });
      if (done === 'assigned') autoAssigned++;
      if (done === 'supervisor') toSupervisor++;
    }
    return { autoAssigned, toSupervisor };
  }

  /** Least-loaded on-duty technician with the skill, covering the building, under the cap. */
  private async autoAssign(ticket: Ticket, tx: EntityManager): Promise<boolean> {
    const candidates = await this.projectTechnicians(ticket.projectId, await this.tickets.qualifiedTechnicianIds(ticket), tx);
    if (!candidates.length) return false;
    const loads = await this.jobs.openJobLoads(tx, candidates);
    const profiles = await this.technicians.profiles(candidates, tx);
    const ranked = candidates
      .map((id) => ({ id, load: loads.get(id) ?? 0, cap: profiles.find((p) => p.userId === id)?.maxOpenJobs ?? 0 }))
      .filter((c) => c.load < c.cap)
      .sort((x, y) => x.load - y.load || x.id - y.id);
    for (const candidate of ranked) {
      try {
        await this.assign(ticket, TicketAction.Dispatch, TicketActor.System, null, candidate.id, '自动派单', undefined, undefined, tx);
        return true;
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        ticket = await this.jobs.reload(ticket.id, tx);
        if (ticket.status !== TicketStatus.Registered) return false;
      }
    }
    return false;
  }

  private async assign(
    ticket: Ticket, action: TicketAction, actor: TicketActor, actorId: number | null, technicianId: number, reason: string | null,
    extraGuard?: { poolOpen: boolean }, previous?: number | null, tx?: EntityManager, extra?: AssignExtra,
  ): Promise<Ticket> {
    const profile = await this.technicians.profile(technicianId, tx);
    if (!profile) throw DomainException.validation('technicianId', '该用户不是维修师傅');
    const cap = this.jobs.capGuard(technicianId, profile.maxOpenJobs);
    const guardSql = [cap.sql, ...(extraGuard ? ['pool_open = :poolOpen'] : [])].join(' AND ');
    // Only a failed UPDATE after a passing pre-check can mean the cap; a pre-check refusal is a plain 409.
    const legalNow = canTransition(action, ticket.status, actor, { kind: ticket.kind, scope: ticket.scope, onHold: ticket.onHold });
    try {
      return await this.transitions.apply(ticket, action, actor, actorId, {
        tx, reason,
        set: { technicianId, poolOpen: false, needsSupervisor: false, visitAt: null },
        guard: { sql: guardSql, params: { ...cap.params, ...(extraGuard ?? {}) } },
        data: { technicianId, previousTechnicianId: previous ?? null, ...(extra?.data ?? {}) },
        effects: async (etx, updated) => {
          await extra?.effects?.(etx, updated);
          await this.notifications.enqueue(etx, { recipients: [technicianId], ref: ticketRef(updated), facts: ticketFacts(updated), kind: 'ticket.dispatched', title: `新派单：${updated.serial}`, body: updated.description.slice(0, 100), ticketId: updated.id });
          await this.notifications.enqueue(etx, { recipients: [previous], ref: ticketRef(updated), facts: ticketFacts(updated), kind: 'ticket.transferred', title: `工单已转派：${updated.serial}`, body: reason ?? '', ticketId: updated.id });
          const techName = (await this.users.people([technicianId], etx)).get(technicianId)?.name ?? '';
          await this.notifications.enqueue(etx, {
            recipients: [updated.reporterId], ref: ticketRef(updated), facts: { ...ticketFacts(updated), person: techName }, kind: 'ticket.technician_assigned',
            title: '已为您安排维修师傅', body: `工单 ${updated.serial} 已派单，维修师傅：${techName}`, ticketId: updated.id,
          });
        },
      });
    } catch (error) {
      if (legalNow && error instanceof DomainException && error.code === ErrorCode.StateConflict) {
        const current = await this.jobs.reload(ticket.id, tx);
        if (current.status === ticket.status && current.version === ticket.version) throw await this.atCapacity(technicianId, action === TicketAction.Grab, tx);
      }
      throw error;
    }
  }

  /** The open-job cap refusal: its own code, and a message for whoever acted (the technician or the dispatcher). */
  private async atCapacity(technicianId: number, self: boolean, tx: EntityManager = this.db.manager): Promise<DomainException> {
    const profile = await this.technicians.profile(technicianId, tx);
    const cap = profile?.maxOpenJobs ?? 0;
    const message = self
      ? `您在办的工单已达上限（${cap} 单），请先完成手头的工单再抢单`
      : `该师傅在办工单已达上限（${cap} 单），请改派其他师傅或等他完成手头的工单`;
    return new DomainException(ErrorCode.TechnicianAtCapacity, message, HttpStatus.UNPROCESSABLE_ENTITY, {
      maxOpenJobs: cap, fields: [{ field: 'technicianId', message: `在办工单已达上限 ${cap} 单` }],
    });
  }

  /**
   * A supervisor picks the technician (docs/domain.md §3), but never silently outside the category's skills:
   * without the skill the dispatch is refused unless it carries an explicit override with a reason, which
   * is recorded on the ticket event and in the audit log.
   */
  private async assertSkilled(ticket: Ticket, technicianId: number, override?: SkillOverride): Promise<OverrideNote | null> {
    const rule: CategoryRule = (await this.tickets.rulesOf([ticket]))(ticket);
    const profile = await this.technicians.profile(technicianId);
    if (!profile) throw DomainException.validation('technicianId', '该用户不是维修师傅');
    if (ruleAdmits(rule, profile.skills)) return null;
    const label = rule.name ? `${rule.name}（${rule.code}）` : rule.code;
    const overrideReason = override?.override ? override.reason?.trim() : undefined;
    if (!overrideReason) {
      if (override?.override) throw DomainException.validation('overrideReason', '破例派单须填写原因（overrideReason）');
      const details = { requiredSkills: rule.skills, technicianSkills: profile.skills, fields: [{ field: 'technicianId', message: '' }] };
      if (!rule.configured) {
        details.fields[0].message = `类别 ${label} 尚未设置派单技能`;
        throw new DomainException(ErrorCode.CategoryNotConfigured, `类别 ${label} 尚未设置所需技能，请先在「派单规则」中设置；如确需派单，请勾选破例派单并填写原因`, HttpStatus.UNPROCESSABLE_ENTITY, details);
      }
      details.fields[0].message = `该师傅没有所需技能：${rule.skills.join('、')}`;
      throw new DomainException(
        ErrorCode.TechnicianLacksSkill,
        `该师傅没有「${label}」所需技能（${rule.skills.join('、')}），请改派有该技能的师傅；如确需派给他，请勾选破例派单并填写原因`,
        HttpStatus.UNPROCESSABLE_ENTITY, details,
      );
    }
    return {
      reason: overrideReason, requiredSkills: rule.skills, technicianSkills: profile.skills, technicianId,
      eventReason: `破例派单（师傅无「${label}」所需技能）：${overrideReason}`,
    };
  }

  private overrideEffects(principal: Principal, ticket: Ticket, note: OverrideNote): AssignExtra {
    return {
      data: { skillOverride: { reason: note.reason, requiredSkills: note.requiredSkills, technicianSkills: note.technicianSkills } },
      effects: async (tx) => this.audit.record(tx, {
        actorId: principal.userId, action: 'ticket.dispatch_skill_override', entityType: 'ticket', entityId: ticket.id, projectId: ticket.projectId,
        before: { technicianId: ticket.technicianId },
        after: { technicianId: note.technicianId, category: ticket.category, requiredSkills: note.requiredSkills, technicianSkills: note.technicianSkills },
        reason: note.reason,
      }),
    };
  }

  private async projectTechnicians(projectId: number, candidates: number[], tx: EntityManager): Promise<number[]> {
    return this.users.usersWithRole(projectId, Role.Technician, tx, candidates);
  }

  private async assertTechnicianOfProject(technicianId: number, projectId: number): Promise<void> {
    const ok = await this.users.hasRole(technicianId, projectId, Role.Technician);
    if (!ok) throw DomainException.validation('technicianId', '该师傅不属于本项目');
  }

  private async supervisors(projectId: number, tx: EntityManager): Promise<number[]> {
    return this.users.usersWithRole(projectId, Role.Supervisor, tx);
  }
}
