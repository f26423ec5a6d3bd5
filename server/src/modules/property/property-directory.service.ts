import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LookupCache } from '../../common/lookup-cache';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ScopeType } from '@app/shared';
import { Building, House, Unit } from './building.entity';
import { houseFromRow, houseManagersJoin, placeJoin, readPlaces } from './property-joins';
import { Company, Project, Region } from './company.entity';
import { CompanySettings, DEFAULT_CASH_LIMIT_FEN, DEFAULT_WAIVER_MONTHLY_CAP_FEN } from './company-settings.entity';

export interface ProjectRef {
  id: number;
  code: string;
  name: string;
  regionId: number;
  companyId: number;
}

export interface HouseRef {
  id: number;
  projectId: number;
  buildingId: number;
  unitId: number;
}

/** A house as people name it: "3栋 2单元 1201" (`label`) in its project. */
export interface HouseLabel extends HouseRef {
  label: string;
  projectName: string;
  buildingName: string;
  unitName: string;
}

/** A SELECT over property's own tables that another module may embed in its own set-based SQL. */
export interface OwnedSelect {
  sql: string;
  params: unknown[];
}

/** Project names and house labels for a set of rows that point at them (`places`). */
export interface Places {
  projects: Map<number, Pick<ProjectRef, 'id' | 'code' | 'name'>>;
  houses: Map<number, HouseLabel>;
}

/** A cached place: a house with its project, or a project alone. */
interface PlaceEntry {
  project: Pick<ProjectRef, 'id' | 'code' | 'name'>;
  house?: HouseLabel;
}

export interface MoneyRules {
  cashLimitFen: number;
  waiverMonthlyCapFen: number;
}

/**
 * What other modules may ask about companies, regions, projects, buildings and houses (the tables belong to
 * property; nobody else reads them). Methods taking `tx` run inside the caller's transaction.
 */
@Injectable()
export class PropertyDirectory {
  private readonly placeCache: LookupCache<PlaceEntry>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.placeCache = new LookupCache(config.lookupCacheMs);
  }

  /**
   * `places` answered from memory where it can (common/lookup-cache.ts): for views that show many tickets.
   * Every change to a project, building or unit name calls `forgetPlaces` (PropertyAdminService).
   */
  async cachedPlaces(projectIds: readonly number[], houseIds: readonly (number | null | undefined)[]): Promise<Places> {
    const keys = [
      ...projectIds.map((id) => `p${id}`),
      ...houseIds.filter((id): id is number => typeof id === 'number').map((id) => `h${id}`),
    ];
    const found = await this.placeCache.many(keys, async (missing) => {
      const ids = (prefix: string) => missing.filter((k) => k[0] === prefix).map((k) => Number(k.slice(1)));
      const loaded = await this.places(ids('p'), ids('h'));
      const entries = new Map<string, PlaceEntry>();
      for (const [id, project] of loaded.projects) entries.set(`p${id}`, { project });
      for (const [id, house] of loaded.houses) {
        entries.set(`h${id}`, { house, project: loaded.projects.get(house.projectId)! });
      }
      return entries;
    });
    const out: Places = { projects: new Map(), houses: new Map() };
    for (const entry of found.values()) {
      out.projects.set(entry.project.id, entry.project);
      if (entry.house) out.houses.set(entry.house.id, entry.house);
    }
    return out;
  }

  forgetPlaces(): void {
    this.placeCache.forget();
  }

  async project(id: number, tx: EntityManager = this.db.manager): Promise<ProjectRef | null> {
    const p = await tx.getRepository(Project).findOneBy({ id });
    return p ? { id: p.id, code: p.code, name: p.name, regionId: p.regionId, companyId: p.companyId } : null;
  }

  async projects(ids: readonly number[]): Promise<Map<number, ProjectRef>> {
    const wanted = [...new Set(ids)];
    const rows = wanted.length ? await this.db.getRepository(Project).findBy({ id: In(wanted) }) : [];
    return new Map(
      rows.map((p) => [p.id, { id: p.id, code: p.code, name: p.name, regionId: p.regionId, companyId: p.companyId }]),
    );
  }

  /** Projects inside the given regions or companies (to resolve wide role grants). */
  async projectsInScopes(
    regionIds: readonly number[],
    companyIds: readonly number[],
  ): Promise<Pick<ProjectRef, 'id' | 'regionId' | 'companyId'>[]> {
    if (!regionIds.length && !companyIds.length) return [];
    return this.db.getRepository(Project).find({
      select: { id: true, regionId: true, companyId: true },
      where: [
        ...(regionIds.length ? [{ regionId: In([...regionIds]) }] : []),
        ...(companyIds.length ? [{ companyId: In([...companyIds]) }] : []),
      ],
    });
  }

  /** Names of the scopes grants point at, keyed `${scopeType}:${id}`. */
  async scopeNames(scopes: readonly { scopeType: string; scopeId: number }[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const load = async (type: string, entity: typeof Project | typeof Region | typeof Company) => {
      const wanted = scopes.filter((s) => s.scopeType === type).map((s) => s.scopeId);
      if (!wanted.length) return;
      const rows = await this.db.getRepository(entity).find({ where: { id: In(wanted) } });
      for (const row of rows) names.set(`${type}:${row.id}`, row.name);
    };
    await Promise.all([
      load(ScopeType.Project, Project),
      load(ScopeType.Region, Region),
      load(ScopeType.Company, Company),
    ]);
    return names;
  }

  async companyName(id: number): Promise<string> {
    return (await this.db.getRepository(Company).findOneByOrFail({ id })).name;
  }

  async regionOfCompany(regionId: number, companyId: number): Promise<boolean> {
    return this.db.getRepository(Region).existsBy({ id: regionId, companyId });
  }

  async house(id: number, tx: EntityManager = this.db.manager): Promise<HouseRef | null> {
    const h = await tx.getRepository(House).findOneBy({ id });
    return h ? { id: h.id, projectId: h.projectId, buildingId: h.buildingId, unitId: h.unitId } : null;
  }

  /** The one house-label join: label and project of each house id that exists. */
  async houseLabels(
    houseIds: readonly (number | null | undefined)[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<number, HouseLabel>> {
    const ids = [...new Set(houseIds.filter((id): id is number => typeof id === 'number'))];
    if (!ids.length) return new Map();
    const rows = await tx
      .createQueryBuilder(House, 'h')
      .innerJoin(Building, 'b', 'b.id = h.building_id')
      .innerJoin(Unit, 'u', 'u.id = h.unit_id')
      .innerJoin(Project, 'p', 'p.id = h.project_id')
      .select(['h.id AS id', 'h.project_id AS project_id', 'h.building_id AS building_id', 'h.unit_id AS unit_id'])
      .addSelect(['b.name AS building', 'u.name AS unit', 'h.room_no AS room_no', 'p.name AS project'])
      .where('h.id IN (:...ids)', { ids })
      .getRawMany<Record<string, string | number>>();
    return new Map(rows.map((r) => [Number(r.id), houseFromRow(r)]));
  }

  /** Names of buildings by id (report rows grouped by building). */
  async buildingNames(
    buildingIds: readonly number[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<number, string>> {
    const ids = [...new Set(buildingIds)];
    const rows = ids.length
      ? await tx.getRepository(Building).find({ select: { id: true, name: true }, where: { id: In(ids) } })
      : [];
    return new Map(rows.map((b) => [b.id, b.name]));
  }

  /** The project's buildings among `ids` (all of them when `ids` is null), by id: the announcement audience. */
  async projectBuildings(
    projectId: number,
    ids: readonly number[] | null,
    tx: EntityManager = this.db.manager,
  ): Promise<Map<number, string>> {
    if (ids && !ids.length) return new Map();
    const rows = await tx.getRepository(Building).find({
      select: { id: true, name: true },
      where: ids ? { projectId, id: In([...new Set(ids)]) } : { projectId },
      order: { id: 'ASC' },
    });
    return new Map(rows.map((b) => [b.id, b.name]));
  }

  /** Ids of the houses in these buildings of the project (the whole project when `buildingIds` is null). */
  async houseIdsInBuildings(
    projectId: number,
    buildingIds: readonly number[] | null,
    tx: EntityManager = this.db.manager,
  ): Promise<number[]> {
    const qb = tx.createQueryBuilder(House, 'h').select('h.id', 'id').where('h.project_id = :projectId', { projectId });
    if (buildingIds) {
      if (!buildingIds.length) return [];
      qb.andWhere('h.building_id IN (:...buildingIds)', { buildingIds: [...buildingIds] });
    }
    return (await qb.orderBy('h.id', 'ASC').getRawMany<{ id: number }>()).map((r) => Number(r.id));
  }

  /**
   * The houses of a project that bills are written for, as an embeddable SELECT (columns house_id,
   * building_id, unit_id, area_hundredths, house_type, billing_start_date), optionally limited to an id range.
   * Every house gets a bill; `billing_start_date` (计费起始日, "YYYY-MM-DD" or NULL = from the start) tells the
   * recurring line sources from which day the house is billed.
   */
  billableHousesSelect(projectId: number, range?: { from: number; to: number }): OwnedSelect {
    const sql =
      'SELECT h.id AS house_id, h.building_id AS building_id, h.unit_id AS unit_id, h.area_hundredths AS area_hundredths, h.type AS house_type,' +
      ' h.billing_start_date AS billing_start_date' +
      ' FROM houses h WHERE h.project_id = ?' +
      (range ? ' AND h.id BETWEEN ? AND ?' : '');
    return { sql, params: range ? [projectId, range.from, range.to] : [projectId] };
  }

  /** Ids of a project's houses after `afterId`, ascending: the bill run's next batch (and the count of all). */
  async houseIdsAfter(
    projectId: number,
    afterId: number,
    limit: number,
    tx: EntityManager = this.db.manager,
  ): Promise<number[]> {
    const rows = await tx
      .createQueryBuilder(House, 'h')
      .select('h.id', 'id')
      .where('h.project_id = :projectId AND h.id > :afterId', { projectId, afterId })
      .orderBy('h.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  /** Houses of these projects whose building, unit or room contains `text` (staff's bill search). */
  async houseIdsMatching(
    projectIds: readonly number[],
    text: string,
    tx: EntityManager = this.db.manager,
  ): Promise<number[]> {
    if (!projectIds.length) return [];
    const like = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const rows = await tx
      .createQueryBuilder(House, 'h')
      .innerJoin(Building, 'b', 'b.id = h.building_id')
      .innerJoin(Unit, 'u', 'u.id = h.unit_id')
      .select('h.id', 'id')
      .where('h.project_id IN (:...projectIds)', { projectIds })
      .andWhere("(h.room_no LIKE :like ESCAPE '!' OR b.name LIKE :like ESCAPE '!' OR u.name LIKE :like ESCAPE '!')", {
        like,
      })
      .limit(5000)
      .getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  async houseCount(projectId: number, tx: EntityManager = this.db.manager): Promise<number> {
    return tx.getRepository(House).countBy({ projectId });
  }

  /**
   * Project names and house labels in ONE statement (ticket lists and the new ticket's answer need both):
   * the projects by id, UNION ALL the houses with their building, unit and project.
   */
  async places(projectIds: readonly number[], houseIds: readonly (number | null | undefined)[]): Promise<Places> {
    return readPlaces(this.db, projectIds, houseIds);
  }

  /** Owned joins for other modules' statements (a new ticket's intake lookup): property-joins.ts. */
  readonly placeJoin = placeJoin;
  readonly houseManagersJoin = houseManagersJoin;

  /** Customer managers assigned to the building, in the order they were assigned. */
  async buildingManagers(buildingId: number, tx: EntityManager = this.db.manager): Promise<number[]> {
    const rows: { user_id: number }[] = await tx.query(
      'SELECT user_id FROM building_managers WHERE building_id = ? ORDER BY id',
      [buildingId],
    );
    return rows.map((m) => Number(m.user_id));
  }

  /** The company's money rules (docs/domain.md §4), defaults when never set. */
  async moneyRules(companyId: number, tx: EntityManager = this.db.manager): Promise<MoneyRules> {
    const row = await tx.getRepository(CompanySettings).findOneBy({ companyId });
    return {
      cashLimitFen: row?.cashLimitFen ?? DEFAULT_CASH_LIMIT_FEN,
      waiverMonthlyCapFen: row?.waiverMonthlyCapFen ?? DEFAULT_WAIVER_MONTHLY_CAP_FEN,
    };
  }

  /** Inside the caller's (audited) transaction; a unique violation means a parallel first save won. */
  async saveMoneyRules(tx: EntityManager, companyId: number, rules: MoneyRules): Promise<void> {
    const repo = tx.getRepository(CompanySettings);
    if (await repo.existsBy({ companyId })) await repo.update({ companyId }, rules);
    else await repo.insert({ companyId, ...rules });
  }
}
