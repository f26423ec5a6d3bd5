import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ErrorCode,
  ITicket,
  ITicketEvent,
  Permission,
  PriceListKind,
  Role,
  TicketActor,
  TicketKind,
  TicketStatus,
  UserKind,
  isPaidWork,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
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
import { CreateTicketDto } from './dto/ticket.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { TicketAccess } from './ticket-access.service';
import { TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { nextSerial } from './ticket-serials';
import { insertRow } from '../../database/raw-rows';
import { TicketChangeFeed } from './ticket-change-feed';
import { TicketSlaFactsService } from './ticket-sla-facts.service';
import { Ticket, TicketMedia } from './ticket.entity';
import { intakeLookup, submittedTicket } from './ticket-intake';

/** One ticket: create (the intake), its detail and its timeline. The lists are TicketLists. */
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
    private readonly slaFacts: TicketSlaFactsService,
    private readonly changes: TicketChangeFeed,
  ) {}

  async create(principal: Principal, dto: CreateTicketDto, idempotencyKey: string | null = null): Promise<ITicket> {
    if (idempotencyKey) {
      const earlier = await this.db
        .getRepository(Ticket)
        .findOneBy({ reporterId: principal.userId, clientRequestId: idempotencyKey });
      if (earlier) return this.respondCreated(principal, earlier.id);
    }
    const resident = principal.kind === UserKind.Resident;
    if (resident) {
      for (const field of ['projectId', 'channel'] as const) {
        if (dto[field] !== undefined && dto[field] !== null)
          throw DomainException.validation(field, `${field} 由系统确定，住户不能填写`);
      }
    } else if (!holds(principal, Permission.TicketIntake)) {
      throw DomainException.forbidden('只有客户经理可以代住户登记工单');
    }
    const kind = dto.kind;
    const scope = kind === TicketKind.Repair ? (dto.scope ?? null) : null;
    if (kind === TicketKind.Repair && !scope)
      throw DomainException.validation('scope', '报修须选择户内（home）或公共区域（public）');
    const paid = isPaidWork(kind, scope);

    // House, project, the resident's binding contact and the building's managers in one statement; the same answer
    // labels the new ticket's view.
    const facts = await intakeLookup(
      this.db,
      { houseId: dto.houseId ?? null, projectId: dto.houseId ? null : (dto.projectId ?? null) },
      (houseColumn, projectColumn) => ({
        place: this.property.placeJoin(projectColumn, houseColumn),
        contact: resident ? this.residents.approvedContactJoin(principal.userId, houseColumn) : null,
        managers: this.property.houseManagersJoin(houseColumn),
      }),
    );
    const { places } = facts;
    let house: HouseLabel | null = null;
    if (dto.houseId) {
      house = places.houses.get(dto.houseId) ?? null;
      if (!house) throw DomainException.notFound('房屋');
    }
    let binding: { name: string; phone: string } | null = null;
    if (resident) {
      if (!house) throw DomainException.validation('houseId', '请选择您已认证的房屋');
      binding = facts.contact;
      if (!binding) throw DomainException.notFound('房屋');
    } else {
      if (!house && !dto.projectId) throw DomainException.validation('houseId', '请选择房屋，公共区域报修可只选项目');
      if (house && dto.projectId && dto.projectId !== house.projectId)
        throw DomainException.validation('projectId', '房屋不属于该项目');
      if (!dto.contactPhone) throw DomainException.validation('contactPhone', '代登记须填写住户联系电话');
    }
    if ((paid || kind === TicketKind.Service) && !house)
      throw DomainException.validation('houseId', '户内维修和特约服务须选择房屋');
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
      if (!item)
        throw new DomainException(
          ErrorCode.UnknownScheduleItem,
          '该服务不在已公示的收费标准中',
          HttpStatus.UNPROCESSABLE_ENTITY,
          { fields: [{ field: 'feeItemCode', message: '未公示的收费项目' }] },
        );
      feeItemCode = item.code;
      category = item.categoryCode;
    }
    const preferredStart = dto.preferredStart ? new Date(dto.preferredStart) : null;
    const preferredEnd = dto.preferredEnd ? new Date(dto.preferredEnd) : null;
    if (preferredStart && preferredEnd && preferredEnd <= preferredStart)
      throw DomainException.validation('preferredEnd', '结束时间须晚于开始时间');

    // The building's customer managers, else the project's.
    const intake = facts.managers.length
      ? facts.managers
      : await this.users.usersWithRole(projectId, Role.CustomerManager);
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
      if (
        idempotencyKey &&
        (await tx.getRepository(Ticket).existsBy({ reporterId: principal.userId, clientRequestId: idempotencyKey }))
      ) {
        return (
          await tx
            .getRepository(Ticket)
            .findOneByOrFail({ reporterId: principal.userId, clientRequestId: idempotencyKey })
        ).id;
      }
      const serial = drawn ?? (await nextSerial(tx, project, at));
      const row = submittedTicket({
        projectId,
        house,
        serial,
        kind,
        scope,
        paid,
        category,
        feeItemCode,
        dto,
        binding,
        reporterId: principal.userId,
        resident,
        idempotencyKey,
        at,
      });
      const ticketId = await insertRow(tx, Ticket, row);
      if (mediaIds.length) {
        await this.media.claimForTicket(principal.userId, mediaIds, 'photo', ticketId, tx);
        await tx.getRepository(TicketMedia).insert(mediaIds.map((mediaId) => ({ ticketId, mediaId, stage: 'report' })));
      }
      await this.transitions.event(
        tx,
        ticketId,
        principal.userId,
        resident ? TicketActor.Resident : TicketActor.CustomerManager,
        'submit',
        null,
        TicketStatus.Submitted,
        null,
      );
      await this.notifications.enqueue(
        tx,
        {
          recipients: intake,
          ref: `ticket:${ticketId}:created`,
          kind: 'ticket.submitted',
          title: `新${dto.urgency === 'emergency' ? '紧急' : ''}工单 ${serial}`,
          body: dto.description.slice(0, 100),
          ticketId,
        },
        // The ticket was inserted just above: no earlier message can carry its ref.
        { newRef: true },
      );
      created = { ...row, id: ticketId };
      return ticketId;
    }).catch(async (error) => {
      // Two retries raced past the lookup: the unique (reporter, key) index kept one; answer with it.
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      return (
        await this.db
          .getRepository(Ticket)
          .findOneByOrFail({ reporterId: principal.userId, clientRequestId: idempotencyKey })
      ).id;
    });
    const fresh = created as Ticket | null;
    if (fresh?.id !== id) return this.respondCreated(principal, id);
    this.changes.emit({
      type: 'ticket.created',
      ticketId: id,
      projectId: fresh.projectId,
      status: fresh.status,
      version: fresh.version,
      action: 'submit',
      at: fresh.createdAt.toISOString(),
    });
    // The new ticket is known whole: no read-back, and nothing hangs on it yet but its report photos.
    // actorsFor reads nothing here: the caller reported it, and a fresh ticket is in no pool.
    return this.views.one(
      fresh,
      await this.tickets.actorsFor(principal, fresh),
      principal.userId,
      this.tickets.canSeeContactPhone(principal, fresh),
      false,
      {
        outcomes: new Map(),
        places,
        children: { links: mediaIds.map((mediaId) => ({ ticketId: id, mediaId, stage: 'report' })), signatures: [] },
      },
    );
  }

  private async respondCreated(principal: Principal, id: number): Promise<ITicket> {
    const ticket = await this.tickets.find(id);
    return this.views.one(
      ticket,
      await this.tickets.actorsFor(principal, ticket),
      principal.userId,
      this.tickets.canSeeContactPhone(principal, ticket),
    );
  }

  async detail(principal: Principal, id: number): Promise<ITicket> {
    const { ticket, actors, follower } = await this.tickets.forViewer(principal, id);
    const phoneVisible = this.tickets.canSeeContactPhone(principal, ticket);
    const poolViewer =
      actors.includes(TicketActor.Technician) && ticket.poolOpen && ticket.technicianId !== principal.userId;
    const view = await this.views.one(
      ticket,
      actors,
      principal.userId,
      phoneVisible,
      poolViewer && !(await this.tickets.underCap(principal.userId)),
    );
    // Deadlines are for the people doing the work (technicians and staff), not for the resident's view.
    const sla = actors.some((a) => a !== TicketActor.Resident) ? await this.slaFacts.deadlinesOf(ticket) : undefined;
    return {
      ...view,
      customerManager: await this.views.customerManager(ticket, actors),
      ...(sla ? { sla } : {}),
      ...(follower ? { followerView: true } : {}),
    };
  }

  async timeline(principal: Principal, id: number): Promise<ITicketEvent[]> {
    const { ticket } = await this.tickets.forViewer(principal, id);
    const staff =
      this.access.canActOnProject(principal, ticket.projectId, Permission.TicketView) ||
      ticket.technicianId === principal.userId;
    return this.views.timeline(ticket.id, !staff);
  }
}
