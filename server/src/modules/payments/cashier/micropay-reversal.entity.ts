import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../../database/columns';

/** userpaying: not confirmed within the wait; unknown: no definite answer; unrecorded: paid, but the collection failed. */
export type ReversalReason = 'userpaying' | 'unknown' | 'unrecorded';
/** pending: not yet confirmed by WeChat (the payment sweep tries again); reversed; failed: WeChat refused for good. */
export type ReversalStatus = 'pending' | 'reversed' | 'failed';

/** A 付款码 order the desk reversed (撤销) because it could not record its outcome (migration 1764400700000). */
@Entity({ name: 'micropay_reversals' })
@Index('uq_micropay_reversals_no', ['outTradeNo'], { unique: true })
@Index('ix_micropay_reversals_project', ['projectId', 'createdAt'])
export class MicropayReversal {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'integer' })
  collectedBy: number;

  @Column({ type: 'varchar', length: 32 })
  outTradeNo: string;

  @Column({ type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 16 })
  reason: ReversalReason;

  @Column({ type: 'varchar', length: 16 })
  status: ReversalStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  lastCode: string | null;

  @Column(instant())
  createdAt: Date;

  @Column(instant())
  updatedAt: Date;
}
