import type { IFeeItem, IMaterialPrice, IPriceListVersion } from '@app/shared';
import { FeeItem, MaterialPrice, PriceListVersion } from './price-list.entity';

export function toVersionView(v: PriceListVersion, itemCount: number, inForce: boolean): IPriceListVersion {
  return {
    id: v.id,
    kind: v.kind,
    companyId: v.companyId,
    regionId: v.regionId,
    versionNo: v.versionNo,
    title: v.title,
    status: v.status,
    effectiveFrom: v.effectiveFrom?.toISOString() ?? null,
    inForce,
    notes: v.notes,
    createdBy: v.createdBy,
    approvedBy: v.approvedBy,
    approvedAt: v.approvedAt?.toISOString() ?? null,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    itemCount,
  };
}

export function toFeeItemView(i: FeeItem): IFeeItem {
  return {
    id: i.id,
    versionId: i.versionId,
    categoryCode: i.categoryCode,
    code: i.code,
    name: i.name,
    unit: i.unit,
    labourPriceFen: i.labourPriceFen,
    callOutFeeFen: i.callOutFeeFen,
    materialsExtra: Boolean(i.materialsExtra),
    counterSale: Boolean(i.counterSale),
    serviceStandard: i.serviceStandard,
    sortOrder: i.sortOrder,
  };
}

export function toMaterialView(m: MaterialPrice): IMaterialPrice {
  return {
    id: m.id,
    versionId: m.versionId,
    code: m.code,
    name: m.name,
    spec: m.spec,
    unit: m.unit,
    priceFen: m.priceFen,
    sortOrder: m.sortOrder,
  };
}
