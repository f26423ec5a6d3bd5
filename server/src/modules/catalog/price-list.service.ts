import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, IPriceListVersion, PRICE_LIST_STATUS_LABELS, PriceListStatus } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../../database/errors';
import { PropertyDirectory } from '../property/property-directory.service';
import { assertManageScope } from './catalog.roles';
import { CreatePriceListDto } from './dto/price-list.dto';
import { FeeCategory, FeeItem, MaterialPrice, PriceListVersion } from './price-list.entity';
import { runInTransaction } from '../../database/transactions';
import { PriceListReader } from './price-list.reader';

/** Publishing may not start in the past (old quotes keep their prices), allowing for clock skew. */
const PUBLISH_GRACE_MS = 60_000;

/** Creating price-list versions and moving them draft → approved → published (four-eyes, audited). */
@Injectable()
export class PriceListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
    private readonly reader: PriceListReader,
  ) {}

  async create(principal: Principal, dto: CreatePriceListDto): Promise<IPriceListVersion> {
    const regionId = dto.regionId ?? null;
    if (regionId !== null) {
      if (!(await this.property.regionOfCompany(regionId, dto.companyId)))
        throw DomainException.validation('regionId', '区域不属于该公司');
    }
    assertManageScope(principal, dto.companyId, regionId);
    const source = dto.copyFromVersionId ? await this.reader.load(principal, dto.copyFromVersionId) : null;
    if (source && (source.kind !== dto.kind || source.companyId !== dto.companyId)) {
      throw DomainException.validation('copyFromVersionId', '只能复制同一公司、同一类型的价目表');
    }
    // Version numbers are per kind and company; a concurrent create retries with the next number.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const id = await runInTransaction(this.db, async (tx) => {
          const last = await tx.getRepository(PriceListVersion).findOne({
            where: { kind: dto.kind, companyId: dto.companyId },
            order: { versionNo: 'DESC' },
          });
          const at = now();
          const inserted = await tx.getRepository(PriceListVersion).insert({
            kind: dto.kind,
            companyId: dto.companyId,
            regionId,
            versionNo: (last?.versionNo ?? 0) + 1,
            title: dto.title.trim(),
            status: PriceListStatus.Draft,
            effectiveFrom: null,
            publishedKey: null,
            notes: dto.notes ?? null,
            createdBy: principal.userId,
            approvedBy: null,
            approvedAt: null,
            publishedBy: null,
            publishedAt: null,
            createdAt: at,
            updatedAt: at,
          });
          const newId = Number(inserted.identifiers[0].id);
          if (source) await this.copyRows(tx, source.id, newId);
          await this.audit.record(tx, {
            actorId: principal.userId,
            action: 'price_list.create',
            entityType: 'price_list',
            entityId: newId,
            companyId: dto.companyId,
            after: { kind: dto.kind, title: dto.title, copiedFrom: source?.id ?? null },
          });
          return newId;
        });
        return this.reader.view(await this.db.getRepository(PriceListVersion).findOneByOrFail({ id }));
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === 2) throw error;
      }
    }
    throw new Error('unreachable');
  }

  private async copyRows(tx: EntityManager, fromId: number, toId: number): Promise<void> {
    const categories = await tx.getRepository(FeeCategory).findBy({ versionId: fromId });
    const items = await tx.getRepository(FeeItem).findBy({ versionId: fromId });
    const materials = await tx.getRepository(MaterialPrice).findBy({ versionId: fromId });
    const strip = <T extends { id: number; versionId: number }>(rows: T[]) =>
      rows.map(({ id: _id, ...rest }) => ({ ...rest, versionId: toId }));
    if (categories.length) await tx.getRepository(FeeCategory).insert(strip(categories));
    for (let i = 0; i < items.length; i += 200) await tx.getRepository(FeeItem).insert(strip(items.slice(i, i + 200)));
    for (let i = 0; i < materials.length; i += 200)
      await tx.getRepository(MaterialPrice).insert(strip(materials.slice(i, i + 200)));
  }

  async approve(principal: Principal, id: number): Promise<IPriceListVersion> {
    const version = await this.reader.load(principal, id);
    if (version.createdBy === principal.userId) {
      throw DomainException.forbidden('价目表须由起草人以外的人员审批');
    }
    const itemCount = await this.reader.countEntries(version);
    if (!itemCount) throw DomainException.validation('items', '价目表为空，不能审批');
    return this.transition(
      principal,
      version,
      PriceListStatus.Draft,
      { status: PriceListStatus.Approved, approvedBy: principal.userId, approvedAt: now() },
      'price_list.approve',
    );
  }

  async returnToDraft(principal: Principal, id: number): Promise<IPriceListVersion> {
    const version = await this.reader.load(principal, id);
    return this.transition(
      principal,
      version,
      PriceListStatus.Approved,
      { status: PriceListStatus.Draft, approvedBy: null, approvedAt: null },
      'price_list.return_to_draft',
    );
  }

  async publish(principal: Principal, id: number, effectiveFromText?: string): Promise<IPriceListVersion> {
    const version = await this.reader.load(principal, id);
    const effectiveFrom = effectiveFromText ? new Date(effectiveFromText) : now();
    if (effectiveFrom.getTime() < Date.now() - PUBLISH_GRACE_MS) {
      throw DomainException.validation('effectiveFrom', '生效时间不能早于当前时间（历史报价不可改变）');
    }
    const publishedKey = `${version.kind}:${version.companyId}:${version.regionId ?? 0}:${effectiveFrom.toISOString()}`;
    try {
      return await this.transition(
        principal,
        version,
        PriceListStatus.Approved,
        {
          status: PriceListStatus.Published,
          effectiveFrom,
          publishedKey,
          publishedBy: principal.userId,
          publishedAt: now(),
        },
        'price_list.publish',
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict('同一时间已有另一版本生效，请调整生效时间');
      throw error;
    }
  }

  private async transition(
    principal: Principal,
    version: PriceListVersion,
    from: PriceListStatus,
    set: Partial<PriceListVersion>,
    action: string,
  ): Promise<IPriceListVersion> {
    await runInTransaction(this.db, async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .update(PriceListVersion)
        .set({ ...set, updatedAt: now() })
        .where('id = :id AND status = :from', { id: version.id, from })
        .execute();
      if (result.affected !== 1) {
        const current = await tx.getRepository(PriceListVersion).findOneByOrFail({ id: version.id });
        throw new DomainException(
          ErrorCode.StateConflict,
          `价目表当前状态为「${PRICE_LIST_STATUS_LABELS[current.status] ?? current.status}」，不能执行此操作，请刷新`,
          HttpStatus.CONFLICT,
          {
            current: { id: current.id, status: current.status },
          },
        );
      }
      await this.audit.record(tx, {
        actorId: principal.userId,
        action,
        entityType: 'price_list',
        entityId: version.id,
        companyId: version.companyId,
        before: { status: version.status, effectiveFrom: version.effectiveFrom },
        after: set,
      });
    });
    return this.reader.view(await this.db.getRepository(PriceListVersion).findOneByOrFail({ id: version.id }));
  }
}
