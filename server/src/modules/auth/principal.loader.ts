import { Injectable } from '@nestjs/common';
import { ScopeType, UserKind } from '@app/shared';
import { Principal } from '../../common/principal';
import { Grant, UserDirectory } from '../identity/user-directory.service';
import { PropertyDirectory } from '../property/property-directory.service';

interface Caller {
  id: number;
  kind: UserKind;
  name: string;
  companyId: number | null;
}

/**
 * Resolves each role grant (project, region or company) to project ids, once per request. The guard hands
 * over the grants it already read with the user; only region or company grants cost one more statement.
 */
@Injectable()
export class PrincipalLoader {
  constructor(
    private readonly users: UserDirectory,
    private readonly property: PropertyDirectory,
  ) {}

  async load(user: Caller, given?: readonly Grant[]): Promise<Principal> {
    const assignments = given ?? (await this.users.grants(user.id));
    const regionIds = assignments.filter((a) => a.scopeType === ScopeType.Region).map((a) => a.scopeId);
    const companyIds = assignments.filter((a) => a.scopeType === ScopeType.Company).map((a) => a.scopeId);
    const wide = await this.property.projectsInScopes(regionIds, companyIds);
    const grants = assignments.map((a) => ({
      role: a.role,
      scopeType: a.scopeType,
      scopeId: a.scopeId,
      projectIds:
        a.scopeType === ScopeType.Project
          ? [a.scopeId]
          : wide
              .filter((p) => (a.scopeType === ScopeType.Region ? p.regionId : p.companyId) === a.scopeId)
              .map((p) => p.id),
    }));
    return { userId: user.id, kind: user.kind, name: user.name, companyId: user.companyId, grants };
  }
}
