import { Role, ScopeType } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';

/**
 * Organisation, accounts and grants are company-wide: only an administrator granted over the whole
 * company manages them (an admin granted over one project still administers that project's data elsewhere).
 */
export function adminCompanyId(principal: Principal): number {
  const grant = principal.grants.find((g) => g.role === Role.Admin && g.scopeType === ScopeType.Company);
  if (!grant) throw DomainException.forbidden('仅公司级系统管理员可以管理组织、账号和权限');
  return grant.scopeId;
}
