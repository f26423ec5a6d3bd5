import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../../database/columns';

/** 催缴 log: who reminded which house, through which channel, of how much (append-only). */
@Entity({ name: 'bill_reminders' })
@Index('ix_bill_reminders_project', ['projectId', 'id'])
@Index('ix_bill_reminders_house', ['houseId', 'sentAt'])
export class BillReminder {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) companyId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer' }) houseId: number;
  @Column({ type: 'varchar', length: 16 }) channel: string;
  @Column({ type: 'integer' }) owedFen: number;
  @Column({ type: 'integer' }) sentBy: number;
  @Column(instant()) sentAt: Date;
}
