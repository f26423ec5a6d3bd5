import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/** Per project and Shanghai day; incremented with a conditional UPDATE inside the creating transaction. */
@Entity({ name: 'ticket_serial_counters' })
@Index('uq_ticket_serial_counters', ['projectId', 'day'], { unique: true })
export class TicketSerialCounter {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar', length: 8 }) day: string;
  @Column({ type: 'integer' }) lastSeq: number;
}

@Entity({ name: 'rectification_tasks' })
@Index('ix_rectification_project', ['projectId', 'status'])
export class RectificationTask {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar', length: 500 }) reason: string;
  @Column({ type: 'varchar', length: 16 }) status: 'open' | 'resolved';
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @Column({ type: 'integer', nullable: true }) resolvedBy: number | null;
  @Column(instant()) createdAt: Date;
  @Column(instant({ nullable: true })) resolvedAt: Date | null;
}

@Entity({ name: 'ticket_damages' })
@Index('ix_ticket_damages_ticket', ['ticketId'])
export class TicketDamage {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'varchar', length: 500 }) description: string;
  @Column({ type: 'integer' }) compensationFen: number;
  @Column({ type: 'integer' }) recordedBy: number;
  @Column(instant()) createdAt: Date;
}
