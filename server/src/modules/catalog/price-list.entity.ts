import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PriceListKind, PriceListStatus } from '@app/shared';
import { instant } from '../../database/columns';

/**
 * A version of the fee schedule (特约服务收费标准) or of the warehouse material price list.
 * draft → approved → published; a published version is never edited again.
 */
@Entity({ name: 'price_list_versions' })
@Index('ix_price_list_scope', ['kind', 'companyId', 'status', 'effectiveFrom'])
@Index('uq_price_list_published', ['publishedKey'], { unique: true })
@Index('uq_price_list_version_no', ['kind', 'companyId', 'versionNo'], { unique: true })
export class PriceListVersion {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 16 })
  kind: PriceListKind;

  @Column({ type: 'integer' })
  companyId: number;

  /** Null: company-wide. A region's own version wins over the company's inside that region. */
  @Column({ type: 'integer', nullable: true })
  regionId: number | null;

  @Column({ type: 'integer' })
  versionNo: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  status: PriceListStatus;

  @Column(instant({ nullable: true }))
  effectiveFrom: Date | null;

  /**
   * "kind:company:region:effectiveFrom" once published, NULL before. Its unique index means no two
   * published versions of one scope start at the same instant, so exactly one is in force at any time.
   */
  @Column({ type: 'varchar', length: 80, nullable: true })
  publishedKey: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes: string | null;

  @Column({ type: 'integer' })
  createdBy: number;

  @Column({ type: 'integer', nullable: true })
  approvedBy: number | null;

  @Column(instant({ nullable: true }))
  approvedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  publishedBy: number | null;

  @Column(instant({ nullable: true }))
  publishedAt: Date | null;

  @Column(instant())
  createdAt: Date;

  @Column(instant())
  updatedAt: Date;
}

@Entity({ name: 'fee_categories' })
@Index('uq_fee_categories', ['versionId', 'code'], { unique: true })
export class FeeCategory {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  versionId: number;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}

@Entity({ name: 'fee_items' })
@Index('uq_fee_items', ['versionId', 'code'], { unique: true })
export class FeeItem {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  versionId: number;

  @Column({ type: 'varchar', length: 16 })
  categoryCode: string;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  unit: string;

  @Column({ type: 'integer' })
  labourPriceFen: number;

  @Column({ type: 'integer', nullable: true })
  callOutFeeFen: number | null;

  @Column({ type: 'boolean', width: 1, default: false })
  materialsExtra: boolean;

  /** Sold at the service-centre counter (打字复印 items are, whatever this says); repair items never are. */
  @Column({ type: 'boolean', width: 1, default: false })
  counterSale: boolean;

  @Column({ type: 'text' })
  serviceStandard: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}

@Entity({ name: 'material_prices' })
@Index('uq_material_prices', ['versionId', 'code'], { unique: true })
export class MaterialPrice {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  versionId: number;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 80, default: '' })
  spec: string;

  @Column({ type: 'varchar', length: 8 })
  unit: string;

  /** Warehouse purchase price (仓库领料单采购价). */
  @Column({ type: 'integer' })
  priceFen: number;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}
