import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import {
  ErrorCode,
  IMaterialPriceList,
  IPricedQuote,
  IPublicFeeSchedule,
  IQuoteItemInput,
  IQuoteMaterialInput,
  IQuoteRequestItem,
  PriceListKind,
  LIMITS,
  PriceListStatus,
  buildQuote,
  formatFen,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { PropertyDirectory } from '../property/property-directory.service';
import { FeeCategory, FeeItem, MaterialPrice, PriceListVersion } from './price-list.entity';
import { toFeeItemView, toMaterialView } from './price-list.views';

/**
 * Refuses a priced total above a configured ceiling (LIMITS, R14) with a 422 naming the request field
 * that drives it, before anything is stored: a typo in a quantity must not become a charge, and the
 * INT money columns must never see a value they cannot hold.
 */
export function assertTotalWithin(totalFen: number, maxFen: number, field: string, what: string): void {
  if (totalFen <= maxFen) return;
  const message = `${what}合计 ${formatFen(totalFen)} 超过上限 ${formatFen(maxFen)}，请核对数量和单价`;
  throw new DomainException(ErrorCode.ValidationFailed, message, HttpStatus.UNPROCESSABLE_ENTITY, {
    fields: [{ field, message }],
  });
}

/**
 * Answers "which prices apply to this project at this instant" and prices quotes from them.
 * Tickets and counter sales call this; what it returns is the snapshot the resident agrees to.
 */
@Injectable()
export class CatalogService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly property: PropertyDirectory,
  ) {}

  /** The published version in force: the region's own if it has one, else the company's. */
  async inForce(
    kind: PriceListKind,
    projectId: number,
    at: Date = now(),
    tx: EntityManager = this.db.manager,
  ): Promise<PriceListVersion | null> {
    const project = await this.property.project(projectId, tx);
    if (!project) throw DomainException.notFound('项目');
    return this.inForceForScope(kind, project.companyId, project.regionId, at, tx);
  }

  async inForceForScope(
    kind: PriceListKind,
    companyId: number,
    regionId: number | null,
    at: Date,
    tx: EntityManager = this.db.manager,
  ) {
    return tx
      .getRepository(PriceListVersion)
      .createQueryBuilder('v')
      .where('v.kind = :kind AND v.company_id = :companyId AND v.status = :published AND v.effective_from <= :at', {
        kind,
        companyId,
        published: PriceListStatus.Published,
        at,
      })
      .andWhere(
        new Brackets((w) => {
          w.where('v.region_id IS NULL');
          if (regionId !== null) w.orWhere('v.region_id = :regionId', { regionId });
        }),
      )
      .orderBy('CASE WHEN v.region_id IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('v.effective_from', 'DESC')
      .getOne();
  }

  async publicSchedule(projectId: number, q?: string): Promise<IPublicFeeSchedule> {
    const version = await this.inForce(PriceListKind.FeeSchedule, projectId);
    if (!version)
      throw new DomainException(ErrorCode.NoScheduleInForce, '本项目尚未公示特约服务收费标准', HttpStatus.NOT_FOUND);
    const [companyName, settings, categories, items] = await Promise.all([
      this.property.companyName(version.companyId),
      this.property.moneyRules(version.companyId),
      this.db
        .getRepository(FeeCategory)
        .find({ where: { versionId: version.id }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      this.db.getRepository(FeeItem).find({ where: { versionId: version.id }, order: { sortOrder: 'ASC', id: 'ASC' } }),
    ]);
    const needle = q?.trim();
    const matches = (i: FeeItem) =>
      !needle ||
      i.name.includes(needle) ||
      i.code.toLowerCase().includes(needle.toLowerCase()) ||
      i.serviceStandard.includes(needle);
    return {
      versionId: version.id,
      versionNo: version.versionNo,
      title: version.title,
      effectiveFrom: version.effectiveFrom!.toISOString(),
      companyName,
      cashLimitFen: settings.cashLimitFen,
      categories: categories
        .map((c) => ({
          code: c.code,
          name: c.name,
          sortOrder: c.sortOrder,
          items: items.filter((i) => i.categoryCode === c.code && matches(i)).map(toFeeItemView),
        }))
        .filter((c) => !needle || c.items.length > 0),
    };
  }

  /** The material prices a quote for this project would be priced from right now. */
  async materialsInForce(projectId: number): Promise<IMaterialPriceList> {
    const version = await this.inForce(PriceListKind.Materials, projectId);
    if (!version) return { versionId: null, title: null, materials: [] };
    const materials = await this.db
      .getRepository(MaterialPrice)
      .find({ where: { versionId: version.id }, order: { sortOrder: 'ASC', id: 'ASC' } });
    return { versionId: version.id, title: version.title, materials: materials.map(toMaterialView) };
  }

  /** Item detail for residents: only items of a version that is or was published. */
  async publicItem(itemId: number) {
    const item = await this.db.getRepository(FeeItem).findOneBy({ id: itemId });
    const version = item ? await this.db.getRepository(PriceListVersion).findOneBy({ id: item.versionId }) : null;
    if (!item || version?.status !== PriceListStatus.Published) throw DomainException.notFound('收费项目');
    return toFeeItemView(item);
  }

  /**
   * Prices schedule items × quantity (+ one call-out fee) + property-supplied materials at `at`.
   * Items not on the schedule in force are refused: they must be added to the schedule first.
   */
  async priceQuote(
    projectId: number,
    request: { items: IQuoteRequestItem[]; materials?: IQuoteRequestItem[] },
    at: Date = now(),
    tx: EntityManager = this.db.manager,
  ): Promise<IPricedQuote> {
    const schedule = await this.inForce(PriceListKind.FeeSchedule, projectId, at, tx);
    if (!schedule)
      throw new DomainException(
        ErrorCode.NoScheduleInForce,
        '本项目尚未公示特约服务收费标准',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    const codes = request.items.map((i) => i.code);
    const items = codes.length
      ? await tx.getRepository(FeeItem).findBy({ versionId: schedule.id, code: In(codes) })
      : [];
    const missing = codes.filter((c) => !items.some((i) => i.code === c));
    if (missing.length) {
      throw new DomainException(
        ErrorCode.UnknownScheduleItem,
        `收费标准中没有项目：${missing.join('、')}`,
        HttpStatus.UNPROCESSABLE_ENTITY,
        {
          fields: [{ field: 'items', message: `未公示的收费项目：${missing.join('、')}` }],
        },
      );
    }
    const materialRequests = request.materials ?? [];
    let materialsVersion: PriceListVersion | null = null;
    let materials: MaterialPrice[] = [];
    if (materialRequests.length) {
      materialsVersion = await this.inForce(PriceListKind.Materials, projectId, at, tx);
      if (!materialsVersion)
        throw new DomainException(ErrorCode.NoScheduleInForce, '尚未发布材料价格表', HttpStatus.UNPROCESSABLE_ENTITY);
      materials = await tx
        .getRepository(MaterialPrice)
        .findBy({ versionId: materialsVersion.id, code: In(materialRequests.map((m) => m.code)) });
      const unknown = materialRequests.filter((m) => !materials.some((x) => x.code === m.code)).map((m) => m.code);
      if (unknown.length) {
        throw new DomainException(
          ErrorCode.UnknownScheduleItem,
          `材料价格表中没有：${unknown.join('、')}`,
          HttpStatus.UNPROCESSABLE_ENTITY,
          {
            fields: [{ field: 'materials', message: `未登记的材料：${unknown.join('、')}` }],
          },
        );
      }
    }
    const itemInputs: IQuoteItemInput[] = request.items.map((r) => {
      const i = items.find((x) => x.code === r.code)!;
      return {
        code: i.code,
        name: i.name,
        unit: i.unit,
        unitPriceFen: i.labourPriceFen,
        quantityMilli: r.quantityMilli,
        callOutFeeFen: i.callOutFeeFen,
      };
    });
    const materialInputs: IQuoteMaterialInput[] = materialRequests.map((r) => {
      const m = materials.find((x) => x.code === r.code)!;
      return {
        code: m.code,
        name: m.spec ? `${m.name}（${m.spec}）` : m.name,
        unit: m.unit,
        unitPriceFen: m.priceFen,
        quantityMilli: r.quantityMilli,
      };
    });
    const quote = buildQuote(itemInputs, materialInputs);
    assertTotalWithin(quote.totalFen, LIMITS.quoteTotalFen, 'items', '报价');
    return {
      ...quote,
      scheduleVersionId: schedule.id,
      materialsVersionId: materialsVersion?.id ?? null,
      pricedAt: at.toISOString(),
    };
  }

  /**
   * Index of the first code that is not a counter item (the 打字复印 category or an item marked for counter
   * sale) in the schedule version, or -1 when all are.
   */
  async firstNonCounterItem(scheduleVersionId: number, codes: string[]): Promise<number> {
    const items = await this.db.getRepository(FeeItem).findBy({ versionId: scheduleVersionId, code: In(codes) });
    const categories = await this.db.getRepository(FeeCategory).findBy({ versionId: scheduleVersionId });
    const counterCategory = new Set(categories.filter((c) => c.name.includes('打字复印')).map((c) => c.code));
    return codes.findIndex((code) => {
      const item = items.find((i) => i.code === code);
      return !item || !(item.counterSale || counterCategory.has(item.categoryCode));
    });
  }

  /** A fee item of the schedule version by code, as the schedule shows it. */
  async feeItem(scheduleVersionId: number, code: string) {
    const item = await this.db.getRepository(FeeItem).findOneBy({ versionId: scheduleVersionId, code });
    return item ? toFeeItemView(item) : null;
  }
}
