import { Role, ScopeType } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';

/** Only the finance and quality centres (and admins) draft, approve and publish prices; projects never do. */
export const CATALOG_EDITORS: readonly Role[] = [Role.Finance, Role.Quality, Role.Admin];

/** Company-wide editors manage every scope of their company; region editors only their region's versions. */
export function canManageScope(principal: Principal, companyId: number, regionId: number | null): boolean {
  return principal.grants.some(
    (g) =>
      CATALOG_EDITORS.includes(g.role) &&
      ((g.scopeType === ScopeType.Company && g.scopeId === companyId) ||
        (regionId !== null && g.scopeType === ScopeType.Region && g.scopeId === regionId)),
  );
}

export function assertManageScope(principal: Principal, companyId: number, regionId: number | null): void {
  if (!canManageScope(principal, companyId, regionId)) throw DomainException.notFound('价目表');
}
