import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/** Length of audit_entries.reason. */
export const AUDIT_REASON_MAX = 500;

/** Append-only record of every money-affecting action (docs/domain.md §9, R10). Nothing updates or deletes it. */
@Entity({ name: 'audit_entries' })
@Index('ix_audit_actor', ['actorId', 'at'])
@Index('ix_audit_entity', ['entityType', 'entityId'])
@Index('ix_audit_project', ['projectId', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', nullable: true })
  actorId: number | null;

  /** e.g. fee_schedule.publish, charge.post, charge.cash_collect, charge.waive */
  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  entityType: string;

  @Column({ type: 'integer' })
  entityId: number;

  @Column({ type: 'integer', nullable: true })
  companyId: number | null;

  @Column({ type: 'integer', nullable: true })
  projectId: number | null;

  @Column({ type: 'text', nullable: true })
  beforeJson: string | null;

  @Column({ type: 'text', nullable: true })
  afterJson: string | null;

  /** Widened to 500 (InputBounds migration); AuditService cuts longer texts so the row never fails. */
  @Column({ type: 'varchar', length: AUDIT_REASON_MAX, nullable: true })
  reason: string | null;

  @Column(instant())
  at: Date;
}
