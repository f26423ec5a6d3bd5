import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IPage, IStaffAccount, IStaffPasswordIssued } from '@app/shared';
import { Permission, Role, ScopeType } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { DomainException } from '../../common/domain.exception';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { StaffAccountRecord, StaffAccountsService } from '../identity/staff-accounts.service';
import { PropertyAdminService } from '../property/property-admin.service';
import { TechniciansService } from '../property/technicians.service';
import { adminCompanyId } from './admin-scope';
import { CreateStaffDto, GrantRoleDto, SetStaffStatusDto, StaffListQueryDto } from './dto/administration.dto';

/** Staff accounts and their role grants (docs/domain.md §1), company-wide, administrators only. */
@ApiTags('administration')
@Controller('admin/staff')
@Allow(Permission.Administration)
export class StaffController {
  constructor(
    private readonly staff: StaffAccountsService,
    private readonly property: PropertyAdminService,
    private readonly technicians: TechniciansService,
  ) {}

  @Get()
  async list(@CurrentUser() principal: Principal, @Query() query: StaffListQueryDto): Promise<IPage<IStaffAccount>> {
    const page = await this.staff.list(adminCompanyId(principal), query);
    return { ...page, items: await this.named(page.items) };
  }

  @Post()
  async create(@CurrentUser() principal: Principal, @Body() body: CreateStaffDto): Promise<IStaffPasswordIssued> {
    const { record, password } = await this.staff.create(principal.userId, adminCompanyId(principal), body);
    return { account: (await this.named([record]))[0], temporaryPassword: password };
  }

  @Post(':userId/status')
  @HttpCode(200)
  async setStatus(
    @CurrentUser() principal: Principal,
    @Param('userId', ParseIdPipe) userId: number,
    @Body() body: SetStaffStatusDto,
  ): Promise<IStaffAccount> {
    return (
      await this.named([await this.staff.setStatus(principal.userId, adminCompanyId(principal), userId, body.status)])
    )[0];
  }

  @Post(':userId/password-reset')
  @HttpCode(200)
  async resetPassword(
    @CurrentUser() principal: Principal,
    @Param('userId', ParseIdPipe) userId: number,
  ): Promise<IStaffPasswordIssued> {
    const { record, password } = await this.staff.resetPassword(principal.userId, adminCompanyId(principal), userId);
    return { account: (await this.named([record]))[0], temporaryPassword: password };
  }

  @Post(':userId/sessions/end')
  @HttpCode(204)
  endSessions(@CurrentUser() principal: Principal, @Param('userId', ParseIdPipe) userId: number): Promise<void> {
    return this.staff.endSessions(principal.userId, adminCompanyId(principal), userId);
  }

  @Post(':userId/grants')
  async grant(
    @CurrentUser() principal: Principal,
    @Param('userId', ParseIdPipe) userId: number,
    @Body() body: GrantRoleDto,
  ): Promise<IStaffAccount> {
    const companyId = adminCompanyId(principal);
    // Dispatch finds technicians by project grants; a wider grant would make a technician nobody can dispatch to.
    if (body.role === Role.Technician && body.scopeType !== ScopeType.Project)
      throw DomainException.validation('scopeType', '维修师傅只能按项目授权');
    await this.property.assertScopeInCompany(companyId, body);
    const account = await this.staff.grant(principal.userId, companyId, userId, body);
    if (body.role === Role.Technician) await this.technicians.ensureProfile(userId, companyId);
    return (await this.named([account]))[0];
  }

  @Delete(':userId/grants/:grantId')
  async revoke(
    @CurrentUser() principal: Principal,
    @Param('userId', ParseIdPipe) userId: number,
    @Param('grantId', ParseIdPipe) grantId: number,
  ): Promise<IStaffAccount> {
    return (
      await this.named([await this.staff.revoke(principal.userId, adminCompanyId(principal), userId, grantId)])
    )[0];
  }

  private async named(records: StaffAccountRecord[]): Promise<IStaffAccount[]> {
    const names = await this.property.scopeNames(records.flatMap((r) => r.grants));
    return records.map((r) => ({
      ...r,
      grants: r.grants.map((g) => ({ ...g, scopeName: names.get(`${g.scopeType}:${g.scopeId}`) ?? '' })),
    }));
  }
}
