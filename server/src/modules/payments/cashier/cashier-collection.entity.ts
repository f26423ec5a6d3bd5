import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../../database/columns';

/** One cashier submit, claimed by its idempotency key before any money is written (migration 1764400405000). */
@Entity({ name: 'cashier_collections' })
@Index('uq_cashier_collections_key', ['collectedBy', 'idempotencyKey'], { unique: true })
export class CashierCollection {
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

  @Column({ type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ type: 'integer', nullable: true })
  receiptId: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  micropayOutTradeNo: string | null;

  @Column(instant())
  createdAt: Date;
}
