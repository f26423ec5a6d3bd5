import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  ErrorCode,
  TICKET_ACTION_LABELS,
  TICKET_STATUS_LABELS,
  TicketAction,
  TicketActor,
  TicketStatus,
  targetStatus,
  transitionRefusal,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { insertRow } from '../../database/raw-rows';
import { runInTransaction } from '../../database/transactions';
import { TicketChangeFeed } from './ticket-change-feed';
import { Ticket, TicketEvent } from './ticket.entity';

const REACHED_AT: Partial<Record<TicketStatus, keyof Ticket>> = {
  registered: 'registeredAt',
  dispatched: 'dispatchedAt',
  accepted: 'acceptedAt',
  on_site: 'onSiteAt',
  done: 'doneAt',
  verified: 'verifiedAt',
  visited: 'visitedAt',
  closed: 'closedAt',
  cancelled: 'cancelledAt',
};

export interface TransitionOptions {
  set?: QueryDeepPartialEntity<Ticket>;
  reason?: string | null;
  data?: unknown;
  /** Extra guard in the same conditional UPDATE, e.g. "technician_id = :me". */
  guard?: { sql: string; params: Record<string, unknown> };
  /** Work that must commit with the transition (quote rows, charges, notifications). */
  effects?: (tx: EntityManager, ticket: Ticket) => Promise<void>;
  /** Join the caller's transaction instead of opening one (e.g. auto-dispatch during registration). */
  tx?: EntityManager;
  /** Runs in the transaction before the UPDATE, e.g. to take a lock that orders competing transitions. */
  before?: (tx: EntityManager) => Promise<void>;
}

/**
 * The only way a ticket changes status: the shared table decides if the action is legal, then one
 * conditional UPDATE (status, version, hold flag and any guard) claims the change; exactly one row
 * must move or the caller gets 409 with the current state. The event row and the effects commit with it.
 */
@Injectable()
export class TicketTransitions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: TicketChangeFeed,
  ) {}

  async apply(
    ticket: Ticket,
    action: TicketAction,
    actor: TicketActor,
    actorId: number | null,
    options: TransitionOptions = {},
  ): Promise<Ticket> {
    const refusal = transitionRefusal(action, ticket.status, actor, {
      kind: ticket.kind,
      scope: ticket.scope,
      onHold: ticket.onHold,
    });
    if (refusal) {
      if (refusal.reason === 'wrong_actor')
        throw DomainException.forbidden(`您的角色不能执行「${TICKET_ACTION_LABELS[action]}」`);
      if (refusal.reason === 'wrong_kind') {
        throw DomainException.validation('action', `该类工单不能执行「${TICKET_ACTION_LABELS[action]}」`);
      }
      throw this.conflict(ticket, action);
    }
    const to = targetStatus(action);
    const at = now();
    const run = <T>(work: (tx: EntityManager) => Promise<T>) =>
      options.tx ? work(options.tx) : runInTransaction(this.db, work);
    // Inside a caller's transaction (auto-dispatch during registration) the caller's own apply tells the feed once it commits.
    return this.told(
      !options.tx,
      action,
      run(async (tx) => {
        await options.before?.(tx);
        const qb = tx
          .createQueryBuilder()
          .update(Ticket)
          .set({
            ...(options.set ?? {}),
            status: to,
            version: () => 'version + 1',
            updatedAt: at,
            ...(REACHED_AT[to] ? { [REACHED_AT[to]!]: at } : {}),
          } as QueryDeepPartialEntity<Ticket>)
          .where('id = :id AND status = :from AND version = :version', {
            id: ticket.id,
            from: ticket.status,
            version: ticket.version,
          });
        if (action !== TicketAction.Cancel) qb.andWhere('on_hold = :notHeld', { notHeld: false });
        if (options.guard) qb.andWhere(options.guard.sql, options.guard.params);
        const result = await qb.execute();
        if (result.affected !== 1) {
          throw this.conflict(await tx.getRepository(Ticket).findOneByOrFail({ id: ticket.id }), action);
        }
        await this.event(
          tx,
          ticket.id,
          actorId,
          actor,
          action,
          ticket.status,
          to,
          options.reason ?? null,
          options.data,
        );
        const updated = await tx.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
        if (!options.effects) return updated;
        await options.effects(tx, updated);
        // Effects may set more fields (charge id, pool flags): answer with what was committed.
        return tx.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
      }),
    );
  }

  /** Tells the change feed (live console updates) after the transaction committed. */
  private async told(tell: boolean, action: string, work: Promise<Ticket>): Promise<Ticket> {
    const t = await work;
    if (tell)
      this.changes.emit({
        type: 'ticket.changed',
        ticketId: t.id,
        projectId: t.projectId,
        status: t.status,
        version: t.version,
        action,
        at: now().toISOString(),
      });
    return t;
  }

  /** Changes that are not status moves (hold, resume, damage …) still bump the version and leave an event. */
  async touch(
    ticket: Ticket,
    action: string,
    actor: TicketActor | string,
    actorId: number | null,
    options: TransitionOptions & { requireHeld?: boolean } = {},
  ): Promise<Ticket> {
    return this.told(
      true,
      action,
      runInTransaction(this.db, async (tx) => {
        const qb = tx
          .createQueryBuilder()
          .update(Ticket)
          .set({
            ...(options.set ?? {}),
            version: () => 'version + 1',
            updatedAt: now(),
          } as QueryDeepPartialEntity<Ticket>)
          .where('id = :id AND version = :version AND status NOT IN (:...terminal)', {
            id: ticket.id,
            version: ticket.version,
            terminal: ['closed', 'cancelled'],
          });
        if (options.requireHeld !== undefined) qb.andWhere('on_hold = :held', { held: options.requireHeld });
        if (options.guard) qb.andWhere(options.guard.sql, options.guard.params);
        const result = await qb.execute();
        if (result.affected !== 1)
          throw this.conflict(await tx.getRepository(Ticket).findOneByOrFail({ id: ticket.id }));
        await this.event(tx, ticket.id, actorId, actor, action, null, null, options.reason ?? null, options.data);
        const updated = await tx.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
        if (!options.effects) return updated;
        await options.effects(tx, updated);
        // Effects may set more fields (charge id, pool flags): answer with what was committed.
        return tx.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
      }),
    );
  }

  async event(
    tx: EntityManager,
    ticketId: number,
    actorId: number | null,
    actorRole: string,
    action: string,
    from: TicketStatus | null,
    to: TicketStatus | null,
    reason: string | null,
    data?: unknown,
  ) {
    await insertRow(tx, TicketEvent, {
      ticketId,
      actorId,
      actorRole,
      action,
      fromStatus: from,
      toStatus: to,
      reason,
      dataJson: data === undefined ? null : JSON.stringify(data),
      at: now(),
    });
  }

  conflict(current: Ticket, action?: TicketAction): DomainException {
    const what = action ? `无法${TICKET_ACTION_LABELS[action]}：` : '';
    const state = current.onHold
      ? `${TICKET_STATUS_LABELS[current.status]}（挂起中）`
      : TICKET_STATUS_LABELS[current.status];
    return new DomainException(
      ErrorCode.StateConflict,
      `${what}工单当前状态为「${state}」，可能已被他人处理，请刷新`,
      HttpStatus.CONFLICT,
      {
        current: conflictState(current),
      },
    );
  }
}

/** The ticket's state a 409 carries, so the client can show it and refresh. */
export function conflictState(t: Ticket) {
  return { id: t.id, status: t.status, version: t.version, onHold: t.onHold, technicianId: t.technicianId };
}
