import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role, ScopeType } from '@app/shared';
import { instant } from '../../database/columns';

@Entity({ name: 'role_assignments' })
@Index('ix_role_assignments_scope', ['scopeType', 'scopeId', 'role'])
@Index('uq_role_assignments', ['userId', 'role', 'scopeType', 'scopeId'], { unique: true })
export class RoleAssignment {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ type: 'varchar', length: 16 })
  scopeType: ScopeType;

  @Column({ type: 'integer' })
  scopeId: number;

  @Column(instant())
  createdAt: Date;
}
