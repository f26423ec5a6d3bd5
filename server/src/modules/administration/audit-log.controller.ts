import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IAuditEntryView, IPage } from '@app/shared';
import { Permission } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import type { Principal } from '../../common/principal';
import { AuditService } from '../audit/audit.service';
import { StaffAccountsService } from '../identity/staff-accounts.service';
import { PropertyAdminService } from '../property/property-admin.service';
import { adminCompanyId } from './admin-scope';
import { AuditQueryDto } from './dto/administration.dto';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** The company's audit trail with each row's before/after, for the administrator. */
@ApiTags('administration')
@Controller('admin/audit')
@Allow(Permission.Administration)
export class AuditLogController {
  constructor(
    private readonly audit: AuditService,
    private readonly staff: StaffAccountsService,
    private readonly property: PropertyAdminService,
  ) {}

  @Get()
  async search(@CurrentUser() principal: Principal, @Query() query: AuditQueryDto): Promise<IPage<IAuditEntryView>> {
    const companyId = adminCompanyId(principal);
    const organization = await this.property.organization(companyId);
    const projectIds = organization.regions.flatMap((r) => r.projects.map((p) => p.id));
    const page = await this.audit.search(companyId, query, projectIds);
    const names = await this.staff.names(page.items.flatMap((e) => (e.actorId ? [e.actorId] : [])));
    return {
      ...page,
      items: page.items.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorId: e.actorId,
        actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        projectId: e.projectId,
        before: parse(e.beforeJson),
        after: parse(e.afterJson),
        reason: e.reason,
      })),
    };
  }
}
