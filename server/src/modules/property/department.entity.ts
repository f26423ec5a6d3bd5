import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/** A project's department (工程部、保洁部 …); its supervisor will receive the jobs routed to it. */
@Entity({ name: 'departments' })
@Index('uq_departments_name', ['projectId', 'name'], { unique: true })
@Index('ix_departments_supervisor', ['supervisorUserId'])
export class Department {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'integer', nullable: true })
  supervisorUserId: number | null;

  @Column(instant())
  createdAt: Date;

  @Column(instant())
  updatedAt: Date;
}
