import type { DataSource } from 'typeorm';
import type { IPageQuery } from '@app/shared';
import { pageWindow } from '../../common/pagination.dto';
import { placeholders } from '../../database/raw-rows';
import { OUTCOME_COLUMNS, OUTCOME_JOINS, Outcome, outcomeFromRow, ticketFromRow } from './ticket-view-data';
import type { Ticket } from './ticket.entity';

/** Which tickets a list holds: a WHERE fragment on `t` (tickets) with its positional parameters. */
export interface PageFilter {
  where: string[];
  params: unknown[];
  /** Sorted before the newest-first order (0 comes first), e.g. what waits for the resident. */
  first?: { sql: string; params: unknown[] };
}

export interface LoadedPage {
  tickets: Ticket[];
  outcomes: Map<number, Outcome>;
  total: number;
  page: number;
  pageSize: number;
}

export function inList(column: string, values: readonly unknown[]): { sql: string; params: unknown[] } {
  return values.length ? { sql: `${column} IN (${placeholders(values.length)})`, params: [...values] } : { sql: '1 = 0', params: [] };
}

/**
 * One page of tickets with their one-to-one parts in one statement. The total needs a COUNT only when the
 * page is full or past the end: a shorter page ends the list, so its total is known (a resident's list is
 * usually that short). COUNT(*) OVER () in a derived table would save the statement but cost MariaDB three
 * times the CPU of page + COUNT; photo links and signatures aggregated as JSON into the page cost it more
 * database CPU than their own statement saves in Node (both measured for P2, docs/benchmarks.md).
 */
export async function loadPage(db: DataSource, filter: PageFilter, query: IPageQuery): Promise<LoadedPage> {
  const { page, pageSize, skip } = pageWindow(query);
  const where = filter.where.length ? filter.where.join(' AND ') : '1 = 1';
  const first = filter.first ?? { sql: '0', params: [] };
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT t.*, ${OUTCOME_COLUMNS}, ${first.sql} AS first_key FROM tickets t ${OUTCOME_JOINS}
     WHERE ${where} ORDER BY first_key ASC, t.id DESC LIMIT ? OFFSET ?`,
    [...first.params, ...filter.params, pageSize, skip],
  );
  let total = skip + rows.length;
  if (rows.length === pageSize || (!rows.length && skip > 0)) {
    const [count] = (await db.query(`SELECT COUNT(*) AS n FROM tickets t WHERE ${where}`, filter.params)) as { n: number }[];
    total = Number(count.n);
  }
  const tickets = rows.map((r) => ticketFromRow(db, r));
  const outcomes = new Map(rows.map((r) => [Number(r.id), outcomeFromRow(r)]));
  return { tickets, outcomes, total, page, pageSize };
}
