import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { now } from '../../common/time';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: number;
  companyId?: number | null;
  projectId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Writes audit rows inside the caller's transaction, so the action and its record commit together. */
@Injectable()
export class AuditService {
  async record(tx: EntityManager, entry: AuditRecord): Promise<void> {
    await tx.getRepository(AuditEntry).insert({
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      companyId: entry.companyId ?? null,
      projectId: entry.projectId ?? null,
      beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
      at: now(),
    });
  }

  forEntity(tx: EntityManager, entityType: string, entityId: number): Promise<AuditEntry[]> {
    return tx.getRepository(AuditEntry).find({ where: { entityType, entityId }, order: { id: 'ASC' } });
  }
}
