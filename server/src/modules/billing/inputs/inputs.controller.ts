import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Permission } from '@app/shared';
import type { ILateFeePolicy, IMeterReading, IPage, IReadingImportResult, IVacancyApplication } from '@app/shared';
import { ApiBinaryResponse, ApiMultipartBody } from '../../../common/api-docs';
import { Allow, CurrentUser } from '../../../common/decorators';
import { DomainException } from '../../../common/domain.exception';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import type { Principal } from '../../../common/principal';
import { AmountsService } from './amounts.service';
import {
  ApplyVacancyDto,
  DecideVacancyDto,
  ReadingImportQueryDto,
  ReadingQueryDto,
  ReadingTemplateQueryDto,
  RecordReadingDto,
  SetHouseQuantityDto,
  SetSharedAmountDto,
  UpdateLateFeePolicyDto,
  VacancyQueryDto,
} from './inputs.dto';
import { LateFeePolicyService } from './late-fee-policy.service';
import { MAX_READING_IMPORT_BYTES, ReadingImportService } from './reading-import.service';
import { ReadingsService } from './readings.service';
import { VacanciesService } from './vacancies.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The inputs of a bill run: readings, quantities, 公摊 totals, vacancies, late-fee policy (docs/billing.md). */
@ApiTags('billing')
@Controller('billing')
export class BillingInputsController {
  constructor(
    private readonly readings: ReadingsService,
    private readonly imports: ReadingImportService,
    private readonly amounts: AmountsService,
    private readonly policies: LateFeePolicyService,
    private readonly vacancies: VacanciesService,
  ) {}

  @Get('readings')
  @Allow(Permission.ReadingEdit, Permission.BillingView)
  listReadings(@CurrentUser() principal: Principal, @Query() query: ReadingQueryDto): Promise<IPage<IMeterReading>> {
    return this.readings.list(principal, query);
  }

  @Post('readings')
  @HttpCode(200)
  @Allow(Permission.ReadingEdit)
  recordReading(@CurrentUser() principal: Principal, @Body() body: RecordReadingDto): Promise<IMeterReading> {
    return this.readings.record(principal, body);
  }

  @Get('readings/template.xlsx')
  @Allow(Permission.ReadingEdit)
  @Header('Content-Type', XLSX)
  @Header(
    'Content-Disposition',
    'attachment; filename="meter-readings.xlsx"; filename*=UTF-8\'\'%E6%8A%84%E8%A1%A8%E6%A8%A1%E6%9D%BF.xlsx',
  )
  @ApiBinaryResponse('抄表模板：本项目全部房屋及上期读数', XLSX)
  readingTemplate(@CurrentUser() principal: Principal, @Query() query: ReadingTemplateQueryDto): Promise<Buffer> {
    return this.imports.template(principal, query.projectId, query.period, query.itemCode);
  }

  @Post('readings/import')
  @HttpCode(200)
  @Allow(Permission.ReadingEdit)
  @ApiMultipartBody(
    '抄表导入（模板见 GET /api/billing/readings/template.xlsx），全部成功或全部不写入',
    { file: { type: 'binary', description: '.xlsx' } },
    ['file'],
  )
  async importReadings(
    @CurrentUser() principal: Principal,
    @Query() query: ReadingImportQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<IReadingImportResult> {
    if (!request.isMultipart())
      throw DomainException.validation('file', '请以 multipart/form-data 上传文件（字段名 file）');
    const part = await request.file({ limits: { fileSize: MAX_READING_IMPORT_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw DomainException.validation('file', '缺少文件字段 file');
    const buffer = await part.toBuffer().catch(() => {
      throw DomainException.validation('file', `文件不能超过 ${MAX_READING_IMPORT_BYTES / 1024 / 1024} MB`);
    });
    if (!part.filename.toLowerCase().endsWith('.xlsx')) throw DomainException.validation('file', '只支持 .xlsx 文件');
    return this.imports.import(
      principal,
      { projectId: query.projectId, period: query.period, itemCode: query.itemCode, dryRun: query.dryRun === 'true' },
      buffer,
    );
  }

  @Put('house-quantities')
  @HttpCode(204)
  @Allow(Permission.BillingItemEdit)
  setHouseQuantity(@CurrentUser() principal: Principal, @Body() body: SetHouseQuantityDto): Promise<void> {
    return this.amounts.setHouseQuantity(principal, body);
  }

  @Put('shared-amounts')
  @HttpCode(204)
  @Allow(Permission.BillingItemEdit)
  setSharedAmount(@CurrentUser() principal: Principal, @Body() body: SetSharedAmountDto): Promise<void> {
    return this.amounts.setSharedAmount(principal, body);
  }

  @Get('projects/:projectId/late-fee-policy')
  @Allow(Permission.BillingView, Permission.ReadingEdit, Permission.BillingItemEdit)
  lateFeePolicy(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
  ): Promise<ILateFeePolicy> {
    return this.policies.get(principal, projectId);
  }

  @Put('projects/:projectId/late-fee-policy')
  @Allow(Permission.BillingItemEdit)
  updateLateFeePolicy(
    @CurrentUser() principal: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Body() body: UpdateLateFeePolicyDto,
  ): Promise<ILateFeePolicy> {
    return this.policies.update(principal, projectId, body);
  }

  @Get('vacancies')
  @Allow(Permission.VacancyApply, Permission.VacancyApprove, Permission.BillingView)
  listVacancies(@CurrentUser() principal: Principal, @Query() query: VacancyQueryDto): Promise<IVacancyApplication[]> {
    return this.vacancies.list(principal, query);
  }

  @Post('vacancies')
  @HttpCode(201)
  @Allow(Permission.VacancyApply)
  applyVacancy(@CurrentUser() principal: Principal, @Body() body: ApplyVacancyDto): Promise<IVacancyApplication> {
    return this.vacancies.applyAsStaff(principal, body);
  }

  @Post('vacancies/:id/decision')
  @HttpCode(200)
  @Allow(Permission.VacancyApprove)
  decideVacancy(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DecideVacancyDto,
  ): Promise<IVacancyApplication> {
    return this.vacancies.decide(principal, id, body);
  }
}

/** A resident's own vacancy applications (houses with an approved binding only). */
@ApiTags('billing')
@Controller('bills/mine/vacancies')
export class MyVacanciesController {
  constructor(private readonly vacancies: VacanciesService) {}

  @Get()
  mine(@CurrentUser() principal: Principal): Promise<IVacancyApplication[]> {
    return this.vacancies.mine(principal);
  }

  @Post()
  @HttpCode(201)
  apply(@CurrentUser() principal: Principal, @Body() body: ApplyVacancyDto): Promise<IVacancyApplication> {
    return this.vacancies.applyAsResident(principal, body);
  }
}
