import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Agreement and rating data leave the 56-column `tickets` row for their own tables (issue 8), with every
 * existing value carried over; `down` puts the columns back and copies the values home. Raw SQL on purpose:
 * a migration must keep working whatever the entities become.
 */
const AGREEMENT = ['agreed_quote_id', 'agreed_total_fen', 'agreement_signature_id', 'final_quote_id'];
const RATING: [ticketColumn: string, ratingColumn: string][] = [
  ['rating_overall', 'overall'],
  ['rating_punctuality', 'punctuality'],
  ['rating_attitude', 'attitude'],
  ['rating_comment', 'comment'],
];
const ticketId = () => ({ name: 'ticket_id', type: 'integer', isPrimary: true });

export class TicketAgreementsAndRatings1764300000000 implements MigrationInterface {
  name = 'TicketAgreementsAndRatings1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'ticket_agreements',
        columns: [ticketId(), ...AGREEMENT.map((c) => col.int(c, { nullable: true }))],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'ticket_ratings',
        columns: [
          ticketId(),
          col.int('overall'),
          col.int('punctuality'),
          col.int('attitude'),
          col.str('comment', 500, { nullable: true }),
        ],
      }),
      true,
    );
    await q.query(
      `INSERT INTO ticket_agreements (ticket_id, ${AGREEMENT.join(', ')}) SELECT id, ${AGREEMENT.join(', ')} FROM tickets
       WHERE ${AGREEMENT.map((c) => `${c} IS NOT NULL`).join(' OR ')}`,
    );
    // A rating is written whole by an acceptance; a partial one (never written by the code) keeps 0 like the view showed it.
    await q.query(
      `INSERT INTO ticket_ratings (ticket_id, overall, punctuality, attitude, comment)
       SELECT id, rating_overall, COALESCE(rating_punctuality, 0), COALESCE(rating_attitude, 0), rating_comment FROM tickets WHERE rating_overall IS NOT NULL`,
    );
    await q.dropColumns('tickets', [...AGREEMENT, ...RATING.map(([c]) => c)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumns('tickets', [
      ...AGREEMENT.map((c) => new TableColumn(col.int(c, { nullable: true }))),
      ...RATING.map(
        ([c]) =>
          new TableColumn(
            c === 'rating_comment' ? col.str(c, 500, { nullable: true }) : col.int(c, { nullable: true }),
          ),
      ),
    ]);
    const copy = (table: string, pairs: [string, string][]) =>
      q.query(
        `UPDATE tickets SET ${pairs.map(([t, s]) => `${t} = (SELECT x.${s} FROM ${table} x WHERE x.ticket_id = tickets.id)`).join(', ')}
         WHERE id IN (SELECT ticket_id FROM ${table})`,
      );
    await copy(
      'ticket_agreements',
      AGREEMENT.map((c) => [c, c]),
    );
    await copy('ticket_ratings', RATING);
    await q.dropTable('ticket_ratings', true);
    await q.dropTable('ticket_agreements', true);
  }
}
