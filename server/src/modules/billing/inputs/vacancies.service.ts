import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  BillStatus,
  ErrorCode,
  IVacancyApplication,
  Permission,
  VacancyStatus,
  monthsBetween,
  shanghaiMonth,
} from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { BindingDirectory } from '../../bindings/binding-directory.service';
import { AccessService } from '../../identity/access.service';
import { HouseRef, PropertyDirectory } from '../../property/property-directory.service';
import { Bill } from '../billing.entity';
import { VacancyApplication } from './inputs.entity';
import { policyRow } from './late-fee-policy.service';
import type { ApplyVacancyDto, DecideVacancyDto, VacancyQueryDto } from './inputs.dto';

/** At most a year per application: a longer vacancy is re-applied for, so someone looks at it again. */
export const MAX_VACANCY_MONTHS = 12;

/**
 * 空置房优惠: the resident (own approved house) or staff (vacancy.apply) apply; the project manager
 * (vacancy.approve) decides once. The discount percent is the project's at the time of applying.
 */
@Injectable()
export class VacanciesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
    private readonly bindings: BindingDirectory,
  ) {}

  async list(principal: Principal, query: VacancyQueryDto): Promise<IVacancyApplication[]> {
    const may = [Permission.VacancyApply, Permission.VacancyApprove, Permission.BillingView].some((p) =>
      this.access.canActOnProject(principal, query.projectId, p),
    );
    if (!may) throw DomainException.notFound('项目');
    const rows = await this.db.getRepository(VacancyApplication).find({
      where: { projectId: query.projectId, ...(query.status ? { status: query.status } : {}) },
      order: { id: 'DESC' },
      take: 500,
    });
    return this.views(rows);
  }

  async mine(principal: Principal): Promise<IVacancyApplication[]> {
    const houseIds = await this.bindings.approvedHouseIds(principal.userId);
    if (!houseIds.length) return [];
    return this.views(
      await this.db
        .getRepository(VacancyApplication)
        .find({ where: { houseId: In(houseIds) }, order: { id: 'DESC' }, take: 200 }),
    );
  }

  async applyAsStaff(principal: Principal, dto: ApplyVacancyDto): Promise<IVacancyApplication> {
    const house = await this.property.house(dto.houseId);
    if (!house) throw DomainException.notFound('房屋');
    this.access.assertProject(principal, house.projectId, Permission.VacancyApply, '房屋');
    return this.create(principal, house, dto);
  }

  async applyAsResident(principal: Principal, dto: ApplyVacancyDto): Promise<IVacancyApplication> {
    const house = await this.property.house(dto.houseId);
    if (!house || !(await this.bindings.approvedHouseIds(principal.userId)).includes(dto.houseId))
      throw DomainException.notFound('房屋');
    return this.create(principal, house, dto);
  }

  async decide(principal: Principal, id: number, dto: DecideVacancyDto): Promise<IVacancyApplication> {
    const app = await this.db.getRepository(VacancyApplication).findOneBy({ id });
    if (!app || !this.access.canActOnProject(principal, app.projectId, Permission.VacancyApprove))
      throw DomainException.notFound('空置申请');
    const status = dto.approve ? VacancyStatus.Approved : VacancyStatus.Rejected;
    if (!dto.approve && !dto.note) throw DomainException.validation('note', '驳回时请填写原因');
    await runInTransaction(this.db, async (tx) => {
      if (dto.approve) await this.assertNotBilled(tx, app);
      // Decided once: the condition on `pending` makes the second of two concurrent decisions a 409.
      const result = await tx
        .createQueryBuilder()
        .update(VacancyApplication)
        .set({ status, decidedBy: principal.userId, decidedAt: now(), decisionNote: dto.note || null })
        .where('id = :id AND status = :pending', { id, pending: VacancyStatus.Pending })
        .execute();
      if (result.affected !== 1) throw this.alreadyDecided();
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: dto.approve ? 'vacancy.approve' : 'vacancy.reject',
        entityType: 'vacancy_application',
        entityId: id,
        companyId: app.companyId,
        projectId: app.projectId,
        reason: dto.note ?? null,
        before: { status: app.status },
        after: { status, fromPeriod: app.fromPeriod, toPeriod: app.toPeriod, discountPercent: app.discountPercent },
      });
    });
    return (await this.views([await this.db.getRepository(VacancyApplication).findOneByOrFail({ id })]))[0];
  }

  private async create(principal: Principal, house: HouseRef, dto: ApplyVacancyDto): Promise<IVacancyApplication> {
    const current = shanghaiMonth(now());
    if (monthsBetween(dto.fromPeriod, dto.toPeriod) < 0)
      throw DomainException.validation('toPeriod', '结束月份不能早于起始月份');
    if (monthsBetween(dto.fromPeriod, dto.toPeriod) >= MAX_VACANCY_MONTHS)
      throw DomainException.validation('toPeriod', `一次最多申请 ${MAX_VACANCY_MONTHS} 个月`);
    if (dto.fromPeriod < current)
      throw DomainException.validation('fromPeriod', `起始月份不能早于本月（${current}）：已出账的月份不再减免`);
    const project = await this.property.project(house.projectId);
    if (!project) throw DomainException.notFound('项目');
    const id = await runInTransaction(this.db, async (tx) => {
      const percent = (await policyRow(tx, house.projectId))?.vacancyDiscountPercent ?? 0;
      if (percent <= 0) throw DomainException.validation('houseId', '本项目未开放空置房优惠');
      await this.assertNoOverlap(tx, house.id, dto.fromPeriod, dto.toPeriod);
      const res = await tx.getRepository(VacancyApplication).insert({
        companyId: project.companyId,
        projectId: house.projectId,
        houseId: house.id,
        fromPeriod: dto.fromPeriod,
        toPeriod: dto.toPeriod,
        discountPercent: percent,
        reason: dto.reason,
        status: VacancyStatus.Pending,
        appliedBy: principal.userId,
        appliedAt: now(),
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      });
      const newId = Number(res.identifiers[0].id);
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'vacancy.apply',
        entityType: 'vacancy_application',
        entityId: newId,
        companyId: project.companyId,
        projectId: house.projectId,
        reason: dto.reason,
        after: { houseId: house.id, fromPeriod: dto.fromPeriod, toPeriod: dto.toPeriod, discountPercent: percent },
      });
      return newId;
    });
    return (await this.views([await this.db.getRepository(VacancyApplication).findOneByOrFail({ id })]))[0];
  }

  /** A month is discounted at most once: a pending or approved application covering it blocks another. */
  private async assertNoOverlap(tx: EntityManager, houseId: number, from: string, to: string): Promise<void> {
    const clash = await tx
      .getRepository(VacancyApplication)
      .createQueryBuilder('v')
      .where('v.house_id = :houseId AND v.status IN (:...live) AND v.from_period <= :to AND v.to_period >= :from', {
        houseId,
        live: [VacancyStatus.Pending, VacancyStatus.Approved],
        from,
        to,
      })
      .getOne();
    if (clash)
      throw DomainException.conflict(
        `该房屋 ${clash.fromPeriod} 至 ${clash.toPeriod} 已有${clash.status === VacancyStatus.Pending ? '待审批' : '已批准'}的空置申请`,
      );
  }

  /** A bill is never edited: approving a month that is already billed would promise a discount nobody gets. */
  private async assertNotBilled(tx: EntityManager, app: VacancyApplication): Promise<void> {
    const billed = await tx
      .getRepository(Bill)
      .createQueryBuilder('b')
      .select('MIN(b.period)', 'period')
      .where('b.house_id = :houseId AND b.period BETWEEN :from AND :to AND b.status <> :void', {
        houseId: app.houseId,
        from: app.fromPeriod,
        to: app.toPeriod,
        void: BillStatus.Void,
      })
      .getRawOne<{ period: string | null }>();
    if (billed?.period) {
      throw new DomainException(
        ErrorCode.StateConflict,
        `该房屋 ${billed.period} 的账单已生成，不能再批准含该月的空置申请；请驳回，由住户重新申请未出账的月份（已出账月份可用账单调整补偿）`,
        409,
      );
    }
  }

  private alreadyDecided(): DomainException {
    return new DomainException(ErrorCode.StateConflict, '该申请已审批，不能重复审批', 409);
  }

  private async views(rows: VacancyApplication[]): Promise<IVacancyApplication[]> {
    const labels = await this.property.houseLabels(rows.map((r) => r.houseId));
    return rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      houseId: r.houseId,
      houseLabel: labels.get(r.houseId)?.label ?? '',
      fromPeriod: r.fromPeriod,
      toPeriod: r.toPeriod,
      discountPercent: r.discountPercent,
      reason: r.reason,
      status: r.status,
      appliedBy: r.appliedBy,
      appliedAt: r.appliedAt.toISOString(),
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      decisionNote: r.decisionNote,
    }));
  }
}
