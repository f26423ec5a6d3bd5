import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, Role, TicketAction, TicketActor, TicketStatus, canTransition } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { UserDirectory } from '../identity/user-directory.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketFacts, ticketRef } from '../notifications/message.types';
import { TechnicianDirectory } from '../property/technician-directory.service';
import { TicketAccess } from '../tickets/ticket-access.service';
import { TicketJobs } from '../tickets/ticket-jobs.service';
import { TicketTransitions } from '../tickets/ticket-transition.service';
import type { TicketRecord as Ticket } from '../tickets/ticket.types';
import { TicketResidents } from '../tickets/ticket-residents';

/** Extra event data and side effects an assignment carries (a skill override's audit record). */
export interface AssignExtra {
  data?: Record<string, unknown>;
  effects?: (tx: EntityManager, updated: Ticket) => Promise<void>;
}

/**
 * Putting a technician on a ticket: the conditional update that also enforces the open-job cap, the messages
 * to the technician, the previous one and the residents, and the least-loaded automatic choice.
 */
@Injectable()
export class TechnicianAssignment {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketAccess,
    private readonly transitions: TicketTransitions,
    private readonly notifications: NotificationsService,
    private readonly ticketResidents: TicketResidents,
    private readonly jobs: TicketJobs,
    private readonly users: UserDirectory,
    private readonly technicians: TechnicianDirectory,
  ) {}

  /** Least-loaded on-duty technician with the skill, covering the building, under the cap. */
  async autoAssign(ticket: Ticket, tx: EntityManager): Promise<boolean> {
    const candidates = await this.projectTechnicians(
      ticket.projectId,
      await this.tickets.qualifiedTechnicianIds(ticket),
      tx,
    );
    if (!candidates.length) return false;
    const loads = await this.jobs.openJobLoads(tx, candidates);
    const profiles = await this.technicians.profiles(candidates, tx);
    const ranked = candidates
      .map((id) => ({ id, load: loads.get(id) ?? 0, cap: profiles.find((p) => p.userId === id)?.maxOpenJobs ?? 0 }))
      .filter((c) => c.load < c.cap)
      .sort((x, y) => x.load - y.load || x.id - y.id);
    for (const candidate of ranked) {
      try {
        await this.assign(
          ticket,
          TicketAction.Dispatch,
          TicketActor.System,
          null,
          candidate.id,
          '自动派单',
          undefined,
          undefined,
          tx,
        );
        return true;
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        ticket = await this.jobs.reload(ticket.id, tx);
        if (ticket.status !== TicketStatus.Registered) return false;
      }
    }
    return false;
  }

  async assign(
    ticket: Ticket,
    action: TicketAction,
    actor: TicketActor,
    actorId: number | null,
    technicianId: number,
    reason: string | null,
    extraGuard?: { poolOpen: boolean },
    previous?: number | null,
    tx?: EntityManager,
    extra?: AssignExtra,
  ): Promise<Ticket> {
    const profile = await this.technicians.profile(technicianId, tx);
    if (!profile) throw DomainException.validation('technicianId', '该用户不是维修师傅');
    const cap = this.jobs.capGuard(technicianId, profile.maxOpenJobs);
    const guardSql = [cap.sql, ...(extraGuard ? ['pool_open = :poolOpen'] : [])].join(' AND ');
    // Only a failed UPDATE after a passing pre-check can mean the cap; a pre-check refusal is a plain 409.
    const legalNow = canTransition(action, ticket.status, actor, {
      kind: ticket.kind,
      scope: ticket.scope,
      onHold: ticket.onHold,
    });
    try {
      return await this.transitions.apply(ticket, action, actor, actorId, {
        tx,
        reason,
        before: (ltx) => this.technicians.lockForAssignment(technicianId, ltx),
        set: { technicianId, poolOpen: false, needsSupervisor: false, visitAt: null },
        guard: { sql: guardSql, params: { ...cap.params, ...(extraGuard ?? {}) } },
        data: { technicianId, previousTechnicianId: previous ?? null, ...(extra?.data ?? {}) },
        effects: async (etx, updated) => {
          await extra?.effects?.(etx, updated);
          await this.notifications.enqueue(etx, {
            recipients: [technicianId],
            ref: ticketRef(updated),
            facts: ticketFacts(updated),
            kind: 'ticket.dispatched',
            title: `新派单：${updated.serial}`,
            body: updated.description.slice(0, 100),
            ticketId: updated.id,
          });
          await this.notifications.enqueue(etx, {
            recipients: [previous],
            ref: ticketRef(updated),
            facts: ticketFacts(updated),
            kind: 'ticket.transferred',
            title: `工单已转派：${updated.serial}`,
            body: reason ?? '',
            ticketId: updated.id,
          });
          const techName = (await this.users.people([technicianId], etx)).get(technicianId)?.name ?? '';
          await this.notifications.enqueue(etx, {
            recipients: await this.ticketResidents.progressRecipients(etx, updated),
            ref: ticketRef(updated),
            facts: { ...ticketFacts(updated), person: techName },
            kind: 'ticket.technician_assigned',
            title: '已为您安排维修师傅',
            body: `工单 ${updated.serial} 已派单，维修师傅：${techName}`,
            ticketId: updated.id,
          });
        },
      });
    } catch (error) {
      if (legalNow && error instanceof DomainException && error.code === ErrorCode.StateConflict) {
        const current = await this.jobs.reload(ticket.id, tx);
        if (current.status === ticket.status && current.version === ticket.version)
          throw await this.atCapacity(technicianId, action === TicketAction.Grab, tx);
      }
      throw error;
    }
  }

  /** The open-job cap refusal: its own code, and a message for whoever acted (the technician or the dispatcher). */
  async atCapacity(technicianId: number, self: boolean, tx: EntityManager = this.db.manager): Promise<DomainException> {
    const profile = await this.technicians.profile(technicianId, tx);
    const cap = profile?.maxOpenJobs ?? 0;
    const message = self
      ? `您在办的工单已达上限（${cap} 单），请先完成手头的工单再抢单`
      : `该师傅在办工单已达上限（${cap} 单），请改派其他师傅或等他完成手头的工单`;
    return new DomainException(ErrorCode.TechnicianAtCapacity, message, HttpStatus.UNPROCESSABLE_ENTITY, {
      maxOpenJobs: cap,
      fields: [{ field: 'technicianId', message: `在办工单已达上限 ${cap} 单` }],
    });
  }

  async projectTechnicians(projectId: number, candidates: number[], tx: EntityManager): Promise<number[]> {
    return this.users.usersWithRole(projectId, Role.Technician, tx, candidates);
  }

  async supervisors(projectId: number, tx: EntityManager): Promise<number[]> {
    return this.users.usersWithRole(projectId, Role.Supervisor, tx);
  }
}
