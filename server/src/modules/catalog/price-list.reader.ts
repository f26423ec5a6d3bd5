import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IPriceListDiff, IPriceListVersion, PriceListKind, PriceListStatus } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { CatalogService } from './catalog.service';
import { assertManageScope, canManageScope } from './catalog.roles';
import { FeeCategory, FeeItem, MaterialPrice, PriceListVersion } from './price-list.entity';
import { toFeeItemView, toMaterialView, toVersionView } from './price-list.views';

/** Reading price lists: the versions a manager may see, one version's rows, and what changed between two. */
@Injectable()
export class PriceListReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
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

  /** What changed between two versions of the same list, by code. */
  async diff(principal: Principal, id: number, againstId: number): Promise<IPriceListDiff> {
    const [to, from] = await Promise.all([this.load(principal, id), this.load(principal, againstId)]);
    if (to.kind !== from.kind) throw DomainException.validation('against', '只能比较同一类型的价目表');
    const rows = async (v: PriceListVersion) =>
      v.kind === PriceListKind.Materials
        ? (await this.db.getRepository(MaterialPrice).findBy({ versionId: v.id })).map((m) => ({
            code: m.code,
            name: m.name,
            fields: { name: m.name, spec: m.spec, unit: m.unit, priceFen: m.priceFen } as Record<string, unknown>,
          }))
        : (await this.db.getRepository(FeeItem).findBy({ versionId: v.id })).map((i) => ({
            code: i.code,
            name: i.name,
            fields: {
              name: i.name,
              categoryCode: i.categoryCode,
              unit: i.unit,
              labourPriceFen: i.labourPriceFen,
              callOutFeeFen: i.callOutFeeFen,
              materialsExtra: Boolean(i.materialsExtra),
              serviceStandard: i.serviceStandard,
            } as Record<string, unknown>,
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
      for (const key of Object.keys(a.fields))
        if (a.fields[key] !== b.fields[key]) fields[key] = [b.fields[key], a.fields[key]];
      if (Object.keys(fields).length) entries.push({ code: a.code, name: a.name, change: 'changed', fields });
    }
    for (const a of after)
      if (!before.some((b) => b.code === a.code))
        entries.push({ code: a.code, name: a.name, change: 'added', fields: {} });
    entries.sort((x, y) => x.code.localeCompare(y.code));
    return { fromVersionId: from.id, toVersionId: to.id, entries };
  }

  async load(principal: Principal, id: number): Promise<PriceListVersion> {
    const version = await this.db.getRepository(PriceListVersion).findOneBy({ id });
    if (!version) throw DomainException.notFound('价目表');
    assertManageScope(principal, version.companyId, version.regionId);
    return version;
  }

  countEntries(v: PriceListVersion): Promise<number> {
    return v.kind === PriceListKind.Materials
      ? this.db.getRepository(MaterialPrice).countBy({ versionId: v.id })
      : this.db.getRepository(FeeItem).countBy({ versionId: v.id });
  }

  async view(v: PriceListVersion): Promise<IPriceListVersion> {
    const [count, current] = await Promise.all([
      this.countEntries(v),
      v.status === PriceListStatus.Published
        ? this.catalog.inForceForScope(v.kind, v.companyId, v.regionId, now())
        : Promise.resolve(null),
    ]);
    return toVersionView(v, count, current?.id === v.id);
  }
}
