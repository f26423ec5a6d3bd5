import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { TechnicianBuilding, TechnicianProfile } from './technician.entity';

export interface TechnicianRef {
  userId: number;
  skills: string[];
  onDuty: boolean;
  maxOpenJobs: number;
}

const toRef = (p: TechnicianProfile): TechnicianRef => ({
  userId: p.userId,
  skills: p.skills,
  onDuty: Boolean(p.onDuty),
  maxOpenJobs: p.maxOpenJobs,
});

/** Technicians' skills, duty, open-job cap and buildings covered, for dispatch and the job pool. */
@Injectable()
export class TechnicianDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async profile(userId: number, tx: EntityManager = this.db.manager): Promise<TechnicianRef | null> {
    const p = await tx.getRepository(TechnicianProfile).findOneBy({ userId });
    return p ? toRef(p) : null;
  }

  /**
   * Locks the technician's profile row until `tx` ends (MySQL/MariaDB). Assignments that count the technician's
   * open jobs inside their UPDATE take it first, so concurrent ones queue instead of deadlocking on the count's
   * index range. SQLite runs one transaction at a time already.
   */
  async lockForAssignment(userId: number, tx: EntityManager): Promise<void> {
    if (tx.connection.options.type === 'better-sqlite3') return;
    await tx
      .getRepository(TechnicianProfile)
      .createQueryBuilder('p')
      .select('p.userId')
      .where('p.userId = :userId', { userId })
      .setLock('pessimistic_write')
      .getRawOne();
  }

  async profiles(userIds: readonly number[], tx: EntityManager = this.db.manager): Promise<TechnicianRef[]> {
    if (!userIds.length) return [];
    return (await tx.getRepository(TechnicianProfile).findBy({ userId: In([...userIds]) })).map(toRef);
  }

  /** On-duty technicians, optionally among `candidates`. */
  async onDuty(candidates?: readonly number[]): Promise<TechnicianRef[]> {
    const rows = await this.db.getRepository(TechnicianProfile).find({
      where: { onDuty: true, ...(candidates ? { userId: In([...candidates]) } : {}) },
    });
    return rows.map(toRef);
  }

  async coveredBuildings(userId: number): Promise<Set<number>> {
    return new Set((await this.db.getRepository(TechnicianBuilding).findBy({ userId })).map((c) => c.buildingId));
  }

  /** Those of `userIds` who cover the building. */
  async covering(userIds: readonly number[], buildingId: number): Promise<number[]> {
    if (!userIds.length) return [];
    const rows = await this.db
      .getRepository(TechnicianBuilding)
      .find({ where: { userId: In([...userIds]), buildingId } });
    return rows.map((c) => c.userId);
  }
}
