import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ISlaPolicy, ISlaPolicyRequest, Urgency } from '@app/shared';
import { now } from '../../common/time';
import { DomainException } from '../../common/domain.exception';
import { isUniqueViolation } from '../../database/errors';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { SLA_DEFAULTS, SlaLimits } from './sla-rules';
import { SlaPolicy } from './sla.entity';

const limitsOf = (p: SlaLimits): SlaLimits => ({
  respondMinutes: p.respondMinutes,
  onSiteMinutes: p.onSiteMinutes,
  resolveMinutes: p.resolveMinutes,
  returnVisitMinutes: p.returnVisitMinutes,
});

/** Policies: the category's row, else the project's '*' row, else the domain defaults of the urgency. */
@Injectable()
export class SlaPolicies {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(projectId: number): Promise<ISlaPolicy[]> {
    const rows = await this.db
      .getRepository(SlaPolicy)
      .find({ where: { projectId }, order: { category: 'ASC', urgency: 'ASC' } });
    const stored = rows.map((r) => ({
      projectId,
      category: r.category,
      urgency: r.urgency,
      ...limitsOf(r),
      isDefault: false,
    }));
    // The defaults are listed too (as '*' rows) where the project has not set its own, so staff see what applies.
    const defaults = (Object.keys(SLA_DEFAULTS) as Urgency[])
      .filter((u) => !rows.some((r) => r.category === '*' && r.urgency === u))
      .map((u) => ({ projectId, category: '*', urgency: u, ...SLA_DEFAULTS[u], isDefault: true }));
    return [...defaults, ...stored];
  }

  /** Upserts the row and records the change (before → after limits) in the audit log in the same transaction. */
  async save(projectId: number, body: ISlaPolicyRequest, actorId: number): Promise<ISlaPolicy> {
    const limits = limitsOf(body);
    await runInTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(SlaPolicy);
      const existing = await repo.findOneBy({ projectId, category: body.category, urgency: body.urgency });
      let id = existing?.id;
      if (existing) await repo.update({ id: existing.id }, { ...limits, updatedAt: now() });
      else {
        // Two first saves of the same row at once: the unique index keeps one; the loser answers 409, not 500.
        const inserted = await repo
          .insert({ projectId, category: body.category, urgency: body.urgency, ...limits, updatedAt: now() })
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) throw DomainException.conflict('该类别的服务时限刚被他人设置，请刷新后再试');
            throw error;
          });
        id = Number(inserted.identifiers[0].id);
      }
      const key = { category: body.category, urgency: body.urgency };
      await this.audit.record(tx, {
        actorId,
        action: 'sla_policy.save',
        entityType: 'sla_policy',
        entityId: id!,
        projectId,
        before: existing ? { ...key, ...limitsOf(existing) } : undefined,
        after: { ...key, ...limits },
      });
    });
    return { projectId, category: body.category, urgency: body.urgency, ...limits, isDefault: false };
  }

  /** The limits of each ticket in one statement for the page. */
  async limitsFor(
    tickets: readonly { id: number; projectId: number; category: string; urgency: string }[],
  ): Promise<Map<number, SlaLimits>> {
    const projects = [...new Set(tickets.map((t) => t.projectId))];
    const rows = projects.length
      ? await this.db.getRepository(SlaPolicy).find({ where: { projectId: In(projects) } })
      : [];
    const out = new Map<number, SlaLimits>();
    for (const t of tickets) {
      const urgency: Urgency = t.urgency === 'emergency' ? 'emergency' : 'normal';
      const row =
        rows.find((r) => r.projectId === t.projectId && r.urgency === urgency && r.category === t.category) ??
        rows.find((r) => r.projectId === t.projectId && r.urgency === urgency && r.category === '*');
      out.set(t.id, row ? limitsOf(row) : SLA_DEFAULTS[urgency]);
    }
    return out;
  }
}
