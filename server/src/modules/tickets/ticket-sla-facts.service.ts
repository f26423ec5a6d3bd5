import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { ITicketSlaDeadline } from '@app/shared';
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
    return this.viewHook(await this.withHolds([ticket]).then((f) => f[0]));
  }

  /** Tickets whose clocks may still run: neither closed nor cancelled (oldest first, a page at a time). */
  async open(afterId = 0, limit = 200): Promise<TicketSlaFacts[]> {
    const rows = await this.db.getRepository(Ticket).createQueryBuilder('t')
      .where('t.id > :afterId', { afterId }).andWhere({ closedAt: IsNull(), cancelledAt: IsNull() })
      .orderBy('t.id', 'ASC').take(limit).getMany();
    return this.withHolds(rows);
  }

  private async withHolds(tickets: Ticket[]): Promise<TicketSlaFacts[]> {
    if (!tickets.length) return [];
    const events = await this.db.getRepository(TicketEvent).find({
      select: { ticketId: true, action: true, at: true },
      where: { ticketId: In(tickets.map((t) => t.id)), action: In(['hold', 'resume']) }, order: { id: 'ASC' },
    });
    return tickets.map((t) => {
      const holds: TicketSlaFacts['holds'] = [];
      for (const e of events.filter((x) => x.ticketId === t.id)) {
        const last = holds.at(-1);
        if (e.action === 'hold' && (!last || last.to)) holds.push({ from: e.at, to: null });
        else if (e.action === 'resume' && last && !last.to) last.to = e.at;
      }
      return {
        id: t.id, projectId: t.projectId, buildingId: t.buildingId, serial: t.serial, description: t.description, category: t.category,
        urgency: t.urgency, status: t.status, onHold: Boolean(t.onHold), technicianId: t.technicianId, visitAt: t.visitAt, createdAt: t.createdAt,
        acceptedAt: t.acceptedAt, onSiteAt: t.onSiteAt, doneAt: t.doneAt, verifiedAt: t.verifiedAt, visitedAt: t.visitedAt,
        closedAt: t.closedAt, cancelledAt: t.cancelledAt, holds,
      };
    });
  }
}
