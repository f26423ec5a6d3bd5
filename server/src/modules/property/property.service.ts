import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  IBuildingSummary,
  IDirectoryProject,
  IHouse,
  IHouseDirectoryEntry,
  IPage,
  IProjectSummary,
  IStaffMember,
  Permission,
  Role,
  houseLabel,
  maskPhone,
  parseHouseSearch,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import { Principal } from '../../common/principal';
import { AccessService } from '../identity/access.service';
import { UserDirectory } from '../identity/user-directory.service';
import { Building, BuildingManager, House, Unit } from './building.entity';
import { Project, Region } from './company.entity';
import { HouseQueryDto } from './dto/property.dto';
import { runInTransaction } from '../../database/transactions';

@Injectable()
export class PropertyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly users: UserDirectory,
  ) {}

  async listProjects(principal: Principal): Promise<IProjectSummary[]> {
    const ids = this.access.visibleProjectIds(principal, Permission.PropertyView);
    if (!ids.length) return [];
    const projects = await this.db.getRepository(Project).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    const regions = await this.db.getRepository(Region).find({ where: { id: In(projects.map((p) => p.regionId)) } });
    const counts = await this.db
      .createQueryBuilder(House, 'h')
      .select('h.project_id', 'project_id')
      .addSelect('COUNT(*)', 'n')
      .where('h.project_id IN (:...ids)', { ids })
      .groupBy('h.project_id')
      .getRawMany<{ project_id: number; n: string | number }>();
    return projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      regionId: p.regionId,
      regionName: regions.find((r) => r.id === p.regionId)?.name ?? '',
      houseCount: Number(counts.find((c) => Number(c.project_id) === p.id)?.n ?? 0),
    }));
  }

  async listBuildings(principal: Principal, projectId: number): Promise<IBuildingSummary[]> {
    this.access.assertProject(principal, projectId, Permission.PropertyView);
    return this.buildingsOf(projectId, true);
  }

  async buildingsOf(projectId: number, withManagers: boolean): Promise<IBuildingSummary[]> {
    const buildings = await this.db
      .getRepository(Building)
      .find({ where: { projectId }, order: { sortOrder: 'ASC', id: 'ASC' } });
    const units = await this.db.getRepository(Unit).find({ where: { projectId }, order: { id: 'ASC' } });
    const assigned =
      withManagers && buildings.length
        ? await this.db
            .getRepository(BuildingManager)
            .find({ where: { buildingId: In(buildings.map((b) => b.id)) }, order: { id: 'ASC' } })
        : [];
    const people = await this.users.people(assigned.map((m) => m.userId));
    const managers = assigned
      .filter((m) => people.has(m.userId))
      .map((m) => ({ building_id: m.buildingId, user_id: m.userId, name: people.get(m.userId)!.name }));
    return buildings.map((b) => ({
      id: b.id,
      projectId: b.projectId,
      name: b.name,
      units: units.filter((u) => u.buildingId === b.id).map((u) => ({ id: u.id, name: u.name })),
      customerManagers: managers
        .filter((m) => Number(m.building_id) === b.id)
        .map((m) => ({ userId: Number(m.user_id), name: m.name })),
    }));
  }

  async listHouses(principal: Principal, projectId: number, query: HouseQueryDto): Promise<IPage<IHouse>> {
    this.access.assertProject(principal, projectId, Permission.PropertyView);
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.houseQuery().where('h.project_id = :projectId', { projectId });
    if (query.buildingId) qb.andWhere('h.building_id = :buildingId', { buildingId: query.buildingId });
    if (query.unitId) qb.andWhere('h.unit_id = :unitId', { unitId: query.unitId });
    if (query.q) {
      // A full label ("1栋1单元201") as shown everywhere, or any part of it.
      const { building, unit, room } = parseHouseSearch(query.q);
      if (building) qb.andWhere('b.name = :building', { building });
      if (unit) qb.andWhere('u.name = :unit', { unit });
      if (room) qb.andWhere('h.room_no LIKE :q', { q: `%${room.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    }
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('b.sort_order', 'ASC')
      .addOrderBy('h.building_id')
      .addOrderBy('h.unit_id')
      .addOrderBy('h.floor')
      .addOrderBy('LENGTH(h.room_no)')
      .addOrderBy('h.room_no')
      .offset(skip)
      .limit(pageSize)
      .getRawMany();
    return { items: rows.map(toHouse), total, page, pageSize };
  }

  /** A house with its project name (the binding-aware detail view is composed by the bindings module). */
  async houseWithProject(houseId: number): Promise<(IHouse & { projectName: string }) | null> {
    const row = await this.houseQuery()
      .innerJoin(Project, 'p', 'p.id = h.project_id')
      .addSelect('p.name', 'project_name')
      .where('h.id = :houseId', { houseId })
      .getRawOne();
    return row ? { ...toHouse(row), projectName: String(row.project_name) } : null;
  }

  /** The building's first assigned customer manager, shown to residents of its houses. */
  async customerManagerOf(buildingId: number): Promise<{ userId: number; name: string; phone: string | null } | null> {
    const first = await this.db.getRepository(BuildingManager).findOne({ where: { buildingId }, order: { id: 'ASC' } });
    const person = first ? (await this.users.people([first.userId])).get(first.userId) : undefined;
    return person ? { userId: person.id, name: person.name, phone: person.phone } : null;
  }

  private houseQuery() {
    return this.db
      .createQueryBuilder(House, 'h')
      .innerJoin(Building, 'b', 'b.id = h.building_id')
      .innerJoin(Unit, 'u', 'u.id = h.unit_id')
      .select([
        'h.id AS id',
        'h.project_id AS project_id',
        'h.building_id AS building_id',
        'h.unit_id AS unit_id',
        'h.room_no AS room_no',
        'h.floor AS floor',
        'h.area_hundredths AS area_hundredths',
        'h.type AS type',
        'h.billing_start_date AS billing_start_date',
        'b.name AS building_name',
        'u.name AS unit_name',
      ]);
  }

  async listStaff(principal: Principal, projectId: number, role?: Role): Promise<IStaffMember[]> {
    this.access.assertProject(principal, projectId, Permission.PropertyView);
    const project = await this.db.getRepository(Project).findOneByOrFail({ id: projectId });
    const rows = await this.users.staffOf(
      { projectId, regionId: project.regionId, companyId: project.companyId },
      role,
    );
    const members = new Map<number, IStaffMember>();
    for (const row of rows) {
      const id = row.id;
      const member = members.get(id) ?? { userId: id, name: row.name, phoneMasked: maskPhone(row.phone), roles: [] };
      if (!member.roles.includes(row.role)) member.roles.push(row.role);
      members.set(id, member);
    }
    return [...members.values()];
  }

  async assignCustomerManagers(principal: Principal, buildingId: number, userIds: number[]): Promise<IBuildingSummary> {
    const building = await this.db.getRepository(Building).findOneBy({ id: buildingId });
    if (!building) throw DomainException.notFound('楼栋');
    this.access.assertProject(principal, building.projectId, Permission.BuildingAssignManagers, '楼栋');
    const eligible = new Set(
      (await this.listStaff(principal, building.projectId, Role.CustomerManager)).map((m) => m.userId),
    );
    const unique = [...new Set(userIds)];
    const wrong = unique.filter((id) => !eligible.has(id));
    if (wrong.length) throw DomainException.validation('userIds', `用户 ${wrong.join(', ')} 不是本项目的客户经理`);
    await runInTransaction(this.db, async (tx) => {
      await tx.getRepository(BuildingManager).delete({ buildingId });
      if (unique.length)
        await tx.getRepository(BuildingManager).insert(unique.map((userId) => ({ buildingId, userId })));
    });
    const buildings = await this.buildingsOf(building.projectId, true);
    return buildings.find((b) => b.id === buildingId)!;
  }

  // Resident-facing directory: enough to find one's own house, nothing personal.
  async directoryProjects(): Promise<IDirectoryProject[]> {
    const projects = await this.db.getRepository(Project).find({ order: { id: 'ASC' } });
    return projects.map((p) => ({ id: p.id, code: p.code, name: p.name }));
  }

  async directoryBuildings(projectId: number): Promise<IBuildingSummary[]> {
    const exists = await this.db.getRepository(Project).existsBy({ id: projectId });
    if (!exists) throw DomainException.notFound('项目');
    return this.buildingsOf(projectId, false);
  }

  async directoryHouses(unitId: number): Promise<IHouseDirectoryEntry[]> {
    const unit = await this.db.getRepository(Unit).findOneBy({ id: unitId });
    if (!unit) throw DomainException.notFound('单元');
    const houses = await this.db.getRepository(House).find({
      select: { id: true, roomNo: true, floor: true },
      where: { unitId },
      order: { floor: 'ASC', roomNo: 'ASC' },
    });
    return houses.map((h) => ({ id: h.id, roomNo: h.roomNo, floor: h.floor }));
  }
}

function toHouse(r: Record<string, unknown>): IHouse {
  return {
    id: Number(r.id),
    projectId: Number(r.project_id),
    buildingId: Number(r.building_id),
    unitId: Number(r.unit_id),
    buildingName: String(r.building_name),
    unitName: String(r.unit_name),
    roomNo: String(r.room_no),
    floor: r.floor === null || r.floor === undefined ? null : Number(r.floor),
    areaHundredths: Number(r.area_hundredths),
    type: r.type as IHouse['type'],
    label: houseLabel(String(r.building_name), String(r.unit_name), String(r.room_no)),
    billingStartDate:
      r.billing_start_date === null || r.billing_start_date === undefined ? null : String(r.billing_start_date),
  };
}
