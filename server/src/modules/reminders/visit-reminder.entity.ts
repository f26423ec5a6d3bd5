import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/**
 * One row per (ticket, agreed visit time) reminded: the unique key is the claim that makes several
 * instances send each reminder exactly once (the SLA alerts' pattern). A new visit time is a new reminder.
 */
@Entity({ name: 'visit_reminders' })
@Index('uq_visit_reminders', ['ticketId', 'visitAt'], { unique: true })
export class VisitReminder {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column(instant()) visitAt: Date;
  @Column({ type: 'integer' }) technicianId: number;
  @Column(instant()) createdAt: Date;
}
