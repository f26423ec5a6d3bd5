import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/**
 * The reporter of a duplicate report merged into `ticketId`: they hear the target's progress messages and may
 * read it, but act on it only through rights of their own (docs/domain.md "合并重复报修"). One row per merged ticket.
 */
@Entity({ name: 'ticket_followers' })
@Index('uq_ticket_followers_merged', ['mergedTicketId'], { unique: true })
@Index('ix_ticket_followers_ticket', ['ticketId', 'userId'])
@Index('ix_ticket_followers_user', ['userId', 'ticketId'])
export class TicketFollower {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer' }) userId: number;
  @Column({ type: 'integer' }) mergedTicketId: number;
  @Column(instant()) createdAt: Date;
}
