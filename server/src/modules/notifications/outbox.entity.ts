import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'inbox_only' | 'failed';

/**
 * One push to one person, written in the transaction of the change it announces. `dedupeKey` is unique, so
 * the same event enqueued twice (a retried request, a replayed effect) is stored — and sent — once.
 * Workers take a row with a conditional UPDATE (`claimToken`, `claimedUntil`); a crashed worker's lease
 * runs out and another picks the row up.
 */
@Entity({ name: 'notification_outbox' })
@Index('uq_notification_outbox_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_notification_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 160 }) dedupeKey: string;
  @Column({ type: 'integer' }) userId: number;
  @Column({ type: 'varchar', length: 32 }) kind: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 500 }) body: string;
  @Column({ type: 'integer', nullable: true }) ticketId: number | null;
  /** JSON of `MessageFacts`: what the subscribe-message template fields are filled from. */
  @Column({ type: 'text', nullable: true }) facts: string | null;
  @Column({ type: 'varchar', length: 16 }) status: OutboxStatus;
  @Column({ type: 'varchar', length: 16, nullable: true }) channel: string | null;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column(instant()) nextAttemptAt: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) claimToken: string | null;
  @Column(instant({ nullable: true })) claimedUntil: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) lastError: string | null;
  @Column(instant()) createdAt: Date;
  @Column(instant({ nullable: true })) finishedAt: Date | null;
}

export type DeliveryOutcome = 'started' | 'sent' | 'retry' | 'failed' | 'skipped';

/** One row per delivery attempt; a row left at 'started' is an attempt whose worker died. */
@Entity({ name: 'notification_deliveries' })
@Index('uq_notification_deliveries_attempt', ['outboxId', 'attempt'], { unique: true })
export class DeliveryAttempt {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) outboxId: number;
  @Column({ type: 'integer' }) attempt: number;
  @Column({ type: 'varchar', length: 16 }) channel: string;
  @Column({ type: 'varchar', length: 16 }) outcome: DeliveryOutcome;
  @Column({ type: 'integer', nullable: true }) errcode: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) detail: string | null;
  @Column({ type: 'varchar', length: 64 }) worker: string;
  @Column(instant()) startedAt: Date;
  @Column(instant({ nullable: true })) finishedAt: Date | null;
}

/**
 * WeChat one-time subscribe credits: each "accept" the mini-program reports allows one send of that
 * template to that user (wechat.md §A4). Spent with a conditional UPDATE, zeroed on 43101.
 */
@Entity({ name: 'subscribe_credits' })
@Index('uq_subscribe_credits_user_template', ['userId', 'templateId'], { unique: true })
export class SubscribeCredit {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) userId: number;
  @Column({ type: 'varchar', length: 64 }) templateId: string;
  @Column({ type: 'integer', default: 0 }) credits: number;
  @Column(instant()) updatedAt: Date;
}
