import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { now } from '../../common/time';
import { AUDIT_REASON_MAX, AuditEntry } from './audit-entry.entity';

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

/**
 * An audit row must never fail the action it records: a reason longer than the column is cut (by code
 * points, so no half surrogate pair is stored) and marked with an ellipsis. The full text stays where the
 * action stored it (the ticket, the event, the charge).
 */
export function fitReason(reason: string | null | undefined): string | null {
  if (reason === undefined || reason === null) return null;
  const chars = Array.from(reason);
  return chars.length <= AUDIT_REASON_MAX ? reason : `${chars.slice(0, AUDIT_REASON_MAX - 1).join('')}…`;
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
      reason: fitReason(entry.reason),
      at: now(),
    });
  }

  forEntity(tx: EntityManager, entityType: string, entityId: number): Promise<AuditEntry[]> {
    return tx.getRepository(AuditEntry).find({ where: { entityType, entityId }, order: { id: 'ASC' } });
  }
}
