import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BindingStatus, IMe, IMyHouse, IRoleGrant, ScopeType, houseLabel, maskPhone } from '@app/shared';
import { HouseBinding } from '../bindings/house-binding.entity';
import { Building, House, Unit } from '../property/building.entity';
import { Company, Project, Region } from '../property/company.entity';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';

@Injectable()
export class MeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async describe(user: User): Promise<IMe> {
    const [roles, houses] = await Promise.all([this.roleGrants(user.id), this.approvedHouses(user.id)]);
    return {
      id: user.id,
      kind: user.kind,
      name: user.name,
      phoneMasked: maskPhone(user.phone),
      username: user.username,
      roles,
      houses,
      wechatBound: Boolean(user.wechatOpenId),
      mustChangePassword: Boolean(user.mustChangePassword),
    };
  }

  private async roleGrants(userId: number): Promise<IRoleGrant[]> {
    const assignments = await this.db.getRepository(RoleAssignment).find({ where: { userId }, order: { id: 'ASC' } });
    const ids = (type: string) => assignments.filter((a) => a.scopeType === type).map((a) => a.scopeId);
    const names = new Map<string, string>();
    const load = async (type: string, entity: typeof Project | typeof Region | typeof Company) => {
      const wanted = ids(type);
      if (!wanted.length) return;
      const rows = await this.db.getRepository(entity).find({ where: { id: In(wanted) } });
      for (const row of rows) names.set(`${type}:${row.id}`, row.name);
    };
    await Promise.all([load(ScopeType.Project, Project), load(ScopeType.Region, Region), load(ScopeType.Company, Company)]);
    return assignments.map((a) => ({
      role: a.role,
      scopeType: a.scopeType,
      scopeId: a.scopeId,
      scopeName: names.get(`${a.scopeType}:${a.scopeId}`) ?? '',
    }));
  }

  async approvedHouses(userId: number): Promise<IMyHouse[]> {
    const rows = await this.db
      .createQueryBuilder(HouseBinding, 'b')
      .innerJoin(House, 'h', 'h.id = b.house_id')
      .innerJoin(Building, 'bd', 'bd.id = h.building_id')
      .innerJoin(Unit, 'u', 'u.id = h.unit_id')
      .innerJoin(Project, 'p', 'p.id = h.project_id')
      .select(['b.id AS binding_id', 'h.id AS house_id', 'h.project_id AS project_id', 'b.relation AS relation'])
      .addSelect(['bd.name AS building_name', 'u.name AS unit_name', 'h.room_no AS room_no', 'p.name AS project_name'])
      .where('b.user_id = :userId AND b.status = :status', { userId, status: BindingStatus.Approved })
      .orderBy('b.id', 'ASC')
      .getRawMany<Record<string, string | number>>();
    return rows.map((r) => ({
      bindingId: Number(r.binding_id),
      houseId: Number(r.house_id),
      projectId: Number(r.project_id),
      relation: String(r.relation),
      label: `${r.project_name} ${houseLabel(String(r.building_name), String(r.unit_name), String(r.room_no))}`,
    }));
  }
}
