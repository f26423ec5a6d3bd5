import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { ITicketSlaDeadline } from '@app/shared';
import { secondsBetweenSql, sqlDialectOf, sqlInstantText } from '../../database/sql-time';
import type { OwnedSelect } from '../property/property-directory.service';
import { Ticket, TicketEvent } from './ticket.entity';

/** What the SLA module needs of a ticket to run its clocks: the instants and the hold intervals. */
export interface TicketSlaFacts {
  id: number;
  projectId: number;
  buildingId: number | null;
  serial: string;
  description: string;
  category: string;
  urgency: string;
  status: string;
  onHold: boolean;
  technicianId: number | null;
  visitAt: Date | null;
  createdAt: Date;
  acceptedAt: Date | null;
  onSiteAt: Date | null;
  doneAt: Date | null;
  verifiedAt: Date | null;
  visitedAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  /** From each 'hold' event to the next 'resume' (null while still held). */
  holds: { from: Date; to: Date | null }[];
}

/** The SLA module's view hook: deadlines of one ticket for the single-ticket view. */
export type SlaViewHook = (facts: TicketSlaFacts) => Promise<ITicketSlaDeadline[]>;

/**
 * Read-only facts for the SLA module (which imports tickets, so tickets cannot import it back): it asks for
 * open tickets here and registers `useSlaView` so the detail view can show its deadlines.
 */
@Injectable()
export class TicketSlaFactsService {
  private viewHook: SlaViewHook | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  useSlaView(hook: SlaViewHook): void {
    this.viewHook = hook;
  }

  async deadlinesOf(ticket: Ticket): Promise<ITicketSlaDeadline[] | undefined> {
    if (!this.viewHook) return undefined;
    const deadlines = await this.viewHook(await this.withHolds([ticket]).then((f) => f[0]));
    // A cancelled ticket's clocks stop: deadlines it met stay as history, nothing counts down on it.
    return ticket.cancelledAt ? deadlines?.filter((d) => d.metAt) : deadlines;
  }

  /** Tickets whose clocks may still run: neither closed nor cancelled (oldest first, a page at a time). */
  async open(afterId = 0, limit = 200): Promise<TicketSlaFacts[]> {
    const rows = await this.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.id > :afterId', { afterId })
      .andWhere({ closedAt: IsNull(), cancelledAt: IsNull() })
      .orderBy('t.id', 'ASC')
      .take(limit)
      .getMany();
    return this.withHolds(rows);
  }

  /**
   * Accepted jobs whose agreed visit time falls in (from, to], not yet on site, neither held nor ended (the
   * technicians' appointment reminders), by visit time.
   */
  async visitsBetween(
    from: Date,
    to: Date,
    limit = 500,
  ): Promise<Pick<TicketSlaFacts, 'id' | 'projectId' | 'serial' | 'description' | 'technicianId' | 'visitAt'>[]> {
    const rows = await this.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.id', 't.projectId', 't.serial', 't.description', 't.technicianId', 't.visitAt'])
      .where('t.visit_at > :from AND t.visit_at <= :to', { from, to })
      .andWhere('t.status = :accepted AND t.on_hold = :notHeld AND t.technician_id IS NOT NULL', {
        accepted: 'accepted',
        notHeld: false,
      })
      .orderBy('t.visit_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .take(limit)
      .getMany();
    return rows.map((t) => ({
      id: t.id,
      projectId: t.projectId,
      serial: t.serial,
      description: t.description,
      technicianId: t.technicianId,
      visitAt: t.visitAt,
    }));
  }

  /**
   * The SLA report's tickets as an owned sub-query (the sla module joins its breaches to it and aggregates
   * in one statement): the project's tickets reported in [from, to), cancelled ones left out, with the
   * instants that stop each clock and the wall-clock seconds to acceptance and to work done.
   */
  reportTicketsSelect(projectId: number, from: Date, to: Date): OwnedSelect {
    const dialect = sqlDialectOf(this.db);
    const sql =
      'SELECT t.id AS ticket_id, t.serial AS serial, t.category AS category, t.urgency AS urgency, t.technician_id AS technician_id,' +
      ' t.accepted_at AS accepted_at, t.on_site_at AS on_site_at, t.done_at AS done_at, t.visited_at AS visited_at,' +
      ` ${secondsBetweenSql(dialect, 't.created_at', 't.accepted_at')} AS response_seconds,` +
      ` ${secondsBetweenSql(dialect, 't.created_at', 't.done_at')} AS resolve_seconds` +
      ' FROM tickets t WHERE t.project_id = ? AND t.created_at >= ? AND t.created_at < ? AND t.cancelled_at IS NULL';
    return { sql, params: [projectId, sqlInstantText(from), sqlInstantText(to)] };
  }

  private async withHolds(tickets: Ticket[]): Promise<TicketSlaFacts[]> {
    if (!tickets.length) return [];
    const events = await this.db.getRepository(TicketEvent).find({
      select: { ticketId: true, action: true, at: true },
      where: { ticketId: In(tickets.map((t) => t.id)), action: In(['hold', 'resume']) },
      order: { id: 'ASC' },
    });
    return tickets.map((t) => {
      const holds: TicketSlaFacts['holds'] = [];
      for (const e of events.filter((x) => x.ticketId === t.id)) {
        const last = holds.at(-1);
        if (e.action === 'hold' && (!last || last.to)) holds.push({ from: e.at, to: null });
        else if (e.action === 'resume' && last && !last.to) last.to = e.at;
      }
      return {
        id: t.id,
        projectId: t.projectId,
        buildingId: t.buildingId,
        serial: t.serial,
        description: t.description,
        category: t.category,
        urgency: t.urgency,
        status: t.status,
        onHold: Boolean(t.onHold),
        technicianId: t.technicianId,
        visitAt: t.visitAt,
        createdAt: t.createdAt,
        acceptedAt: t.acceptedAt,
        onSiteAt: t.onSiteAt,
        doneAt: t.doneAt,
        verifiedAt: t.verifiedAt,
        visitedAt: t.visitedAt,
        closedAt: t.closedAt,
        cancelledAt: t.cancelledAt,
        holds,
      };
    });
  }
}
