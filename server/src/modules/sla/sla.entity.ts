import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SlaDeadlineKind, Urgency } from '@app/shared';
import { instant } from '../../database/columns';

/** 服务时限 per project × category × urgency; '*' is the project's default for that urgency. */
@Entity({ name: 'sla_policies' })
@Index('uq_sla_policies', ['projectId', 'category', 'urgency'], { unique: true })
export class SlaPolicy {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar', length: 32 }) category: string;
  @Column({ type: 'varchar', length: 16 }) urgency: Urgency;
  @Column({ type: 'integer', nullable: true }) respondMinutes: number | null;
  @Column({ type: 'integer', nullable: true }) onSiteMinutes: number | null;
  @Column({ type: 'integer', nullable: true }) resolveMinutes: number | null;
  @Column({ type: 'integer', nullable: true }) returnVisitMinutes: number | null;
  @Column(instant()) updatedAt: Date;
}

/**
 * One row per (ticket, deadline, stage) ever announced: the unique key is the claim that makes several
 * scheduler instances send each warning and escalation exactly once.
 */
@Entity({ name: 'sla_alerts' })
@Index('uq_sla_alerts', ['ticketId', 'deadline', 'stage'], { unique: true })
export class SlaAlert {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'varchar', length: 16 }) deadline: SlaDeadlineKind;
  /** 'warn', then 'breach_1' (owner), 'breach_2' (supervisors), 'breach_3' (project managers). */
  @Column({ type: 'varchar', length: 16 }) stage: string;
  @Column(instant()) dueAt: Date;
  @Column({ type: 'varchar', length: 200 }) recipients: string;
  @Column(instant()) createdAt: Date;
}

/** A missed deadline, for the KPI reports: one row per (ticket, deadline). */
@Entity({ name: 'sla_breaches' })
@Index('uq_sla_breaches', ['ticketId', 'deadline'], { unique: true })
@Index('ix_sla_breaches_project', ['projectId', 'breachedAt'])
export class SlaBreach {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar', length: 32 }) category: string;
  @Column({ type: 'varchar', length: 16 }) urgency: string;
  @Column({ type: 'varchar', length: 16 }) deadline: SlaDeadlineKind;
  @Column(instant()) dueAt: Date;
  @Column(instant()) breachedAt: Date;
}
