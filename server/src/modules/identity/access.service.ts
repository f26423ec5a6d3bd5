import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ScopeType, type Permission } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal, RoleGrant, projectIdsFor } from '../../common/principal';
import { Project } from '../property/company.entity';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';

/**
 * The one place that answers "who may see or act on this object". Out-of-scope objects are
 * reported as missing (404) so callers cannot probe other tenants' ids.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async loadPrincipal(user: User): Promise<Principal> {
    const assignments = await this.db.getRepository(RoleAssignment).find({ where: { userId: user.id } });
    const grants = await this.resolveGrants(assignments);
    return { userId: user.id, kind: user.kind, name: user.name, companyId: user.companyId, grants };
  }

  private async resolveGrants(assignments: RoleAssignment[]): Promise<RoleGrant[]> {
    const regionIds = assignments.filter((a) => a.scopeType === ScopeType.Region).map((a) => a.scopeId);
    const companyIds = assignments.filter((a) => a.scopeType === ScopeType.Company).map((a) => a.scopeId);
    const wide = regionIds.length || companyIds.length
      ? await this.db.getRepository(Project).find({
          select: { id: true, regionId: true, companyId: true },
          where: [
            ...(regionIds.length ? [{ regionId: In(regionIds) }] : []),
            ...(companyIds.length ? [{ companyId: In(companyIds) }] : []),
          ],
        })
      : [];
    return assignments.map((a) => ({
      role: a.role,
      scopeType: a.scopeType,
      scopeId: a.scopeId,
      projectIds:
        a.scopeType === ScopeType.Project
          ? [a.scopeId]
          : wide.filter((p) => (a.scopeType === ScopeType.Region ? p.regionId : p.companyId) === a.scopeId).map((p) => p.id),
    }));
  }

  /** Throws 404 unless the principal holds the permission (any grant when omitted) over the project. */
  assertProject(principal: Principal, projectId: number, permission?: Permission, what = '项目'): void {
    if (!projectIdsFor(principal, permission).has(projectId)) throw DomainException.notFound(what);
  }

  canActOnProject(principal: Principal, projectId: number, permission?: Permission): boolean {
    return projectIdsFor(principal, permission).has(projectId);
  }

  visibleProjectIds(principal: Principal, permission?: Permission): number[] {
    return [...projectIdsFor(principal, permission)];
  }
}
