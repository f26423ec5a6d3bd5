import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HouseType } from '@app/shared';
import { instant } from '../../database/columns';

@Entity({ name: 'buildings' })
@Index('uq_buildings_name', ['projectId', 'name'], { unique: true })
export class Building {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}

@Entity({ name: 'units' })
@Index('uq_units_name', ['buildingId', 'name'], { unique: true })
export class Unit {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  buildingId: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;
}

@Entity({ name: 'houses' })
@Index('ix_houses_project', ['projectId', 'buildingId', 'unitId'])
@Index('uq_houses_room', ['unitId', 'roomNo'], { unique: true })
export class House {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer' })
  buildingId: number;

  @Column({ type: 'integer' })
  unitId: number;

  @Column({ type: 'varchar', length: 32 })
  roomNo: string;

  @Column({ type: 'integer', nullable: true })
  floor: number | null;

  /** Billable area (建筑面积) in hundredths of m². */
  @Column({ type: 'integer' })
  areaHundredths: number;

  @Column({ type: 'varchar', length: 16 })
  type: HouseType;

  /** 计费起始日 (e.g. 交房日), "YYYY-MM-DD" Shanghai date; null = billed from the start (docs/billing.md "Proration"). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  billingStartDate: string | null;

  @Column(instant())
  createdAt: Date;

  @Column(instant())
  updatedAt: Date;
}

/** 专属客户经理: customer managers are assigned per building. */
@Entity({ name: 'building_managers' })
@Index('ix_building_managers_user', ['userId'])
@Index('uq_building_managers', ['buildingId', 'userId'], { unique: true })
export class BuildingManager {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  buildingId: number;

  @Column({ type: 'integer' })
  userId: number;
}
