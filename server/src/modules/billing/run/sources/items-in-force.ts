import type { EntityManager } from 'typeorm';
import type { BillingItemKind } from '@app/shared';
import { BillingItem } from '../../billing.entity';

/** Rows of `kind` in force in `period` ("YYYY-MM" compares as text), by code then house type. */
export async function itemsInForce(
  manager: EntityManager,
  projectId: number,
  period: string,
  kind: BillingItemKind,
): Promise<BillingItem[]> {
  return manager
    .getRepository(BillingItem)
    .createQueryBuilder('i')
    .where('i.project_id = :projectId AND i.kind = :kind AND i.effective_from <= :period', { projectId, kind, period })
    .andWhere('(i.effective_to IS NULL OR i.effective_to >= :period)', { period })
    .orderBy('i.code', 'ASC')
    .addOrderBy('i.id', 'ASC')
    .getMany();
}

/** Per code: the row for the house's type, else the code's row without a type (docs/billing.md). */
export function pickByHouseType(
  items: BillingItem[],
): { code: string; byType: Map<string, BillingItem>; fallback: BillingItem | null }[] {
  const codes = new Map<string, { code: string; byType: Map<string, BillingItem>; fallback: BillingItem | null }>();
  for (const item of items) {
    const entry = codes.get(item.code) ?? { code: item.code, byType: new Map(), fallback: null };
    if (item.houseType) entry.byType.set(item.houseType, item);
    else entry.fallback = item;
    codes.set(item.code, entry);
  }
  return [...codes.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** 8950 → "89.50 ㎡" without floating point. */
export function areaText(areaHundredths: number): string {
  return `${Math.floor(areaHundredths / 100)}.${String(areaHundredths % 100).padStart(2, '0')} ㎡`;
}
