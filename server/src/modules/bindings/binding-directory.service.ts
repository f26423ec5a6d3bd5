import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BindingStatus, IMyHouse } from '@app/shared';
import { PropertyDirectory } from '../property/property-directory.service';
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
    const rows = await tx.getRepository(HouseBinding).find({ select: { houseId: true }, where: { userId, status: BindingStatus.Approved } });
    return rows.map((r) => r.houseId);
  }

  /** Approved residents of each house (bill-published messages go to them). */
  async approvedResidentsOf(houseIds: readonly number[], tx: EntityManager = this.db.manager): Promise<Map<number, number[]>> {
    const result = new Map<number, number[]>();
    const ids = [...new Set(houseIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await tx.getRepository(HouseBinding).find({
        select: { houseId: true, userId: true }, where: { houseId: In(ids.slice(i, i + 500)), status: BindingStatus.Approved }, order: { id: 'ASC' },
      });
      for (const r of rows) result.set(r.houseId, [...(result.get(r.houseId) ?? []), r.userId]);
    }
    return result;
  }

  /** Approved residents of each house (users to message about the house, e.g. 催缴 or a new bill). */
  async approvedResidentsByHouse(houseIds: readonly number[], tx: EntityManager = this.db.manager): Promise<Map<number, number[]>> {
    const ids = [...new Set(houseIds)];
    const rows = ids.length
      ? await tx.getRepository(HouseBinding).find({ select: { houseId: true, userId: true }, where: { houseId: In(ids), status: BindingStatus.Approved }, order: { id: 'ASC' } })
      : [];
    const byHouse = new Map<number, number[]>();
    for (const r of rows) byHouse.set(r.houseId, [...(byHouse.get(r.houseId) ?? []), r.userId]);
    return byHouse;
  }

  async isApprovedResident(userId: number, houseId: number): Promise<boolean> {
    return this.db.getRepository(HouseBinding).existsBy({ userId, houseId, status: BindingStatus.Approved });
  }

  /** Name and phone the resident verified for the house, when their binding is approved. */
  async approvedContact(userId: number, houseId: number): Promise<{ name: string; phone: string } | null> {
    const b = await this.db.getRepository(HouseBinding).findOneBy({ houseId, userId, status: BindingStatus.Approved });
    return b ? { name: b.name, phone: b.phone } : null;
  }

  /** The user's approved houses with their labels, oldest binding first (`/me`). */
  async approvedHouses(userId: number): Promise<IMyHouse[]> {
    const bindings = await this.db.getRepository(HouseBinding).find({ where: { userId, status: BindingStatus.Approved }, order: { id: 'ASC' } });
    const labels = await this.property.houseLabels(bindings.map((b) => b.houseId));
    return bindings
      .filter((b) => labels.has(b.houseId))
      .map((b) => {
        const house = labels.get(b.houseId)!;
        return { bindingId: b.id, houseId: b.houseId, projectId: house.projectId, relation: b.relation, label: `${house.projectName} ${house.label}` };
      });
  }
}
