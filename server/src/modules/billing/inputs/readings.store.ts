import type { EntityManager } from 'typeorm';
import { BillStatus } from '@app/shared';
import { Bill } from '../billing.entity';
import { MeterReading } from './inputs.entity';

/** Reading queries shared by entry, import, template and the metered line source. */

/** Each house's latest reading of the item before `period` (house id → reading). */
export async function lastReadingsBefore(
  manager: EntityManager,
  projectId: number,
  itemCode: string,
  period: string,
  houseId?: number,
): Promise<Map<number, number>> {
  const qb = manager
    .getRepository(MeterReading)
    .createQueryBuilder('r')
    .select(['r.house_id AS house_id', 'r.reading_milli AS reading_milli'])
    .where('r.project_id = :projectId AND r.item_code = :itemCode AND r.period < :period', {
      projectId,
      itemCode,
      period,
    })
    .andWhere(
      'r.period = (SELECT MAX(x.period) FROM meter_readings x WHERE x.house_id = r.house_id AND x.item_code = r.item_code AND x.period < :period)',
    );
  if (houseId !== undefined) qb.andWhere('r.house_id = :houseId', { houseId });
  const rows = await qb.getRawMany<{ house_id: number; reading_milli: number }>();
  return new Map(rows.map((r) => [Number(r.house_id), Number(r.reading_milli)]));
}

/** Houses that already have a reading of the item for a month after `period` (an earlier one is then frozen). */
export async function housesWithLaterReadings(
  manager: EntityManager,
  projectId: number,
  itemCode: string,
  period: string,
  houseId?: number,
): Promise<Set<number>> {
  const qb = manager
    .getRepository(MeterReading)
    .createQueryBuilder('r')
    .select('DISTINCT r.house_id', 'house_id')
    .where('r.project_id = :projectId AND r.item_code = :itemCode AND r.period > :period', {
      projectId,
      itemCode,
      period,
    });
  if (houseId !== undefined) qb.andWhere('r.house_id = :houseId', { houseId });
  return new Set((await qb.getRawMany<{ house_id: number }>()).map((r) => Number(r.house_id)));
}

/**
 * Houses whose bill for the month already exists (any live revision). Their reading for that month is
 * frozen: the bill was written without it, so a late reading would make the next month start from it and
 * that consumption would never be billed. Left out, it rolls into the next month's consumption instead.
 */
export async function housesBilledFor(
  manager: EntityManager,
  projectId: number,
  period: string,
  houseId?: number,
): Promise<Set<number>> {
  const qb = manager
    .getRepository(Bill)
    .createQueryBuilder('b')
    .select('DISTINCT b.house_id', 'house_id')
    .where('b.project_id = :projectId AND b.period = :period AND b.status <> :void', {
      projectId,
      period,
      void: BillStatus.Void,
    });
  if (houseId !== undefined) qb.andWhere('b.house_id = :houseId', { houseId });
  return new Set((await qb.getRawMany<{ house_id: number }>()).map((r) => Number(r.house_id)));
}
