import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IComplaintPolicy, IComplaintPolicyRequest } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { isUniqueViolation } from '../../database/errors';
import { COMPLAINT_DEFAULTS } from './complaint-rules';
import { ComplaintPolicy } from './complaint.entity';

/** 投诉时限 per project: the stored row, else the defaults (contact 2 h, resolve 48 h). */
@Injectable()
export class ComplaintPolicies {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(projectId: number, tx: EntityManager = this.db.manager): Promise<IComplaintPolicy> {
    const row = await tx.getRepository(ComplaintPolicy).findOneBy({ projectId });
    return row
      ? { projectId, contactMinutes: row.contactMinutes, resolveMinutes: row.resolveMinutes, isDefault: false }
      : { projectId, ...COMPLAINT_DEFAULTS, isDefault: true };
  }

  async save(projectId: number, body: IComplaintPolicyRequest): Promise<IComplaintPolicy> {
    if (body.resolveMinutes < body.contactMinutes)
      throw DomainException.validation('resolveMinutes', '处理时限不能短于联系时限');
    const repo = this.db.getRepository(ComplaintPolicy);
    const values = { contactMinutes: body.contactMinutes, resolveMinutes: body.resolveMinutes, updatedAt: now() };
    const existing = await repo.findOneBy({ projectId });
    if (existing) await repo.update({ id: existing.id }, values);
    else {
      await repo.insert({ projectId, ...values }).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw DomainException.conflict('投诉时限刚被他人设置，请刷新后再试');
        throw error;
      });
    }
    return { projectId, contactMinutes: body.contactMinutes, resolveMinutes: body.resolveMinutes, isDefault: false };
  }
}
