import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BillPayState,
  BillStatus,
  Permission,
  type IBill,
  type IBillDetail,
  type IBillListQuery,
  type IPage,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import type { Principal } from '../../common/principal';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { AccessService } from '../identity/access.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { BillViews } from './bill-views';
import { Bill } from './billing.entity';

/** Reading bills: staff over their projects, residents over their own approved houses' published bills. */
@Injectable()
export class BillsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
    private readonly residents: BindingDirectory,
    private readonly views: BillViews,
  ) {}

  async list(principal: Principal, query: IBillListQuery): Promise<IPage<IBill>> {
    const { page, pageSize, skip } = pageWindow(query);
    const visible = this.access.visibleProjectIds(principal, Permission.BillingView);
    const projectIds = query.projectId !== undefined ? visible.filter((id) => id === query.projectId) : visible;
    if (!projectIds.length) return { items: [], total: 0, page, pageSize };
    const qb = this.db
      .getRepository(Bill)
      .createQueryBuilder('b')
      .where('b.project_id IN (:...projectIds)', { projectIds });
    if (query.period) qb.andWhere('b.period = :period', { period: query.period });
    if (query.buildingId !== undefined) qb.andWhere('b.building_id = :buildingId', { buildingId: query.buildingId });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.payState === BillPayState.Paid) qb.andWhere('b.paid_fen >= b.total_fen');
    if (query.payState === BillPayState.Partial) qb.andWhere('b.paid_fen > 0 AND b.paid_fen < b.total_fen');
    if (query.payState === BillPayState.Unpaid) qb.andWhere('b.paid_fen = 0 AND b.total_fen > 0');
    if (query.q) {
      const houseIds = await this.property.houseIdsMatching(projectIds, query.q);
      if (!houseIds.length) return { items: [], total: 0, page, pageSize };
      qb.andWhere('b.house_id IN (:...houseIds)', { houseIds });
    }
    const [rows, total] = await qb
      .orderBy('b.period', 'DESC')
      .addOrderBy('b.house_id', 'ASC')
      .addOrderBy('b.revision', 'DESC')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.views.summaries(rows), total, page, pageSize };
  }

  async detail(principal: Principal, id: number): Promise<IBillDetail> {
    return this.views.detail(await this.staffBill(principal, id, Permission.BillingView));
  }

  /** A bill the staff member may act on with `permission`; anything else is 404. */
  async staffBill(principal: Principal, id: number, permission: Permission): Promise<Bill> {
    const bill = await this.db.getRepository(Bill).findOneBy({ id });
    if (!bill || !this.access.canActOnProject(principal, bill.projectId, permission))
      throw DomainException.notFound('账单');
    return bill;
  }

  /** The resident's published bills over their approved houses, newest first. */
  async mine(principal: Principal, houseId?: number): Promise<IBill[]> {
    const approved = await this.residents.approvedHouseIds(principal.userId);
    const houseIds = houseId !== undefined ? approved.filter((id) => id === houseId) : approved;
    if (!houseIds.length) return [];
    const rows = await this.db
      .getRepository(Bill)
      .createQueryBuilder('b')
      .where('b.house_id IN (:...houseIds) AND b.status = :published', { houseIds, published: BillStatus.Published })
      .orderBy('b.period', 'DESC')
      .addOrderBy('b.house_id', 'ASC')
      .take(240)
      .getMany();
    return this.views.summaries(rows);
  }

  /** Another house's bill, a draft or a voided one all answer 404: ids of others' bills cannot be probed. */
  async mineOne(principal: Principal, id: number): Promise<IBillDetail> {
    const bill = await this.db.getRepository(Bill).findOneBy({ id, status: BillStatus.Published });
    if (!bill || !(await this.residents.isApprovedResident(principal.userId, bill.houseId)))
      throw DomainException.notFound('账单');
    return this.views.detail(bill);
  }
}
