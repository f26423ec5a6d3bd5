import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Charges signed on a technician's phone start unconfirmed until the resident confirms them (docs/domain.md §4
 * "Signatures on a staff device"); counter sales accept only items marked for the counter.
 * Existing charges stay confirmed: they were posted under the old rule and may already be settled.
 */
export class ChargeConfirmation1764200100000 implements MigrationInterface {
  name = 'ChargeConfirmation1764200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('charges', [
      new TableColumn(col.str('confirmation', 16, { default: 'confirmed' })),
      new TableColumn(col.str('confirmed_via', 32, { nullable: true })),
      new TableColumn(col.int('confirmed_by', { nullable: true })),
      new TableColumn(col.instant('confirmed_at', { nullable: true })),
      new TableColumn(col.str('confirmation_note', 200, { nullable: true })),
    ]);
    await q.addColumn('fee_items', new TableColumn(col.bool('counter_sale', false)));
    // 打字复印 items of every schedule version already on file are the counter's items.
    await q.query(
      `UPDATE fee_items SET counter_sale = 1 WHERE EXISTS (SELECT 1 FROM fee_categories c
         WHERE c.version_id = fee_items.version_id AND c.code = fee_items.category_code AND c.name LIKE ?)`,
      ['%打字复印%'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('fee_items', 'counter_sale');
    for (const name of ['confirmation_note', 'confirmed_at', 'confirmed_by', 'confirmed_via', 'confirmation'])
      await q.dropColumn('charges', name);
  }
}
