import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'technician_profiles' })
export class TechnicianProfile {
  @PrimaryColumn({ type: 'integer' })
  userId: number;

  @Column({ type: 'integer' })
  companyId: number;

  /** 工程部 / 保洁部 / 绿化部 … */
  @Column({ type: 'varchar', length: 32 })
  department: string;

  @Column({ type: 'simple-array' })
  skills: string[];

  @Column({ type: 'boolean', width: 1, default: true })
  onDuty: boolean;

  @Column({ type: 'integer', default: 5 })
  maxOpenJobs: number;
}

@Entity({ name: 'technician_buildings' })
@Index('ix_technician_buildings_building', ['buildingId'])
@Index('uq_technician_buildings', ['userId', 'buildingId'], { unique: true })
export class TechnicianBuilding {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'integer' })
  buildingId: number;
}
