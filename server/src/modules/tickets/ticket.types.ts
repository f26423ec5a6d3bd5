/**
 * The ticket row as other modules (dispatch) may see it: a type only, so they cannot query or write the
 * `tickets` table themselves; they go through TicketJobs, TicketTransitions and TicketAccess.
 */
export type { Ticket as TicketRecord } from './ticket.entity';
