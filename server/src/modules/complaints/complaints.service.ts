import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  ComplaintChannel,
  IComplaint,
  IComplaintDetail,
  IComplaintListQuery,
  ICreateComplaintRequest,
  IPage,
  IPageQuery,
} from '@app/shared';
import { Permission, Role, UserKind } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import type { Principal } from '../../common/principal';
import { addMinutes, now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { AccessService } from '../identity/access.service';
import { UserDirectory } from '../identity/user-directory.service';
import { MediaService } from '../media/media.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { TicketAccess } from '../tickets/ticket-access.service';
import { ComplaintPolicies } from './complaint-policies.service';
import { complaintNumber } from './complaint-rules';
import { ComplaintViews, ViewerRights } from './complaint-views';
import { Complaint, ComplaintEvent } from './complaint.entity';

interface Origin {
  projectId: number;
  houseId: number | null;
  buildingId: number | null;
  ticketId: number | null;
  complainantId: number | null;
  contactName: string | null;
  contactPhone: string | null;
  channel: ComplaintChannel;
}

/** Filing, reading and listing complaints; the lifecycle actions are in ComplaintActions. */
@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly tickets: TicketAccess,
    private readonly bindings: BindingDirectory,
    private readonly property: PropertyDirectory,
    private readonly users: UserDirectory,
    private readonly media: MediaService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly policies: ComplaintPolicies,
    readonly views: ComplaintViews,
  ) {}

  async create(me: Principal, dto: ICreateComplaintRequest): Promise<IComplaintDetail> {
    const origin = me.kind === UserKind.Resident ? await this.residentOrigin(me, dto) : await this.staffOrigin(me, dto);
    const mediaIds = await this.media.assertOwnPhotos(me.userId, dto.mediaIds ?? []);
    const policy = await this.policies.get(origin.projectId);
    const at = now();
    const id = await runInTransaction(this.db, async (tx) => {
      const row = await tx.getRepository(Complaint).insert({
        ...origin,
        category: dto.category,
        description: dto.description,
        status: 'open',
        version: 0,
        investigatorId: null,
        contactDueAt: addMinutes(at, policy.contactMinutes),
        contactedAt: null,
        resolveDueAt: addMinutes(at, policy.resolveMinutes),
        resolvedAt: null,
        closedAt: null,
        resolution: null,
        responsibleUserId: null,
        cause: null,
        disputeCount: 0,
        escalated: false,
        contactBreached: false,
        resolveBreached: false,
        createdBy: me.userId,
        createdAt: at,
        updatedAt: at,
      });
      const complaintId = Number(row.identifiers[0].id);
      await this.event(tx, complaintId, me.userId, 'create', null, 'open', dto.description, mediaIds, false);
      await this.audit.record(tx, {
        actorId: me.userId,
        action: 'complaint.create',
        entityType: 'complaint',
        entityId: complaintId,
        projectId: origin.projectId,
        companyId: await this.companyOf(origin.projectId, tx),
        after: { status: 'open', category: dto.category, ticketId: origin.ticketId, channel: origin.channel },
      });
      const number = complaintNumber(complaintId);
      await this.notifications.enqueue(tx, {
        kind: 'complaint.registered',
        recipients: [origin.complainantId],
        ref: `complaint:${complaintId}:registered`,
        objectId: complaintId,
        title: '您的投诉已登记',
        body: `投诉 ${number} 已登记，我们将在 ${policy.contactMinutes} 分钟内与您联系。`,
        facts: { serial: number, subject: dto.description, status: '已登记' },
      });
      const staff = (await this.intakeStaff(tx, origin.projectId, origin.buildingId)).filter((u) => u !== me.userId);
      await this.notifications.enqueue(tx, {
        kind: 'complaint.new',
        recipients: staff,
        ref: `complaint:${complaintId}:new`,
        objectId: complaintId,
        title: '新投诉待处理',
        body: `${number} ${dto.description}`.slice(0, 200),
        facts: { serial: number, subject: dto.description, status: '新投诉' },
      });
      return complaintId;
    });
    return this.detail(me, id);
  }

  async detail(me: Principal, id: number): Promise<IComplaintDetail> {
    const c = await this.load(me, id);
    return this.views.detail(c, this.rights(me, c.projectId));
  }

  async mine(me: Principal, query: IPageQuery): Promise<IPage<IComplaint>> {
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.db
      .getRepository(Complaint)
      .findAndCount({ where: { complainantId: me.userId }, order: { id: 'DESC' }, skip, take: pageSize });
    return { items: await this.views.list(rows, { staff: false, fullPhone: false }), total, page, pageSize };
  }

  async list(me: Principal, query: IComplaintListQuery): Promise<IPage<IComplaint>> {
    this.access.assertProject(me, query.projectId, Permission.ComplaintView);
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.db
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .where('c.project_id = :projectId', { projectId: query.projectId });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.overdue === 'true') {
      qb.andWhere("c.status <> 'closed'").andWhere(
        '(c.contact_breached = :yes OR c.resolve_breached = :yes OR (c.contacted_at IS NULL AND c.contact_due_at < :at) OR (c.resolved_at IS NULL AND c.resolve_due_at < :at))',
        { yes: true, at: now() },
      );
    }
    const [rows, total] = await qb.orderBy('c.id', 'DESC').skip(skip).take(pageSize).getManyAndCount();
    return { items: await this.views.list(rows, this.rights(me, query.projectId)), total, page, pageSize };
  }

  /** Residents their own complaints; staff their projects' (with complaint.view). Anything else is a 404. */
  async load(me: Principal, id: number, tx: EntityManager = this.db.manager): Promise<Complaint> {
    const c = await tx.getRepository(Complaint).findOneBy({ id });
    const visible =
      c &&
      (me.kind === UserKind.Resident
        ? c.complainantId === me.userId
        : this.access.canActOnProject(me, c.projectId, Permission.ComplaintView));
    if (!c || !visible) throw DomainException.notFound('投诉');
    return c;
  }

  rights(me: Principal, projectId: number): ViewerRights {
    const staff = me.kind !== UserKind.Resident;
    return { staff, fullPhone: staff && this.access.canActOnProject(me, projectId, Permission.TicketContactPhone) };
  }

  async event(
    tx: EntityManager,
    complaintId: number,
    actorId: number | null,
    action: string,
    from: string | null,
    to: string | null,
    note: string | null,
    mediaIds: number[],
    internal: boolean,
  ): Promise<void> {
    await tx.getRepository(ComplaintEvent).insert({
      complaintId,
      actorId,
      action,
      fromStatus: from as Complaint['status'] | null,
      toStatus: to as Complaint['status'] | null,
      note,
      mediaIds: mediaIds.length ? mediaIds.join(',') : null,
      internal,
      createdAt: now(),
    });
  }

  /** The building's customer managers, else the project's. */
  /** The project's company, which audit rows carry: the administrator's 审计日志 shows the company's rows only. */
  async companyOf(projectId: number, tx: EntityManager): Promise<number | null> {
    return (await this.property.project(projectId, tx))?.companyId ?? null;
  }

  async intakeStaff(tx: EntityManager, projectId: number, buildingId: number | null): Promise<number[]> {
    const managers = buildingId === null ? [] : await this.property.buildingManagers(buildingId, tx);
    return managers.length ? managers : this.users.usersWithRole(projectId, Role.CustomerManager, tx);
  }

  private async residentOrigin(me: Principal, dto: ICreateComplaintRequest): Promise<Origin> {
    const ticket = dto.ticketId ? await this.tickets.find(dto.ticketId) : null;
    if (ticket && !(await this.tickets.isResidentOf(me, ticket))) throw DomainException.notFound('工单');
    const houseId = dto.houseId ?? ticket?.houseId ?? null;
    if (houseId === null) throw DomainException.validation('houseId', '请选择投诉涉及的房屋');
    if (ticket && ticket.houseId !== null && ticket.houseId !== houseId)
      throw DomainException.validation('ticketId', '所选工单不属于该房屋');
    const own = (ticket && ticket.houseId === houseId) || (await this.bindings.isApprovedResident(me.userId, houseId));
    const house = own ? await this.property.house(houseId) : null;
    if (!house) throw DomainException.notFound('房屋');
    const contact = await this.bindings.approvedContact(me.userId, houseId);
    return {
      projectId: house.projectId,
      houseId,
      buildingId: house.buildingId,
      ticketId: ticket?.id ?? null,
      complainantId: me.userId,
      contactName: contact?.name ?? me.name,
      contactPhone: contact?.phone ?? null,
      channel: 'mini_program',
    };
  }

  private async staffOrigin(me: Principal, dto: ICreateComplaintRequest): Promise<Origin> {
    const ticket = dto.ticketId ? await this.tickets.find(dto.ticketId) : null;
    const houseId = dto.houseId ?? ticket?.houseId ?? null;
    const house = houseId === null ? null : await this.property.house(houseId);
    if (houseId !== null && !house) throw DomainException.notFound('房屋');
    const projectId = ticket?.projectId ?? house?.projectId ?? dto.projectId ?? null;
    if (projectId === null) throw DomainException.validation('projectId', '请选择项目');
    if (!this.access.canActOnProject(me, projectId, Permission.ComplaintHandle)) {
      if (this.access.canActOnProject(me, projectId)) throw DomainException.forbidden('您的角色不能登记投诉');
      throw DomainException.notFound(ticket ? '工单' : '项目');
    }
    if ((ticket && ticket.projectId !== projectId) || (house && house.projectId !== projectId))
      throw DomainException.validation('houseId', '房屋与工单不属于同一项目');
    // The resident who reported the request is the complainant when they are a verified resident of the house.
    const reporter =
      ticket && houseId !== null && (await this.bindings.isApprovedResident(ticket.reporterId, houseId))
        ? ticket.reporterId
        : null;
    if (dto.channel === 'return_visit' && !ticket)
      throw DomainException.validation('ticketId', '回访不满意转投诉须关联工单');
    return {
      projectId,
      houseId,
      buildingId: house?.buildingId ?? null,
      ticketId: ticket?.id ?? null,
      complainantId: reporter,
      contactName: dto.contactName ?? ticket?.contactName ?? null,
      contactPhone: dto.contactPhone ?? ticket?.contactPhone ?? null,
      channel: dto.channel && dto.channel !== 'mini_program' ? dto.channel : 'phone',
    };
  }
}
