import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { IPricedQuote } from '@app/shared';
import { now } from '../../common/time';
import { Ticket, TicketQuote } from './ticket.entity';

/** The canonical text a signer agrees to: ticket identity + every priced line + total. */
export function quoteSnapshotHash(
  ticket: Pick<Ticket, 'id' | 'serial'>,
  quote: Pick<IPricedQuote, 'lines' | 'totalFen' | 'scheduleVersionId' | 'materialsVersionId'>,
): string {
  const canonical = JSON.stringify({
    ticket: { id: ticket.id, serial: ticket.serial },
    scheduleVersionId: quote.scheduleVersionId,
    materialsVersionId: quote.materialsVersionId,
    lines: quote.lines.map((l) => [l.kind, l.code, l.name, l.unit, l.unitPriceFen, l.quantityMilli, l.amountFen]),
    totalFen: quote.totalFen,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** What an acceptance signature covers when there is no price (free work): the ticket and its result. */
export function acceptanceSnapshotHash(
  ticket: Pick<Ticket, 'id' | 'serial' | 'result'>,
  agreement: { finalQuoteId: number | null; agreedQuoteId: number | null },
): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        ticket: { id: ticket.id, serial: ticket.serial },
        result: ticket.result,
        quote: agreement.finalQuoteId ?? agreement.agreedQuoteId,
      }),
    )
    .digest('hex');
}

/** New quotes supersede the pending one; agreed and final quotes stay as history. */
export async function storeQuote(
  tx: EntityManager,
  ticket: Ticket,
  priced: IPricedQuote,
  status: 'pending' | 'final',
  createdBy: number,
): Promise<TicketQuote> {
  const repo = tx.getRepository(TicketQuote);
  await repo.update({ ticketId: ticket.id, status: 'pending' }, { status: 'superseded' });
  const last = await repo.findOne({ where: { ticketId: ticket.id }, order: { seq: 'DESC' } });
  const result = await repo.insert({
    ticketId: ticket.id,
    seq: (last?.seq ?? 0) + 1,
    status,
    linesJson: JSON.stringify(priced.lines),
    totalFen: priced.totalFen,
    scheduleVersionId: priced.scheduleVersionId,
    materialsVersionId: priced.materialsVersionId,
    snapshotHash: quoteSnapshotHash(ticket, priced),
    createdBy,
    createdAt: now(),
  });
  return repo.findOneByOrFail({ id: Number(result.identifiers[0].id) });
}
