import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IAuditQuery, IPage } from '@app/shared';
import { pageWindow } from '../../common/pagination.dto';
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

/** LIKE with `ESCAPE '!'`: the one escape character both MySQL/MariaDB and SQLite read the same way. */
export const likeEscape = (text: string): string => text.replace(/[!%_]/g, (c) => `!${c}`);

/** Writes audit rows inside the caller's transaction, so the action and its record commit together. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The company's audit trail, newest first, for the administrator's viewer. Many modules record only the
   * project of a change (服务时限, 催单 …): those rows belong to the company through `projectIds`, the
   * company's projects, which the caller reads from property (audit sits below property in the graph).
   */
  async search(companyId: number, query: IAuditQuery, projectIds: readonly number[] = []): Promise<IPage<AuditEntry>> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    if (projectIds.length)
      qb.where('(a.company_id = :companyId OR (a.company_id IS NULL AND a.project_id IN (:...projectIds)))', {
        companyId,
        projectIds: [...projectIds],
      });
    else qb.where('a.company_id = :companyId', { companyId });
    if (query.actorId !== undefined) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId !== undefined) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    // An action filter of "staff" matches staff.create, staff.grant …; a full name matches itself.
    if (query.action)
      qb.andWhere("(a.action = :action OR a.action LIKE :prefix ESCAPE '!')", {
        action: query.action,
        prefix: `${likeEscape(query.action)}.%`,
      });
    if (query.from) qb.andWhere('a.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.at < :to', { to: new Date(query.to) });
    const [items, total] = await qb.orderBy('a.id', 'DESC').skip(skip).take(pageSize).getManyAndCount();
    return { items, total, page, pageSize };
  }

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
