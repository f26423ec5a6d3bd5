import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RepairScope, TicketChannel, TicketKind, TicketStatus, Urgency } from '@app/shared';
import { instant } from '../../database/columns';

@Entity({ name: 'tickets' })
@Index('ix_tickets_house', ['houseId', 'createdAt'])
@Index('ix_tickets_merged_into', ['mergedIntoId'])
@Index('ix_tickets_pool', ['poolOpen', 'poolDeadline'])
@Index('ix_tickets_project_status', ['projectId', 'status'])
@Index('ix_tickets_technician', ['technicianId', 'status'])
@Index('uq_tickets_client_request', ['reporterId', 'clientRequestId'], { unique: true })
@Index('uq_tickets_serial', ['projectId', 'serial'], { unique: true })
export class Ticket {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer', nullable: true }) houseId: number | null;
  @Column({ type: 'integer', nullable: true }) buildingId: number | null;
  /** 客户需求处理单 NO.: <project code>-<yyMMdd>-<seq>, unique per project. */
  @Column({ type: 'varchar', length: 40 }) serial: string;
  @Column({ type: 'varchar', length: 16 }) kind: TicketKind;
  @Column({ type: 'varchar', length: 8, nullable: true }) scope: RepairScope | null;
  @Column({ type: 'boolean', width: 1, default: false }) paid: boolean;
  @Column({ type: 'varchar', length: 32 }) category: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) feeItemCode: string | null;
  @Column({ type: 'varchar', length: 16 }) urgency: Urgency;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 16 }) channel: TicketChannel;
  @Column({ type: 'varchar', length: 16 }) status: TicketStatus;
  @Column({ type: 'integer', default: 0 }) version: number;
  @Column({ type: 'boolean', width: 1, default: false }) onHold: boolean;
  @Column({ type: 'varchar', length: 200, nullable: true }) holdReason: string | null;
  @Column({ type: 'integer', nullable: true }) technicianId: number | null;
  @Column({ type: 'varchar', length: 8 }) dispatchMode: string;
  @Column({ type: 'boolean', width: 1, default: false }) poolOpen: boolean;
  @Column(instant({ nullable: true })) poolDeadline: Date | null;
  @Column({ type: 'boolean', width: 1, default: false }) needsSupervisor: boolean;
  @Column(instant({ nullable: true })) visitAt: Date | null;
  @Column({ type: 'integer', default: 0 }) reworkCount: number;
  @Column({ type: 'boolean', width: 1, default: false }) escalated: boolean;
  @Column(instant({ nullable: true })) priceExplainedAt: Date | null;
  @Column(instant({ nullable: true })) preferredStart: Date | null;
  @Column(instant({ nullable: true })) preferredEnd: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) contactName: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) contactPhone: string | null;
  @Column({ type: 'integer' }) reporterId: number;
  /** The client's Idempotency-Key; unique per reporter so a retried submit returns the first ticket. */
  @Column({ type: 'varchar', length: 64, nullable: true }) clientRequestId: string | null;
  @Column({ type: 'integer' }) createdBy: number;
  // Agreement and rating live in ticket_agreements / ticket_ratings (TicketOutcomes).
  @Column({ type: 'text', nullable: true }) reply: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) result: string | null;
  /** 500: a declined quote stores "业主拒绝报价：" + a reason of up to 200 characters. */
  @Column({ type: 'varchar', length: 500, nullable: true }) cancelReason: string | null;
  @Column({ type: 'integer', nullable: true }) chargeId: number | null;
  /** Set with the cancellation when staff merged this duplicate report into another ticket (合并重复报修). */
  @Column({ type: 'integer', nullable: true }) mergedIntoId: number | null;
  @Column(instant({ nullable: true })) registeredAt: Date | null;
  @Column(instant({ nullable: true })) dispatchedAt: Date | null;
  @Column(instant({ nullable: true })) acceptedAt: Date | null;
  @Column(instant({ nullable: true })) onSiteAt: Date | null;
  @Column(instant({ nullable: true })) doneAt: Date | null;
  @Column(instant({ nullable: true })) verifiedAt: Date | null;
  @Column(instant({ nullable: true })) visitedAt: Date | null;
  @Column(instant({ nullable: true })) closedAt: Date | null;
  @Column(instant({ nullable: true })) cancelledAt: Date | null;
  @Column(instant()) createdAt: Date;
  @Column(instant()) updatedAt: Date;
}

/** Every transition and notable action, written in the same transaction as the change. */
@Entity({ name: 'ticket_events' })
@Index('ix_ticket_events_ticket', ['ticketId', 'id'])
export class TicketEvent {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer', nullable: true }) actorId: number | null;
  @Column({ type: 'varchar', length: 24 }) actorRole: string;
  @Column({ type: 'varchar', length: 24 }) action: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) fromStatus: TicketStatus | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) toStatus: TicketStatus | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason: string | null;
  @Column({ type: 'text', nullable: true }) dataJson: string | null;
  @Column(instant()) at: Date;
}

@Entity({ name: 'ticket_media' })
@Index('uq_ticket_media', ['ticketId', 'mediaId'], { unique: true })
export class TicketMedia {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer' }) mediaId: number;
  /** report (with the request), check_in, after (work done) */
  @Column({ type: 'varchar', length: 16 }) stage: string;
}

/** Quotes are immutable snapshots: a new price is a new row, never an edit. */
@Entity({ name: 'ticket_quotes' })
@Index('uq_ticket_quotes_seq', ['ticketId', 'seq'], { unique: true })
export class TicketQuote {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 16 }) status: 'pending' | 'agreed' | 'declined' | 'superseded' | 'final';
  @Column({ type: 'text' }) linesJson: string;
  @Column({ type: 'integer' }) totalFen: number;
  @Column({ type: 'integer' }) scheduleVersionId: number;
  @Column({ type: 'integer', nullable: true }) materialsVersionId: number | null;
  @Column({ type: 'varchar', length: 64 }) snapshotHash: string;
  @Column({ type: 'integer' }) createdBy: number;
  @Column(instant()) createdAt: Date;
}

/** Signatures are never overwritten: one row per act of signing. */
@Entity({ name: 'ticket_signatures' })
@Index('ix_ticket_signatures_ticket', ['ticketId'])
export class TicketSignature {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) ticketId: number;
  @Column({ type: 'integer', nullable: true }) quoteId: number | null;
  @Column({ type: 'varchar', length: 16 }) purpose: 'quote_agreement' | 'quote_decline' | 'acceptance';
  @Column({ type: 'integer' }) mediaId: number;
  @Column({ type: 'varchar', length: 64 }) imageSha256: string;
  @Column({ type: 'integer', nullable: true }) signerUserId: number | null;
  @Column({ type: 'varchar', length: 64 }) signerName: string;
  @Column({ type: 'varchar', length: 16 }) relation: string;
  @Column({ type: 'varchar', length: 64 }) snapshotHash: string;
  @Column({ type: 'integer', nullable: true }) collectedBy: number | null;
  @Column(instant()) signedAt: Date;
}
