import * as bcrypt from 'bcryptjs';
import { DataSource, EntityManager } from 'typeorm';
import { BindingRelation, BindingStatus, HouseType, Role, ScopeType, UserKind } from '@app/shared';
import { now } from '../common/time';
import { seedDemoCatalog } from './demo-catalog-seed';
import { HouseBinding } from '../modules/bindings/house-binding.entity';
import { DEMO_PASSWORD } from '../modules/identity/auth.service';
import { RoleAssignment } from '../modules/identity/role-assignment.entity';
import { User } from '../modules/identity/user.entity';
import { Building, BuildingManager, House, Unit } from '../modules/property/building.entity';
import { Company, Project, Region } from '../modules/property/company.entity';
import { TechnicianBuilding, TechnicianProfile } from '../modules/property/technician.entity';

export const DEMO_COMPANY_CODE = 'DEMO';

interface ProjectPlan {
  code: string;
  name: string;
  address: string;
  buildings: number;
  units: number;
  floors: number;
  roomsPerFloor: number;
}

const PROJECTS: ProjectPlan[] = [
  { code: 'YGHY', name: '阳光花园', address: '上海市浦东新区阳光路 88 号', buildings: 10, units: 3, floors: 25, roomsPerFloor: 2 },
  { code: 'CHY', name: '翠湖苑', address: '上海市闵行区翠湖路 16 号', buildings: 15, units: 2, floors: 25, roomsPerFloor: 2 },
];

interface StaffPlan {
  username: string;
  name: string;
  phone: string;
  grants: { role: Role; scope: ScopeType; project?: number }[];
  technician?: { department: string; skills: string[]; project: number };
}

const STAFF: StaffPlan[] = [
  { username: 'cm1', name: '周晓梅', phone: '13900000001', grants: [{ role: Role.CustomerManager, scope: ScopeType.Project, project: 0 }] },
  { username: 'cm2', name: '吴俊杰', phone: '13900000002', grants: [{ role: Role.CustomerManager, scope: ScopeType.Project, project: 1 }] },
  { username: 'sup1', name: '郑国强', phone: '13900000003', grants: [{ role: Role.Supervisor, scope: ScopeType.Project, project: 0 }, { role: Role.Supervisor, scope: ScopeType.Project, project: 1 }] },
  { username: 'pm1', name: '孙建华', phone: '13900000004', grants: [{ role: Role.ProjectManager, scope: ScopeType.Project, project: 0 }] },
  { username: 'pm2', name: '钱丽', phone: '13900000005', grants: [{ role: Role.ProjectManager, scope: ScopeType.Project, project: 1 }] },
  { username: 'cashier1', name: '冯小燕', phone: '13900000006', grants: [{ role: Role.Cashier, scope: ScopeType.Project, project: 0 }, { role: Role.Cashier, scope: ScopeType.Project, project: 1 }] },
  { username: 'finance1', name: '陈会计', phone: '13900000007', grants: [{ role: Role.Finance, scope: ScopeType.Company }] },
  { username: 'quality1', name: '林品质', phone: '13900000008', grants: [{ role: Role.Quality, scope: ScopeType.Company }] },
  { username: 'admin', name: '系统管理员', phone: '13900000009', grants: [{ role: Role.Admin, scope: ScopeType.Company }] },
  ...[
    ['tech1', '王师傅', ['水', '电', '管道疏通'], 0],
    ['tech2', '李师傅', ['门窗', '锁具', '家电'], 0],
    ['tech3', '张阿姨', ['保洁'], 0],
    ['tech4', '赵师傅', ['水', '电'], 1],
    ['tech5', '黄师傅', ['家电', '门窗'], 1],
    ['tech6', '刘师傅', ['绿化', '保洁'], 1],
  ].map(([username, name, skills, project], i) => ({
    username: username as string,
    name: name as string,
    phone: `1370000000${i + 1}`,
    grants: [{ role: Role.Technician, scope: ScopeType.Project, project: project as number }],
    technician: {
      department: (skills as string[]).includes('保洁') || (skills as string[]).includes('绿化') ? '环境部' : '工程部',
      skills: skills as string[],
      project: project as number,
    },
  })),
];

interface ResidentPlan {
  name: string;
  phone: string;
  openid: string;
  binding?: { project: number; building: number; unit: number; room: string; relation: BindingRelation; status: BindingStatus };
}

const RESIDENTS: ResidentPlan[] = [
  { name: '张伟', phone: '13800001001', openid: 'demo-openid-zhangwei', binding: { project: 0, building: 3, unit: 1, room: '1201', relation: BindingRelation.Owner, status: BindingStatus.Approved } },
  { name: '李娜', phone: '13800001002', openid: 'demo-openid-lina', binding: { project: 0, building: 3, unit: 1, room: '1201', relation: BindingRelation.Family, status: BindingStatus.Pending } },
  { name: '刘洋', phone: '13800001003', openid: 'demo-openid-liuyang', binding: { project: 0, building: 5, unit: 2, room: '801', relation: BindingRelation.Tenant, status: BindingStatus.Approved } },
  { name: '王芳', phone: '13800001004', openid: 'demo-openid-wangfang', binding: { project: 1, building: 2, unit: 1, room: '1502', relation: BindingRelation.Owner, status: BindingStatus.Approved } },
  { name: '赵磊', phone: '13800001005', openid: 'demo-openid-zhaolei', binding: { project: 0, building: 7, unit: 3, room: '602', relation: BindingRelation.Owner, status: BindingStatus.Pending } },
  { name: '陈静', phone: '13800001006', openid: 'demo-openid-chenjing' },
];

/** Deterministic area between 60.00 and 150.00 m² so every seeded database is identical. */
function areaFor(building: number, unit: number, room: number): number {
  return 6000 + (((building * 7919 + unit * 104729 + room * 131) % 9001) + 9001) % 9001;
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
      const projectId = await insertId(tx, Project, { companyId, regionId, code: plan.code, name: plan.name, address: plan.address });
      projectIds.push(projectId);
      buildingIds.push(await seedHouses(tx, projectId, plan, at));
    }

    for (const staff of STAFF) {
      const userId = await insertId(tx, User, {
        kind: UserKind.Staff, name: staff.name, phone: staff.phone, username: staff.username, passwordHash,
        companyId, isDemo: true, createdAt: at, updatedAt: at,
      });
      await tx.getRepository(RoleAssignment).insert(
        staff.grants.map((g) => ({
          userId, role: g.role, scopeType: g.scope, createdAt: at,
          scopeId: g.scope === ScopeType.Project ? projectIds[g.project!] : g.scope === ScopeType.Region ? regionId : companyId,
        })),
      );
      if (staff.technician) {
        await tx.getRepository(TechnicianProfile).insert({
          userId, companyId, department: staff.technician.department, skills: staff.technician.skills, onDuty: true, maxOpenJobs: 5,
        });
        await tx.getRepository(TechnicianBuilding).insert(buildingIds[staff.technician.project].map((buildingId) => ({ userId, buildingId })));
      }
      if (staff.grants.some((g) => g.role === Role.CustomerManager)) {
        const project = staff.grants.find((g) => g.role === Role.CustomerManager)!.project!;
        await tx.getRepository(BuildingManager).insert(buildingIds[project].map((buildingId) => ({ buildingId, userId })));
      }
    }

    for (const resident of RESIDENTS) {
      const userId = await insertId(tx, User, {
        kind: UserKind.Resident, name: resident.name, phone: resident.phone, wechatAppId: 'demo', wechatOpenId: resident.openid,
        companyId: null, isDemo: true, createdAt: at, updatedAt: at,
      });
      if (!resident.binding) continue;
      const b = resident.binding;
      const plan = PROJECTS[b.project];
      const house = await tx
        .createQueryBuilder(House, 'h')
        .innerJoin(Building, 'bd', 'bd.id = h.building_id')
        .innerJoin(Unit, 'u', 'u.id = h.unit_id')
        .where('h.project_id = :projectId AND bd.name = :building AND u.name = :unit AND h.room_no = :room', {
          projectId: projectIds[b.project], building: `${b.building}栋`, unit: `${b.unit}单元`, room: b.room,
        })
        .getOneOrFail();
      await tx.getRepository(HouseBinding).insert({
        houseId: house.id, projectId: house.projectId, userId, relation: b.relation, name: resident.name, phone: resident.phone,
        status: b.status, activeKey: `${house.id}:${userId}`, rejectReason: null,
        reviewedBy: null, reviewedAt: b.status === BindingStatus.Approved ? at : null, createdAt: at,
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
            projectId, buildingId, unitId, roomNo, floor,
            areaHundredths: areaFor(b, u, floor * 10 + r),
            type: shop ? HouseType.Shop : HouseType.Residential,
            createdAt: at, updatedAt: at,
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
  const staff = STAFF.map((s) => ({ username: s.username, name: s.name, roles: s.grants.map((g) => g.role).join(',') }));
  const residents = RESIDENTS.map((r) => ({
    name: r.name,
    house: r.binding ? `${PROJECTS[r.binding.project].name} ${r.binding.building}栋${r.binding.unit}单元${r.binding.room}（${r.binding.status === BindingStatus.Approved ? '已认证' : '待审核'}）` : '未绑定房屋',
  }));
  return { houses, staff, residents };
}
