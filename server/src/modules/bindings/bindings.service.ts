import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  BindingRelation,
  BindingStatus,
  ErrorCode,
  IBinding,
  IPage,
  UserKind,
  Permission,
  maskPhone,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { PerKeyRateLimiter } from '../../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { pageWindow } from '../../common/pagination.dto';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { isUniqueViolation } from '../../database/errors';
import { UserDirectory } from '../identity/user-directory.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { BindingQueryDto, CallerLookupDto, CreateBindingDto } from './bindings.dto';
import { toBindingView } from './binding.view';
import { HouseBinding } from './house-binding.entity';
import { runInTransaction } from '../../database/transactions';

@Injectable()
export class BindingsService {
  private readonly lookupLimiter: PerKeyRateLimiter;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly users: UserDirectory,
    private readonly property: PropertyDirectory,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.lookupLimiter = new PerKeyRateLimiter(config.callerLookupLimitPerMinute);
  }

  async apply(principal: Principal, dto: CreateBindingDto): Promise<IBinding> {
    if (principal.kind !== UserKind.Resident) throw DomainException.forbidden('仅住户可以申请房屋认证');
    const house = await this.property.house(dto.houseId);
    if (!house) throw DomainException.notFound('房屋');
    const repo = this.db.getRepository(HouseBinding);
    try {
      const result = await repo.insert({
        houseId: house.id,
        projectId: house.projectId,
        userId: principal.userId,
        relation: dto.relation,
        name: dto.name.trim(),
        phone: dto.phone,
        status: BindingStatus.Pending,
        activeKey: `${house.id}:${principal.userId}`,
        rejectReason: null,
        reviewedBy: null,
        reviewedAt: null,
        createdAt: now(),
      });
      return this.view(Number(result.identifiers[0].id));
    } catch (error) {
      if (isUniqueViolation(error))
        throw DomainException.conflict('您已提交过该房屋的认证申请，请等待审核或查看已认证房屋');
      throw error;
    }
  }

  async mine(principal: Principal): Promise<IBinding[]> {
    const rows = await this.db
      .getRepository(HouseBinding)
      .find({ where: { userId: principal.userId }, order: { id: 'DESC' } });
    return this.views(rows);
  }

  /** Applications by family members on houses where the caller is the verified owner. */
  async familyRequests(principal: Principal): Promise<IBinding[]> {
    const owned = await this.ownedHouseIds(principal.userId);
    if (!owned.length) return [];
    const rows = await this.db.getRepository(HouseBinding).find({
      where: { houseId: In(owned), status: BindingStatus.Pending, relation: BindingRelation.Family },
      order: { id: 'DESC' },
    });
    return this.views(rows);
  }

  async list(principal: Principal, query: BindingQueryDto): Promise<IPage<IBinding>> {
    const visible = this.access.visibleProjectIds(principal, Permission.BindingReview);
    const projectIds = query.projectId ? visible.filter((id) => id === query.projectId) : visible;
    const { page, pageSize, skip } = pageWindow(query);
    if (!projectIds.length) return { items: [], total: 0, page, pageSize };
    const where = { projectId: In(projectIds), ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await this.db
      .getRepository(HouseBinding)
      .findAndCount({ where, order: { id: 'DESC' }, skip, take: pageSize });
    return { items: await this.views(rows), total, page, pageSize };
  }

  /**
   * A phone number is personal data: only intake staff of the project may search by it, only verified
   * houses in that project are answered, every search leaves an audit row (masked number, hit count), and
   * one account gets CALLER_LOOKUP_LIMIT_PER_MINUTE searches a minute — a call centre needs a few, a script
   * walking numbers needs thousands.
   */
  /** `permission`: 代客报修 asks with ticket.intake; the cashier desk (按手机号) with payment.collect. */
  async lookupCaller(
    principal: Principal,
    dto: CallerLookupDto,
    permission: Permission = Permission.TicketIntake,
  ): Promise<IBinding[]> {
    this.access.assertProject(principal, dto.projectId, permission);
    const slot = this.lookupLimiter.take(`user:${principal.userId}`);
    if (!slot.ok) {
      throw new DomainException(
        ErrorCode.RateLimited,
        `按手机号查询过于频繁，请 ${slot.retryAfterSeconds} 秒后再试`,
        HttpStatus.TOO_MANY_REQUESTS,
        {
          retryAfterSeconds: slot.retryAfterSeconds,
        },
      );
    }
    const rows = await this.db.getRepository(HouseBinding).find({
      where: { projectId: dto.projectId, phone: dto.phone, status: BindingStatus.Approved },
      order: { id: 'ASC' },
      take: 20,
    });
    await runInTransaction(this.db, (tx) =>
      this.audit.record(tx, {
        actorId: principal.userId,
        action: 'binding.caller_lookup',
        entityType: 'project',
        entityId: dto.projectId,
        projectId: dto.projectId,
        after: { phoneMasked: maskPhone(dto.phone), found: rows.length },
      }),
    );
    return this.views(rows);
  }

  approve(principal: Principal, id: number): Promise<IBinding> {
    return this.review(principal, id, { status: BindingStatus.Approved, activeKey: undefined, rejectReason: null });
  }

  reject(principal: Principal, id: number, reason: string): Promise<IBinding> {
    return this.review(principal, id, { status: BindingStatus.Rejected, activeKey: null, rejectReason: reason.trim() });
  }

  private async review(
    principal: Principal,
    id: number,
    change: { status: BindingStatus; activeKey: null | undefined; rejectReason: string | null },
  ): Promise<IBinding> {
    const binding = await this.db.getRepository(HouseBinding).findOneBy({ id });
    if (!binding) throw DomainException.notFound('认证申请');
    await this.assertReviewer(principal, binding);

    await runInTransaction(this.db, async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .update(HouseBinding)
        .set({
          status: change.status,
          rejectReason: change.rejectReason,
          reviewedBy: principal.userId,
          reviewedAt: now(),
          ...(change.activeKey === null ? { activeKey: null } : {}),
        })
        .where('id = :id AND status = :pending', { id, pending: BindingStatus.Pending })
        .execute();
      if (result.affected !== 1) {
        throw new DomainException(ErrorCode.StateConflict, '该申请已被处理', HttpStatus.CONFLICT, {
          current: await this.view(id),
        });
      }
      if (change.status === BindingStatus.Approved) {
        // The verified name replaces WeChat's placeholder so staff see who they are talking to.
        await this.users.adoptResidentName(tx, binding.userId, binding.name);
      }
    });
    return this.view(id);
  }

  private async assertReviewer(principal: Principal, binding: HouseBinding): Promise<void> {
    if (this.access.canActOnProject(principal, binding.projectId, Permission.BindingReview)) return;
    const ownerMayApprove = binding.relation === BindingRelation.Family && binding.userId !== principal.userId;
    if (ownerMayApprove && (await this.ownedHouseIds(principal.userId)).includes(binding.houseId)) return;
    throw DomainException.notFound('认证申请');
  }

  private async ownedHouseIds(userId: number): Promise<number[]> {
    const rows = await this.db.getRepository(HouseBinding).find({
      select: { houseId: true },
      where: { userId, status: BindingStatus.Approved, relation: BindingRelation.Owner },
    });
    return rows.map((r) => r.houseId);
  }

  private async view(id: number): Promise<IBinding> {
    const row = await this.db.getRepository(HouseBinding).findOneByOrFail({ id });
    return (await this.views([row]))[0];
  }

  /** Bindings of one house, newest first, for the house detail (labels already known to the caller). */
  async ofHouse(
    houseId: number,
    status: BindingStatus | undefined,
    names: { houseLabel: string; projectName: string },
  ): Promise<IBinding[]> {
    const rows = await this.db
      .getRepository(HouseBinding)
      .find({ where: status ? { houseId, status } : { houseId }, order: { id: 'DESC' } });
    return rows.map((b) => toBindingView(b, { ...names, reviewerName: null }));
  }

  private async views(rows: HouseBinding[]): Promise<IBinding[]> {
    if (!rows.length) return [];
    const houses = await this.property.houseLabels(rows.map((r) => r.houseId));
    const reviewers = await this.users.people(rows.map((r) => r.reviewedBy));
    return rows.map((b) => {
      const h = houses.get(b.houseId);
      return toBindingView(b, {
        houseLabel: h?.label ?? '',
        projectName: h?.projectName ?? '',
        reviewerName: (b.reviewedBy === null ? undefined : reviewers.get(b.reviewedBy))?.name ?? null,
      });
    });
  }
}
