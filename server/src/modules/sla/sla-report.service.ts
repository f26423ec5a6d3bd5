import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  SLA_BREACH_LIST_LIMIT,
  addMonths,
  shanghaiMonthStart,
  type ISlaBreachRow,
  type ISlaReport,
  type ISlaReportFigures,
  type SlaDeadlineKind,
  type Urgency,
} from '@app/shared';
import { now } from '../../common/time';
import { instantOf } from '../../database/raw-rows';
import { UserDirectory } from '../identity/user-directory.service';
import { TicketSlaFactsService } from '../tickets/ticket-sla-facts.service';

const KINDS: readonly SlaDeadlineKind[] = ['respond', 'on_site', 'resolve', 'return_visit'];

/** Sums of one group; averages and rates are derived from them so the summary is exact, not an average of averages. */
interface GroupSums {
  tickets: number;
  onTime: number;
  breaches: Record<SlaDeadlineKind, number>;
  responseSeconds: number;
  responseCount: number;
  resolveSeconds: number;
  resolveCount: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

function figures(s: GroupSums): ISlaReportFigures {
  return {
    tickets: s.tickets,
    onTime: s.onTime,
    onTimeRateBp: s.tickets ? Math.round((s.onTime * 10_000) / s.tickets) : null,
    breaches: s.breaches,
    avgResponseMinutes: s.responseCount ? Math.round(s.responseSeconds / s.responseCount / 60) : null,
    avgResolveMinutes: s.resolveCount ? Math.round(s.resolveSeconds / s.resolveCount / 60) : null,
  };
}

function sumsOf(row: Record<string, unknown>): GroupSums {
  return {
    tickets: num(row.tickets),
    onTime: num(row.on_time),
    breaches: {
      respond: num(row.b_respond),
      on_site: num(row.b_on_site),
      resolve: num(row.b_resolve),
      return_visit: num(row.b_return_visit),
    },
    responseSeconds: num(row.response_sum),
    responseCount: num(row.response_n),
    resolveSeconds: num(row.resolve_sum),
    resolveCount: num(row.resolve_n),
  };
}

function add(a: GroupSums, b: GroupSums): GroupSums {
  const breaches = Object.fromEntries(KINDS.map((k) => [k, a.breaches[k] + b.breaches[k]])) as Record<
    SlaDeadlineKind,
    number
  >;
  return {
    tickets: a.tickets + b.tickets,
    onTime: a.onTime + b.onTime,
    breaches,
    responseSeconds: a.responseSeconds + b.responseSeconds,
    responseCount: a.responseCount + b.responseCount,
    resolveSeconds: a.resolveSeconds + b.resolveSeconds,
    resolveCount: a.resolveCount + b.resolveCount,
  };
}

const EMPTY: GroupSums = {
  tickets: 0,
  onTime: 0,
  breaches: { respond: 0, on_site: 0, resolve: 0, return_visit: 0 },
  responseSeconds: 0,
  responseCount: 0,
  resolveSeconds: 0,
  resolveCount: 0,
};

/**
 * 时效报表 (docs/sla.md): per category × urgency and per technician, the tickets reported in the months, how
 * many missed no deadline, the missed deadlines by kind (`sla_breaches`, written by the sweep) and the average
 * minutes to acceptance and to work done. Three set-based statements over the tickets module's owned
 * sub-query, whatever the number of tickets, plus one for the technicians' names.
 */
@Injectable()
export class SlaReports {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly facts: TicketSlaFactsService,
    private readonly users: UserDirectory,
  ) {}

  async report(projectId: number, from: string, to: string): Promise<ISlaReport> {
    const at = now();
    const tickets = this.facts.reportTicketsSelect(
      projectId,
      shanghaiMonthStart(from),
      shanghaiMonthStart(addMonths(to, 1)),
    );
    const breachSums = KINDS.map((k) => `SUM(CASE WHEN deadline = '${k}' THEN 1 ELSE 0 END) AS ${k}`).join(', ');
    // One row per ticket: its breach counts by kind (0 when it missed nothing).
    const perTicket =
      `SELECT r.*, CASE WHEN b.ticket_id IS NULL THEN 1 ELSE 0 END AS on_time, ${KINDS.map((k) => `COALESCE(b.${k}, 0) AS b_${k}`).join(', ')}` +
      ` FROM (${tickets.sql}) r LEFT JOIN (SELECT ticket_id, ${breachSums} FROM sla_breaches WHERE project_id = ? GROUP BY ticket_id) b ON b.ticket_id = r.ticket_id`;
    const params = [...tickets.params, projectId];
    const aggregates =
      'COUNT(*) AS tickets, SUM(on_time) AS on_time, ' +
      KINDS.map((k) => `SUM(b_${k}) AS b_${k}`).join(', ') +
      ', SUM(response_seconds) AS response_sum, COUNT(response_seconds) AS response_n, SUM(resolve_seconds) AS resolve_sum, COUNT(resolve_seconds) AS resolve_n';

    const byCategory: Record<string, unknown>[] = await this.db.query(
      `SELECT category, urgency, ${aggregates} FROM (${perTicket}) x GROUP BY category, urgency ORDER BY category, urgency`,
      params,
    );
    const byTechnician: Record<string, unknown>[] = await this.db.query(
      `SELECT technician_id, ${aggregates} FROM (${perTicket}) x GROUP BY technician_id ORDER BY technician_id`,
      params,
    );
    const metAt =
      "CASE b.deadline WHEN 'respond' THEN r.accepted_at WHEN 'on_site' THEN r.on_site_at WHEN 'resolve' THEN r.done_at ELSE r.visited_at END";
    const breachRows: Record<string, unknown>[] = await this.db.query(
      `SELECT b.ticket_id, r.serial, r.category, r.urgency, r.technician_id, b.deadline, b.due_at, ${metAt} AS met_at` +
        ` FROM sla_breaches b JOIN (${tickets.sql}) r ON r.ticket_id = b.ticket_id WHERE b.project_id = ?` +
        ` ORDER BY b.due_at DESC, b.id DESC LIMIT ${SLA_BREACH_LIST_LIMIT}`,
      [...tickets.params, projectId],
    );

    const names = await this.users.people(
      [...byTechnician.map((r) => r.technician_id), ...breachRows.map((r) => r.technician_id)].map((v) =>
        v === null ? null : Number(v),
      ),
    );
    const nameOf = (id: unknown): string | null =>
      id === null || id === undefined ? null : (names.get(Number(id))?.name ?? null);
    const categoryRows = byCategory.map((r) => ({
      category: String(r.category),
      urgency: r.urgency as Urgency,
      sums: sumsOf(r),
    }));

    return {
      projectId,
      from,
      to,
      generatedAt: at.toISOString(),
      summary: figures(categoryRows.reduce((acc, r) => add(acc, r.sums), EMPTY)),
      byCategory: categoryRows.map((r) => ({ category: r.category, urgency: r.urgency, ...figures(r.sums) })),
      byTechnician: byTechnician.map((r) => ({
        technicianId: r.technician_id === null ? null : Number(r.technician_id),
        technicianName: nameOf(r.technician_id),
        ...figures(sumsOf(r)),
      })),
      breaches: breachRows.map((r): ISlaBreachRow => {
        const due = instantOf(r.due_at)!;
        const met = instantOf(r.met_at);
        return {
          ticketId: Number(r.ticket_id),
          serial: String(r.serial),
          category: String(r.category),
          urgency: r.urgency as Urgency,
          kind: r.deadline as SlaDeadlineKind,
          dueAt: due.toISOString(),
          metAt: met?.toISOString() ?? null,
          lateMinutes: Math.max(0, Math.floor(((met ?? at).getTime() - due.getTime()) / 60_000)),
          technicianId: r.technician_id === null ? null : Number(r.technician_id),
          technicianName: nameOf(r.technician_id),
        };
      }),
    };
  }
}
