import { Permission, can } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';

/** Company-wide price editors manage every scope of their company; region editors only their region's versions. */
export function canManageScope(principal: Principal, companyId: number, regionId: number | null): boolean {
  return can(principal.grants, Permission.PriceEdit, { companyId, regionId });
}

export function assertManageScope(principal: Principal, companyId: number, regionId: number | null): void {
  if (!canManageScope(principal, companyId, regionId)) throw DomainException.notFound('价目表');
}
