import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  DEFAULT_SERVICE_CATEGORIES,
  ErrorCode,
  IPage,
  IServiceCategory,
  Permission,
  PriceListKind,
  PriceListStatus,
  UserKind,
  can,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import { Principal, projectIdsFor } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../../database/errors';
import { PropertyDirectory } from '../property/property-directory.service';
import { FeeCategory, PriceListVersion } from './price-list.entity';
import { ServiceCategory } from './service-category.entity';
import { SERVICE_CATEGORY_CODE, ServiceCategoryQueryDto, UpsertServiceCategoryDto } from './dto/service-category.dto';

/** How dispatch treats one category of one company. */
export interface CategoryRule {
  code: string;
  name: string | null;
  /** False: no rule yet — nobody qualifies until the quality centre maps it (fail closed, never "anyone"). */
  configured: boolean;
  openToAll: boolean;
  skills: string[];
}

export function splitSkills(raw: string): string[] {
  return raw ? raw.split(',').filter(Boolean) : [];
}

/** Whether a technician with `skills` qualifies for the category under `rule`. */
export function ruleAdmits(rule: CategoryRule, skills: readonly string[]): boolean {
  if (!rule.configured) return false;
  return rule.openToAll || skills.some((s) => rule.skills.includes(s));
}

/**
 * Ticket categories as company data (label + qualifying skills or open to all). Dispatch (assign, pool,
 * auto) asks `rulesFor`; the console edits them; every UI label comes from here.
 */
@Injectable()
export class ServiceCategoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async companyOfProject(projectId: number, tx: EntityManager = this.db.manager): Promise<number> {
    const project = await this.property.project(projectId, tx);
    if (!project) throw DomainException.notFound('项目');
    return project.companyId;
  }

  /** Rules for the given codes of one company, read once for a batch of tickets. */
  async rulesFor(
    companyId: number,
    codes: string[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<string, CategoryRule>> {
    const unique = [...new Set(codes)];
    const rows = unique.length ? await tx.getRepository(ServiceCategory).findBy({ companyId, code: In(unique) }) : [];
    return new Map(
      unique.map((code) => {
        const row = rows.find((r) => r.code === code);
        return [
          code,
          row
            ? {
                code,
                name: row.name,
                configured: true,
                openToAll: Boolean(row.openToAll),
                skills: splitSkills(row.skills),
              }
            : { code, name: null, configured: false, openToAll: false, skills: [] },
        ];
      }),
    );
  }

  /**
   * code → the name people see for a project's categories: the company's rule, else the published fee
   * schedule's category — the same names as `list` (and so the console); files built on the server use it.
   */
  async labelsForProject(projectId: number): Promise<Map<string, string>> {
    const companyId = await this.companyOfProject(projectId);
    const labels = new Map<string, string>();
    for (const c of await this.scheduleCategories(companyId)) if (!labels.has(c.code)) labels.set(c.code, c.name);
    for (const r of await this.db.getRepository(ServiceCategory).findBy({ companyId })) labels.set(r.code, r.name);
    return labels;
  }

  async ruleForProject(projectId: number, code: string, tx: EntityManager = this.db.manager): Promise<CategoryRule> {
    return (await this.rulesFor(await this.companyOfProject(projectId, tx), [code], tx)).get(code)!;
  }

  /**
   * The company's categories: every rule, plus the categories of the fee schedules in force that have no
   * rule yet (`configured: false`, flagged in the console). One page shape like every list.
   */
  async list(principal: Principal, query: ServiceCategoryQueryDto): Promise<IPage<IServiceCategory>> {
    const companyId = await this.readableCompany(principal, query);
    const rows = await this.db
      .getRepository(ServiceCategory)
      .find({ where: { companyId }, order: { sortOrder: 'ASC', id: 'ASC' } });
    const all: IServiceCategory[] = rows.map((r) => ({
      code: r.code,
      name: r.name,
      skills: splitSkills(r.skills),
      openToAll: Boolean(r.openToAll),
      sortOrder: r.sortOrder,
      configured: true,
    }));
    for (const c of await this.scheduleCategories(companyId)) {
      if (!all.some((x) => x.code === c.code))
        all.push({
          code: c.code,
          name: c.name,
          skills: [],
          openToAll: false,
          sortOrder: c.sortOrder,
          configured: false,
        });
    }
    const { page, pageSize, skip } = pageWindow({ page: query.page, pageSize: query.pageSize ?? 200 });
    return { items: all.slice(skip, skip + pageSize), total: all.length, page, pageSize };
  }

  async upsert(principal: Principal, rawCode: string, dto: UpsertServiceCategoryDto): Promise<IServiceCategory> {
    const code = rawCode.trim();
    if (!SERVICE_CATEGORY_CODE.test(code))
      throw DomainException.validation('code', '类别代码（code）须为大写字母、数字或短横线，最多 16 位');
    this.assertEditor(principal, dto.companyId);
    const skills = [...new Set(dto.skills)];
    if (dto.openToAll && skills.length)
      throw DomainException.validation('skills', '已设为「不限技能」时不能再选择技能');
    if (!dto.openToAll && !skills.length) {
      throw new DomainException(
        ErrorCode.CategoryNotConfigured,
        '请为该类别选择至少一项技能，或明确设为「不限技能」',
        HttpStatus.UNPROCESSABLE_ENTITY,
        {
          fields: [{ field: 'skills', message: '请选择至少一项技能，或设为不限技能' }],
        },
      );
    }
    const name = dto.name.trim();
    const save = () =>
      this.db.transaction(async (tx) => {
        const repo = tx.getRepository(ServiceCategory);
        const before = await repo.findOneBy({ companyId: dto.companyId, code });
        const after = {
          name,
          skills: skills.join(','),
          openToAll: dto.openToAll,
          sortOrder: dto.sortOrder ?? before?.sortOrder ?? 0,
          updatedBy: principal.userId,
          updatedAt: now(),
        };
        if (before) await repo.update({ id: before.id }, after);
        else await repo.insert({ companyId: dto.companyId, code, ...after });
        const saved = await repo.findOneByOrFail({ companyId: dto.companyId, code });
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'service_category.upsert',
          entityType: 'service_category',
          entityId: saved.id,
          companyId: dto.companyId,
          before: before
            ? { code, name: before.name, skills: before.skills, openToAll: Boolean(before.openToAll) }
            : null,
          after: { code, name, skills: after.skills, openToAll: dto.openToAll },
        });
        return saved;
      });
    let saved: ServiceCategory;
    try {
      saved = await save();
    } catch (error) {
      // Two first-time saves of one code raced on the insert; the row exists now, so the retry updates it.
      if (!isUniqueViolation(error)) throw error;
      saved = await save();
    }
    return {
      code,
      name: saved.name,
      skills: splitSkills(saved.skills),
      openToAll: Boolean(saved.openToAll),
      sortOrder: saved.sortOrder,
      configured: true,
    };
  }

  /** Default rules for a company created after the migration (demo seed, test tenants). Idempotent. */
  static async seedDefaults(tx: EntityManager, companyId: number): Promise<void> {
    const repo = tx.getRepository(ServiceCategory);
    const existing = new Set((await repo.findBy({ companyId })).map((r) => r.code));
    const at = now();
    const missing = DEFAULT_SERVICE_CATEGORIES.filter((c) => !existing.has(c.code));
    if (!missing.length) return;
    await repo.insert(
      missing.map((c) => ({
        companyId,
        code: c.code,
        name: c.name,
        skills: c.skills.join(','),
        openToAll: c.openToAll,
        sortOrder: DEFAULT_SERVICE_CATEGORIES.indexOf(c) + 1,
        updatedBy: null,
        updatedAt: at,
      })),
    );
  }

  private async scheduleCategories(companyId: number): Promise<FeeCategory[]> {
    const versions = await this.db.getRepository(PriceListVersion).find({
      select: { id: true },
      where: { companyId, kind: PriceListKind.FeeSchedule, status: PriceListStatus.Published },
    });
    if (!versions.length) return [];
    return this.db
      .getRepository(FeeCategory)
      .find({ where: { versionId: In(versions.map((v) => v.id)) }, order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  /** Editors read by companyId; any staff member of a project reads its company's labels by projectId. */
  private async readableCompany(principal: Principal, query: ServiceCategoryQueryDto): Promise<number> {
    if (query.projectId) {
      if (principal.kind !== UserKind.Staff || !projectIdsFor(principal).has(query.projectId))
        throw DomainException.notFound('项目');
      return this.companyOfProject(query.projectId);
    }
    if (!query.companyId) throw DomainException.validation('companyId', '请提供 companyId 或 projectId');
    this.assertEditor(principal, query.companyId);
    return query.companyId;
  }

  private assertEditor(principal: Principal, companyId: number): void {
    // The quality centre (and admins) decide which technicians qualify for a category, company-wide.
    if (!can(principal.grants, Permission.CategoryEdit, { companyId })) throw DomainException.notFound('公司');
  }
}
