import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Permission, type IHouseQuantity, type IPage, type IPageQuery, type ISharedAmount } from '@app/shared';
import { pageWindow } from '../../../common/pagination.dto';
import type { Principal } from '../../../common/principal';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillingHouseQuantity, BillingSharedAmount } from './inputs.entity';
import { ReadingsService } from './readings.service';

export interface AmountsListQuery extends IPageQuery {
  projectId: number;
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

  async houseQuantities(principal: Principal, query: AmountsListQuery): Promise<IPage<IHouseQuantity>> {
    await this.readings.projectFor(principal, query.projectId, Permission.BillingItemEdit);
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.db.getRepository(BillingHouseQuantity).findAndCount({
      where: { projectId: query.projectId, ...(query.itemCode ? { itemCode: query.itemCode } : {}) },
      order: { houseId: 'ASC', itemCode: 'ASC' },
      skip,
      take: pageSize,
    });
    const labels = await this.property.houseLabels(rows.map((r) => r.houseId));
    const items = rows.map((r) => ({
      houseId: r.houseId,
      houseLabel: labels.get(r.houseId)?.label ?? '',
      itemCode: r.itemCode,
      quantity: r.quantityMilli / 1000,
    }));
    return { items, total, page, pageSize };
  }

  async sharedAmounts(principal: Principal, query: AmountsListQuery): Promise<IPage<ISharedAmount>> {
    await this.readings.projectFor(principal, query.projectId, Permission.BillingItemEdit);
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.db.getRepository(BillingSharedAmount).findAndCount({
      where: { projectId: query.projectId, ...(query.itemCode ? { itemCode: query.itemCode } : {}) },
      order: { period: 'DESC', itemCode: 'ASC' },
      skip,
      take: pageSize,
    });
    return {
      items: rows.map((r) => ({ itemCode: r.itemCode, period: r.period, amountFen: r.amountFen })),
      total,
      page,
      pageSize,
    };
  }
}
