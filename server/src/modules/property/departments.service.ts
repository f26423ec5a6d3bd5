import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../../database/errors';
import { Project } from './company.entity';
import { Department } from './department.entity';

export interface DepartmentRecord {
  id: number;
  projectId: number;
  name: string;
  supervisorUserId: number | null;
}

/** Departments per project (工程、保洁、绿化、秩序 …); routing and the incentive split will read them. */
@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(companyId: number, projectId: number): Promise<DepartmentRecord[]> {
    await this.assertProject(companyId, projectId);
    const rows = await this.db.getRepository(Department).find({ where: { projectId }, order: { id: 'ASC' } });
    return rows.map(toRecord);
  }

  /** The supervisor must already be checked to be staff of the company. */
  async create(
    actorId: number,
    companyId: number,
    projectId: number,
    input: { name: string; supervisorUserId: number | null },
  ): Promise<DepartmentRecord> {
    await this.assertProject(companyId, projectId);
    return this.write(async (tx) => {
      const at = now();
      const id = Number(
        (
          await tx.getRepository(Department).insert({
            companyId,
            projectId,
            name: input.name,
            supervisorUserId: input.supervisorUserId,
            createdAt: at,
            updatedAt: at,
          })
        ).identifiers[0].id,
      );
      const after = toRecord(await tx.getRepository(Department).findOneByOrFail({ id }));
      await this.audit.record(tx, {
        actorId,
        action: 'department.create',
        entityType: 'department',
        entityId: id,
        companyId,
        projectId,
        after,
      });
      return after;
    });
  }

  async update(
    actorId: number,
    companyId: number,
    departmentId: number,
    patch: { name: string; supervisorUserId: number | null },
  ): Promise<DepartmentRecord> {
    return this.write(async (tx) => {
      const row = await tx.getRepository(Department).findOneBy({ id: departmentId, companyId });
      if (!row) throw DomainException.notFound('部门');
      const before = toRecord(row);
      await tx
        .getRepository(Department)
        .update({ id: departmentId }, { name: patch.name, supervisorUserId: patch.supervisorUserId, updatedAt: now() });
      const after = { ...before, name: patch.name, supervisorUserId: patch.supervisorUserId };
      await this.audit.record(tx, {
        actorId,
        action: 'department.update',
        entityType: 'department',
        entityId: departmentId,
        companyId,
        projectId: row.projectId,
        before,
        after,
      });
      return after;
    });
  }

  private async assertProject(companyId: number, projectId: number): Promise<void> {
    if (!(await this.db.getRepository(Project).countBy({ id: projectId, companyId })))
      throw DomainException.notFound('项目');
  }

  private async write<T>(work: Parameters<typeof runInTransaction<T>>[1]): Promise<T> {
    try {
      return await runInTransaction(this.db, work);
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict('该项目已有同名部门');
      throw error;
    }
  }
}

function toRecord(d: Department): DepartmentRecord {
  return { id: d.id, projectId: d.projectId, name: d.name, supervisorUserId: d.supervisorUserId };
}
