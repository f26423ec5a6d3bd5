import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  IBuildingSummary,
  IDepartment,
  IOrganization,
  IProjectNode,
  IRegionSummary,
  IUnitSummary,
} from '@app/shared';
import { Permission } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { DomainException } from '../../common/domain.exception';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { StaffAccountsService } from '../identity/staff-accounts.service';
import { DepartmentRecord, DepartmentsService } from '../property/departments.service';
import { PropertyAdminService } from '../property/property-admin.service';
import { adminCompanyId } from './admin-scope';
import {
  CreateBuildingDto,
  CreateProjectDto,
  CreateRegionDto,
  RenameDto,
  RenameLongDto,
  UpdateProjectDto,
  UpsertDepartmentDto,
} from './dto/administration.dto';

const regionView = (r: IRegionSummary): IRegionSummary => ({ id: r.id, code: r.code, name: r.name });
const projectView = (p: IProjectNode): IProjectNode => ({
  id: p.id,
  regionId: p.regionId,
  code: p.code,
  name: p.name,
  address: p.address,
});

/** The company's structure: regions → projects → buildings → units, and each project's departments. */
@ApiTags('administration')
@Controller('admin')
@Allow(Permission.Administration)
export class OrganizationController {
  constructor(
    private readonly property: PropertyAdminService,
    private readonly departments: DepartmentsService,
    private readonly staff: StaffAccountsService,
  ) {}

  @Get('organization')
  organization(@CurrentUser() principal: Principal): Promise<IOrganization> {
    return this.property.organization(adminCompanyId(principal));
  }

  @Post('regions')
  async createRegion(@CurrentUser() principal: Principal, @Body() body: CreateRegionDto): Promise<IRegionSummary> {
    return regionView(await this.property.createRegion(principal.userId, adminCompanyId(principal), body));
  }

  @Patch('regions/:regionId')
  async renameRegion(
    @CurrentUser() principal: Principal,
    @Param('regionId', ParseIdPipe) regionId: number,
    @Body() body: RenameLongDto,
  ): Promise<IRegionSummary> {
    return regionView(
      await this.property.renameRegion(principal.userId, adminCompanyId(principal), regionId, body.name),
    );
  }

  @Post('projects')
  async createProject(@CurrentUser() principal: Principal, @Body() body: CreateProjectDto): Promise<IProjectNode> {
    return projectView(await this.property.createProject(principal.userId, adminCompanyId(principal), body));
  }

  @Patch('projects/:projectId')
  async updateProject(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Body() body: UpdateProjectDto,
  ): Promise<IProjectNode> {
    return projectView(await this.property.updateProject(principal.userId, adminCompanyId(principal), projectId, body));
  }

  @Post('projects/:projectId/buildings')
  createBuilding(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Body() body: CreateBuildingDto,
  ): Promise<IBuildingSummary> {
    return this.property.createBuilding(principal.userId, adminCompanyId(principal), projectId, body);
  }

  @Patch('buildings/:buildingId')
  async renameBuilding(
    @CurrentUser() principal: Principal,
    @Param('buildingId', ParseIdPipe) buildingId: number,
    @Body() body: RenameDto,
  ): Promise<IUnitSummary> {
    const building = await this.property.renameBuilding(
      principal.userId,
      adminCompanyId(principal),
      buildingId,
      body.name,
    );
    return { id: building.id, name: building.name };
  }

  @Post('buildings/:buildingId/units')
  createUnit(
    @CurrentUser() principal: Principal,
    @Param('buildingId', ParseIdPipe) buildingId: number,
    @Body() body: RenameDto,
  ): Promise<IUnitSummary> {
    return this.property.createUnit(principal.userId, adminCompanyId(principal), buildingId, body.name);
  }

  @Patch('units/:unitId')
  renameUnit(
    @CurrentUser() principal: Principal,
    @Param('unitId', ParseIdPipe) unitId: number,
    @Body() body: RenameDto,
  ): Promise<IUnitSummary> {
    return this.property.renameUnit(principal.userId, adminCompanyId(principal), unitId, body.name);
  }

  @Get('projects/:projectId/departments')
  async listDepartments(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
  ): Promise<IDepartment[]> {
    return this.named(await this.departments.list(adminCompanyId(principal), projectId));
  }

  @Post('projects/:projectId/departments')
  async createDepartment(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Body() body: UpsertDepartmentDto,
  ): Promise<IDepartment> {
    const companyId = adminCompanyId(principal);
    const supervisorUserId = await this.supervisor(companyId, body.supervisorUserId);
    return (
      await this.named([
        await this.departments.create(principal.userId, companyId, projectId, { name: body.name, supervisorUserId }),
      ])
    )[0];
  }

  @Put('departments/:departmentId')
  @HttpCode(200)
  async updateDepartment(
    @CurrentUser() principal: Principal,
    @Param('departmentId', ParseIdPipe) departmentId: number,
    @Body() body: UpsertDepartmentDto,
  ): Promise<IDepartment> {
    const companyId = adminCompanyId(principal);
    const supervisorUserId = await this.supervisor(companyId, body.supervisorUserId);
    return (
      await this.named([
        await this.departments.update(principal.userId, companyId, departmentId, { name: body.name, supervisorUserId }),
      ])
    )[0];
  }

  private async supervisor(companyId: number, userId: number | null | undefined): Promise<number | null> {
    if (userId === undefined || userId === null) return null;
    if (!(await this.staff.isStaffOf(companyId, userId)))
      throw DomainException.validation('supervisorUserId', '主管须是本公司的员工');
    return userId;
  }

  private async named(rows: DepartmentRecord[]): Promise<IDepartment[]> {
    const names = await this.staff.names(rows.flatMap((d) => (d.supervisorUserId ? [d.supervisorUserId] : [])));
    return rows.map((d) => ({
      ...d,
      supervisorName: d.supervisorUserId ? (names.get(d.supervisorUserId) ?? null) : null,
    }));
  }
}
