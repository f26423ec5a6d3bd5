import * as bcrypt from 'bcryptjs';
import { DataSource, EntityManager } from 'typeorm';
import { BindingStatus, HouseType, Role, ScopeType, UserKind } from '@app/shared';
import { now } from '../common/time';
import { seedDemoCatalog } from './demo-catalog-seed';
import { PROJECTS, RESIDENTS, STAFF, type ProjectPlan } from './demo-people';
import { HouseBinding } from '../modules/bindings/house-binding.entity';
import { DEMO_PASSWORD } from '../modules/identity/auth.service';
import { RoleAssignment } from '../modules/identity/role-assignment.entity';
import { User } from '../modules/identity/user.entity';
import { Building, BuildingManager, House, Unit } from '../modules/property/building.entity';
import { Company, Project, Region } from '../modules/property/company.entity';
import { TechnicianBuilding, TechnicianProfile } from '../modules/property/technician.entity';

export const DEMO_COMPANY_CODE = 'DEMO';

/** Deterministic area between 60.00 and 150.00 m² so every seeded database is identical. */
function areaFor(building: number, unit: number, room: number): number {
  return 6000 + ((((building * 7919 + unit * 104729 + room * 131) % 9001) + 9001) % 9001);
}

export interface SeedSummary {
  created: boolean;
  houses: number;
  staff: { username: string; name: string; roles: string }[];
  residents: { name: string; house: string }[];
}

export async function seedDemo(ds: DataSource): Promise<SeedSummary> {
  const existing = await ds.getRepository(Company).findOneBy({ code: DEMO_COMPANY_CODE });
  if (existing) {
    await seedDemoCatalog(ds, DEMO_COMPANY_CODE);
    return { ...(await describe(ds)), created: false };
  }
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  await ds.transaction(async (tx) => {
    const at = now();
    const companyId = await insertId(tx, Company, { code: DEMO_COMPANY_CODE, name: '示例物业服务有限公司' });
    const regionId = await insertId(tx, Region, { companyId, code: 'EAST', name: '华东区域公司' });
    const projectIds: number[] = [];
    const buildingIds: number[][] = [];
    for (const plan of PROJECTS) {
      const projectId = await insertId(tx, Project, {
        companyId,
        regionId,
        code: plan.code,
        name: plan.name,
        address: plan.address,
      });
      projectIds.push(projectId);
      buildingIds.push(await seedHouses(tx, projectId, plan, at));
    }

    for (const staff of STAFF) {
      const userId = await insertId(tx, User, {
        kind: UserKind.Staff,
        name: staff.name,
        phone: staff.phone,
        username: staff.username,
        passwordHash,
        companyId,
        isDemo: true,
        createdAt: at,
        updatedAt: at,
      });
      await tx.getRepository(RoleAssignment).insert(
        staff.grants.map((g) => ({
          userId,
          role: g.role,
          scopeType: g.scope,
          createdAt: at,
          scopeId:
            g.scope === ScopeType.Project
              ? projectIds[g.project!]
              : g.scope === ScopeType.Region
                ? regionId
                : companyId,
        })),
      );
      if (staff.technician) {
        await tx.getRepository(TechnicianProfile).insert({
          userId,
          companyId,
          department: staff.technician.department,
          skills: staff.technician.skills,
          onDuty: true,
          maxOpenJobs: 5,
        });
        await tx
          .getRepository(TechnicianBuilding)
          .insert(buildingIds[staff.technician.project].map((buildingId) => ({ userId, buildingId })));
      }
      if (staff.grants.some((g) => g.role === Role.CustomerManager)) {
        const project = staff.grants.find((g) => g.role === Role.CustomerManager)!.project!;
        await tx
          .getRepository(BuildingManager)
          .insert(buildingIds[project].map((buildingId) => ({ buildingId, userId })));
      }
    }

    for (const resident of RESIDENTS) {
      const userId = await insertId(tx, User, {
        kind: UserKind.Resident,
        name: resident.name,
        phone: resident.phone,
        wechatAppId: 'demo',
        wechatOpenId: resident.openid,
        companyId: null,
        isDemo: true,
        createdAt: at,
        updatedAt: at,
      });
      if (!resident.binding) continue;
      const b = resident.binding;
      const plan = PROJECTS[b.project];
      const house = await tx
        .createQueryBuilder(House, 'h')
        .innerJoin(Building, 'bd', 'bd.id = h.building_id')
        .innerJoin(Unit, 'u', 'u.id = h.unit_id')
        .where('h.project_id = :projectId AND bd.name = :building AND u.name = :unit AND h.room_no = :room', {
          projectId: projectIds[b.project],
          building: `${b.building}栋`,
          unit: `${b.unit}单元`,
          room: b.room,
        })
        .getOneOrFail();
      await tx.getRepository(HouseBinding).insert({
        houseId: house.id,
        projectId: house.projectId,
        userId,
        relation: b.relation,
        name: resident.name,
        phone: resident.phone,
        status: b.status,
        activeKey: `${house.id}:${userId}`,
        rejectReason: null,
        reviewedBy: null,
        reviewedAt: b.status === BindingStatus.Approved ? at : null,
        createdAt: at,
      });
      void plan;
    }
  });
  await seedDemoCatalog(ds, DEMO_COMPANY_CODE);
  return { ...(await describe(ds)), created: true };
}

async function seedHouses(tx: EntityManager, projectId: number, plan: ProjectPlan, at: Date): Promise<number[]> {
  const buildingIds: number[] = [];
  const houses: Partial<House>[] = [];
  for (let b = 1; b <= plan.buildings; b++) {
    const buildingId = await insertId(tx, Building, { projectId, name: `${b}栋`, sortOrder: b });
    buildingIds.push(buildingId);
    for (let u = 1; u <= plan.units; u++) {
      const unitId = await insertId(tx, Unit, { projectId, buildingId, name: `${u}单元` });
      for (let floor = 1; floor <= plan.floors; floor++) {
        for (let r = 1; r <= plan.roomsPerFloor; r++) {
          const roomNo = `${floor}${String(r).padStart(2, '0')}`;
          const shop = b === 1 && floor === 1;
          houses.push({
            projectId,
            buildingId,
            unitId,
            roomNo,
            floor,
            areaHundredths: areaFor(b, u, floor * 10 + r),
            type: shop ? HouseType.Shop : HouseType.Residential,
            createdAt: at,
            updatedAt: at,
          });
        }
      }
    }
  }
  for (let i = 0; i < houses.length; i += 500) await tx.getRepository(House).insert(houses.slice(i, i + 500));
  return buildingIds;
}

async function insertId<T extends object>(tx: EntityManager, entity: new () => T, values: Partial<T>): Promise<number> {
  const result = await tx.getRepository(entity).insert(values as never);
  return Number(result.identifiers[0].id);
}

async function describe(ds: DataSource): Promise<Omit<SeedSummary, 'created'>> {
  const houses = await ds.getRepository(House).count();
  const staff = STAFF.map((s) => ({
    username: s.username,
    name: s.name,
    roles: s.grants.map((g) => g.role).join(','),
  }));
  const residents = RESIDENTS.map((r) => ({
    name: r.name,
    house: r.binding
      ? `${PROJECTS[r.binding.project].name} ${r.binding.building}栋${r.binding.unit}单元${r.binding.room}（${r.binding.status === BindingStatus.Approved ? '已认证' : '待审核'}）`
      : '未绑定房屋',
  }));
  return { houses, staff, residents };
}
