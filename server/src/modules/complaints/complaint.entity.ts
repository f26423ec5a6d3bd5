import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplaintCategory, ComplaintCause, ComplaintChannel, ComplaintStatus } from '@app/shared';
import { instant } from '../../database/columns';

/** 投诉 (docs/complaints.md). `version` is bumped by every change: actions update on it, so racing writers get 409. */
@Entity({ name: 'complaints' })
@Index('ix_complaints_project', ['projectId', 'status'])
@Index('ix_complaints_complainant', ['complainantId'])
export class Complaint {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer', nullable: true }) houseId: number | null;
  @Column({ type: 'integer', nullable: true }) buildingId: number | null;
  @Column({ type: 'integer', nullable: true }) ticketId: number | null;
  /** The resident's account when known (mini-program, or the reporter of the linked request). */
  @Column({ type: 'integer', nullable: true }) complainantId: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) contactName: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) contactPhone: string | null;
  @Column({ type: 'varchar', length: 24 }) category: ComplaintCategory;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 16 }) channel: ComplaintChannel;
  @Column({ type: 'varchar', length: 16 }) status: ComplaintStatus;
  @Column({ type: 'integer', default: 0 }) version: number;
  @Column({ type: 'integer', nullable: true }) investigatorId: number | null;
  @Column(instant()) contactDueAt: Date;
  @Column(instant({ nullable: true })) contactedAt: Date | null;
  @Column(instant()) resolveDueAt: Date;
  @Column(instant({ nullable: true })) resolvedAt: Date | null;
  @Column(instant({ nullable: true })) closedAt: Date | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @Column({ type: 'integer', nullable: true }) responsibleUserId: number | null;
  @Column({ type: 'varchar', length: 24, nullable: true }) cause: ComplaintCause | null;
  @Column({ type: 'integer', default: 0 }) disputeCount: number;
  @Column({ type: 'boolean', width: 1, default: false }) escalated: boolean;
  @Column({ type: 'boolean', width: 1, default: false }) contactBreached: boolean;
  @Column({ type: 'boolean', width: 1, default: false }) resolveBreached: boolean;
  @Column({ type: 'integer' }) createdBy: number;
  @Column(instant()) createdAt: Date;
  @Column(instant()) updatedAt: Date;
}

/** Every step of a complaint; `internal` steps (notes, assignments) are not shown to the resident. */
@Entity({ name: 'complaint_events' })
@Index('ix_complaint_events', ['complaintId', 'id'])
export class ComplaintEvent {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) complaintId: number;
  @Column({ type: 'integer', nullable: true }) actorId: number | null;
  @Column({ type: 'varchar', length: 16 }) action: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) fromStatus: ComplaintStatus | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) toStatus: ComplaintStatus | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** Comma-separated media ids (evidence photos), at most 9. */
  @Column({ type: 'varchar', length: 200, nullable: true }) mediaIds: string | null;
  @Column({ type: 'boolean', width: 1, default: false }) internal: boolean;
  @Column(instant()) createdAt: Date;
}

/** 投诉时限 of a project; without a row the defaults of complaint-rules.ts apply. */
@Entity({ name: 'complaint_policies' })
@Index('uq_complaint_policies', ['projectId'], { unique: true })
export class ComplaintPolicy {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer' }) contactMinutes: number;
  @Column({ type: 'integer' }) resolveMinutes: number;
  @Column(instant()) updatedAt: Date;
}

/** One claim per (complaint, deadline, stage) announced: the unique key keeps several sweeps exactly-once. */
@Entity({ name: 'complaint_alerts' })
@Index('uq_complaint_alerts', ['complaintId', 'deadline', 'stage'], { unique: true })
export class ComplaintAlert {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) complaintId: number;
  @Column({ type: 'varchar', length: 16 }) deadline: string;
  @Column({ type: 'varchar', length: 16 }) stage: string;
  @Column({ type: 'varchar', length: 200 }) recipients: string;
  @Column(instant()) createdAt: Date;
}

/** 催单: one row per request; the conditional update on `lastUrgedAt` enforces once an hour. */
@Entity({ name: 'ticket_urges' })
@Index('uq_ticket_urges', ['ticketId'], { unique: true })
@Index('ix_ticket_urges_project', ['projectId', 'lastUrgedAt'])
export class TicketUrge {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer', default: 0 }) urgeCount: number;
  @Column({ type: 'integer', nullable: true }) lastUserId: number | null;
  @Column(instant({ nullable: true })) lastUrgedAt: Date | null;
  @Column(instant()) createdAt: Date;
}

export const COMPLAINT_ENTITIES = [Complaint, ComplaintEvent, ComplaintPolicy, ComplaintAlert, TicketUrge];
