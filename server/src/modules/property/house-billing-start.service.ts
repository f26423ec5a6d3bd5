import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IHouse, isCalendarDate, Permission } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { runInTransaction } from '../../database/transactions';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { House } from './building.entity';
import { PropertyService } from './property.service';

/**
 * A house's 计费起始日 (e.g. 交房日): the bill run bills recurring lines from that day on and prorates the month
 * that contains it (docs/billing.md "Proration"). A change is audited; it applies to months not yet billed —
 * published bills are never rewritten (a void-and-reissue of a bill reads the date as it is then).
 */
@Injectable()
export class HouseBillingStartService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyService,
  ) {}

  async set(principal: Principal, houseId: number, billingStartDate: string | null): Promise<IHouse> {
    if (billingStartDate !== null && !isCalendarDate(billingStartDate)) {
      throw DomainException.validation('billingStartDate', '计费起始日须为有效日期（YYYY-MM-DD）');
    }
    await runInTransaction(this.db, async (tx) => {
      const house = await tx.getRepository(House).findOneBy({ id: houseId });
      if (!house) throw DomainException.notFound('房屋');
      this.access.assertProject(principal, house.projectId, Permission.HouseEdit, '房屋');
      if (house.billingStartDate === billingStartDate) return;
      await tx.getRepository(House).update({ id: houseId }, { billingStartDate, updatedAt: now() });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'house.billing-start',
        entityType: 'house',
        entityId: houseId,
        companyId: principal.companyId,
        projectId: house.projectId,
        before: { billingStartDate: house.billingStartDate },
        after: { billingStartDate },
      });
    });
    const view = await this.property.houseWithProject(houseId);
    if (!view) throw DomainException.notFound('房屋');
    const { projectName: _projectName, ...house } = view;
    return house;
  }
}
