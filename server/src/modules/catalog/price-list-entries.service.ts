import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, IFeeItem, IMaterialPrice, PriceListKind, PriceListStatus } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { UpsertCategoryDto, UpsertFeeItemDto, UpsertMaterialDto } from './dto/price-list.dto';
import { FeeCategory, FeeItem, MaterialPrice, PriceListVersion } from './price-list.entity';
import { toFeeItemView, toMaterialView } from './price-list.views';
import { runInTransaction } from '../../database/transactions';
import { PriceListReader } from './price-list.reader';

/** Editing a draft price list's categories, fee items and materials; published versions never change. */
@Injectable()
export class PriceListEntriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly reader: PriceListReader,
  ) {}

  upsertCategory(principal: Principal, versionId: number, dto: UpsertCategoryDto) {
    return this.editDraft(principal, versionId, PriceListKind.FeeSchedule, async (tx) => {
      const repo = tx.getRepository(FeeCategory);
      const existing = await repo.findOneBy({ versionId, code: dto.code });
      const values = { name: dto.name.trim(), sortOrder: dto.sortOrder ?? existing?.sortOrder ?? 0 };
      if (existing) await repo.update({ id: existing.id }, values);
      else await repo.insert({ versionId, code: dto.code, ...values });
      return { code: dto.code, ...values };
    });
  }

  upsertItem(principal: Principal, versionId: number, dto: UpsertFeeItemDto): Promise<IFeeItem> {
    return this.editDraft(principal, versionId, PriceListKind.FeeSchedule, async (tx, version) => {
      const category = await tx.getRepository(FeeCategory).findOneBy({ versionId, code: dto.categoryCode });
      if (!category) throw DomainException.validation('categoryCode', `分类 ${dto.categoryCode} 不存在，请先添加分类`);
      const repo = tx.getRepository(FeeItem);
      const existing = await repo.findOneBy({ versionId, code: dto.code });
      const values = {
        categoryCode: dto.categoryCode,
        name: dto.name.trim(),
        unit: dto.unit,
        labourPriceFen: dto.labourPriceFen,
        callOutFeeFen: dto.callOutFeeFen ?? null,
        materialsExtra: dto.materialsExtra,
        serviceStandard: dto.serviceStandard.trim(),
        counterSale: dto.counterSale ?? existing?.counterSale ?? false,
        sortOrder: dto.sortOrder ?? existing?.sortOrder ?? 0,
      };
      if (existing) await repo.update({ id: existing.id }, values);
      else await repo.insert({ versionId, code: dto.code, ...values });
      const saved = await repo.findOneByOrFail({ versionId, code: dto.code });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: existing ? 'fee_item.update' : 'fee_item.create',
        entityType: 'price_list',
        entityId: versionId,
        companyId: version.companyId,
        before: existing ? toFeeItemView(existing) : undefined,
        after: toFeeItemView(saved),
      });
      return toFeeItemView(saved);
    });
  }

  upsertMaterial(principal: Principal, versionId: number, dto: UpsertMaterialDto): Promise<IMaterialPrice> {
    return this.editDraft(principal, versionId, PriceListKind.Materials, async (tx, version) => {
      const repo = tx.getRepository(MaterialPrice);
      const existing = await repo.findOneBy({ versionId, code: dto.code });
      const values = {
        name: dto.name.trim(),
        spec: dto.spec?.trim() ?? '',
        unit: dto.unit,
        priceFen: dto.priceFen,
        sortOrder: dto.sortOrder ?? existing?.sortOrder ?? 0,
      };
      if (existing) await repo.update({ id: existing.id }, values);
      else await repo.insert({ versionId, code: dto.code, ...values });
      const saved = await repo.findOneByOrFail({ versionId, code: dto.code });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: existing ? 'material_price.update' : 'material_price.create',
        entityType: 'price_list',
        entityId: versionId,
        companyId: version.companyId,
        before: existing ? toMaterialView(existing) : undefined,
        after: toMaterialView(saved),
      });
      return toMaterialView(saved);
    });
  }

  removeEntry(principal: Principal, versionId: number, code: string): Promise<void> {
    return this.editDraft(principal, versionId, null, async (tx, version) => {
      const table = version.kind === PriceListKind.Materials ? MaterialPrice : FeeItem;
      const existing = await tx.getRepository(table).findOneBy({ versionId, code });
      if (!existing) throw DomainException.notFound('价目条目');
      await tx.getRepository(table).delete({ id: existing.id });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'price_entry.delete',
        entityType: 'price_list',
        entityId: versionId,
        companyId: version.companyId,
        before: existing,
      });
    });
  }

  /**
   * Every edit re-asserts "still a draft" with a conditional UPDATE in its own transaction, so an edit
   * racing an approval either lands before it or fails — a published version can never change.
   */
  private async editDraft<T>(
    principal: Principal,
    versionId: number,
    kind: PriceListKind | null,
    work: (tx: EntityManager, version: PriceListVersion) => Promise<T>,
  ): Promise<T> {
    const version = await this.reader.load(principal, versionId);
    if (kind && version.kind !== kind) {
      throw DomainException.validation(
        'versionId',
        kind === PriceListKind.Materials ? '这不是材料价格表' : '这不是特约服务收费标准',
      );
    }
    return runInTransaction(this.db, async (tx) => {
      const claimed = await tx
        .createQueryBuilder()
        .update(PriceListVersion)
        .set({ updatedAt: now() })
        .where('id = :id AND status = :draft', { id: versionId, draft: PriceListStatus.Draft })
        .execute();
      if (claimed.affected !== 1)
        throw this.notEditable(await tx.getRepository(PriceListVersion).findOneByOrFail({ id: versionId }));
      return work(tx, version);
    });
  }

  private notEditable(version: PriceListVersion): DomainException {
    return new DomainException(
      ErrorCode.PriceListNotEditable,
      version.status === PriceListStatus.Published
        ? '已公示的价目表不可修改，请新建版本'
        : '已审批的价目表不可修改，请先退回草稿',
      HttpStatus.CONFLICT,
      { current: { id: version.id, status: version.status } },
    );
  }
}
