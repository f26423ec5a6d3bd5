import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { IBuildingSummary, IOrganization, IUnitSummary, ScopeType } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { runInTransaction } from '../../database/transactions';
import { PropertyDirectory } from './property-directory.service';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../../database/errors';
import { Building, Unit } from './building.entity';
import { Company, Project, Region } from './company.entity';

type Scope = { scopeType: ScopeType; scopeId: number };

/**
 * The company's own structure (regions, projects, buildings, units) as its administrator builds it.
 * Houses still come from the xlsx import. Each change is audited with its before/after.
 */
@Injectable()
export class PropertyAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly directory: PropertyDirectory,
  ) {}

  async organization(companyId: number): Promise<IOrganization> {
    const company = await this.db.getRepository(Company).findOneBy({ id: companyId });
    if (!company) throw DomainException.notFound('公司');
    const regions = await this.db.getRepository(Region).find({ where: { companyId }, order: { id: 'ASC' } });
    const projects = await this.db.getRepository(Project).find({ where: { companyId }, order: { id: 'ASC' } });
    return {
      companyId,
      companyName: company.name,
      regions: regions.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        projects: projects
          .filter((p) => p.regionId === r.id)
          .map((p) => ({ id: p.id, regionId: p.regionId, code: p.code, name: p.name, address: p.address })),
      })),
    };
  }

  /** Whether a grant's scope lies inside the company; anything else is answered as missing (404). */
  async assertScopeInCompany(companyId: number, scope: Scope): Promise<void> {
    const found =
      scope.scopeType === ScopeType.Company
        ? scope.scopeId === companyId
        : scope.scopeType === ScopeType.Region
          ? (await this.db.getRepository(Region).countBy({ id: scope.scopeId, companyId })) === 1
          : (await this.db.getRepository(Project).countBy({ id: scope.scopeId, companyId })) === 1;
    if (!found)
      throw DomainException.notFound(
        scope.scopeType === ScopeType.Company ? '公司' : scope.scopeType === ScopeType.Region ? '区域' : '项目',
      );
  }

  async scopeNames(scopes: Scope[]): Promise<Map<string, string>> {
    const ids = (type: ScopeType) => [...new Set(scopes.filter((s) => s.scopeType === type).map((s) => s.scopeId))];
    const names = new Map<string, string>();
    const load = async (type: ScopeType, entity: typeof Company | typeof Region | typeof Project) => {
      const wanted = ids(type);
      if (!wanted.length) return;
      for (const row of await this.db.getRepository(entity).find({ where: { id: In(wanted) } }))
        names.set(`${type}:${row.id}`, row.name);
    };
    await Promise.all([
      load(ScopeType.Company, Company),
      load(ScopeType.Region, Region),
      load(ScopeType.Project, Project),
    ]);
    return names;
  }

  /** The company of a project, or 404 when it is not in `companyId`. */
  async projectInCompany(companyId: number, projectId: number): Promise<Project> {
    const project = await this.db.getRepository(Project).findOneBy({ id: projectId, companyId });
    if (!project) throw DomainException.notFound('项目');
    return project;
  }

  createRegion(actorId: number, companyId: number, input: { code: string; name: string }): Promise<Region> {
    return this.write('区域编码已存在', async (tx) => {
      const id = Number(
        (await tx.getRepository(Region).insert({ companyId, code: input.code, name: input.name })).identifiers[0].id,
      );
      const after = await tx.getRepository(Region).findOneByOrFail({ id });
      await this.audit.record(tx, {
        actorId,
        action: 'region.create',
        entityType: 'region',
        entityId: id,
        companyId,
        after,
      });
      return after;
    });
  }

  renameRegion(actorId: number, companyId: number, regionId: number, name: string): Promise<Region> {
    return this.write('区域名称冲突', async (tx) => {
      const before = await tx.getRepository(Region).findOneBy({ id: regionId, companyId });
      if (!before) throw DomainException.notFound('区域');
      await tx.getRepository(Region).update({ id: regionId }, { name });
      const after = { ...before, name };
      await this.audit.record(tx, {
        actorId,
        action: 'region.rename',
        entityType: 'region',
        entityId: regionId,
        companyId,
        before,
        after,
      });
      return after;
    });
  }

  createProject(
    actorId: number,
    companyId: number,
    input: { regionId: number; code: string; name: string; address?: string },
  ): Promise<Project> {
    return this.write('项目编码已被使用（编码用于工单编号，全系统唯一）', async (tx) => {
      if (!(await tx.getRepository(Region).countBy({ id: input.regionId, companyId })))
        throw DomainException.notFound('区域');
      const values = {
        companyId,
        regionId: input.regionId,
        code: input.code,
        name: input.name,
        address: input.address ?? '',
      };
      const id = Number((await tx.getRepository(Project).insert(values)).identifiers[0].id);
      const after = await tx.getRepository(Project).findOneByOrFail({ id });
      await this.audit.record(tx, {
        actorId,
        action: 'project.create',
        entityType: 'project',
        entityId: id,
        companyId,
        projectId: id,
        after,
      });
      return after;
    });
  }

  updateProject(
    actorId: number,
    companyId: number,
    projectId: number,
    patch: { name?: string; address?: string },
  ): Promise<Project> {
    return this.write('项目名称冲突', async (tx) => {
      const before = await tx.getRepository(Project).findOneBy({ id: projectId, companyId });
      if (!before) throw DomainException.notFound('项目');
      const changes = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.address !== undefined ? { address: patch.address } : {}),
      };
      if (Object.keys(changes).length) await tx.getRepository(Project).update({ id: projectId }, changes);
      const after = { ...before, ...changes };
      await this.audit.record(tx, {
        actorId,
        action: 'project.update',
        entityType: 'project',
        entityId: projectId,
        companyId,
        projectId,
        before,
        after,
      });
      return after;
    });
  }

  createBuilding(
    actorId: number,
    companyId: number,
    projectId: number,
    input: { name: string; sortOrder?: number },
  ): Promise<IBuildingSummary> {
    return this.write('该项目已有同名楼栋', async (tx) => {
      await this.projectIn(tx, companyId, projectId);
      const id = Number(
        (await tx.getRepository(Building).insert({ projectId, name: input.name, sortOrder: input.sortOrder ?? 0 }))
          .identifiers[0].id,
      );
      const after = await tx.getRepository(Building).findOneByOrFail({ id });
      await this.audit.record(tx, {
        actorId,
        action: 'building.create',
        entityType: 'building',
        entityId: id,
        companyId,
        projectId,
        after,
      });
      return { id, projectId, name: after.name, units: [], customerManagers: [] };
    });
  }

  renameBuilding(actorId: number, companyId: number, buildingId: number, name: string): Promise<Building> {
    return this.write('该项目已有同名楼栋', async (tx) => {
      const before = await this.buildingIn(tx, companyId, buildingId);
      await tx.getRepository(Building).update({ id: buildingId }, { name });
      const after = { ...before, name };
      await this.audit.record(tx, {
        actorId,
        action: 'building.rename',
        entityType: 'building',
        entityId: buildingId,
        companyId,
        projectId: before.projectId,
        before,
        after,
      });
      return after;
    });
  }

  createUnit(actorId: number, companyId: number, buildingId: number, name: string): Promise<IUnitSummary> {
    return this.write('该楼栋已有同名单元', async (tx) => {
      const building = await this.buildingIn(tx, companyId, buildingId);
      const id = Number(
        (await tx.getRepository(Unit).insert({ projectId: building.projectId, buildingId, name })).identifiers[0].id,
      );
      const after = await tx.getRepository(Unit).findOneByOrFail({ id });
      await this.audit.record(tx, {
        actorId,
        action: 'unit.create',
        entityType: 'unit',
        entityId: id,
        companyId,
        projectId: building.projectId,
        after,
      });
      return { id, name };
    });
  }

  renameUnit(actorId: number, companyId: number, unitId: number, name: string): Promise<IUnitSummary> {
    return this.write('该楼栋已有同名单元', async (tx) => {
      const before = await tx.getRepository(Unit).findOneBy({ id: unitId });
      if (!before) throw DomainException.notFound('单元');
      await this.projectIn(tx, companyId, before.projectId, '单元');
      await tx.getRepository(Unit).update({ id: unitId }, { name });
      await this.audit.record(tx, {
        actorId,
        action: 'unit.rename',
        entityType: 'unit',
        entityId: unitId,
        companyId,
        projectId: before.projectId,
        before,
        after: { ...before, name },
      });
      return { id: unitId, name };
    });
  }

  private async projectIn(tx: EntityManager, companyId: number, projectId: number, what = '项目'): Promise<Project> {
    const project = await tx.getRepository(Project).findOneBy({ id: projectId, companyId });
    if (!project) throw DomainException.notFound(what);
    return project;
  }

  private async buildingIn(tx: EntityManager, companyId: number, buildingId: number): Promise<Building> {
    const building = await tx.getRepository(Building).findOneBy({ id: buildingId });
    if (!building) throw DomainException.notFound('楼栋');
    await this.projectIn(tx, companyId, building.projectId, '楼栋');
    return building;
  }

  /** A duplicate code or name trips a unique key: answered 409 with the rule that was broken. */
  private async write<T>(duplicate: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await runInTransaction(this.db, work);
      // Names shown from memory (ticket views' house labels and project names) are read again after any change here.
      this.directory.forgetPlaces();
      return result;
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict(duplicate);
      throw error;
    }
  }
}
