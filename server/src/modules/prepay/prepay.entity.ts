import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PrepayEntryKind } from '@app/shared';
import { instant } from '../../database/columns';

/** One per house. `balanceFen` changes only through conditional UPDATEs (PrepayService), never read-modify-write. */
@Entity({ name: 'prepay_accounts' })
@Index('uq_prepay_accounts_house', ['houseId'], { unique: true })
@Index('ix_prepay_accounts_project', ['projectId', 'balanceFen'])
export class PrepayAccount {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) companyId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer' }) houseId: number;
  @Column({ type: 'integer', default: 0 }) balanceFen: number;
  @Column(instant()) createdAt: Date;
  @Column(instant()) updatedAt: Date;
}

/** Append-only: every movement of an account with the balance after it. */
@Entity({ name: 'prepay_ledger' })
@Index('uq_prepay_ledger_ref', ['ref'], { unique: true })
@Index('ix_prepay_ledger_account', ['accountId', 'id'])
export class PrepayLedgerEntry {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) accountId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'integer' }) houseId: number;
  @Column({ type: 'varchar', length: 16 }) kind: PrepayEntryKind;
  /** Signed: + into the account, − out of it. */
  @Column({ type: 'integer' }) amountFen: number;
  @Column({ type: 'integer' }) balanceAfterFen: number;
  @Column({ type: 'integer', nullable: true }) billId: number | null;
  @Column({ type: 'integer', nullable: true }) paymentId: number | null;
  @Column({ type: 'integer', nullable: true }) offerId: number | null;
  /** Names the business event (e.g. `payment:12:topup`); unique, so a replay writes nothing. */
  @Column({ type: 'varchar', length: 80 }) ref: string;
  @Column({ type: 'varchar', length: 200 }) note: string;
  @Column({ type: 'integer', nullable: true }) createdBy: number | null;
  @Column(instant()) createdAt: Date;
}

@Entity({ name: 'prepay_offers' })
@Index('ix_prepay_offers_project', ['projectId'])
export class PrepayOffer {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) companyId: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'integer' }) payMonths: number;
  @Column({ type: 'integer' }) freeMonths: number;
  /** YYYY-MM-DD (Asia/Shanghai), inclusive. */
  @Column({ type: 'varchar', length: 10 }) validFrom: string;
  @Column({ type: 'varchar', length: 10, nullable: true }) validTo: string | null;
  @Column({ type: 'boolean', width: 1, default: true }) active: boolean;
  @Column({ type: 'integer' }) updatedBy: number;
  @Column(instant()) createdAt: Date;
  @Column(instant()) updatedAt: Date;
}
