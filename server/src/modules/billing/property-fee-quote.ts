import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BillingItemKind, areaFeeFen, prepayFirstFullMonth } from '@app/shared';
import { PropertyDirectory } from '../property/property-directory.service';
import { itemsInForce, pickByHouseType } from './run/sources/items-in-force';

/**
 * A house's monthly 物业服务费 as the bill run would price it in `period`: for every area item in force, the
 * row for the house's type (or the code's fallback), area × price rounded once half up — the same rules as
 * PropertyFeeSource, so a prepay offer quotes exactly what a month's property-fee lines come to.
 */
@Injectable()
export class PropertyFeeQuote {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly property: PropertyDirectory,
  ) {}

  /**
   * The house's whole-month property fee priced in its first fully billed month from `currentPeriod` on
   * (`prepayFirstFullMonth`: a 计费起始日 later than the 1st of this month moves it to the next whole month), with
   * that month and the date, so a prepay quote prices what the bills will charge. null when the house does not
   * exist in `projectId`.
   */
  async monthlyFee(
    projectId: number,
    houseId: number,
    currentPeriod: string,
  ): Promise<{ monthlyFeeFen: number; fromPeriod: string; billingStartDate: string | null } | null> {
    const houses = this.property.billableHousesSelect(projectId, { from: houseId, to: houseId });
    const rows: { area_hundredths: number; house_type: string; billing_start_date: string | null }[] =
      await this.db.query(
        `SELECT h.area_hundredths AS area_hundredths, h.house_type AS house_type, h.billing_start_date AS billing_start_date FROM (${houses.sql}) h`,
        houses.params,
      );
    if (!rows.length) return null;
    const area = Number(rows[0].area_hundredths);
    const type = String(rows[0].house_type);
    const billingStartDate = rows[0].billing_start_date ?? null;
    const fromPeriod = prepayFirstFullMonth(currentPeriod, billingStartDate);
    const codes = pickByHouseType(await itemsInForce(this.db.manager, projectId, fromPeriod, BillingItemKind.Area));
    const monthlyFeeFen = codes.reduce((sum, entry) => {
      const item = entry.byType.get(type) ?? entry.fallback;
      return item ? sum + areaFeeFen(area, item.unitPriceFen) : sum;
    }, 0);
    return { monthlyFeeFen, fromPeriod, billingStartDate };
  }
}
