import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  ErrorCode,
  IMergeCandidate,
  IMergedTicket,
  ITicket,
  MERGEABLE_STATUSES,
  Permission,
  RepairScope,
  TERMINAL_STATUSES,
  TICKET_STATUS_LABELS,
  TicketAction,
  TicketActor,
  TicketKind,
  actingAs,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal, rolesOn } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService, likeEscape } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketFacts, ticketRef } from '../notifications/message.types';
import { PropertyDirectory } from '../property/property-directory.service';
import { MergeCandidatesQueryDto, MergeTicketDto } from './dto/ticket-merge.dto';
import { TicketAccess } from './ticket-access.service';
import { TicketChangeFeed } from './ticket-change-feed';
import { TicketFollower } from './ticket-follower.entity';
import { TicketOutcomes } from './ticket-outcomes.service';
import { TicketResidents } from './ticket-residents';
import { conflictState, TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { Ticket } from './ticket.entity';

const isPublicRepair = (t: Pick<Ticket, 'kind' | 'scope'>) =>
  t.kind === TicketKind.Repair && t.scope === RepairScope.Public;

/**
 * 合并重复报修 (docs/domain.md): staff cancel a duplicate report and point it at the ticket that handles the
 * problem; the duplicate's resident follows that ticket from then on (TicketResidents.progressRecipients). The
 * cancellation goes through the transition core (one conditional UPDATE on the duplicate), and the target is
 * claimed with a conditional UPDATE in the same transaction, so a merge racing another merge, a cancellation of
 * the target or work on the duplicate ends in 409 with the current state.
 */
@Injectable()
export class TicketMerges {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly tickets: TicketAccess,
    private readonly transitions: TicketTransitions,
    private readonly views: TicketViews,
    private readonly outcomes: TicketOutcomes,
    private readonly residents: TicketResidents,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
    private readonly changes: TicketChangeFeed,
  ) {}

  async merge(principal: Principal, id: number, dto: MergeTicketDto): Promise<ITicket> {
    const duplicate = await this.tickets.forStaff(principal, id, Permission.TicketHandle);
    if (dto.targetId === duplicate.id) throw DomainException.validation('targetId', '不能合并到工单自身');
    const target = await this.tickets.forStaff(principal, dto.targetId);
    this.refuseTarget(duplicate, target);
    if (duplicate.mergedIntoId !== null) throw this.stateConflict(duplicate, '该工单已合并过');
    if (duplicate.chargeId !== null || (await this.outcomes.agreement(duplicate.id)).agreedQuoteId !== null) {
      throw this.stateConflict(duplicate, '已签署报价或已产生费用的工单不能合并');
    }
    if (!MERGEABLE_STATUSES.includes(duplicate.status)) {
      throw this.stateConflict(
        duplicate,
        `只有待受理、已受理、已派单或已接单（师傅未到场）的工单可以合并，该工单当前为「${TICKET_STATUS_LABELS[duplicate.status]}」`,
      );
    }
    if (await this.db.getRepository(TicketFollower).existsBy({ ticketId: duplicate.id })) {
      throw this.stateConflict(duplicate, '已有其他报修合并到该工单，请把其他报修合并到它，而不是反过来');
    }
    const actor =
      actingAs(rolesOn(principal, duplicate.projectId), [
        TicketActor.CustomerManager,
        TicketActor.Supervisor,
        TicketActor.ProjectManager,
      ]) ?? TicketActor.CustomerManager;
    const note = dto.reason?.trim() || null;
    const reason = `重复报修，已合并到 ${target.serial}${note ? `：${note}` : ''}`;
    const updated = await this.transitions.apply(duplicate, TicketAction.Cancel, actor, principal.userId, {
      reason,
      set: { cancelReason: reason, mergedIntoId: target.id, poolOpen: false },
      data: { mergedIntoId: target.id, targetSerial: target.serial },
      // Nothing may have been merged into the duplicate meanwhile (that would make a chain).
      guard: {
        sql: 'merged_into_id IS NULL AND charge_id IS NULL AND NOT EXISTS (SELECT 1 FROM ticket_followers f WHERE f.ticket_id = :duplicateId)',
        params: { duplicateId: duplicate.id },
      },
      effects: async (tx, b) => this.mergeEffects(tx, principal, actor, duplicate, b, target, note),
    });
    const fresh = await this.tickets.find(target.id);
    this.changes.emit({
      type: 'ticket.changed',
      ticketId: fresh.id,
      projectId: fresh.projectId,
      status: fresh.status,
      version: fresh.version,
      action: 'merge_in',
      at: now().toISOString(),
    });
    return this.views.one(
      updated,
      await this.tickets.actorsFor(principal, updated),
      principal.userId,
      this.tickets.canSeeContactPhone(principal, updated),
    );
  }

  private async mergeEffects(
    tx: EntityManager,
    principal: Principal,
    actor: TicketActor,
    before: Ticket,
    b: Ticket,
    target: Ticket,
    note: string | null,
  ) {
    // Claim the target: still open and not merged itself; its version moves so a concurrent change of it conflicts.
    const claimed = await tx
      .createQueryBuilder()
      .update(Ticket)
      .set({ version: () => 'version + 1', updatedAt: now() })
      .where('id = :id AND merged_into_id IS NULL AND status NOT IN (:...terminal)', {
        id: target.id,
        terminal: [...TERMINAL_STATUSES],
      })
      .execute();
    if (claimed.affected !== 1) {
      const current = await tx.getRepository(Ticket).findOneByOrFail({ id: target.id });
      throw this.stateConflict(
        current,
        `目标工单 ${current.serial} 当前为「${TICKET_STATUS_LABELS[current.status]}」${current.mergedIntoId ? '（已合并）' : ''}，不能合并，请刷新`,
      );
    }
    const follower = await this.residents.recipient(tx, b);
    if (follower !== null)
      await tx
        .getRepository(TicketFollower)
        .insert({ ticketId: target.id, userId: follower, mergedTicketId: b.id, createdAt: now() });
    await this.transitions.event(
      tx,
      target.id,
      principal.userId,
      actor,
      'merge_in',
      null,
      null,
      `合并重复报修 ${b.serial}${note ? `：${note}` : ''}`,
      { mergedTicketId: b.id },
    );
    await this.audit.record(tx, {
      actorId: principal.userId,
      action: 'ticket.merge',
      entityType: 'ticket',
      entityId: b.id,
      projectId: b.projectId,
      before: { status: before.status, serial: b.serial },
      after: { status: b.status, mergedIntoId: target.id, targetSerial: target.serial, followerId: follower },
      reason: note,
    });
    await this.notifications.enqueue(tx, {
      recipients: [follower],
      ref: ticketRef(b),
      facts: { ...ticketFacts(b), status: '已合并' },
      kind: 'ticket.merged',
      title: `您的报修已与 ${target.serial} 合并`,
      body: `报修 ${b.serial} 与工单 ${target.serial} 是同一问题，已合并处理；之后的进度会继续通知您`,
      ticketId: b.id,
    });
    await this.notifications.enqueue(tx, {
      recipients: [b.technicianId],
      ref: ticketRef(b),
      facts: ticketFacts(b),
      kind: 'ticket.cancelled',
      title: `工单已取消：${b.serial}`,
      body: `重复报修，已合并到 ${target.serial}`,
      ticketId: b.id,
    });
  }

  /** Refusals that depend on which ticket was picked: 422 naming targetId. */
  private refuseTarget(duplicate: Ticket, target: Ticket): void {
    const refuse = (message: string) => DomainException.validation('targetId', message);
    if (target.projectId !== duplicate.projectId) throw refuse('不能跨项目合并');
    if (target.mergedIntoId !== null)
      throw refuse(`工单 ${target.serial} 本身已合并到其他工单，请合并到最终处理的工单`);
    if (TERMINAL_STATUSES.includes(target.status))
      throw refuse(`工单 ${target.serial} 已${TICKET_STATUS_LABELS[target.status].replace(/^已/, '')}，不能合并到它`);
    if (target.kind !== duplicate.kind) throw refuse('只能合并同类工单');
    if (isPublicRepair(duplicate) !== isPublicRepair(target))
      throw refuse('公共区域报修只能与同项目的公共区域报修合并');
    if (!isPublicRepair(duplicate) && target.houseId !== duplicate.houseId) throw refuse('只能合并到同一房屋的工单');
  }

  private stateConflict(t: Ticket, message: string): DomainException {
    return new DomainException(ErrorCode.StateConflict, message, HttpStatus.CONFLICT, {
      current: { ...conflictState(t), mergedIntoId: t.mergedIntoId },
    });
  }

  /** Open tickets the duplicate may be merged into: same kind, same house (or the project's public area), newest first. */
  async candidates(principal: Principal, id: number, query: MergeCandidatesQueryDto): Promise<IMergeCandidate[]> {
    const duplicate = await this.tickets.forStaff(principal, id, Permission.TicketHandle);
    const qb = this.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where(
        't.projectId = :projectId AND t.kind = :kind AND t.id <> :id AND t.mergedIntoId IS NULL AND t.status NOT IN (:...terminal)',
        {
          projectId: duplicate.projectId,
          kind: duplicate.kind,
          id: duplicate.id,
          terminal: [...TERMINAL_STATUSES],
        },
      );
    if (isPublicRepair(duplicate)) qb.andWhere('t.scope = :public', { public: RepairScope.Public });
    else {
      qb.andWhere(duplicate.houseId === null ? 't.houseId IS NULL' : 't.houseId = :houseId', {
        houseId: duplicate.houseId,
      });
      if (duplicate.kind === TicketKind.Repair) qb.andWhere('t.scope = :home', { home: RepairScope.Home });
    }
    if (query.serial) qb.andWhere("t.serial LIKE :like ESCAPE '!'", { like: `%${likeEscape(query.serial)}%` });
    const rows = await qb.orderBy('t.id', 'DESC').take(20).getMany();
    const labels = await this.property.houseLabels(rows.map((t) => t.houseId));
    return rows.map((t) => ({
      id: t.id,
      serial: t.serial,
      kind: t.kind,
      scope: t.scope,
      status: t.status,
      houseLabel: t.houseId === null ? null : (labels.get(t.houseId)?.label ?? null),
      description: t.description,
      createdAt: t.createdAt.toISOString(),
    }));
  }

  /** The duplicate reports merged into this ticket (staff), oldest first, at most 100. */
  async merged(principal: Principal, id: number): Promise<IMergedTicket[]> {
    const target = await this.tickets.forStaff(principal, id);
    const rows = await this.db
      .getRepository(Ticket)
      .find({ where: { mergedIntoId: target.id }, order: { id: 'ASC' }, take: 100 });
    if (!rows.length) return [];
    const followers = await this.db
      .getRepository(TicketFollower)
      .find({ where: { mergedTicketId: In(rows.map((r) => r.id)) } });
    const followed = new Set(followers.map((f) => f.mergedTicketId));
    return rows.map((t) => ({
      id: t.id,
      serial: t.serial,
      description: t.description,
      contactName: t.contactName,
      followerNotified: followed.has(t.id),
      mergedAt: (t.cancelledAt ?? t.updatedAt).toISOString(),
    }));
  }
}
