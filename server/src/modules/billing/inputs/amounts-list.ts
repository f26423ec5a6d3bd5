import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { Permission, type IHouseQuantity, type ISharedAmount } from '@app/shared';
import { Allow, CurrentUser, IsQueryInt } from '../../../common/decorators';
import type { Principal } from '../../../common/principal';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillingHouseQuantity, BillingSharedAmount } from './inputs.entity';
import { ReadingsService } from './readings.service';

const ITEM_CODE = /^[A-Z0-9-]{1,16}$/;

export class AmountsListQueryDto {
  @IsQueryInt(1, 2_147_483_647)
  projectId: number;

  @IsOptional()
  @Matches(ITEM_CODE, { message: '收费项目编码须为大写字母、数字或短横线，最多 16 位' })
  itemCode?: string;
}

/** What has been set, so the console can show and edit it (the PUTs live in AmountsService). */
@Injectable()
export class AmountsListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readings: ReadingsService,
    private readonly property: PropertyDirectory,
  ) {}

  async houseQuantities(principal: Principal, query: AmountsListQueryDto): Promise<IHouseQuantity[]> {
    await this.readings.projectFor(principal, query.projectId, Permission.BillingItemEdit);
    const rows = await this.db.getRepository(BillingHouseQuantity).find({
      where: { projectId: query.projectId, ...(query.itemCode ? { itemCode: query.itemCode } : {}) },
      order: { houseId: 'ASC', itemCode: 'ASC' },
    });
    const labels = await this.property.houseLabels(rows.map((r) => r.houseId));
    return rows.map((r) => ({ houseId: r.houseId, houseLabel: labels.get(r.houseId)?.label ?? '', itemCode: r.itemCode, quantity: r.quantityMilli / 1000 }));
  }

  async sharedAmounts(principal: Principal, query: AmountsListQueryDto): Promise<ISharedAmount[]> {
    await this.readings.projectFor(principal, query.projectId, Permission.BillingItemEdit);
    const rows = await this.db.getRepository(BillingSharedAmount).find({
      where: { projectId: query.projectId, ...(query.itemCode ? { itemCode: query.itemCode } : {}) },
      order: { period: 'DESC', itemCode: 'ASC' },
    });
    return rows.map((r) => ({ itemCode: r.itemCode, period: r.period, amountFen: r.amountFen }));
  }
}

@ApiTags('billing')
@Controller('billing')
export class AmountsListController {
  constructor(private readonly lists: AmountsListService) {}

  @Get('house-quantities')
  @Allow(Permission.BillingItemEdit)
  houseQuantities(@CurrentUser() principal: Principal, @Query() query: AmountsListQueryDto): Promise<IHouseQuantity[]> {
    return this.lists.houseQuantities(principal, query);
  }

  @Get('shared-amounts')
  @Allow(Permission.BillingItemEdit)
  sharedAmounts(@CurrentUser() principal: Principal, @Query() query: AmountsListQueryDto): Promise<ISharedAmount[]> {
    return this.lists.sharedAmounts(principal, query);
  }
}
