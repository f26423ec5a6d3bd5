import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ApiTags } from '@nestjs/swagger';
import { ApiMultipartBody } from '../../common/api-docs';
import type { FastifyRequest } from 'fastify';
import type {
  IBuildingSummary,
  IDirectoryProject,
  IHouse,
  IHouseDirectoryEntry,
  IHouseImportResult,
  IPage,
  IProjectSummary,
  IStaffMember,
  ITechnicianProfile,
} from '@app/shared';
import { Permission } from '@app/shared';
import { Allow, CurrentUser, Public } from '../../common/decorators';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import {
  AssignCustomerManagersDto,
  HouseQueryDto,
  ImportQueryDto,
  SetHouseBillingStartDto,
  StaffQueryDto,
  UpdateTechnicianDto,
} from './dto/property.dto';
import { HouseBillingStartService } from './house-billing-start.service';
import { HouseImportService } from './house-import.service';
import { PropertyService } from './property.service';
import { TechniciansService } from './technicians.service';

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

@ApiTags('property')
@Controller('property')
export class PropertyController {
  constructor(
    private readonly property: PropertyService,
    private readonly imports: HouseImportService,
    private readonly technicians: TechniciansService,
    private readonly billingStart: HouseBillingStartService,
  ) {}

  @Get('projects')
  projects(@CurrentUser() principal: Principal): Promise<IProjectSummary[]> {
    return this.property.listProjects(principal);
  }

  @Get('projects/:projectId/buildings')
  @Allow(Permission.PropertyView)
  buildings(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
  ): Promise<IBuildingSummary[]> {
    return this.property.listBuildings(principal, projectId);
  }

  @Get('projects/:projectId/houses')
  @Allow(Permission.PropertyView)
  houses(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Query() query: HouseQueryDto,
  ): Promise<IPage<IHouse>> {
    return this.property.listHouses(principal, projectId, query);
  }

  @Get('houses/import-template.csv')
  @Public()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header(
    'Content-Disposition',
    'attachment; filename="house-import-template.csv"; filename*=UTF-8\'\'%E6%88%BF%E5%B1%8B%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv',
  )
  template(): string {
    return this.imports.template();
  }

  // GET houses/:houseId (the detail with its residents) is served by the bindings module.

  /**
   * Sets (or clears with null) the house's 计费起始日, e.g. 交房日: recurring bill lines start that day and the month
   * containing it is prorated by days. Applies to months not yet billed; audited as house.billing-start.
   */
  @Put('houses/:houseId/billing-start')
  @Allow(Permission.HouseEdit)
  setBillingStart(
    @CurrentUser() principal: Principal,
    @Param('houseId', ParseIdPipe) houseId: number,
    @Body() body: SetHouseBillingStartDto,
  ): Promise<IHouse> {
    return this.billingStart.set(principal, houseId, body.billingStartDate ?? null);
  }

  @Post('projects/:projectId/houses/import')
  @HttpCode(200)
  @Allow(Permission.HouseEdit)
  @ApiMultipartBody(
    '房屋导入文件（列见 GET /api/property/houses/import-template.csv）',
    { file: { type: 'binary', description: '.xlsx 或 .csv' } },
    ['file'],
  )
  async import(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Query() query: ImportQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<IHouseImportResult> {
    if (!request.isMultipart())
      throw DomainException.validation('file', '请以 multipart/form-data 上传文件（字段名 file）');
    const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw DomainException.validation('file', '缺少文件字段 file');
    const buffer = await part.toBuffer().catch(() => {
      throw DomainException.validation('file', `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    });
    return this.imports.import(principal, projectId, { filename: part.filename, buffer }, query.dryRun !== 'false');
  }

  @Get('projects/:projectId/staff')
  @Allow(Permission.PropertyView)
  staff(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Query() query: StaffQueryDto,
  ): Promise<IStaffMember[]> {
    return this.property.listStaff(principal, projectId, query.role);
  }

  @Put('buildings/:buildingId/customer-managers')
  @Allow(Permission.BuildingAssignManagers)
  assignManagers(
    @CurrentUser() principal: Principal,
    @Param('buildingId', ParseIdPipe) buildingId: number,
    @Body() body: AssignCustomerManagersDto,
  ): Promise<IBuildingSummary> {
    return this.property.assignCustomerManagers(principal, buildingId, body.userIds);
  }

  @Get('projects/:projectId/technicians')
  @Allow(Permission.TechnicianView)
  technicianList(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
  ): Promise<ITechnicianProfile[]> {
    return this.technicians.listForProject(principal, projectId);
  }
}

@ApiTags('property')
@Controller('technicians')
export class TechniciansController {
  constructor(private readonly technicians: TechniciansService) {}

  @Get('me')
  @Allow(Permission.JobWork)
  mine(@CurrentUser() principal: Principal): Promise<ITechnicianProfile> {
    return this.technicians.mine(principal);
  }

  @Patch(':userId')
  @Allow(Permission.TechnicianEdit)
  update(
    @CurrentUser() principal: Principal,
    @Param('userId', ParseIdPipe) userId: number,
    @Body() body: UpdateTechnicianDto,
  ): Promise<ITechnicianProfile> {
    return this.technicians.update(principal, userId, body);
  }
}

@ApiTags('directory')
@Controller('directory')
export class DirectoryController {
  constructor(private readonly property: PropertyService) {}

  @Get('projects')
  projects(): Promise<IDirectoryProject[]> {
    return this.property.directoryProjects();
  }

  @Get('projects/:projectId/buildings')
  buildings(@Param('projectId', ParseIdPipe) projectId: number): Promise<IBuildingSummary[]> {
    return this.property.directoryBuildings(projectId);
  }

  @Get('units/:unitId/houses')
  houses(@Param('unitId', ParseIdPipe) unitId: number): Promise<IHouseDirectoryEntry[]> {
    return this.property.directoryHouses(unitId);
  }
}
