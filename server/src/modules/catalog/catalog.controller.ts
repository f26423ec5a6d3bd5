import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type IFeeItem,
  type IMaterialPrice,
  type IMaterialPriceList,
  type IPriceListDiff,
  type IPriceListVersion,
  type IPricedQuote,
  type IPublicFeeSchedule,
} from '@app/shared';
import { Allow, CurrentUser, Public } from '../../common/decorators';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { AccessService } from '../identity/access.service';
import { PropertyService } from '../property/property.service';
import { CatalogService } from './catalog.service';
import {
  CreatePriceListDto,
  DiffQueryDto,
  MaterialsQueryDto,
  PublicScheduleQueryDto,
  PublishDto,
  QuotePreviewDto,
  UpsertCategoryDto,
  UpsertFeeItemDto,
  UpsertMaterialDto,
  VersionListQueryDto,
} from './dto/price-list.dto';
import { renderPoster, schedulePageUrl } from './poster';
import { PriceListEntriesService } from './price-list-entries.service';
import { PriceListReader } from './price-list.reader';
import { PriceListService } from './price-list.service';

@ApiTags('price lists (finance / quality)')
@Controller('price-lists')
@Allow(Permission.PriceEdit)
export class PriceListsController {
  constructor(
    private readonly lists: PriceListService,
    private readonly reader: PriceListReader,
    private readonly entries: PriceListEntriesService,
  ) {}

  @Get()
  list(@CurrentUser() principal: Principal, @Query() query: VersionListQueryDto): Promise<IPriceListVersion[]> {
    return this.reader.list(principal, query.kind, query.companyId);
  }

  @Post()
  create(@CurrentUser() principal: Principal, @Body() body: CreatePriceListDto): Promise<IPriceListVersion> {
    return this.lists.create(principal, body);
  }

  @Get(':id')
  detail(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number) {
    return this.reader.detail(principal, id);
  }

  @Get(':id/diff')
  diff(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: DiffQueryDto,
  ): Promise<IPriceListDiff> {
    return this.reader.diff(principal, id, query.against);
  }

  @Post(':id/categories')
  @HttpCode(200)
  upsertCategory(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpsertCategoryDto,
  ) {
    return this.entries.upsertCategory(principal, id, body);
  }

  @Post(':id/items')
  @HttpCode(200)
  upsertItem(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpsertFeeItemDto,
  ): Promise<IFeeItem> {
    return this.entries.upsertItem(principal, id, body);
  }

  @Post(':id/materials')
  @HttpCode(200)
  upsertMaterial(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpsertMaterialDto,
  ): Promise<IMaterialPrice> {
    return this.entries.upsertMaterial(principal, id, body);
  }

  @Delete(':id/entries/:code')
  @HttpCode(204)
  removeEntry(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Param('code') code: string,
  ): Promise<void> {
    return this.entries.removeEntry(principal, id, code);
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IPriceListVersion> {
    return this.lists.approve(principal, id);
  }

  @Post(':id/return-to-draft')
  @HttpCode(200)
  returnToDraft(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IPriceListVersion> {
    return this.lists.returnToDraft(principal, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  publish(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PublishDto,
  ): Promise<IPriceListVersion> {
    return this.lists.publish(principal, id, body.effectiveFrom);
  }
}

/** The published schedule (公示) is public: the poster's QR code must open it without signing in. */
@ApiTags('fee schedule (public)')
@Controller('public/fee-schedule')
@Public()
export class PublicFeeScheduleController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly property: PropertyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  current(@Query() query: PublicScheduleQueryDto): Promise<IPublicFeeSchedule> {
    return this.catalog.publicSchedule(query.projectId, query.q);
  }

  @Get('items/:itemId')
  item(@Param('itemId', ParseIdPipe) itemId: number): Promise<IFeeItem> {
    return this.catalog.publicItem(itemId);
  }

  @Get('poster')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async poster(@Query() query: PublicScheduleQueryDto): Promise<string> {
    const schedule = await this.catalog.publicSchedule(query.projectId);
    const projects = await this.property.directoryProjects();
    const projectName = projects.find((p) => p.id === query.projectId)?.name ?? '';
    // PUBLIC_BASE_URL, never Host / X-Forwarded-Host: a forged header must not point the QR code elsewhere.
    return renderPoster(schedule, projectName, schedulePageUrl(this.config.publicBaseUrl, query.projectId));
  }
}

@ApiTags('fee schedule')
@Controller('fee-schedule')
export class QuoteController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly access: AccessService,
  ) {}

  /** Staff and technicians price a quote from the schedule in force (nothing is stored). */
  @Post('quote')
  @HttpCode(200)
  @Allow(Permission.PropertyView)
  quote(@CurrentUser() principal: Principal, @Body() body: QuotePreviewDto): Promise<IPricedQuote> {
    this.access.assertProject(principal, body.projectId, Permission.PropertyView);
    return this.catalog.priceQuote(body.projectId, body);
  }

  /** The material price list in force, so a quote can add property-supplied materials at their listed price. */
  @Get('materials')
  @Allow(Permission.PropertyView)
  materials(@CurrentUser() principal: Principal, @Query() query: MaterialsQueryDto): Promise<IMaterialPriceList> {
    this.access.assertProject(principal, query.projectId, Permission.PropertyView);
    return this.catalog.materialsInForce(query.projectId);
  }
}
