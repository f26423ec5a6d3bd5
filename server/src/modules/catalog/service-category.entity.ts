import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/**
 * A company's ticket category: its label and the technician skills that qualify for it (docs/domain.md §3).
 * Owned by the catalog (categories are the fee schedule's), read by dispatch. A row is either mapped to
 * skills or explicitly open to all technicians; the service refuses to save one with neither.
 */
@Entity({ name: 'service_categories' })
@Index('uq_service_categories', ['companyId', 'code'], { unique: true })
export class ServiceCategory {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  /** Same length as tickets.category. */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** Comma-separated technician skills (TECHNICIAN_SKILLS); empty when open to all. */
  @Column({ type: 'varchar', length: 200, default: '' })
  skills: string;

  @Column({ type: 'boolean', width: 1, default: false })
  openToAll: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  @Column({ type: 'integer', nullable: true })
  updatedBy: number | null;

  @Column(instant())
  updatedAt: Date;
}
