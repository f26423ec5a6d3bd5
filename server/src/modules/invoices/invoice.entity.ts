import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { InvoiceStatus, InvoiceTitleKind } from '@app/shared';
import { instant } from '../../database/columns';

/** A resident's saved invoice title (抬头). */
@Entity({ name: 'invoice_titles' })
@Index('ix_invoice_titles_user', ['userId'])
export class InvoiceTitle {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) kind: InvoiceTitleKind;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) taxId: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) email: string | null;
  @Column({ type: 'boolean', width: 1, default: false }) isDefault: boolean;
  @Column(instant()) createdAt: Date;
  @Column(instant()) updatedAt: Date;
}

/** One request; the title is copied in so later edits of the saved title do not change it. */
@Entity({ name: 'invoice_requests' })
@Index('ix_invoice_requests_project', ['projectId', 'status', 'id'])
@Index('ix_invoice_requests_user', ['userId', 'id'])
export class InvoiceRequestRow {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) companyId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer' }) houseId: number;
  @Column({ type: 'integer' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) titleKind: InvoiceTitleKind;
  @Column({ type: 'varchar', length: 100 }) titleName: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) titleTaxId: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) titleEmail: string | null;
  @Column({ type: 'integer' }) amountFen: number;
  @Column({ type: 'varchar', length: 16 }) status: InvoiceStatus;
  @Column({ type: 'varchar', length: 40, nullable: true }) invoiceNo: string | null;
  @Column({ type: 'integer', nullable: true }) pdfMediaId: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) rejectReason: string | null;
  @Column({ type: 'integer', nullable: true }) decidedBy: number | null;
  @Column(instant()) createdAt: Date;
  @Column(instant({ nullable: true })) decidedAt: Date | null;
}

/** The payments a request covers; `claim` = 'live' | `rejected:<requestId>` (see the migration). */
@Entity({ name: 'invoice_request_payments' })
@Index('uq_invoice_request_payments_claim', ['paymentId', 'claim'], { unique: true })
@Index('ix_invoice_request_payments_request', ['requestId'])
export class InvoiceRequestPayment {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) requestId: number;
  @Column({ type: 'integer' }) paymentId: number;
  @Column({ type: 'integer' }) amountFen: number;
  @Column({ type: 'varchar', length: 32 }) claim: string;
}
