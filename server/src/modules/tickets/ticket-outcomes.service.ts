import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TicketAgreement, TicketRating } from './ticket-outcome.entity';

export type Agreement = Omit<TicketAgreement, 'ticketId'>;
export type Rating = Omit<TicketRating, 'ticketId'>;

const NONE: Agreement = { agreedQuoteId: null, agreedTotalFen: null, agreementSignatureId: null, finalQuoteId: null };

/**
 * A ticket's agreement (agreed quote, its signature, the final quote) and acceptance rating, kept in their own
 * tables. Writes run inside the transaction of the transition that causes them (TicketTransitions effects),
 * so they commit or roll back with the state change that the conditional UPDATE made exclusive.
 */
@Injectable()
export class TicketOutcomes {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async agreement(ticketId: number, tx: EntityManager = this.db.manager): Promise<Agreement> {
    const row = await tx.getRepository(TicketAgreement).findOneBy({ ticketId });
    return row ? strip(row) : { ...NONE };
  }

  /** The resident signed the quote. */
  agree(
    tx: EntityManager,
    ticketId: number,
    agreed: Pick<Agreement, 'agreedQuoteId' | 'agreedTotalFen' | 'agreementSignatureId'>,
  ): Promise<void> {
    return this.patchAgreement(tx, ticketId, agreed);
  }

  /** A new quote voids the earlier agreement until the resident signs again (the final quote, if any, stays). */
  clearAgreement(tx: EntityManager, ticketId: number): Promise<void> {
    return this.patchAgreement(tx, ticketId, { agreedQuoteId: null, agreedTotalFen: null, agreementSignatureId: null });
  }

  setFinalQuote(tx: EntityManager, ticketId: number, finalQuoteId: number): Promise<void> {
    return this.patchAgreement(tx, ticketId, { finalQuoteId });
  }

  /** A later acceptance (after rework) replaces the earlier rating. */
  async rate(tx: EntityManager, ticketId: number, rating: Rating): Promise<void> {
    const repo = tx.getRepository(TicketRating);
    if (await repo.existsBy({ ticketId })) await repo.update({ ticketId }, rating);
    else await repo.insert({ ticketId, ...rating });
  }

  private async patchAgreement(tx: EntityManager, ticketId: number, patch: Partial<Agreement>): Promise<void> {
    const repo = tx.getRepository(TicketAgreement);
    if (await repo.existsBy({ ticketId })) await repo.update({ ticketId }, patch);
    else await repo.insert({ ...NONE, ...patch, ticketId });
  }
}

function strip({ agreedQuoteId, agreedTotalFen, agreementSignatureId, finalQuoteId }: TicketAgreement): Agreement {
  return { agreedQuoteId, agreedTotalFen, agreementSignatureId, finalQuoteId };
}
