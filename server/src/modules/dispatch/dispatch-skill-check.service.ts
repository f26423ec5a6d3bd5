import { HttpStatus, Injectable } from '@nestjs/common';
import { ErrorCode, Role } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { AuditService } from '../audit/audit.service';
import { CategoryRule, ruleAdmits } from '../catalog/service-category.service';
import { UserDirectory } from '../identity/user-directory.service';
import { TechnicianDirectory } from '../property/technician-directory.service';
import { TicketAccess } from '../tickets/ticket-access.service';
import type { TicketRecord as Ticket } from '../tickets/ticket.types';
import type { AssignExtra } from './technician-assignment.service';

export interface SkillOverride {
  override?: boolean;
  reason?: string;
}

interface OverrideNote {
  reason: string;
  requiredSkills: string[];
  technicianSkills: string[];
  technicianId: number;
  eventReason: string;
}

/** Whether a technician may be given a ticket: of the project, and with the category's skills unless overridden. */
@Injectable()
export class DispatchSkillCheck {
  constructor(
    private readonly tickets: TicketAccess,
    private readonly audit: AuditService,
    private readonly users: UserDirectory,
    private readonly technicians: TechnicianDirectory,
  ) {}

  /**
   * A supervisor picks the technician (docs/domain.md §3), but never silently outside the category's skills:
   * without the skill the dispatch is refused unless it carries an explicit override with a reason, which
   * is recorded on the ticket event and in the audit log.
   */
  async assertSkilled(ticket: Ticket, technicianId: number, override?: SkillOverride): Promise<OverrideNote | null> {
    const rule: CategoryRule = (await this.tickets.rulesOf([ticket]))(ticket);
    const profile = await this.technicians.profile(technicianId);
    if (!profile) throw DomainException.validation('technicianId', '该用户不是维修师傅');
    if (ruleAdmits(rule, profile.skills)) return null;
    const label = rule.name ? `${rule.name}（${rule.code}）` : rule.code;
    const overrideReason = override?.override ? override.reason?.trim() : undefined;
    if (!overrideReason) {
      if (override?.override)
        throw DomainException.validation('overrideReason', '破例派单须填写原因（overrideReason）');
      const details = {
        requiredSkills: rule.skills,
        technicianSkills: profile.skills,
        fields: [{ field: 'technicianId', message: '' }],
      };
      if (!rule.configured) {
        details.fields[0].message = `类别 ${label} 尚未设置派单技能`;
        throw new DomainException(
          ErrorCode.CategoryNotConfigured,
          `类别 ${label} 尚未设置所需技能，请先在「派单规则」中设置；如确需派单，请勾选破例派单并填写原因`,
          HttpStatus.UNPROCESSABLE_ENTITY,
          details,
        );
      }
      details.fields[0].message = `该师傅没有所需技能：${rule.skills.join('、')}`;
      throw new DomainException(
        ErrorCode.TechnicianLacksSkill,
        `该师傅没有「${label}」所需技能（${rule.skills.join('、')}），请改派有该技能的师傅；如确需派给他，请勾选破例派单并填写原因`,
        HttpStatus.UNPROCESSABLE_ENTITY,
        details,
      );
    }
    return {
      reason: overrideReason,
      requiredSkills: rule.skills,
      technicianSkills: profile.skills,
      technicianId,
      eventReason: `破例派单（师傅无「${label}」所需技能）：${overrideReason}`,
    };
  }

  overrideEffects(principal: Principal, ticket: Ticket, note: OverrideNote): AssignExtra {
    return {
      data: {
        skillOverride: {
          reason: note.reason,
          requiredSkills: note.requiredSkills,
          technicianSkills: note.technicianSkills,
        },
      },
      effects: async (tx) =>
        this.audit.record(tx, {
          actorId: principal.userId,
          action: 'ticket.dispatch_skill_override',
          entityType: 'ticket',
          entityId: ticket.id,
          projectId: ticket.projectId,
          before: { technicianId: ticket.technicianId },
          after: {
            technicianId: note.technicianId,
            category: ticket.category,
            requiredSkills: note.requiredSkills,
            technicianSkills: note.technicianSkills,
          },
          reason: note.reason,
        }),
    };
  }

  async assertTechnicianOfProject(technicianId: number, projectId: number): Promise<void> {
    const ok = await this.users.hasRole(technicianId, projectId, Role.Technician);
    if (!ok) throw DomainException.validation('technicianId', '该师傅不属于本项目');
  }
}
