import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type IHouseQuantity, type IPage, type ISharedAmount } from '@app/shared';
import { IsOptional, Matches } from 'class-validator';
import { Allow, CurrentUser, IsQueryInt } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';
import type { Principal } from '../../../common/principal';
import { AmountsListService } from './amounts-list.service';

const ITEM_CODE = /^[A-Z0-9-]{1,16}$/;

export class AmountsListQueryDto extends PageQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @IsOptional()
  @Matches(ITEM_CODE, { message: '收费项目编码须为大写字母、数字或短横线，最多 16 位' })
  itemCode?: string;
}

/** The console's lists behind 收费项目 → 按数量收费 / 公摊金额 (what the PUTs of BillingInputsController set). */
@ApiTags('billing')
@Controller('billing')
export class AmountsListController {
  constructor(private readonly lists: AmountsListService) {}

  @Get('house-quantities')
  @Allow(Permission.BillingItemEdit)
  houseQuantities(
    @CurrentUser() principal: Principal,
    @Query() query: AmountsListQueryDto,
  ): Promise<IPage<IHouseQuantity>> {
    return this.lists.houseQuantities(principal, query);
  }

  @Get('shared-amounts')
  @Allow(Permission.BillingItemEdit)
  sharedAmounts(
    @CurrentUser() principal: Principal,
    @Query() query: AmountsListQueryDto,
  ): Promise<IPage<ISharedAmount>> {
    return this.lists.sharedAmounts(principal, query);
  }
}
