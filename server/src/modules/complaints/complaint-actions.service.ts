import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type {
  ComplaintStatus,
  IAssignInvestigatorRequest,
  IComplaintDetail,
  IComplaintNoteRequest,
  IResolveComplaintRequest,
} from '@app/shared';
import { COMPLAINT_STATUS_LABELS, ErrorCode, Permission, Role, UserKind } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { UserDirectory } from '../identity/user-directory.service';
import { MediaService } from '../media/media.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { OutgoingMessage } from '../notifications/message.types';
import { FROM, complaintNumber } from './complaint-rules';
import { Complaint } from './complaint.entity';
import { ComplaintsService } from './complaints.service';

type Action = keyof typeof FROM;
const LABEL: Record<Action, string> = {
  assign: '指派',
  contact: '记录联系',
  note: '添加记录',
  resolve: '提交处理结果',
  confirm: '确认',
  dispute: '提出异议',
};
/** Staff roles that may investigate (be assigned) a complaint. */
const INVESTIGATOR_ROLES = [Role.CustomerManager, Role.Supervisor, Role.ProjectManager, Role.Quality];

interface Step {
  action: Action;
  to: ComplaintStatus | null;
  set?: QueryDeepPartialEntity<Complaint>;
  note?: string | null;
  mediaIds?: number[];
  internal?: boolean;
  /** Messages to send in the same transaction, given the updated row. */
  messages?: (c: Complaint, tx: EntityManager) => Promise<OutgoingMessage[]>;
}

/**
 * The complaint lifecycle (docs/complaints.md). Each action: who may, from which status, then one conditional
 * UPDATE on (id, status, version) — exactly one row must move or the caller gets 409 with the current state —
 * and the event, the audit row and the messages commit with it.
 */
@Injectable()
export class ComplaintActions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly access: AccessService,
    private readonly users: UserDirectory,
    private readonly media: MediaService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async assign(me: Principal, id: number, body: IAssignInvestigatorRequest): Promise<IComplaintDetail> {
    const c = await this.complaints.load(me, id);
    this.requireHandler(me, c);
    const roles = await Promise.all(
      INVESTIGATOR_ROLES.map((role) => this.users.hasRole(body.investigatorId, c.projectId, role)),
    );
    if (!roles.some(Boolean))
      throw DomainException.validation('investigatorId', '调查人须为本项目的客服、主管、项目经理或品质人员');
    const people = await this.users.people([body.investigatorId]);
    return this.step(me, c, body.version, {
      action: 'assign',
      to: null,
      set: { investigatorId: body.investigatorId },
      internal: true,
      note: `指派调查人：${people.get(body.investigatorId)?.name ?? body.investigatorId}`,
      messages: async (u) => [
        {
          kind: 'complaint.assigned',
          recipients: [body.investigatorId],
          ref: `complaint:${u.id}:v${u.version}`,
          objectId: u.id,
          title: '您被指派调查一起投诉',
          body: `${complaintNumber(u.id)} ${u.description}`.slice(0, 200),
          facts: { serial: complaintNumber(u.id), subject: u.description, status: '待调查' },
        },
      ],
    });
  }

  async contact(me: Principal, id: number, body: IComplaintNoteRequest): Promise<IComplaintDetail> {
    const c = await this.complaints.load(me, id);
    this.requireWorker(me, c);
    const mediaIds = await this.media.assertOwnPhotos(me.userId, body.mediaIds ?? []);
    return this.step(me, c, body.version, {
      action: 'contact',
      to: 'contacted',
      set: { contactedAt: now(), investigatorId: c.investigatorId ?? me.userId },
      note: body.note,
      mediaIds,
      messages: async (u) => [
        {
          kind: 'complaint.contacted',
          recipients: [u.complainantId],
          ref: `complaint:${u.id}:contacted`,
          objectId: u.id,
          title: '投诉处理人员已与您联系',
          body: `投诉 ${complaintNumber(u.id)} 正在调查处理中。`,
          facts: { serial: complaintNumber(u.id), subject: u.description, status: '调查中' },
        },
      ],
    });
  }

  async note(me: Principal, id: number, body: IComplaintNoteRequest): Promise<IComplaintDetail> {
    const c = await this.complaints.load(me, id);
    this.requireWorker(me, c);
    const mediaIds = await this.media.assertOwnPhotos(me.userId, body.mediaIds ?? []);
    return this.step(me, c, body.version, { action: 'note', to: null, note: body.note, mediaIds, internal: true });
  }

  async resolve(me: Principal, id: number, body: IResolveComplaintRequest): Promise<IComplaintDetail> {
    const c = await this.complaints.load(me, id);
    this.requireWorker(me, c);
    const responsible = body.responsibleUserId ?? null;
    if (responsible !== null && !(await this.users.people([responsible])).has(responsible))
      throw DomainException.validation('responsibleUserId', '责任人不存在');
    return this.step(me, c, body.version, {
      action: 'resolve',
      to: 'resolved',
      note: body.resolution,
      set: {
        resolution: body.resolution,
        cause: body.cause,
        responsibleUserId: responsible,
        resolvedAt: now(),
        investigatorId: c.investigatorId ?? me.userId,
      },
      messages: async (u) => [
        {
          kind: 'complaint.resolved',
          recipients: [u.complainantId],
          ref: `complaint:${u.id}:v${u.version}`,
          objectId: u.id,
          title: '您的投诉已有处理结果',
          body: `投诉 ${complaintNumber(u.id)}：${body.resolution}`.slice(0, 200) + ' 请确认或提出异议。',
          facts: { serial: complaintNumber(u.id), subject: u.description, status: '待确认' },
        },
      ],
    });
  }

  /** The resident accepts; staff with complaint.handle may record an acceptance given by phone. */
  async confirm(me: Principal, id: number): Promise<IComplaintDetail> {
    const c = await this.complaints.load(me, id);
    const resident = me.kind === UserKind.Resident;
    if (!resident) this.requireHandler(me, c);
    return this.step(me, c, undefined, {
      action: 'confirm',
      to: 'closed',
      set: { closedAt: now() },
      note: resident ? null : '业主电话确认处理结果',
    });
  }

  /** The resident disputes: back to the investigator, escalated to the project managers. */
  async dispute(me: Principal, id: number, reason: string): Promise<IComplaintDetail> {
    const c = await this.complaints.load(me, id);
    if (me.kind !== UserKind.Resident) throw DomainException.forbidden('只有投诉人可以提出异议');
    return this.step(me, c, undefined, {
      action: 'dispute',
      to: 'disputed',
      note: reason,
      set: { resolvedAt: null, escalated: true, disputeCount: () => 'dispute_count + 1' },
      messages: async (u, tx) => {
        const managers = await this.users.usersWithRole(u.projectId, Role.ProjectManager, tx);
        return [
          {
            kind: 'complaint.disputed',
            recipients: [u.investigatorId, ...managers],
            ref: `complaint:${u.id}:v${u.version}`,
            objectId: u.id,
            title: '投诉人对处理结果有异议',
            body: `${complaintNumber(u.id)} 异议：${reason}`.slice(0, 200),
            facts: { serial: complaintNumber(u.id), subject: u.description, status: '有异议' },
          },
        ];
      },
    });
  }

  private async step(
    me: Principal,
    c: Complaint,
    expectedVersion: number | undefined,
    s: Step,
  ): Promise<IComplaintDetail> {
    if (!FROM[s.action].includes(c.status) || (expectedVersion !== undefined && expectedVersion !== c.version))
      throw this.conflict(c, s.action);
    const at = now();
    await runInTransaction(this.db, async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .update(Complaint)
        .set({
          ...(s.set ?? {}),
          ...(s.to ? { status: s.to } : {}),
          version: () => 'version + 1',
          updatedAt: at,
        } as QueryDeepPartialEntity<Complaint>)
        .where('id = :id AND status = :from AND version = :version', { id: c.id, from: c.status, version: c.version })
        .execute();
      if (result.affected !== 1)
        throw this.conflict(await tx.getRepository(Complaint).findOneByOrFail({ id: c.id }), s.action);
      const updated = await tx.getRepository(Complaint).findOneByOrFail({ id: c.id });
      await this.complaints.event(
        tx,
        c.id,
        me.userId,
        s.action,
        c.status,
        s.to,
        s.note ?? null,
        s.mediaIds ?? [],
        s.internal ?? false,
      );
      await this.audit.record(tx, {
        actorId: me.userId,
        action: `complaint.${s.action}`,
        entityType: 'complaint',
        entityId: c.id,
        projectId: c.projectId,
        companyId: await this.complaints.companyOf(c.projectId, tx),
        before: { status: c.status, version: c.version, investigatorId: c.investigatorId },
        after: {
          status: updated.status,
          version: updated.version,
          investigatorId: updated.investigatorId,
          cause: updated.cause,
          responsibleUserId: updated.responsibleUserId,
        },
        reason: s.note ?? null,
      });
      for (const message of s.messages ? await s.messages(updated, tx) : [])
        await this.notifications.enqueue(tx, message);
    });
    return this.complaints.detail(me, c.id);
  }

  private requireHandler(me: Principal, c: Complaint): void {
    if (!this.access.canActOnProject(me, c.projectId, Permission.ComplaintHandle))
      throw DomainException.forbidden('您的角色不能处理投诉');
  }

  /** Contact, notes and resolution: the assigned investigator, or a complaint handler of the project. */
  private requireWorker(me: Principal, c: Complaint): void {
    if (c.investigatorId === me.userId && me.kind !== UserKind.Resident) return;
    this.requireHandler(me, c);
  }

  private conflict(current: Complaint, action: Action): DomainException {
    return new DomainException(
      ErrorCode.StateConflict,
      `无法${LABEL[action]}：投诉当前状态为「${COMPLAINT_STATUS_LABELS[current.status]}」，可能已被他人处理，请刷新`,
      HttpStatus.CONFLICT,
      {
        current: {
          id: current.id,
          status: current.status,
          version: current.version,
          investigatorId: current.investigatorId,
        },
      },
    );
  }
}
