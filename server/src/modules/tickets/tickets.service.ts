import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, Not, SelectQueryBuilder } from 'typeorm';
import {
  ErrorCode, IPage, IPageQuery, ITicket, ITicketEvent, Permission, PriceListKind, RepairScope, Role, TicketActor, TicketChannel, TicketKind, TicketStatus,
  RESIDENT_FINISHED_STATUSES, ResidentTicketFilter, TERMINAL_STATUSES, UserKind, isPaidWork, shanghaiDate,
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
import { HouseRef, ProjectRef, PropertyDirectory } from '../property/property-directory.service';
import { CreateTicketDto, TicketListQueryDto } from './dto/ticket.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { TicketAccess } from './ticket-access.service';
import { TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { Ticket, TicketMedia } from './ticket.entity';
import { TicketSerialCounter } from './ticket-support.entity';

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

    let house: HouseRef | null = null;
    if (dto.houseId) {
      house = await this.property.house(dto.houseId);
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
    const project = await this.property.project(projectId);
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

    const id = await runInTransaction(this.db, async (tx) => {
      if (idempotencyKey && (await tx.getRepository(Ticket).existsBy({ reporterId: principal.userId, clientRequestId: idempotencyKey }))) {
        return (await tx.getRepository(Ticket).findOneByOrFail({ reporterId: principal.userId, clientRequestId: idempotencyKey })).id;
      }
      const at = now();
      const serial = await this.nextSerial(tx, project, at);
      const result = await tx.getRepository(Ticket).insert({
        projectId, houseId: house?.id ?? null, buildingId: house?.buildingId ?? null, serial, kind, scope, paid, category, feeItemCode,
        urgency: dto.urgency, description: dto.description.trim(), channel: resident ? TicketChannel.MiniProgram : dto.channel ?? TicketChannel.Phone,
        status: TicketStatus.Submitted, version: 0, onHold: false, holdReason: null, technicianId: null, dispatchMode: 'pool', poolOpen: false,
        poolDeadline: null, needsSupervisor: false, visitAt: null, reworkCount: 0, escalated: false, priceExplainedAt: null, preferredStart, preferredEnd,
        contactName: dto.contactName?.trim() || binding?.name || null, contactPhone: dto.contactPhone ?? binding?.phone ?? null,
        reporterId: principal.userId, clientRequestId: idempotencyKey, createdBy: principal.userId, createdAt: at, updatedAt: at,
      });
      const ticketId = Number(result.identifiers[0].id);
      if (dto.mediaIds?.length) {
        await this.media.claimForTicket(principal.userId, dto.mediaIds, 'photo', ticketId, tx);
        await tx.getRepository(TicketMedia).insert([...new Set(dto.mediaIds)].map((mediaId) => ({ ticketId, mediaId, stage: 'report' })));
      }
      await this.transitions.event(tx, ticketId, principal.userId, resident ? TicketActor.Resident : TicketActor.CustomerManager, 'submit', null, TicketStatus.Submitted, null);
      await this.notifications.enqueue(tx, { recipients: await this.intakeStaff(tx, projectId, house?.buildingId ?? null), ref: `ticket:${ticketId}:created`,
        kind: 'ticket.submitted', title: `新${dto.urgency === 'emergency' ? '紧急' : ''}工单 ${serial}`, body: dto.description.slice(0, 100), ticketId,
      });
      return ticketId;
    }).catch(async (error) => {
      // Two retries raced past the lookup: the unique (reporter, key) index kept one; answer with it.
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      return (await this.db.getRepository(Ticket).findOneByOrFail({ reporterId: principal.userId, clientRequestId: idempotencyKey })).id;
    });
    return this.respondCreated(principal, id);
  }

  private async respondCreated(principal: Principal, id: number): Promise<ITicket> {
    const ticket = await this.tickets.find(id);
    return this.views.one(ticket, await this.tickets.actorsFor(principal, ticket), principal.userId, this.tickets.canSeeContactPhone(principal, ticket));
  }

  /** Serial per project and Shanghai day: <code>-<yyMMdd>-<0001>. The counter row is claimed in the ticket's transaction. */
  private async nextSerial(tx: EntityManager, project: ProjectRef, at: Date): Promise<string> {
    const day = shanghaiDate(at).replace(/-/g, '').slice(2);
    const repo = tx.getRepository(TicketSerialCounter);
    const bump = () => tx.createQueryBuilder().update(TicketSerialCounter).set({ lastSeq: () => 'last_seq + 1' })
      .where('project_id = :projectId AND day = :day', { projectId: project.id, day }).execute();
    if ((await bump()).affected !== 1) {
      try {
        await repo.insert({ projectId: project.id, day, lastSeq: 0 });
      } catch {
        // Another ticket created the day's counter first; the bump below uses it.
      }
      await bump();
    }
    const counter = await repo.findOneByOrFail({ projectId: project.id, day });
    return `${project.code}-${day}-${String(counter.lastSeq).padStart(4, '0')}`;
  }

  private async intakeStaff(tx: EntityManager, projectId: number, buildingId: number | null): Promise<number[]> {
    if (buildingId !== null) {
      const managers = await this.property.buildingManagers(buildingId, tx);
      if (managers.length) return managers;
    }
    return this.users.usersWithRole(projectId, Role.CustomerManager, tx);
  }

  async detail(principal: Principal, id: number): Promise<ITicket> {
    const { ticket, actors } = await this.tickets.forViewer(principal, id);
    const phoneVisible = this.tickets.canSeeContactPhone(principal, ticket);
    const poolViewer = actors.includes(TicketActor.Technician) && ticket.poolOpen && ticket.technicianId !== principal.userId;
    const view = await this.views.one(ticket, actors, principal.userId, phoneVisible, poolViewer && !(await this.tickets.underCap(principal.userId)));
    return { ...view, customerManager: await this.views.customerManager(ticket, actors) };
  }

  async timeline(principal: Principal, id: number): Promise<ITicketEvent[]> {
    const { ticket } = await this.tickets.forViewer(principal, id);
    const staff = this.access.canActOnProject(principal, ticket.projectId, Permission.TicketView) || ticket.technicianId === principal.userId;
    return this.views.timeline(ticket.id, !staff);
  }

  /** What waits for the resident comes first on every page (a quote to sign sat below 15 closed tickets). */
  async mine(principal: Principal, query: MyTicketsQueryDto): Promise<IPage<ITicket>> {
    const houses = await this.tickets.residentHouseIds(principal.userId);
    const todo = residentTodoCondition(await this.charges.unconfirmedTicketIds(houses));
    return this.page(principal, query, (qb) => {
      qb.andWhere(new Brackets((w) => {
        w.where('t.reporter_id = :me', { me: principal.userId });
        if (houses.length) w.orWhere('t.house_id IN (:...houses)', { houses });
      }));
      qb.setParameters(todo.params);
      if (query.filter === ResidentTicketFilter.Todo) qb.andWhere(todo.sql);
      else if (query.filter) {
        qb.andWhere(`t.status ${query.filter === ResidentTicketFilter.Finished ? 'IN' : 'NOT IN'} (:...finished)`, { finished: RESIDENT_FINISHED_STATUSES });
      }
      qb.addSelect(`CASE WHEN ${todo.sql} THEN 0 ELSE 1 END`, 'todo_first').orderBy('todo_first', 'ASC');
    }, () => [TicketActor.Resident]);
  }

  async forProject(principal: Principal, query: TicketListQueryDto): Promise<IPage<ITicket>> {
    const visible = this.access.visibleProjectIds(principal, Permission.TicketView);
    const projectIds = query.projectId ? visible.filter((id) => id === query.projectId) : visible;
    if (query.projectId && !projectIds.length) throw DomainException.notFound('项目');
    return this.page(principal, query, (qb) => qb.andWhere(projectIds.length ? 't.project_id IN (:...projectIds)' : '1 = 0', { projectIds }));
  }

  async jobs(principal: Principal, query: TicketListQueryDto): Promise<IPage<ITicket>> {
    return this.page(principal, query, (qb) => {
      qb.andWhere('t.technician_id = :me', { me: principal.userId });
      if (!query.status) qb.andWhere('t.status NOT IN (:...terminal)', { terminal: TERMINAL_STATUSES });
    }, () => [TicketActor.Technician]);
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
    scope: (qb: SelectQueryBuilder<Ticket>) => void,
    actorsOf?: (t: Ticket) => TicketActor[],
  ): Promise<IPage<ITicket>> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.db.getRepository(Ticket).createQueryBuilder('t').where('1 = 1');
    scope(qb);
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb.addOrderBy('t.id', 'DESC').skip(skip).take(pageSize).getManyAndCount();
    const actors = new Map<number, TicketActor[]>();
    if (!actorsOf) for (const t of rows) actors.set(t.id, await this.tickets.actorsFor(principal, t));
    const items = await this.views.many(rows, (t) => (actorsOf ? actorsOf(t) : actors.get(t.id) ?? []), principal.userId);
    return { items, total, page, pageSize };
  }
}

/** 待我处理 in SQL, matching the resident's actions (quote to sign, acceptance to sign and rate, charge to confirm). */
function residentTodoCondition(unconfirmedTicketIds: number[]): { sql: string; params: Record<string, unknown> } {
  return {
    sql: `(t.on_hold = 0 AND (t.status = :todoQuoted OR (t.status = :todoDone AND (t.scope IS NULL OR t.scope <> :todoPublic))
      OR t.id IN (:...todoUnconfirmed)))`,
    params: {
      todoQuoted: TicketStatus.Quoted, todoDone: TicketStatus.Done, todoPublic: RepairScope.Public,
      // The charges module answers which tickets' charges wait for confirmation; 0 matches no ticket.
      todoUnconfirmed: unconfirmedTicketIds.length ? unconfirmedTicketIds : [0],
    },
  };
}
