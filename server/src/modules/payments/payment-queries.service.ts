import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Permission,
  type IPage,
  type IPayables,
  type IPayment,
  type IPaymentListQuery,
  type IReceipt,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import type { Principal } from '../../common/principal';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { AccessService } from '../identity/access.service';
import { PaymentViews } from './payment-views';
import { Payment, Receipt } from './payments.entity';
import { PaymentsService } from './payments.service';

/** Start of a Shanghai calendar day as an instant. */
const shanghaiDay = (day: string, plusDays = 0): Date =>
  new Date(Date.parse(`${day}T00:00:00.000+08:00`) + plusDays * 86_400_000);

/** Reading payments and receipts: staff over their projects, residents over their own approved houses. */
@Injectable()
export class PaymentQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly residents: BindingDirectory,
    private readonly payments: PaymentsService,
    private readonly views: PaymentViews,
  ) {}

  async list(principal: Principal, query: IPaymentListQuery): Promise<IPage<IPayment>> {
    const { page, pageSize, skip } = pageWindow(query);
    const visible = this.access.visibleProjectIds(principal, Permission.PaymentView);
    const projectIds = query.projectId !== undefined ? visible.filter((id) => id === query.projectId) : visible;
    if (!projectIds.length) return { items: [], total: 0, page, pageSize };
    const qb = this.db
      .getRepository(Payment)
      .createQueryBuilder('p')
      .where('p.project_id IN (:...projectIds)', { projectIds });
    if (query.houseId !== undefined) qb.andWhere('p.house_id = :houseId', { houseId: query.houseId });
    if (query.method) qb.andWhere('p.method = :method', { method: query.method });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.from) qb.andWhere('p.paid_at >= :from', { from: shanghaiDay(query.from) });
    if (query.to) qb.andWhere('p.paid_at < :to', { to: shanghaiDay(query.to, 1) });
    const [rows, total] = await qb
      .orderBy('p.paid_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.views.payments(rows), total, page, pageSize };
  }

  async receipt(principal: Principal, id: number): Promise<IReceipt> {
    const receipt = await this.db.getRepository(Receipt).findOneBy({ id });
    if (!receipt || !this.access.canActOnProject(principal, receipt.projectId, Permission.PaymentView))
      throw DomainException.notFound('收据');
    return this.views.receipt(receipt);
  }

  /** Another house's items answer 404 (like bills): ids of others' houses cannot be probed. */
  async myPayables(principal: Principal, houseId: number): Promise<IPayables> {
    if (!(await this.residents.isApprovedResident(principal.userId, houseId))) throw DomainException.notFound('房屋');
    return this.payments.payablesOfHouse(houseId);
  }

  async myPayments(
    principal: Principal,
    query: { houseId?: number; page?: number; pageSize?: number },
  ): Promise<IPage<IPayment>> {
    const { page, pageSize, skip } = pageWindow(query);
    const approved = await this.residents.approvedHouseIds(principal.userId);
    const houseIds = query.houseId !== undefined ? approved.filter((id) => id === query.houseId) : approved;
    if (!houseIds.length) return { items: [], total: 0, page, pageSize };
    // Residents see what counts: confirmed payments (a cashier's pending one shows once approved).
    const [rows, total] = await this.db
      .getRepository(Payment)
      .createQueryBuilder('p')
      .where('p.house_id IN (:...houseIds) AND p.status = :confirmed', { houseIds, confirmed: 'confirmed' })
      .orderBy('p.paid_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.views.payments(rows), total, page, pageSize };
  }

  async myReceipt(principal: Principal, id: number): Promise<IReceipt> {
    const receipt = await this.db.getRepository(Receipt).findOneBy({ id });
    if (!receipt || !(await this.residents.isApprovedResident(principal.userId, receipt.houseId)))
      throw DomainException.notFound('收据');
    return this.views.receipt(receipt);
  }
}
