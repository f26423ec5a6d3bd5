import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ILateFeePolicy, Permission, shanghaiMonth } from '@app/shared';
import { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { LateFeePolicy } from './inputs.entity';
import { LATE_FEE_DEFAULTS } from './late-fee-rule';
import { refuseDuplicate } from './conflicts';
import { ReadingsService } from './readings.service';
import type { UpdateLateFeePolicyDto } from './inputs.dto';

/** A project's late-fee switch and terms, and its vacancy discount percent (docs/billing.md). */
@Injectable()
export class LateFeePolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readings: ReadingsService,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal, projectId: number): Promise<ILateFeePolicy> {
    this.readings.assertCanRead(principal, projectId);
    return view(projectId, await policyRow(this.db.manager, projectId));
  }

  async update(principal: Principal, projectId: number, dto: UpdateLateFeePolicyDto): Promise<ILateFeePolicy> {
    const project = await this.readings.projectFor(principal, projectId, Permission.BillingItemEdit);
    return refuseDuplicate(
      runInTransaction(this.db, async (tx) => {
        const repo = tx.getRepository(LateFeePolicy);
        const existing = await policyRow(tx, projectId);
        const at = now();
        // Switching on starts the accrual clock this month: days while it was off are never charged.
        const enabledFrom = dto.enabled
          ? existing?.enabled
            ? existing.enabledFrom
            : shanghaiMonth(at)
          : (existing?.enabledFrom ?? null);
        const values = {
          enabled: dto.enabled,
          enabledFrom,
          graceDays: dto.graceDays,
          dailyRatePer100k: dto.dailyRatePer100k,
          capPercent: dto.capPercent,
          vacancyDiscountPercent: dto.vacancyDiscountPercent,
          updatedBy: principal.userId,
          updatedAt: at,
        };
        let id: number;
        if (existing) {
          await repo.update({ id: existing.id }, values);
          id = existing.id;
        } else {
          id = Number((await repo.insert({ companyId: project.companyId, projectId, ...values })).identifiers[0].id);
        }
        await this.audit.record(tx, {
          actorId: principal.userId,
          action: 'billing.late-fee-policy',
          entityType: 'late_fee_policy',
          entityId: id,
          companyId: project.companyId,
          projectId,
          before: view(projectId, existing),
          after: view(projectId, { ...values }),
        });
        return view(projectId, await policyRow(tx, projectId));
      }),
    );
  }
}

export function policyRow(manager: EntityManager, projectId: number): Promise<LateFeePolicy | null> {
  return manager.getRepository(LateFeePolicy).findOneBy({ projectId });
}

function view(
  projectId: number,
  row: Pick<
    LateFeePolicy,
    'enabled' | 'graceDays' | 'dailyRatePer100k' | 'capPercent' | 'vacancyDiscountPercent'
  > | null,
): ILateFeePolicy {
  const p = row ?? LATE_FEE_DEFAULTS;
  return {
    projectId,
    enabled: p.enabled,
    graceDays: p.graceDays,
    dailyRatePer100k: p.dailyRatePer100k,
    capPercent: p.capPercent,
    vacancyDiscountPercent: p.vacancyDiscountPercent,
  };
}
