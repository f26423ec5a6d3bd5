import { Injectable } from '@nestjs/common';
import { type Permission } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal, projectIdsFor } from '../../common/principal';

/**
 * The one place that answers "who may see or act on this object". Out-of-scope objects are
 * reported as missing (404) so callers cannot probe other tenants' ids. It reads only the request's
 * `Principal` (the auth module resolves it once per request), so every module may use it.
 */
@Injectable()
export class AccessService {
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
