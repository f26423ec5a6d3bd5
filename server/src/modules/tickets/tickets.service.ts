import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import {
  ChargeConfirmation, ErrorCode, IPage, IPageQuery, ITicket, ITicketEvent, Permission, PriceListKind, RepairScope, Role, TicketActor, TicketChannel, TicketKind, TicketStatus,
  RESIDENT_FINISHED_STATUSES, ResidentTicketFilter, TERMINAL_STATUSES, UserKind, isPaidWork,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { ChargesService } from '../charges/charges.service';
import { pageOf, pageWindow } from '../../common/pagination.dto';
import { MyTicketsQueryDto, ProjectPageQueryDto } from './dto/list-query.dto';
import { Principal, holds } from '../../common/principal';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { CatalogService } from '../catalog/catalog.service';
import { AccessService } from '../identity/access.service';
import { isUniqueViolation } from '../../database/errors';
import { MediaService } from '../media/media.service';
import { UserDirectory } from '../identity/user-directory.service';
import { HouseLabel, PropertyDirectory } from '../property/property-directory.service';
import { CreateTicketDto, TicketListQueryDto } from './dto/ticket.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { TicketAccess } from './ticket-access.service';
import { TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { PageFilter, inList, loadPage } from './ticket-pages';
import { nextSerial } from './ticket-serials';
import { insertRow } from '../../database/raw-rows';
import { TicketSlaFactsService } from './ticket-sla-facts.service';
import { Ticket, TicketMedia } from './ticket.entity';

@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly tickets: TicketAccess,
    private readonly views: TicketViews,
    private readonly transitions: TicketTransitions,
    private readonly catalog: CatalogService,
    private readonly media: MediaService,
    private readonly notifications: NotificationsService,
    private readonly property: PropertyDirectory,
    private readonly residents: BindingDirectory,
    private readonly users: UserDirectory,
    private readonly charges: ChargesService,
    private readonly slaFacts: TicketSlaFactsService,
  ) {}

  async create(principal: Principal, dto: CreateTicketDto, idempotencyKey: string | null = null): Promise<ITicket> {
    if (idempotencyKey) {
      const earlier = await this.db.getRepository(Ticket).findOneBy({ reporterId: principal.userId, clientRequestId: idempotencyKey });
      if (earlier) return this.respondCreated(principal, earlier.id);
    }
    const resident = principal.kind === UserKind.Resident;
    if (resident) {
      for (const field of ['projectId', 'channel'] as const) {
        if (dto[field] !== undefined && dto[field] !== null) throw DomainException.validation(field, `${field} 由系统确定，住户不能填写`);
      }
    } else if (!holds(principal, Permission.TicketIntake)) {
      throw DomainException.forbidden('只有客户经理可以代住户登记工单');
    }
    const kind = dto.kind;
    const scope = kind === TicketKind.Repair ? dto.scope ?? null : null;
    if (kind === TicketKind.Repair && !scope) throw DomainException.validation('scope', '报修须选择户内（home）或公共区域（public）');
    const paid = isPaidWork(kind, scope);

    // House, project and their names in one statement; the same answer labels the new ticket's view.
    const places = await this.property.places(dto.houseId ? [] : dto.projectId ? [dto.projectId] : [], dto.houseId ? [dto.houseId] : []);
    let house: HouseLabel | null = null;
    if (dto.houseId) {
      house = places.houses.get(dto.houseId) ?? null;
      if (!house) throw DomainException.notFound('房屋');
    }
    let binding: { name: string; phone: string } | null = null;
    if (resident) {
      if (!house) throw DomainException.validation('houseId', '请选择您已认证的房屋');
      binding = await this.residents.approvedContact(principal.userId, house.id);
      if (!binding) throw DomainException.notFound('房屋');
    } else {
      if (!house && !dto.projectId) throw DomainException.validation('houseId', '请选择房屋，公共区域报修可只选项目');
      if (house && dto.projectId && dto.projectId !== house.projectId) throw DomainException.validation('projectId', '房屋不属于该项目');
      if (!dto.contactPhone) throw DomainException.validation('contactPhone', '代登记须填写住户联系电话');
    }
    if ((paid || kind === TicketKind.Service) && !house) throw DomainException.validation('houseId', '户内维修和特约服务须选择房屋');
    const projectId = house?.projectId ?? dto.projectId!;
    if (!resident) this.access.assertProject(principal, projectId, Permission.TicketIntake);
    const project = places.projects.get(projectId);
    if (!project) throw DomainException.notFound('项目');

    let category = dto.category.trim();
    let feeItemCode: string | null = null;
    if (kind === TicketKind.Service) {
      if (!dto.feeItemCode) throw DomainException.validation('feeItemCode', '预约特约服务须选择收费项目');
      const schedule = await this.catalog.inForce(PriceListKind.FeeSchedule, projectId);
      const item = schedule ? await this.catalog.feeItem(schedule.id, dto.feeItemCode) : null;
      if (!item) throw new DomainException(ErrorCode.UnknownScheduleItem, '该服务不在已公示的收费标准中', HttpStatus.UNPROCESSABLE_ENTITY, { fields: [{ field: 'feeItemCode', message: '未公示的收费项目' }] });
      feeItemCode = item.code;
      category = item.categoryCode;
    }
    const preferredStart = dto.preferredStart ? new Date(dto.preferredStart) : null;
    const preferredEnd = dto.preferredEnd ? new Date(dto.preferredEnd) : null;
    if (preferredStart && preferredEnd && preferredEnd <= preferredStart) throw DomainException.validation('preferredEnd', '结束时间须晚于开始时间');

    const intake = await this.intakeStaff(projectId, house?.buildingId ?? null);
    const mediaIds = [...new Set(dto.mediaIds ?? [])];
    const at = now();
    // MySQL/MariaDB: the number is drawn in its own statement before the transaction. Drawn inside it, the
    // counter row stayed locked until commit and every create of the project queued behind it (P2: 20 of 20
    // connections waiting on that row). A create that fails after drawing leaves its number unused (serials
    // are unique, not gapless). SQLite runs one transaction at a time anyway and shares one connection, so
    // there the number is drawn inside the transaction.
    const drawn = this.db.options.type === 'better-sqlite3' ? null : await nextSerial(this.db.manager, project, at);
    let created: Ticket | null = null;
    const id = await runInTransaction(this.db, async (tx) => {
      if (idempotencyKey && (await tx.getRepository(Ticket).existsBy({ reporterId: principal.userId, clientRequestId: idempotencyKey }))) {
        return (await tx.getRepository(Ticket).findOneByOrFail({ reporterId: principal.userId, clientRequestId: idempotencyKey })).id;
      }
      const serial = drawn ?? (await nextSerial(tx, project, at));
      const row: Omit<Ticket, 'id'> = {
        projectId, houseId: house?.id ?? null, buildingId: house?.buildingId ?? null, serial, kind, scope, paid, category, feeItemCode,
        urgency: dto.urgency, description: dto.description.trim(), channel: resident ? TicketChannel.MiniProgram : dto.channel ?? TicketChannel.Phone,
        status: TicketStatus.Submitted, version: 0, onHold: false, holdReason: null, technicianId: null, dispatchMode: 'pool', poolOpen: false,
        poolDeadline: null, needsSupervisor: false, visitAt: null, reworkCount: 0, escalated: false, priceExplainedAt: null, preferredStart, preferredEnd,
        contactName: dto.contactName?.trim() || binding?.name || null, contactPhone: dto.contactPhone ?? binding?.phone ?? null,
        reporterId: principal.userId, clientRequestId: idempotencyKey, createdBy: principal.userId, reply: null, result: null, cancelReason: null,
        chargeId: null, registeredAt: null, dispatchedAt: null, acceptedAt: null, onSiteAt: null, doneAt: null, verifiedAt: null, visitedAt: null,
        closedAt: null, cancelledAt: null, createdAt: at, updatedAt: at,
      };
      const ticketId = await insertRow(tx, Ticket, row);
      if (mediaIds.length) {
        await this.media.claimForTicket(principal.userId, mediaIds, 'photo', ticketId, tx);
        await tx.getRepository(TicketMedia).insert(mediaIds.map((mediaId) => ({ ticketId, mediaId, stage: 'report' })));
      }
      await this.transitions.event(tx, ticketId, principal.userId, resident ? TicketActor.Resident : TicketActor.CustomerManager, 'submit', null, TicketStatus.Submitted, null);
      await this.notifications.enqueue(tx, { recipients: intake, ref: `ticket:${ticketId}:created`,
        kind: 'ticket.submitted', title: `新${dto.urgency === 'emergency' ? '紧急' : ''}工单 ${serial}`, body: dto.description.slice(0, 100), ticketId,
      });
      created = { ...row, id: ticketId };
      return ticketId;
    }).catch(async (error) => {
      // Two retries raced past the lookup: the unique (reporter, key) index kept one; answer with it.
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      return (await this.db.getRepository(Ticket).findOneByOrFail({ reporterId: principal.userId, clientRequestId: idempotencyKey })).id;
    });
    const fresh = created as Ticket | null;
    if (fresh?.id !== id) return this.respondCreated(principal, id);
    // The new ticket is known whole: no read-back, and nothing hangs on it yet but its report photos.
    // actorsFor reads nothing here: the caller reported it, and a fresh ticket is in no pool.
    return this.views.one(fresh, await this.tickets.actorsFor(principal, fresh), principal.userId, this.tickets.canSeeContactPhone(principal, fresh), false, {
      outcomes: new Map(), places, children: { links: mediaIds.map((mediaId) => ({ ticketId: id, mediaId, stage: 'report' })), signatures: [] },
    });
  }

  private async respondCreated(principal: Principal, id: number): Promise<ITicket> {
    const ticket = await this.tickets.find(id);
    return this.views.one(ticket, await this.tickets.actorsFor(principal, ticket), principal.userId, this.tickets.canSeeContactPhone(principal, ticket));
  }

  private async intakeStaff(projectId: number, buildingId: number | null): Promise<number[]> {
    if (buildingId !== null) {
      const managers = await this.property.buildingManagers(buildingId);
      if (managers.length) return managers;
    }
    return this.users.usersWithRole(projectId, Role.CustomerManager);
  }

  async detail(principal: Principal, id: number): Promise<ITicket> {
    const { ticket, actors } = await this.tickets.forViewer(principal, id);
    const phoneVisible = this.tickets.canSeeContactPhone(principal, ticket);
    const poolViewer = actors.includes(TicketActor.Technician) && ticket.poolOpen && ticket.technicianId !== principal.userId;
    const view = await this.views.one(ticket, actors, principal.userId, phoneVisible, poolViewer && !(await this.tickets.underCap(principal.userId)));
    // Deadlines are for the people doing the work (technicians and staff), not for the resident's view.
    const sla = actors.some((a) => a !== TicketActor.Resident) ? await this.slaFacts.deadlinesOf(ticket) : undefined;
    return { ...view, customerManager: await this.views.customerManager(ticket, actors), ...(sla ? { sla } : {}) };
  }

  async timeline(principal: Principal, id: number): Promise<ITicketEvent[]> {
    const { ticket } = await this.tickets.forViewer(principal, id);
    const staff = this.access.canActOnProject(principal, ticket.projectId, Permission.TicketView) || ticket.technicianId === principal.userId;
    return this.views.timeline(ticket.id, !staff);
  }

  /**
   * What waits for the resident comes first on every page (a quote to sign sat below 15 closed tickets).
   * Four statements besides the guard's: houses (bindings), their ticket charges (charges), the page with its
   * one-to-one parts, then the view's photos, places and technicians (see TicketViews.many).
   */
  async mine(principal: Principal, query: MyTicketsQueryDto): Promise<IPage<ITicket>> {
    const houses = await this.tickets.residentHouseIds(principal.userId);
    const charges = await this.charges.ticketChargesOfHouses(houses);
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
      order: { urgency: 'ASC', id: 'ASC' }, take: 100,
    });
    const mine = await this.tickets.poolJobsFor(principal, open);
    const atCap = mine.length > 0 && !(await this.tickets.underCap(principal.userId));
    // Qualification is decided in code, so the page is cut after filtering.
    const shown = pageOf(mine, query);
    return { ...shown, items: await this.views.many(shown.items, () => [TicketActor.Technician], principal.userId, false, atCap) };
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
      order: { urgency: 'ASC', id: 'ASC' }, skip, take: pageSize,
    });
    return { items: await this.views.many(rows, () => [TicketActor.Supervisor], principal.userId), total, page, pageSize };
  }

  async escalated(principal: Principal, query: ProjectPageQueryDto): Promise<IPage<ITicket>> {
    const { projectId } = query;
    const { page, pageSize, skip } = pageWindow(query);
    this.access.assertProject(principal, projectId, Permission.TicketEscalation);
    const [rows, total] = await this.db.getRepository(Ticket).findAndCount({
      where: { projectId, escalated: true, status: Not(In(TERMINAL_STATUSES as TicketStatus[])) }, order: { id: 'DESC' }, skip, take: pageSize,
    });
    return { items: await this.views.many(rows, () => [TicketActor.ProjectManager], principal.userId), total, page, pageSize };
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
    const items = await this.views.many(rows, (t) => (actorsOf ? actorsOf(t) : actors.get(t.id) ?? []), principal.userId, false, false, { outcomes, confirmations });
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
