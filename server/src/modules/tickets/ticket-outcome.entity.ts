import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The resident's agreement to a price, one row per ticket (moved out of `tickets`): the agreed quote and total,
 * the signature that agreed it, and the final quote when the completed work was priced again (≤ agreed).
 */
@Entity({ name: 'ticket_agreements' })
export class TicketAgreement {
  @PrimaryColumn({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer', nullable: true }) agreedQuoteId: number | null;
  @Column({ type: 'integer', nullable: true }) agreedTotalFen: number | null;
  @Column({ type: 'integer', nullable: true }) agreementSignatureId: number | null;
  @Column({ type: 'integer', nullable: true }) finalQuoteId: number | null;
}

/** The acceptance rating, one row per ticket (moved out of `tickets`); a later acceptance after rework replaces it. */
@Entity({ name: 'ticket_ratings' })
export class TicketRating {
  @PrimaryColumn({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer' }) overall: number;
  @Column({ type: 'integer' }) punctuality: number;
  @Column({ type: 'integer' }) attitude: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) comment: string | null;
}
