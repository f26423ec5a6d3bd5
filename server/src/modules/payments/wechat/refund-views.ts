import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Permission, RefundStatus, type IPage, type IRefund } from '@app/shared';
import { pageWindow } from '../../../common/pagination.dto';
import type { Principal } from '../../../common/principal';
import { AccessService } from '../../identity/access.service';
import { UserDirectory } from '../../identity/user-directory.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { Refund } from '../payments.entity';

/** Refunds as the API shows them: the project's list (payment.view or refund.approve) and single views. */
@Injectable()
export class RefundViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
    private readonly users: UserDirectory,
  ) {}

  async list(
    principal: Principal,
    query: { projectId: number; status?: RefundStatus; page?: number; pageSize?: number },
  ): Promise<IPage<IRefund>> {
    const { page, pageSize, skip } = pageWindow(query);
    if (
      !this.access.canActOnProject(principal, query.projectId, Permission.PaymentView) &&
      !this.access.canActOnProject(principal, query.projectId, Permission.RefundApprove)
    )
      return { items: [], total: 0, page, pageSize };
    const [rows, total] = await this.db.getRepository(Refund).findAndCount({
      where: { projectId: query.projectId, ...(query.status ? { status: query.status } : {}) },
      order: { id: 'DESC' },
      skip,
      take: pageSize,
    });
    return { items: await this.views(rows), total, page, pageSize };
  }

  async view(id: number): Promise<IRefund> {
    return (await this.views([await this.db.getRepository(Refund).findOneByOrFail({ id })]))[0];
  }

  async views(rows: Refund[], tx: EntityManager = this.db.manager): Promise<IRefund[]> {
    const [labels, people] = await Promise.all([
      this.property.houseLabels(
        rows.map((r) => r.houseId),
        tx,
      ),
      this.users.people(
        rows.flatMap((r) => [r.requestedBy, r.decidedBy]),
        tx,
      ),
    ]);
    return rows.map((r) => ({
      id: r.id,
      paymentId: r.paymentId,
      projectId: r.projectId,
      houseLabel: labels.get(r.houseId)?.label ?? '',
      method: r.method,
      amountFen: r.amountFen,
      reason: r.reason,
      status: r.status,
      requestedByName: people.get(r.requestedBy)?.name ?? '',
      decidedByName: r.decidedBy ? (people.get(r.decidedBy)?.name ?? null) : null,
      decisionReason: r.decisionReason,
      outRefundNo: r.outRefundNo,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    }));
  }
}
