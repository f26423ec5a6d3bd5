import type { Role, ScopeType, UserKind } from '@app/shared';

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

export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.grants.some((g) => roles.includes(g.role));
}

/** Projects where the principal holds any of `roles` (all roles when omitted). */
export function projectIdsFor(principal: Principal, roles?: readonly Role[]): Set<number> {
  const ids = new Set<number>();
  for (const grant of principal.grants) {
    if (!roles || roles.includes(grant.role)) for (const id of grant.projectIds) ids.add(id);
  }
  return ids;
}
