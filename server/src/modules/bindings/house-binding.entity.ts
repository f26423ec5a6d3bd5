import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BindingRelation, BindingStatus } from '@app/shared';
import { instant } from '../../database/columns';

@Entity({ name: 'house_bindings' })
@Index('ix_house_bindings_house', ['houseId', 'status'])
@Index('ix_house_bindings_project', ['projectId', 'status'])
@Index('ix_house_bindings_user', ['userId'])
@Index('uq_house_bindings_active', ['activeKey'], { unique: true })
export class HouseBinding {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  houseId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 16 })
  relation: BindingRelation;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ type: 'varchar', length: 16 })
  status: BindingStatus;

  /**
   * "houseId:userId" while the binding is pending or approved, NULL otherwise. A unique index on it
   * stops duplicate live applications on both MySQL and SQLite (NULLs never collide).
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  activeKey: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @Column({ type: 'integer', nullable: true })
  reviewedBy: number | null;

  @Column(instant({ nullable: true }))
  reviewedAt: Date | null;

  @Column(instant())
  createdAt: Date;
}
