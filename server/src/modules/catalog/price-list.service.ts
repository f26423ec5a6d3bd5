import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode, IFeeItem, IMaterialPrice, IPriceListDiff, IPriceListVersion, PRICE_LIST_STATUS_LABELS, PriceListKind, PriceListStatus,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../../database/errors';
import { PropertyDirectory } from '../property/property-directory.service';
import { CatalogService } from './catalog.service';
import { assertManageScope, canManageScope } from './catalog.roles';
import { CreatePriceListDto, UpsertCategoryDto, UpsertFeeItemDto, UpsertMaterialDto } from './dto/price-list.dto';
import { FeeCategory, FeeItem, MaterialPrice, PriceListVersion } from './price-list.entity';
import { toFeeItemView, toMaterialView, toVersionView } from './price-list.views';
import { runInTransaction } from '../../database/transactions';

/** Publishing may not start in the past (old quotes keep their prices), allowing for clock skew. */
const PUBLISH_GRACE_MS = 60_000;

@Injectable()
export class PriceListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async list(principal: Principal, kind?: PriceListKind, companyId?: number): Promise<IPriceListVersion[]> {
    const versions = await this.db.getRepository(PriceListVersion).find({
      where: { ...(kind ? { kind } : {}), ...(companyId ? { companyId } : {}) },
      order: { kind: 'ASC', versionNo: 'DESC' },
    });
    const visible = versions.filter((v) => canManageScope(principal, v.companyId, v.regionId));
    return Promise.all(visible.map((v) => this.view(v)));
  }

  async detail(principal: Principal, id: number) {
    const version = await this.load(principal, id);
    const [categories, items, materials] = await Promise.all([
      this.db.getRepository(FeeCategory).find({ where: { versionId: id }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      this.db.getRepository(FeeItem).find({ where: { versionId: id }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      this.db.getRepository(MaterialPrice).find({ where: { versionId: id }, order: { sortOrder: 'ASC', id: 'ASC' } }),
    ]);
    return {
      version: await this.view(version),
      categories: categories.map((c) => ({ code: c.code, name: c.name, sortOrder: c.sortOrder })),
      items: items.map(toFeeItemView),
      materials: materials.map(toMaterialView),
    };
  }

  async create(principal: Principal, dto: CreatePriceListDto): Promise<IPriceListVersion> {
    const regionId = dto.regionId ?? null;
    if (regionId !== null) {
      if (!(await this.property.regionOfCompany(regionId, dto.companyId))) throw DomainException.validation('regionId', '区域不属于该公司');
    }
    assertManageScope(principal, dto.companyId, regionId);
    const source = dto.copyFromVersionId ? await this.load(principal, dto.copyFromVersionId) : null;
    if (source && (source.kind !== dto.kind || source.companyId !== dto.companyId)) {
      throw DomainException.validation('copyFromVersionId', '只能复制同一公司、同一类型的价目表');
    }
    // Version numbers are per kind and company; a concurrent create retries with the next number.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const id = await runInTransaction(this.db, async (tx) => {
          const last = await tx.getRepository(PriceListVersion).findOne({
            where: { kind: dto.kind, companyId: dto.companyId }, order: { versionNo: 'DESC' },
          });
          const at = now();
          const inserted = await tx.getRepository(PriceListVersion).insert({
            kind: dto.kind, companyId: dto.companyId, regionId, versionNo: (last?.versionNo ?? 0) + 1, title: dto.title.trim(),
            status: PriceListStatus.Draft, effectiveFrom: null, publishedKey: null, notes: dto.notes ?? null,
            createdBy: principal.userId, approvedBy: null, approvedAt: null, publishedBy: null, publishedAt: null,
            createdAt: at, updatedAt: at,
          });
          const newId = Number(inserted.identifiers[0].id);
          if (source) await this.copyRows(tx, source.id, newId);
          await this.audit.record(tx, {
            actorId: principal.userId, action: 'price_list.create', entityType: 'price_list', entityId: newId,
            companyId: dto.companyId, after: { kind: dto.kind, title: dto.title, copiedFrom: source?.id ?? null },
          });
          return newId;
        });
        return this.view(await this.db.getRepository(PriceListVersion).findOneByOrFail({ id }));
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === 2) throw error;
      }
    }
    throw new Error('unreachable');
  }

  private async copyRows(tx: EntityManager, fromId: number, toId: number): Promise<void> {
    const categories = await tx.getRepository(FeeCategory).findBy({ versionId: fromId });
    const items = await tx.getRepository(FeeItem).findBy({ versionId: fromId });
    const materials = await tx.getRepository(MaterialPrice).findBy({ versionId: fromId });
    const strip = <T extends { id: number; versionId: number }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => ({ ...rest, versionId: toId }));
    if (categories.length) await tx.getRepository(FeeCategory).insert(strip(categories));
    for (let i = 0; i < items.length; i += 200) await tx.getRepository(FeeItem).insert(strip(items.slice(i, i + 200)));
    for (let i = 0; i < materials.length; i += 200) await tx.getRepository(MaterialPrice).insert(strip(materials.slice(i, i + 200)));
  }

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
        categoryCode: dto.categoryCode, name: dto.name.trim(), unit: dto.unit, labourPriceFen: dto.labourPriceFen,
        callOutFeeFen: dto.callOutFeeFen ?? null, materialsExtra: dto.materialsExtra, serviceStandard: dto.serviceStandard.trim(),
        counterSale: dto.counterSale ?? existing?.counterSale ?? false,
        sortOrder: dto.sortOrder ?? existing?.sortOrder ?? 0,
      };
      if (existing) await repo.update({ id: existing.id }, values);
      else await repo.insert({ versionId, code: dto.code, ...values });
      const saved = await repo.findOneByOrFail({ versionId, code: dto.code });
      await this.audit.record(tx, {
        actorId: principal.userId, action: existing ? 'fee_item.update' : 'fee_item.create', entityType: 'price_list', entityId: versionId,
        companyId: version.companyId, before: existing ? toFeeItemView(existing) : undefined, after: toFeeItemView(saved),
      });
      return toFeeItemView(saved);
    });
  }

  upsertMaterial(principal: Principal, versionId: number, dto: UpsertMaterialDto): Promise<IMaterialPrice> {
    return this.editDraft(principal, versionId, PriceListKind.Materials, async (tx, version) => {
      const repo = tx.getRepository(MaterialPrice);
      const existing = await repo.findOneBy({ versionId, code: dto.code });
      const values = { name: dto.name.trim(), spec: dto.spec?.trim() ?? '', unit: dto.unit, priceFen: dto.priceFen, sortOrder: dto.sortOrder ?? existing?.sortOrder ?? 0 };
      if (existing) await repo.update({ id: existing.id }, values);
      else await repo.insert({ versionId, code: dto.code, ...values });
      const saved = await repo.findOneByOrFail({ versionId, code: dto.code });
      await this.audit.record(tx, {
        actorId: principal.userId, action: existing ? 'material_price.update' : 'material_price.create', entityType: 'price_list',
        entityId: versionId, companyId: version.companyId, before: existing ? toMaterialView(existing) : undefined, after: toMaterialView(saved),
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
        actorId: principal.userId, action: 'price_entry.delete', entityType: 'price_list', entityId: versionId,
        companyId: version.companyId, before: existing,
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
    const version = await this.load(principal, versionId);
    if (kind && version.kind !== kind) {
      throw DomainException.validation('versionId', kind === PriceListKind.Materials ? '这不是材料价格表' : '这不是特约服务收费标准');
    }
    return runInTransaction(this.db, async (tx) => {
      const claimed = await tx.createQueryBuilder().update(PriceListVersion).set({ updatedAt: now() })
        .where('id = :id AND status = :draft', { id: versionId, draft: PriceListStatus.Draft }).execute();
      if (claimed.affected !== 1) throw this.notEditable(await tx.getRepository(PriceListVersion).findOneByOrFail({ id: versionId }));
      return work(tx, version);
    });
  }

  private notEditable(version: PriceListVersion): DomainException {
    return new DomainException(
      ErrorCode.PriceListNotEditable,
      version.status === PriceListStatus.Published ? '已公示的价目表不可修改，请新建版本' : '已审批的价目表不可修改，请先退回草稿',
      HttpStatus.CONFLICT,
      { current: { id: version.id, status: version.status } },
    );
  }

  async approve(principal: Principal, id: number): Promise<IPriceListVersion> {
    const version = await this.load(principal, id);
    if (version.createdBy === principal.userId) {
      throw DomainException.forbidden('价目表须由起草人以外的人员审批');
    }
    const itemCount = await this.countEntries(version);
    if (!itemCount) throw DomainException.validation('items', '价目表为空，不能审批');
    return this.transition(principal, version, PriceListStatus.Draft, { status: PriceListStatus.Approved, approvedBy: principal.userId, approvedAt: now() }, 'price_list.approve');
  }

  async returnToDraft(principal: Principal, id: number): Promise<IPriceListVersion> {
    const version = await this.load(principal, id);
    return this.transition(principal, version, PriceListStatus.Approved, { status: PriceListStatus.Draft, approvedBy: null, approvedAt: null }, 'price_list.return_to_draft');
  }

  async publish(principal: Principal, id: number, effectiveFromText?: string): Promise<IPriceListVersion> {
    const version = await this.load(principal, id);
    const effectiveFrom = effectiveFromText ? new Date(effectiveFromText) : now();
    if (effectiveFrom.getTime() < Date.now() - PUBLISH_GRACE_MS) {
      throw DomainException.validation('effectiveFrom', '生效时间不能早于当前时间（历史报价不可改变）');
    }
    const publishedKey = `${version.kind}:${version.companyId}:${version.regionId ?? 0}:${effectiveFrom.toISOString()}`;
    try {
      return await this.transition(principal, version, PriceListStatus.Approved, {
        status: PriceListStatus.Published, effectiveFrom, publishedKey, publishedBy: principal.userId, publishedAt: now(),
      }, 'price_list.publish');
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict('同一时间已有另一版本生效，请调整生效时间');
      throw error;
    }
  }

  private async transition(
    principal: Principal,
    version: PriceListVersion,
    from: PriceListStatus,
    set: Partial<PriceListVersion>,
    action: string,
  ): Promise<IPriceListVersion> {
    await runInTransaction(this.db, async (tx) => {
      const result = await tx.createQueryBuilder().update(PriceListVersion).set({ ...set, updatedAt: now() })
        .where('id = :id AND status = :from', { id: version.id, from }).execute();
      if (result.affected !== 1) {
        const current = await tx.getRepository(PriceListVersion).findOneByOrFail({ id: version.id });
        throw new DomainException(ErrorCode.StateConflict, `价目表当前状态为「${PRICE_LIST_STATUS_LABELS[current.status] ?? current.status}」，不能执行此操作，请刷新`, HttpStatus.CONFLICT, {
          current: { id: current.id, status: current.status },
        });
      }
      await this.audit.record(tx, {
        actorId: principal.userId, action, entityType: 'price_list', entityId: version.id, companyId: version.companyId,
        before: { status: version.status, effectiveFrom: version.effectiveFrom }, after: set,
      });
    });
    return this.view(await this.db.getRepository(PriceListVersion).findOneByOrFail({ id: version.id }));
  }

  /** What changed between two versions of the same list, by code. */
  async diff(principal: Principal, id: number, againstId: number): Promise<IPriceListDiff> {
    const [to, from] = await Promise.all([this.load(principal, id), this.load(principal, againstId)]);
    if (to.kind !== from.kind) throw DomainException.validation('against', '只能比较同一类型的价目表');
    const rows = async (v: PriceListVersion) =>
      v.kind === PriceListKind.Materials
        ? (await this.db.getRepository(MaterialPrice).findBy({ versionId: v.id })).map((m) => ({ code: m.code, name: m.name, fields: { name: m.name, spec: m.spec, unit: m.unit, priceFen: m.priceFen } as Record<string, unknown> }))
        : (await this.db.getRepository(FeeItem).findBy({ versionId: v.id })).map((i) => ({
            code: i.code, name: i.name,
            fields: { name: i.name, categoryCode: i.categoryCode, unit: i.unit, labourPriceFen: i.labourPriceFen, callOutFeeFen: i.callOutFeeFen, materialsExtra: Boolean(i.materialsExtra), serviceStandard: i.serviceStandard } as Record<string, unknown>,
          }));
    const [before, after] = await Promise.all([rows(from), rows(to)]);
    const entries: IPriceListDiff['entries'] = [];
    for (const b of before) {
      const a = after.find((x) => x.code === b.code);
      if (!a) {
        entries.push({ code: b.code, name: b.name, change: 'removed', fields: {} });
        continue;
      }
      const fields: Record<string, [unknown, unknown]> = {};
      for (const key of Object.keys(a.fields)) if (a.fields[key] !== b.fields[key]) fields[key] = [b.fields[key], a.fields[key]];
      if (Object.keys(fields).length) entries.push({ code: a.code, name: a.name, change: 'changed', fields });
    }
    for (const a of after) if (!before.some((b) => b.code === a.code)) entries.push({ code: a.code, name: a.name, change: 'added', fields: {} });
    entries.sort((x, y) => x.code.localeCompare(y.code));
    return { fromVersionId: from.id, toVersionId: to.id, entries };
  }

  private async load(principal: Principal, id: number): Promise<PriceListVersion> {
    const version = await this.db.getRepository(PriceListVersion).findOneBy({ id });
    if (!version) throw DomainException.notFound('价目表');
    assertManageScope(principal, version.companyId, version.regionId);
    return version;
  }

  private countEntries(v: PriceListVersion): Promise<number> {
    return v.kind === PriceListKind.Materials
      ? this.db.getRepository(MaterialPrice).countBy({ versionId: v.id })
      : this.db.getRepository(FeeItem).countBy({ versionId: v.id });
  }

  private async view(v: PriceListVersion): Promise<IPriceListVersion> {
    const [count, current] = await Promise.all([
      this.countEntries(v),
      v.status === PriceListStatus.Published ? this.catalog.inForceForScope(v.kind, v.companyId, v.regionId, now()) : Promise.resolve(null),
    ]);
    return toVersionView(v, count, current?.id === v.id);
  }
}
