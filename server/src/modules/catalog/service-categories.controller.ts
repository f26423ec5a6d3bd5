import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IPage, IServiceCategory } from '@app/shared';
import { CurrentUser } from '../../common/decorators';
import type { Principal } from '../../common/principal';
import { ServiceCategoryQueryDto, UpsertServiceCategoryDto } from './dto/service-category.dto';
import { ServiceCategoryService } from './service-category.service';

@ApiTags('service categories (category → skill rules)')
@Controller('service-categories')
export class ServiceCategoriesController {
  constructor(private readonly categories: ServiceCategoryService) {}

  /** `?projectId=` for any staff member of the project (labels); `?companyId=` for the rule editors. */
  @Get()
  list(@CurrentUser() principal: Principal, @Query() query: ServiceCategoryQueryDto): Promise<IPage<IServiceCategory>> {
    return this.categories.list(principal, query);
  }

  @Put(':code')
  @HttpCode(200)
  upsert(
    @CurrentUser() principal: Principal,
    @Param('code') code: string,
    @Body() body: UpsertServiceCategoryDto,
  ): Promise<IServiceCategory> {
    return this.categories.upsert(principal, code, body);
  }
}
