import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/** In-app message centre; push channels (WeChat subscribe messages, WeCom) build on it later. */
@Entity({ name: 'inbox_messages' })
@Index('ix_inbox_user', ['userId', 'id'])
export class InboxMessage {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) userId: number;
  @Column({ type: 'varchar', length: 32 }) kind: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 500 }) body: string;
  @Column({ type: 'integer', nullable: true }) ticketId: number | null;
  /** What a message not about a ticket is about; its kind's prefix names what (complaint.* → the complaint). */
  @Column({ type: 'integer', nullable: true }) objectId: number | null;
  @Column(instant({ nullable: true })) readAt: Date | null;
  @Column(instant()) createdAt: Date;
}
