import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * R14: every validated maximum fits its column. Two columns held text longer than they could store
 * (MariaDB answered "Data too long", SQLite silently kept it):
 * - tickets.cancel_reason stores "业主拒绝报价：" + a reason of up to 200 characters;
 * - audit_entries.reason receives damage descriptions and other texts of up to 500 characters
 *   (AuditService also cuts anything longer, so an audit row never fails a request).
 */
const WIDENED: { table: string; column: string; from: number; to: number }[] = [
  { table: 'tickets', column: 'cancel_reason', from: 200, to: 500 },
  { table: 'audit_entries', column: 'reason', from: 200, to: 500 },
];

const varchar = (name: string, length: number) =>
  new TableColumn({ name, type: 'varchar', length: String(length), isNullable: true });

export class InputBounds1764200200000 implements MigrationInterface {
  name = 'InputBounds1764200200000';

  async up(q: QueryRunner): Promise<void> {
    for (const w of WIDENED) await q.changeColumn(w.table, w.column, varchar(w.column, w.to));
  }

  async down(q: QueryRunner): Promise<void> {
    // Narrowing cannot keep longer texts: cut them first so MariaDB accepts the ALTER.
    for (const w of WIDENED) {
      await q.query(
        `UPDATE ${w.table} SET ${w.column} = SUBSTR(${w.column}, 1, ${w.from}) WHERE ${w.column} IS NOT NULL`,
      );
      await q.changeColumn(w.table, w.column, varchar(w.column, w.from));
    }
  }
}
