import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * One media item belongs to one act or one ticket. Images already in use are claimed by the signing act
 * or the (earliest) ticket that holds them, so they cannot be reused from now on either.
 */
export class MediaClaims1764200101000 implements MigrationInterface {
  name = 'MediaClaims1764200101000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'media_claims',
        columns: [
          { ...col.int('media_id'), isPrimary: true },
          col.str('claim_kind', 16),
          col.int('ticket_id'),
          col.instant('claimed_at'),
        ],
      }),
      true,
    );
    await q.query(
      `INSERT INTO media_claims (media_id, claim_kind, ticket_id, claimed_at)
       SELECT s.media_id, 'signature', s.ticket_id, s.signed_at FROM ticket_signatures s
       WHERE s.id = (SELECT MIN(s2.id) FROM ticket_signatures s2 WHERE s2.media_id = s.media_id)`,
    );
    await q.query(
      `INSERT INTO media_claims (media_id, claim_kind, ticket_id, claimed_at)
       SELECT m.media_id, 'photo', m.ticket_id, t.created_at FROM ticket_media m JOIN tickets t ON t.id = m.ticket_id
       WHERE m.id = (SELECT MIN(m2.id) FROM ticket_media m2 WHERE m2.media_id = m.media_id)
         AND NOT EXISTS (SELECT 1 FROM media_claims c WHERE c.media_id = m.media_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('media_claims');
  }
}
