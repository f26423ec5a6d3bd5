import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import {
  ChargeConfirmation,
  IPage,
  IPageQuery,
  ITicket,
  Permission,
  RepairScope,
  TicketActor,
  TicketStatus,
  RESIDENT_FINISHED_STATUSES,
  ResidentTicketFilter,
  TERMINAL_STATUSES,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageOf, pageWindow } from '../../common/pagination.dto';
import { Principal } from '../../common/principal';
import { ChargesService } from '../charges/charges.service';
import { AccessService } from '../identity/access.service';
import { MyTicketsQueryDto, ProjectPageQueryDto } from './dto/list-query.dto';
import { TicketListQueryDto } from './dto/ticket.dto';
import { TicketAccess } from './ticket-access.service';
import { PageFilter, inList, loadPage } from './ticket-pages';
import { TicketViews } from './ticket-views.service';
import { Ticket } from './ticket.entity';

/** The ticket lists: the resident's, a project's, a technician's jobs and pool, the dispatch and escalation queues. */
@Injectable()
export class TicketLists {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly tickets: TicketAccess,
    private readonly views: TicketViews,
    private readonly charges: ChargesService,
  ) {}

  /**
   * What waits for the resident comes first on every page (a quote to sign sat below 15 closed tickets).
   * Besides the guard's: the houses with their ticket charges (charges over bindings' sub-select), the page with
   * its one-to-one parts and total, then the view's photos, places and technicians (see TicketViews.many).
   */
  async mine(principal: Principal, query: MyTicketsQueryDto): Promise<IPage<ITicket>> {
    const charges = await this.charges.ticketChargesOfHouseSelect(this.tickets.residentHousesSelect(principal.userId));
    const houses = charges.houseIds;
    const todo = residentTodoCondition(charges.unconfirmedTicketIds);
    const mineOrHouses = inList('t.house_id', houses);
    const filter: PageFilter = {
      where: [houses.length ? `(t.reporter_id = ? OR ${mineOrHouses.sql})` : 't.reporter_id = ?'],
      params: [principal.userId, ...(houses.length ? mineOrHouses.params : [])],
      first: { sql: `CASE WHEN ${todo.sql} THEN 0 ELSE 1 END`, params: todo.params },
    };
    if (query.filter === ResidentTicketFilter.Todo) {
      filter.where.push(todo.sql);
      filter.params.push(...todo.params);
    } else if (query.filter) {
      const finished = inList('t.status', RESIDENT_FINISHED_STATUSES);
      filter.where.push(query.filter === ResidentTicketFilter.Finished ? finished.sql : `NOT ${finished.sql}`);
      filter.params.push(...finished.params);
    }
    return this.page(principal, query, filter, () => [TicketActor.Resident], charges.confirmations);
  }

  async forProject(principal: Principal, query: TicketListQueryDto): Promise<IPage<ITicket>> {
    const visible = this.access.visibleProjectIds(principal, Permission.TicketView);
    const projectIds = query.projectId ? visible.filter((id) => id === query.projectId) : visible;
    if (query.projectId && !projectIds.length) throw DomainException.notFound('项目');
    const scope = inList('t.project_id', projectIds);
    return this.page(principal, query, { where: [scope.sql], params: scope.params });
  }

  async jobs(principal: Principal, query: TicketListQueryDto): Promise<IPage<ITicket>> {
    const filter: PageFilter = { where: ['t.technician_id = ?'], params: [principal.userId] };
    if (!query.status) {
      const terminal = inList('t.status', TERMINAL_STATUSES);
      filter.where.push(`NOT ${terminal.sql}`);
      filter.params.push(...terminal.params);
    }
    return this.page(principal, query, filter, () => [TicketActor.Technician]);
  }

  /** Open pool jobs this technician qualifies for. */
  async pool(principal: Principal, query: IPageQuery = {}): Promise<IPage<ITicket>> {
    const projectIds = this.access.visibleProjectIds(principal, Permission.JobWork);
    if (!projectIds.length) return pageOf([], query);
    const open = await this.db.getRepository(Ticket).find({
      where: { projectId: In(projectIds), status: TicketStatus.Registered, poolOpen: true, onHold: false },
      order: { urgency: 'ASC', id: 'ASC' },
      take: 100,
    });
    const mine = await this.tickets.poolJobsFor(principal, open);
    const atCap = mine.length > 0 && !(await this.tickets.underCap(principal.userId));
    // Qualification is decided in code, so the page is cut after filtering.
    const shown = pageOf(mine, query);
    return {
      ...shown,
      items: await this.views.many(shown.items, () => [TicketActor.Technician], principal.userId, false, atCap),
    };
  }

  async dispatchQueue(principal: Principal, query: ProjectPageQueryDto): Promise<IPage<ITicket>> {
    const { projectId } = query;
    const { page, pageSize, skip } = pageWindow(query);
    this.access.assertProject(principal, projectId, Permission.TicketDispatch);
    const [rows, total] = await this.db.getRepository(Ticket).findAndCount({
      where: [
        { projectId, status: TicketStatus.Registered, poolOpen: false },
        { projectId, status: TicketStatus.Registered, needsSupervisor: true },
      ],
      order: { urgency: 'ASC', id: 'ASC' },
      skip,
      take: pageSize,
    });
    return {
      items: await this.views.many(rows, () => [TicketActor.Supervisor], principal.userId),
      total,
      page,
      pageSize,
    };
  }

  async escalated(principal: Principal, query: ProjectPageQueryDto): Promise<IPage<ITicket>> {
    const { projectId } = query;
    const { page, pageSize, skip } = pageWindow(query);
    this.access.assertProject(principal, projectId, Permission.TicketEscalation);
    const [rows, total] = await this.db.getRepository(Ticket).findAndCount({
      where: { projectId, escalated: true, status: Not(In(TERMINAL_STATUSES as TicketStatus[])) },
      order: { id: 'DESC' },
      skip,
      take: pageSize,
    });
    return {
      items: await this.views.many(rows, () => [TicketActor.ProjectManager], principal.userId),
      total,
      page,
      pageSize,
    };
  }

  private async page(
    principal: Principal,
    query: TicketListQueryDto,
    filter: PageFilter,
    actorsOf?: (t: Ticket) => TicketActor[],
    confirmations?: Map<number, ChargeConfirmation>,
  ): Promise<IPage<ITicket>> {
    for (const column of ['status', 'kind'] as const) {
      if (!query[column]) continue;
      filter.where.push(`t.${column} = ?`);
      filter.params.push(query[column]);
    }
    const { tickets: rows, outcomes, total, page, pageSize } = await loadPage(this.db, filter, query);
    const actors = new Map<number, TicketActor[]>();
    if (!actorsOf) for (const t of rows) actors.set(t.id, await this.tickets.actorsFor(principal, t));
    const items = await this.views.many(
      rows,
      (t) => (actorsOf ? actorsOf(t) : (actors.get(t.id) ?? [])),
      principal.userId,
      false,
      false,
      { outcomes, confirmations },
    );
    return { items, total, page, pageSize };
  }
}

/** 待我处理 in SQL, matching the resident's actions (quote to sign, acceptance to sign and rate, charge to confirm). */
function residentTodoCondition(unconfirmedTicketIds: number[]): { sql: string; params: unknown[] } {
  // The charges module answers which tickets' charges wait for confirmation; none leaves that branch out.
  const unconfirmed = inList('t.id', unconfirmedTicketIds);
  return {
    sql: `(t.on_hold = 0 AND (t.status = ? OR (t.status = ? AND (t.scope IS NULL OR t.scope <> ?)) OR ${unconfirmed.sql}))`,
    params: [TicketStatus.Quoted, TicketStatus.Done, RepairScope.Public, ...unconfirmed.params],
  };
}
