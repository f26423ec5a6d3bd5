import * as bcrypt from 'bcryptjs';
import { randomBytes, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BindingRelation, BindingStatus, HouseType, Role, ScopeType, UserKind } from '@app/shared';
import { HouseBinding } from '../../src/modules/bindings/house-binding.entity';
import { RoleAssignment } from '../../src/modules/identity/role-assignment.entity';
import { User } from '../../src/modules/identity/user.entity';
import { Building, House, Unit } from '../../src/modules/property/building.entity';
import { Company, Project, Region } from '../../src/modules/property/company.entity';
import { TechnicianBuilding, TechnicianProfile } from '../../src/modules/property/technician.entity';
import { FeeCategory, FeeItem, PriceListVersion } from '../../src/modules/catalog/price-list.entity';
import { ServiceCategoryService } from '../../src/modules/catalog/service-category.service';
import { Ticket } from '../../src/modules/tickets/ticket.entity';

export const STAFF_PASSWORD = 'Passw0rd-e2e';
const passwordHash = bcrypt.hashSync(STAFF_PASSWORD, 4);
const uid = () => randomBytes(4).toString('hex');
// Jest reloads this module for every spec file and specs share one database per run, so each load takes a
// random start in the whole 9-digit space (a 1e6 space with the pid collided about once in 15 runs).
let phoneSeq = randomInt(0, 1e9 - 1e5);
const uniquePhone = () => `15${String(phoneSeq++).padStart(9, '0')}`;

export interface Tenant {
  companyId: number;
  regionId: number;
  projectId: number;
  buildingId: number;
  unitId: number;
  houseIds: number[];
}

/** A company → region → project with one building, one unit and a few houses. */
export async function makeTenant(db: DataSource, houses = 4): Promise<Tenant> {
  const tag = uid();
  const companyId = Number(
    (await db.getRepository(Company).insert({ code: `C${tag}`, name: `公司${tag}` })).identifiers[0].id,
  );
  // Category → skill rules are company data; a new company gets the defaults the migration gives existing ones.
  await ServiceCategoryService.seedDefaults(db.manager, companyId);
  const regionId = Number(
    (await db.getRepository(Region).insert({ companyId, code: `R${tag}`, name: `区域${tag}` })).identifiers[0].id,
  );
  const projectId = Number(
    (
      await db
        .getRepository(Project)
        .insert({ companyId, regionId, code: `P${tag}`.slice(0, 16), name: `项目${tag}`, address: '' })
    ).identifiers[0].id,
  );
  return { companyId, regionId, projectId, ...(await addHouses(db, projectId, '1栋', '1单元', houses)) };
}

export async function addHouses(db: DataSource, projectId: number, building: string, unit: string, count: number) {
  const buildingId = Number(
    (await db.getRepository(Building).insert({ projectId, name: building, sortOrder: 1 })).identifiers[0].id,
  );
  const unitId = Number((await db.getRepository(Unit).insert({ projectId, buildingId, name: unit })).identifiers[0].id);
  const at = new Date();
  const houseIds: number[] = [];
  for (let i = 1; i <= count; i++) {
    const res = await db.getRepository(House).insert({
      projectId,
      buildingId,
      unitId,
      roomNo: `${100 + i}`,
      floor: 1,
      areaHundredths: 8950 + i,
      type: HouseType.Residential,
      createdAt: at,
      updatedAt: at,
    });
    houseIds.push(Number(res.identifiers[0].id));
  }
  return { buildingId, unitId, houseIds };
}

export async function makeStaff(
  db: DataSource,
  grants: { role: Role; scopeType?: ScopeType; scopeId: number }[],
  opts: {
    companyId?: number;
    technician?: boolean;
    skills?: string[];
    buildingIds?: number[];
    maxOpenJobs?: number;
  } = {},
): Promise<{ id: number; username: string; phone: string }> {
  const username = `u${uid()}`;
  const phone = uniquePhone();
  const at = new Date();
  const id = Number(
    (
      await db.getRepository(User).insert({
        kind: UserKind.Staff,
        name: `员工${username}`,
        username,
        phone,
        passwordHash,
        companyId: opts.companyId ?? null,
        createdAt: at,
        updatedAt: at,
      })
    ).identifiers[0].id,
  );
  await db.getRepository(RoleAssignment).insert(
    grants.map((g) => ({
      userId: id,
      role: g.role,
      scopeType: g.scopeType ?? ScopeType.Project,
      scopeId: g.scopeId,
      createdAt: at,
    })),
  );
  if (opts.technician) {
    await db.getRepository(TechnicianProfile).insert({
      userId: id,
      companyId: opts.companyId ?? 0,
      department: '工程部',
      skills: opts.skills ?? ['水', '电'],
      onDuty: true,
      maxOpenJobs: opts.maxOpenJobs ?? 5,
    });
    if (opts.buildingIds?.length)
      await db
        .getRepository(TechnicianBuilding)
        .insert(opts.buildingIds.map((buildingId) => ({ userId: id, buildingId })));
  }
  return { id, username, phone };
}

export async function bindResident(
  db: DataSource,
  userId: number,
  houseId: number,
  relation: BindingRelation = BindingRelation.Owner,
  status: BindingStatus = BindingStatus.Approved,
): Promise<number> {
  const house = await db.getRepository(House).findOneByOrFail({ id: houseId });
  const res = await db.getRepository(HouseBinding).insert({
    houseId,
    projectId: house.projectId,
    userId,
    relation,
    name: '测试住户',
    phone: '13811112222',
    status,
    activeKey: status === BindingStatus.Pending || status === BindingStatus.Approved ? `${houseId}:${userId}` : null,
    rejectReason: null,
    reviewedBy: null,
    reviewedAt: null,
    createdAt: new Date(),
  });
  return Number(res.identifiers[0].id);
}

export const newOpenId = () => `oE2E${uid()}${uid()}`;

/** A published fee schedule for a company, effective a minute ago (for ticket quotes and charges). */
export async function publishSchedule(
  db: DataSource,
  companyId: number,
  items: {
    code: string;
    categoryCode: string;
    name: string;
    unit: string;
    labourPriceFen: number;
    callOutFeeFen?: number | null;
  }[],
): Promise<number> {
  const at = new Date(Date.now() - 60_000);
  const last = await db
    .getRepository(PriceListVersion)
    .findOne({ where: { kind: 'fee_schedule', companyId }, order: { versionNo: 'DESC' } });
  const res = await db.getRepository(PriceListVersion).insert({
    kind: 'fee_schedule',
    companyId,
    regionId: null,
    versionNo: (last?.versionNo ?? 0) + 1,
    title: '测试收费标准',
    status: 'published',
    effectiveFrom: at,
    publishedKey: `fee_schedule:${companyId}:0:${at.toISOString()}:${uid()}`,
    notes: null,
    createdBy: 0,
    approvedBy: 0,
    approvedAt: at,
    publishedBy: 0,
    publishedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  const versionId = Number(res.identifiers[0].id);
  const categories = [...new Set(items.map((i) => i.categoryCode))];
  await db
    .getRepository(FeeCategory)
    .insert(categories.map((code, i) => ({ versionId, code, name: `分类${code}`, sortOrder: i })));
  await db.getRepository(FeeItem).insert(
    items.map((item, i) => ({
      versionId,
      categoryCode: item.categoryCode,
      code: item.code,
      name: item.name,
      unit: item.unit,
      labourPriceFen: item.labourPriceFen,
      callOutFeeFen: item.callOutFeeFen ?? null,
      materialsExtra: true,
      serviceStandard: '测试',
      sortOrder: i,
    })),
  );
  return versionId;
}

/** A verified paid ticket assigned to a technician, for specs that post charges without walking the lifecycle. */
export async function makeVerifiedTicket(
  db: DataSource,
  o: { projectId: number; houseId: number; technicianId: number },
): Promise<{ id: number; serial: string }> {
  const at = new Date();
  const serial = `T-${uid()}`;
  const res = await db.getRepository(Ticket).insert({
    projectId: o.projectId,
    houseId: o.houseId,
    buildingId: null,
    serial,
    kind: 'repair',
    scope: 'home',
    paid: true,
    category: 'GD',
    feeItemCode: null,
    urgency: 'normal',
    description: '测试',
    channel: 'mini_program',
    status: 'verified',
    version: 0,
    onHold: false,
    holdReason: null,
    technicianId: o.technicianId,
    dispatchMode: 'assign',
    poolOpen: false,
    poolDeadline: null,
    needsSupervisor: false,
    visitAt: null,
    reworkCount: 0,
    escalated: false,
    priceExplainedAt: at,
    preferredStart: null,
    preferredEnd: null,
    contactName: null,
    contactPhone: null,
    reporterId: o.technicianId,
    createdBy: o.technicianId,
    createdAt: at,
    updatedAt: at,
  });
  return { id: Number(res.identifiers[0].id), serial };
}
