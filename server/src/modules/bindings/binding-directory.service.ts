import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BindingStatus, IMyHouse } from '@app/shared';
import { OwnedJoin } from '../../database/raw-rows';
import { OwnedSelect, PropertyDirectory } from '../property/property-directory.service';
import { HouseBinding } from './house-binding.entity';

/** What other modules may ask about residents' houses (the `house_bindings` table belongs to bindings). */
@Injectable()
export class BindingDirectory {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly property: PropertyDirectory,
  ) {}

  /** Houses the user is an approved resident of. */
  async approvedHouseIds(userId: number, tx: EntityManager = this.db.manager): Promise<number[]> {
    const rows: { house_id: number }[] = await tx.query(
      'SELECT house_id FROM house_bindings WHERE user_id = ? AND status = ?',
      [userId, BindingStatus.Approved],
    );
    return rows.map((r) => Number(r.house_id));
  }

  /**
   * The same houses as an owned sub-select (one `house_id` column) for another module's statement, so a caller
   * that reads something of those houses anyway needs no statement of its own for them (P2: a resident's list).
   */
  approvedHouseIdsSelect(userId: number): OwnedSelect {
    return {
      sql: 'SELECT b.house_id AS house_id FROM house_bindings b WHERE b.user_id = ? AND b.status = ?',
      params: [userId, BindingStatus.Approved],
    };
  }

  /** Approved residents of each house (bill-published messages go to them). */
  async approvedResidentsOf(
    houseIds: readonly number[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<number, number[]>> {
    const result = new Map<number, number[]>();
    const ids = [...new Set(houseIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await tx.getRepository(HouseBinding).find({
        select: { houseId: true, userId: true },
        where: { houseId: In(ids.slice(i, i + 500)), status: BindingStatus.Approved },
        order: { id: 'ASC' },
      });
      for (const r of rows) result.set(r.houseId, [...(result.get(r.houseId) ?? []), r.userId]);
    }
    return result;
  }

  /** The house's approved resident who verified with this phone (the first one), or null. */
  async approvedResidentWithPhone(
    houseId: number,
    phone: string,
    tx: EntityManager = this.db.manager,
  ): Promise<number | null> {
    const [b]: { user_id: number }[] = await tx.query(
      'SELECT user_id FROM house_bindings WHERE house_id = ? AND phone = ? AND status = ? ORDER BY id LIMIT 1',
      [houseId, phone, BindingStatus.Approved],
    );
    return b ? Number(b.user_id) : null;
  }

  async isApprovedResident(userId: number, houseId: number): Promise<boolean> {
    return this.db.getRepository(HouseBinding).existsBy({ userId, houseId, status: BindingStatus.Approved });
  }

  /** Name and phone the resident verified for the house, when their binding is approved. */
  /** `approvedContact` of the user for a house column of another module's statement (a new ticket's intake lookup). */
  approvedContactJoin(userId: number, houseColumn: string): OwnedJoin<{ name: string; phone: string } | null> {
    return {
      columns: 'ct.id AS ct_id, ct.name AS ct_name, ct.phone AS ct_phone',
      joins: `LEFT JOIN house_bindings ct ON ct.house_id = ${houseColumn} AND ct.user_id = ? AND ct.status = ?`,
      params: [userId, BindingStatus.Approved],
      read: (r) =>
        r.ct_id === null || r.ct_id === undefined ? null : { name: r.ct_name as string, phone: r.ct_phone as string },
    };
  }

  async approvedContact(userId: number, houseId: number): Promise<{ name: string; phone: string } | null> {
    const [b]: { name: string; phone: string }[] = await this.db.query(
      'SELECT name, phone FROM house_bindings WHERE house_id = ? AND user_id = ? AND status = ? LIMIT 1',
      [houseId, userId, BindingStatus.Approved],
    );
    return b ? { name: b.name, phone: b.phone } : null;
  }

  /** The user's approved houses with their labels, oldest binding first (`/me`). */
  async approvedHouses(userId: number): Promise<IMyHouse[]> {
    const bindings = await this.db
      .getRepository(HouseBinding)
      .find({ where: { userId, status: BindingStatus.Approved }, order: { id: 'ASC' } });
    const labels = await this.property.houseLabels(bindings.map((b) => b.houseId));
    return bindings
      .filter((b) => labels.has(b.houseId))
      .map((b) => {
        const house = labels.get(b.houseId)!;
        return {
          bindingId: b.id,
          houseId: b.houseId,
          projectId: house.projectId,
          relation: b.relation,
          label: `${house.projectName} ${house.label}`,
        };
      });
  }
}
