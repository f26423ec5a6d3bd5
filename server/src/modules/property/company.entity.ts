import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'companies' })
@Index('uq_companies_code', ['code'], { unique: true })
export class Company {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;
}

@Entity({ name: 'regions' })
@Index('uq_regions_code', ['companyId', 'code'], { unique: true })
export class Region {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;
}

@Entity({ name: 'projects' })
@Index('ix_projects_region', ['regionId'])
@Index('uq_projects_code', ['code'], { unique: true })
export class Project {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  regionId: number;

  /** Short code used in ticket serial numbers, e.g. YGHY-261122-0001. */
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  address: string;
}
