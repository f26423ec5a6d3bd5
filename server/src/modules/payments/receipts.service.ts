import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { now } from '../../common/time';
import { isUniqueViolation } from '../../database/errors';
import { AuditService } from '../audit/audit.service';
import { Receipt, ReceiptCounter } from './payments.entity';

/** Asia/Shanghai calendar year of an instant (receipts are numbered per project and local year). */
export const shanghaiYear = (at: Date): number => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();

export const receiptNumber = (year: number, seq: number): string => `SJ-${year}-${String(seq).padStart(6, '0')}`;

export interface OpenReceiptInput {
  companyId: number;
  projectId: number;
  houseId: number;
  /** The cashier; null for the resident's own WeChat payment. */
  issuedBy: number | null;
}

/**
 * Receipt numbers without gaps or duplicates: the counter row of (project, year) is bumped by a conditional
 * UPDATE inside the payment's transaction (its row lock serialises concurrent receipts; a rolled-back
 * payment rolls its number back too), never by MAX()+1.
 */
@Injectable()
export class ReceiptsService {
  constructor(private readonly audit: AuditService) {}

  async open(tx: EntityManager, input: OpenReceiptInput): Promise<{ id: number; number: string }> {
    const issuedAt = now();
    const year = shanghaiYear(issuedAt);
    const seq = await this.nextSeq(tx, input.projectId, year);
    const number = receiptNumber(year, seq);
    const inserted = await tx.getRepository(Receipt).insert({
      companyId: input.companyId,
      projectId: input.projectId,
      houseId: input.houseId,
      year,
      seq,
      number,
      issuedBy: input.issuedBy,
      issuedAt,
      printCount: 0,
    });
    const id = Number(inserted.identifiers[0].id);
    await this.audit.record(tx, {
      actorId: input.issuedBy,
      action: 'receipt.issue',
      entityType: 'receipt',
      entityId: id,
      companyId: input.companyId,
      projectId: input.projectId,
      after: { number, houseId: input.houseId },
    });
    return { id, number };
  }

  private async nextSeq(tx: EntityManager, projectId: number, year: number): Promise<number> {
    const repo = tx.getRepository(ReceiptCounter);
    for (let attempt = 0; attempt < 2; attempt++) {
      const bumped = await tx
        .createQueryBuilder()
        .update(ReceiptCounter)
        .set({ lastSeq: () => 'last_seq + 1' })
        .where('project_id = :projectId AND year = :year', { projectId, year })
        .execute();
      if (bumped.affected === 1) return (await repo.findOneByOrFail({ projectId, year })).lastSeq;
      // First receipt of the year: create the counter. A concurrent creator wins the unique index; then bump theirs.
      try {
        await repo.insert({ projectId, year, lastSeq: 1 });
        return 1;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new Error(`receipt counter of project ${projectId} / ${year} could not be bumped`);
  }
}
