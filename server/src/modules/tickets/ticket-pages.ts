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
  return values.length
    ? { sql: `${column} IN (${placeholders(values.length)})`, params: [...values] }
    : { sql: '1 = 0', params: [] };
}

/**
 * One page of tickets with their one-to-one parts and the list's total in one statement. The total is an
 * uncorrelated scalar sub-select, which both engines evaluate once per statement; it cost MariaDB no more than
 * its own COUNT statement and saves the round trip, whose socket write and packet parse were the largest single
 * cost of the server under load (P2, docs/benchmarks.md). Only a page past the end (no row to carry the total)
 * counts in a statement of its own. COUNT(*) OVER () in a derived table cost MariaDB three times the CPU of
 * page + COUNT; photo links and signatures aggregated as JSON into the page cost it more database CPU than their
 * own statement saves in Node (both measured for P2).
 */
export async function loadPage(db: DataSource, filter: PageFilter, query: IPageQuery): Promise<LoadedPage> {
  const { page, pageSize, skip } = pageWindow(query);
  const where = filter.where.length ? filter.where.join(' AND ') : '1 = 1';
  const first = filter.first ?? { sql: '0', params: [] };
  // The inner `t` shadows the outer one, so the same WHERE fragment serves both.
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT t.*, ${OUTCOME_COLUMNS}, ${first.sql} AS first_key, (SELECT COUNT(*) FROM tickets t WHERE ${where}) AS list_total
     FROM tickets t ${OUTCOME_JOINS}
     WHERE ${where} ORDER BY first_key ASC, t.id DESC LIMIT ? OFFSET ?`,
    [...first.params, ...filter.params, ...filter.params, pageSize, skip],
  );
  let total = rows.length ? Number(rows[0].list_total) : 0;
  if (!rows.length && skip > 0) {
    const [count] = (await db.query(`SELECT COUNT(*) AS n FROM tickets t WHERE ${where}`, filter.params)) as {
      n: number;
    }[];
    total = Number(count.n);
  }
  const tickets = rows.map((r) => ticketFromRow(db, r));
  const outcomes = new Map(rows.map((r) => [Number(r.id), outcomeFromRow(r)]));
  return { tickets, outcomes, total, page, pageSize };
}
