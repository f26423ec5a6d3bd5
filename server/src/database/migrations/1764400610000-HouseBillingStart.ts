import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * 计费起始日 (e.g. 交房日) of a house: a Shanghai calendar date "YYYY-MM-DD" (text, compares in order on both
 * engines). NULL = billed from the start, which is what every existing house keeps (docs/billing.md "Proration").
 */
export class HouseBillingStart1764400610000 implements MigrationInterface {
  name = 'HouseBillingStart1764400610000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('houses', new TableColumn(col.str('billing_start_date', 10, { nullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('houses', 'billing_start_date');
  }
}
