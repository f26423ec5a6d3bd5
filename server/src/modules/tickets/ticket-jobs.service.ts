import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import { TicketStatus } from '@app/shared';
import { Ticket } from './ticket.entity';
import { OPEN_JOB_STATUSES } from './ticket.roles';

export interface DispatchState {
  dispatchMode?: 'assign' | 'pool' | 'auto';
  poolOpen?: boolean;
  poolDeadline?: Date | null;
  needsSupervisor?: boolean;
}

/**
 * The queries and writes on `tickets` that the dispatch module needs (pool, loads, the open-job cap), so
 * that it never touches the table itself. Methods taking `tx` run inside the caller's transaction.
 */
@Injectable()
export class TicketJobs {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async reload(id: number, tx: EntityManager = this.db.manager): Promise<Ticket> {
    return tx.getRepository(Ticket).findOneByOrFail({ id });
  }

  /** Only the pool fields; status changes go through TicketTransitions. */
  async setDispatchState(tx: EntityManager, id: number, state: DispatchState): Promise<void> {
    await tx.getRepository(Ticket).update({ id }, state);
  }

  /** Registered pool jobs whose grab window has passed. */
  expiredPool(at: Date, limit = 200): Promise<Ticket[]> {
    return this.db.getRepository(Ticket).find({
      where: { status: TicketStatus.Registered, poolOpen: true, onHold: false, poolDeadline: LessThanOrEqual(at) },
      take: limit,
    });
  }

  /** The job if it is still registered and in the pool (inside the sweep's transaction). */
  stillInPool(tx: EntityManager, id: number): Promise<Ticket | null> {
    return tx.getRepository(Ticket).findOneBy({ id, status: TicketStatus.Registered, poolOpen: true });
  }

  /** Closes the pool and hands the job to the supervisor's queue, guarded by the version read. */
  async toSupervisorQueue(tx: EntityManager, ticket: Ticket): Promise<void> {
    await tx
      .getRepository(Ticket)
      .update(
        { id: ticket.id, version: ticket.version },
        { poolOpen: false, needsSupervisor: true, version: ticket.version + 1 },
      );
  }

  /** Open jobs per technician among `ids`. */
  async openJobLoads(tx: EntityManager, ids: readonly number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows = await tx
      .createQueryBuilder(Ticket, 't')
      .select('t.technician_id', 'tech')
      .addSelect('COUNT(*)', 'n')
      .where('t.technician_id IN (:...ids) AND t.status IN (:...open)', { ids, open: OPEN_JOB_STATUSES })
      .groupBy('t.technician_id')
      .getRawMany<{ tech: number; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.tech), Number(r.n)]));
  }

  /**
   * Guard for TicketTransitions.apply: the technician's open jobs stay under the cap, checked inside the same
   * UPDATE that assigns the job. The count sits in a derived table with an aggregate so MySQL/MariaDB
   * materialise it (a plain subquery on `tickets` inside an UPDATE of `tickets` is refused with error 1093).
   */
  capGuard(technicianId: number, cap: number): { sql: string; params: Record<string, unknown> } {
    return {
      sql: '(SELECT open_jobs.n FROM (SELECT COUNT(*) AS n FROM tickets WHERE technician_id = :tech AND status IN (:...openStatuses)) open_jobs) < :cap',
      params: { tech: technicianId, openStatuses: OPEN_JOB_STATUSES, cap },
    };
  }

  /** The technician now on the ticket (charges ask it for "is this the technician's job"). */
  async technicianOf(ticketId: number): Promise<number | null> {
    const row = await this.db
      .getRepository(Ticket)
      .findOne({ select: { id: true, technicianId: true }, where: { id: ticketId } });
    return row?.technicianId ?? null;
  }
}
