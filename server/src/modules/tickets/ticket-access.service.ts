import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { TicketActor, UserKind, Permission, ticketActorsOf } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal, holds, rolesOn } from '../../common/principal';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { CategoryRule, ServiceCategoryService, ruleAdmits } from '../catalog/service-category.service';
import { AccessService } from '../identity/access.service';
import type { OwnedSelect } from '../property/property-directory.service';
import { TechnicianDirectory } from '../property/technician-directory.service';
import { TicketFollower } from './ticket-follower.entity';
import { Ticket } from './ticket.entity';
import { OPEN_JOB_STATUSES } from './ticket.roles';

/**
 * "Who may see or act on this ticket" (docs/domain.md §9): residents their houses' tickets, technicians
 * their jobs and the open pool jobs they qualify for, staff their projects. Anything else is a 404.
 */
@Injectable()
export class TicketAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly categories: ServiceCategoryService,
    private readonly residents: BindingDirectory,
    private readonly technicians: TechnicianDirectory,
  ) {}

  async find(id: number): Promise<Ticket> {
    const ticket = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!ticket) throw DomainException.notFound('工单');
    return ticket;
  }

  /** Serial numbers of tickets other modules link to (complaints), in one statement. */
  async serialsOf(ids: readonly (number | null)[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids.filter((id): id is number => id !== null))];
    if (!unique.length) return new Map();
    const rows = await this.db
      .getRepository(Ticket)
      .find({ select: { id: true, serial: true }, where: { id: In(unique) } });
    return new Map(rows.map((r) => [r.id, r.serial]));
  }

  async residentHouseIds(userId: number): Promise<number[]> {
    return this.residents.approvedHouseIds(userId);
  }

  /** The same houses as bindings' sub-select, for a statement that reads something of them anyway. */
  residentHousesSelect(userId: number): OwnedSelect {
    return this.residents.approvedHouseIdsSelect(userId);
  }

  async isResidentOf(principal: Principal, ticket: Ticket): Promise<boolean> {
    if (principal.kind !== UserKind.Resident) return false;
    if (ticket.reporterId === principal.userId) return true;
    return ticket.houseId !== null && (await this.residentHouseIds(principal.userId)).includes(ticket.houseId);
  }

  /** Open pool job this technician may see: on duty, in the project, qualified for the category, covering the building. */
  async qualifiesForPool(principal: Principal, ticket: Ticket): Promise<boolean> {
    return (await this.poolJobsFor(principal, [ticket])).length === 1;
  }

  /** The open pool jobs among `tickets` this technician qualifies for, reading their profile and coverage once. */
  async poolJobsFor(principal: Principal, tickets: Ticket[]): Promise<Ticket[]> {
    const open = tickets.filter(
      (t) =>
        t.poolOpen &&
        t.status === 'registered' &&
        this.access.canActOnProject(principal, t.projectId, Permission.JobWork),
    );
    if (!open.length) return [];
    const profile = await this.technicians.profile(principal.userId);
    if (!profile?.onDuty) return [];
    const covered = await this.technicians.coveredBuildings(principal.userId);
    const rules = await this.rulesOf(open);
    return open.filter(
      (t) => ruleAdmits(rules(t), profile.skills) && (t.buildingId === null || covered.has(t.buildingId)),
    );
  }

  /**
   * Whether a grab by this technician would pass the open-job cap right now. The pool still shows the jobs
   * (so the technician knows what is waiting) but offers `grab` only when it can succeed.
   */
  async underCap(userId: number): Promise<boolean> {
    const profile = await this.technicians.profile(userId);
    if (!profile) return false;
    return (await this.openJobCount(userId)) < profile.maxOpenJobs;
  }

  async openJobCount(userId: number): Promise<number> {
    return this.db.getRepository(Ticket).count({ where: { technicianId: userId, status: In([...OPEN_JOB_STATUSES]) } });
  }

  /** The category rule of each ticket (company data, see ServiceCategoryService), read once per company. */
  async rulesOf(tickets: Ticket[]): Promise<(t: Ticket) => CategoryRule> {
    const projectIds = [...new Set(tickets.map((t) => t.projectId))];
    const byProject = new Map<number, Map<string, CategoryRule>>();
    for (const projectId of projectIds) {
      const codes = tickets.filter((t) => t.projectId === projectId).map((t) => t.category);
      byProject.set(
        projectId,
        await this.categories.rulesFor(await this.categories.companyOfProject(projectId), codes),
      );
    }
    return (t) => byProject.get(t.projectId)!.get(t.category)!;
  }

  async qualifiedTechnicianIds(ticket: Ticket, candidates?: number[]): Promise<number[]> {
    const rule = (await this.rulesOf([ticket]))(ticket);
    if (!rule.configured) return [];
    const profiles = await this.technicians.onDuty(candidates);
    const skilled = profiles.filter((p) => ruleAdmits(rule, p.skills)).map((p) => p.userId);
    if (!skilled.length || ticket.buildingId === null) return skilled;
    return this.technicians.covering(skilled, ticket.buildingId);
  }

  async forResident(principal: Principal, id: number): Promise<Ticket> {
    const ticket = await this.find(id);
    if (!(await this.isResidentOf(principal, ticket))) throw DomainException.notFound('工单');
    return ticket;
  }

  async forStaff(principal: Principal, id: number, permission: Permission = Permission.TicketView): Promise<Ticket> {
    const ticket = await this.find(id);
    this.access.assertProject(principal, ticket.projectId, permission, '工单');
    return ticket;
  }

  /** The assigned technician only. */
  async forTechnician(principal: Principal, id: number): Promise<Ticket> {
    const ticket = await this.find(id);
    if (ticket.technicianId !== principal.userId) throw DomainException.notFound('工单');
    return ticket;
  }

  /** Anyone allowed to read the ticket, plus the lifecycle roles they can act in. */
  async forViewer(
    principal: Principal,
    id: number,
  ): Promise<{ ticket: Ticket; actors: TicketActor[]; follower?: boolean }> {
    const ticket = await this.find(id);
    const actors = await this.actorsFor(principal, ticket);
    const staffReader = this.access.canActOnProject(principal, ticket.projectId, Permission.TicketView);
    if (actors.length || staffReader) return { ticket, actors };
    // A resident whose duplicate report was merged into this ticket reads it (no actions: they follow, not decide).
    if (principal.kind === UserKind.Resident && (await this.isFollower(principal.userId, ticket.id)))
      return { ticket, actors: [], follower: true };
    throw DomainException.notFound('工单');
  }

  async isFollower(userId: number, ticketId: number): Promise<boolean> {
    return this.db.getRepository(TicketFollower).existsBy({ ticketId, userId });
  }

  /** The full contact phone is for those who call the resident (Permission.TicketContactPhone, the assigned technician). */
  canSeeContactPhone(principal: Principal, ticket: Ticket): boolean {
    return (
      ticket.technicianId === principal.userId ||
      this.access.canActOnProject(principal, ticket.projectId, Permission.TicketContactPhone)
    );
  }

  async actorsFor(principal: Principal, ticket: Ticket): Promise<TicketActor[]> {
    const actors = new Set<TicketActor>();
    if (await this.isResidentOf(principal, ticket)) actors.add(TicketActor.Resident);
    if (
      holds(principal, Permission.JobWork) &&
      (ticket.technicianId === principal.userId || (await this.qualifiesForPool(principal, ticket)))
    ) {
      actors.add(TicketActor.Technician);
    }
    for (const actor of ticketActorsOf(rolesOn(principal, ticket.projectId))) actors.add(actor);
    return [...actors];
  }
}
