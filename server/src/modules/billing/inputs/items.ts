import type { EntityManager } from 'typeorm';
import { BillingItemKind } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { BillingItem } from '../billing.entity';

/**
 * The fee items of a project in force in a month, by kind, one row per code (ordered by code so lines get a
 * stable sort order). Non-area kinds have no house-type variants; should two rows overlap, the newest wins.
 */
export async function itemsInForce(
  manager: EntityManager,
  projectId: number,
  period: string,
  kind: BillingItemKind,
): Promise<BillingItem[]> {
  const rows = await manager
    .getRepository(BillingItem)
    .createQueryBuilder('i')
    .where('i.project_id = :projectId AND i.kind = :kind AND i.effective_from <= :period', { projectId, kind, period })
    .andWhere('(i.effective_to IS NULL OR i.effective_to >= :period)', { period })
    .orderBy('i.code', 'ASC')
    .addOrderBy('i.effective_from', 'DESC')
    .addOrderBy('i.id', 'DESC')
    .getMany();
  const byCode = new Map<string, BillingItem>();
  for (const row of rows) if (!byCode.has(row.code)) byCode.set(row.code, row);
  return [...byCode.values()];
}

/** The item `code` of `kind` in force in `period`, or a 422 naming 收费项目. */
export async function requireItem(
  manager: EntityManager,
  projectId: number,
  code: string,
  period: string,
  kind: BillingItemKind,
): Promise<BillingItem> {
  const item = (await itemsInForce(manager, projectId, period, kind)).find((i) => i.code === code);
  if (!item) {
    throw DomainException.validation(
      'itemCode',
      `收费项目「${code}」不是本项目 ${period} 生效的${KIND_NAMES[kind]}项目`,
    );
  }
  return item;
}

/** Any row of the code and kind, whatever its dates (per-house quantities are not month-bound). */
export async function requireItemCode(
  manager: EntityManager,
  projectId: number,
  code: string,
  kind: BillingItemKind,
): Promise<BillingItem> {
  const item = await manager
    .getRepository(BillingItem)
    .findOne({ where: { projectId, code, kind }, order: { id: 'DESC' } });
  if (!item) throw DomainException.validation('itemCode', `收费项目「${code}」不是本项目的${KIND_NAMES[kind]}项目`);
  return item;
}

const KIND_NAMES: Record<BillingItemKind, string> = {
  area: '按面积计费',
  fixed: '固定金额',
  per_space: '按数量计费',
  metered: '抄表',
  shared: '公摊',
};

/** "元/吨" → "吨", "元/个·月" → "个": the unit a quantity is counted in. */
export function quantityUnit(unit: string): string {
  const tail = unit.includes('/') ? unit.slice(unit.indexOf('/') + 1) : unit;
  return tail.replace(/·月$/, '').trim();
}
