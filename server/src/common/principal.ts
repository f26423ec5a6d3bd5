import { can, rolesFor, type Permission, type Role, type ScopeType, type UserKind } from '@app/shared';

export interface RoleGrant {
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
  /** The projects this grant covers, resolved from its scope when the principal is loaded. */
  projectIds: number[];
}

/** Who is calling, loaded once per request by the auth guard. */
export interface Principal {
  userId: number;
  kind: UserKind;
  name: string;
  companyId: number | null;
  grants: RoleGrant[];
}

/** The roles the principal holds over one project. */
export function rolesOn(principal: Principal, projectId: number): Role[] {
  return [...new Set(principal.grants.filter((g) => g.projectIds.includes(projectId)).map((g) => g.role))];
}

/** Whether some grant carries the permission, wherever it applies. */
export function holds(principal: Principal, permission: Permission): boolean {
  return can(principal.grants, permission);
}

/** Projects where the principal holds the permission (any grant's projects when omitted). */
export function projectIdsFor(principal: Principal, permission?: Permission): Set<number> {
  const roles = permission ? rolesFor(permission) : null;
  const ids = new Set<number>();
  for (const grant of principal.grants) {
    if (!roles || roles.includes(grant.role)) for (const id of grant.projectIds) ids.add(id);
  }
  return ids;
}
