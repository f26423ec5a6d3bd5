import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BillStatus } from '@app/shared';

/** Counts come back as strings from MySQL and as numbers from SQLite. */
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export interface ArrearsFilter {
  projectId: number;
  buildingId?: number;
  unitId?: number;
  /** Only houses whose oldest unpaid period is this month or earlier. */
  oldestAtMost?: string;
}

export interface ArrearsHouse {
  houseId: number;
  buildingId: number;
  unitId: number;
  owedFen: number;
  billCount: number;
  oldestPeriod: string;
}

export interface OwedBill {
  houseId: number;
  billId: number;
  period: string;
  owedFen: number;
}

export interface Sums {
  billedFen: number;
  receivedFen: number;
}

export interface BillRow {
  id: number;
  companyId: number;
  projectId: number;
  houseId: number;
  buildingId: number;
  period: string;
  revision: number;
  status: BillStatus;
  totalFen: number;
  paidFen: number;
  publishedAt: unknown;
}

export interface LineRow {
  billId: number;
  houseId: number;
  period: string;
  kind: string;
  itemCode: string | null;
  name: string;
  quantityText: string;
  unitPriceFen: number | null;
  amountFen: number;
  ticketSerial: string | null;
  waived: boolean;
}

/**
 * Read side of the bills the run engine writes (bills, bill_lines: same module). Set-based SQL only, so a
 * 100,000-house project answers from a few grouped queries. "Owed" = published, not void, total > paid.
 */
@Injectable()
export class BillLedger {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private where(f: ArrearsFilter): { sql: string; params: unknown[] } {
    const parts = ['b.project_id = ?', 'b.status = ?', 'b.total_fen > b.paid_fen'];
    const params: unknown[] = [f.projectId, BillStatus.Published];
    if (f.buildingId) {
      parts.push('b.building_id = ?');
      params.push(f.buildingId);
    }
    if (f.unitId) {
      parts.push('b.unit_id = ?');
      params.push(f.unitId);
    }
    return { sql: parts.join(' AND '), params };
  }

  async arrearsPage(f: ArrearsFilter, skip: number, take: number): Promise<{ rows: ArrearsHouse[]; total: number }> {
    const w = this.where(f);
    const having = f.oldestAtMost ? 'HAVING MIN(b.period) <= ?' : '';
    const params = f.oldestAtMost ? [...w.params, f.oldestAtMost] : w.params;
    const grouped = `SELECT b.house_id AS house_id, MIN(b.building_id) AS building_id, MIN(b.unit_id) AS unit_id, SUM(b.total_fen - b.paid_fen) AS owed_fen,
      COUNT(*) AS bill_count, MIN(b.period) AS oldest_period FROM bills b WHERE ${w.sql} GROUP BY b.house_id ${having}`;
    const [count] = await this.db.query(`SELECT COUNT(*) AS c FROM (${grouped}) g`, params);
    const rows: Record<string, unknown>[] = await this.db.query(
      `${grouped} ORDER BY oldest_period ASC, owed_fen DESC, house_id ASC LIMIT ? OFFSET ?`,
      [...params, take, skip],
    );
    return {
      total: n(count.c),
      rows: rows.map((r) => ({
        houseId: n(r.house_id),
        buildingId: n(r.building_id),
        unitId: n(r.unit_id),
        owedFen: n(r.owed_fen),
        billCount: n(r.bill_count),
        oldestPeriod: String(r.oldest_period),
      })),
    };
  }

  /** Each house's owed bills, oldest first (houses with nothing owed are simply absent). */
  async owedBills(
    projectId: number,
    houseIds: readonly number[],
    tx: EntityManager = this.db.manager,
  ): Promise<OwedBill[]> {
    if (!houseIds.length) return [];
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT b.house_id, b.id, b.period, b.total_fen - b.paid_fen AS owed_fen FROM bills b
       WHERE b.project_id = ? AND b.status = ? AND b.total_fen > b.paid_fen AND b.house_id IN (${houseIds.map(() => '?').join(',')})
       ORDER BY b.house_id, b.period, b.id`,
      [projectId, BillStatus.Published, ...houseIds],
    );
    return rows.map((r) => ({
      houseId: n(r.house_id),
      billId: n(r.id),
      period: String(r.period),
      owedFen: n(r.owed_fen),
    }));
  }

  /** Lines in printing order; `billIds` of one bill or a whole project month. */
  async lines(where: { billId: number } | { projectId: number; period: string }): Promise<LineRow[]> {
    const [cond, params] =
      'billId' in where
        ? ['l.bill_id = ?', [where.billId]]
        : ['b.project_id = ? AND b.period = ? AND b.status <> ?', [where.projectId, where.period, BillStatus.Void]];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT l.bill_id, l.house_id, l.period, l.kind, l.item_code, l.name, l.quantity_text, l.unit_price_fen, l.amount_fen, l.ticket_serial, l.waived
       FROM bill_lines l INNER JOIN bills b ON b.id = l.bill_id WHERE ${cond} ORDER BY l.house_id, l.bill_id, l.sort_order, l.id`,
      params,
    );
    return rows.map((r) => ({
      billId: n(r.bill_id),
      houseId: n(r.house_id),
      period: String(r.period),
      kind: String(r.kind),
      itemCode: r.item_code === null ? null : String(r.item_code),
      name: String(r.name),
      quantityText: String(r.quantity_text ?? ''),
      unitPriceFen: r.unit_price_fen === null ? null : n(r.unit_price_fen),
      amountFen: n(r.amount_fen),
      ticketSerial: r.ticket_serial === null ? null : String(r.ticket_serial),
      waived: Boolean(n(r.waived)),
    }));
  }

  /** The project month's live bills (drafts and published; void ones were replaced), by house. */
  async monthBills(projectId: number, period: string): Promise<BillRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT id, company_id, project_id, house_id, building_id, period, revision, status, total_fen, paid_fen, published_at FROM bills
       WHERE project_id = ? AND period = ? AND status <> ? ORDER BY house_id, id`,
      [projectId, period, BillStatus.Void],
    );
    return rows.map((r) => ({
      id: n(r.id),
      companyId: n(r.company_id),
      projectId: n(r.project_id),
      houseId: n(r.house_id),
      buildingId: n(r.building_id),
      period: String(r.period),
      revision: n(r.revision),
      status: r.status as BillStatus,
      totalFen: n(r.total_fen),
      paidFen: n(r.paid_fen),
      publishedAt: r.published_at,
    }));
  }

  /** Published bills of the period: billed vs received, overall and per building. */
  async periodSums(
    projectId: number,
    period: string,
  ): Promise<{ total: Sums; byBuilding: (Sums & { buildingId: number })[] }> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT b.building_id, SUM(b.total_fen) AS billed, SUM(b.paid_fen) AS received FROM bills b
       WHERE b.project_id = ? AND b.period = ? AND b.status = ? GROUP BY b.building_id ORDER BY b.building_id`,
      [projectId, period, BillStatus.Published],
    );
    const byBuilding = rows.map((r) => ({
      buildingId: n(r.building_id),
      billedFen: n(r.billed),
      receivedFen: n(r.received),
    }));
    return {
      byBuilding,
      total: {
        billedFen: byBuilding.reduce((s, r) => s + r.billedFen, 0),
        receivedFen: byBuilding.reduce((s, r) => s + r.receivedFen, 0),
      },
    };
  }

  /** Published bills of earlier periods still owing: what they billed and what has come in on them. */
  async arrearsSums(projectId: number, before: string): Promise<Sums> {
    const [r] = await this.db.query(
      `SELECT SUM(b.total_fen) AS billed, SUM(b.paid_fen) AS received FROM bills b
       WHERE b.project_id = ? AND b.period < ? AND b.status = ? AND b.total_fen > b.paid_fen`,
      [projectId, before, BillStatus.Published],
    );
    return { billedFen: n(r?.billed), receivedFen: n(r?.received) };
  }

  /** Published billed vs received per period in [from, to]. */
  async monthlySums(projectId: number, from: string, to: string): Promise<Map<string, Sums>> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT b.period, SUM(b.total_fen) AS billed, SUM(b.paid_fen) AS received FROM bills b
       WHERE b.project_id = ? AND b.period >= ? AND b.period <= ? AND b.status = ? GROUP BY b.period`,
      [projectId, from, to, BillStatus.Published],
    );
    return new Map(rows.map((r) => [String(r.period), { billedFen: n(r.billed), receivedFen: n(r.received) }]));
  }
}
