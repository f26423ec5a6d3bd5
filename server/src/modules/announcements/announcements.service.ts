import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AnnouncementStatus, ANNOUNCEMENT_STATUS_LABELS, ErrorCode, Permission, type IAnnouncement } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { insertRow } from '../../database/raw-rows';
import { runInTransaction } from '../../database/transactions';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { Announcement, AnnouncementBuilding, AnnouncementRecipient } from './announcement.entity';
import type { CreateAnnouncementDto } from './announcements.dto';
import { AnnouncementsReader } from './announcements.reader';

/** Recipient rows and outbox messages are written this many at a time (bound parameters stay well under both engines' limits). */
const BATCH = 400;
const beijing = (d: Date): string =>
  d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * 公告 (docs/announcements.md). Publishing fixes the audience: the approved residents of the chosen buildings
 * (the whole project when none) at that moment get a recipient row and an in-app message, in the transaction
 * that publishes; read counts come from the recipient rows.
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
    private readonly bindings: BindingDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly reader: AnnouncementsReader,
  ) {}

  async create(principal: Principal, dto: CreateAnnouncementDto): Promise<IAnnouncement> {
    this.access.assertProject(principal, dto.projectId, Permission.AnnouncementManage);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt) throw DomainException.validation('endsAt', '结束时间须晚于开始时间');
    const buildingIds = [...new Set(dto.buildingIds ?? [])];
    if (buildingIds.length) {
      const found = await this.property.projectBuildings(dto.projectId, buildingIds);
      if (found.size !== buildingIds.length) throw DomainException.validation('buildingIds', '所选楼栋不属于该项目');
    }
    const at = now();
    const id = await runInTransaction(this.db, async (tx) => {
      const announcementId = await insertRow(tx, Announcement, {
        projectId: dto.projectId,
        template: dto.template,
        title: dto.title,
        body: dto.body,
        startsAt,
        endsAt,
        status: AnnouncementStatus.Draft,
        version: 0,
        createdBy: principal.userId,
        publishedBy: null,
        recipientCount: 0,
        createdAt: at,
        publishedAt: null,
        withdrawnAt: null,
        updatedAt: at,
      });
      if (buildingIds.length)
        await tx
          .getRepository(AnnouncementBuilding)
          .insert(buildingIds.map((buildingId) => ({ announcementId, buildingId })));
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'announcement.create',
        entityType: 'announcement',
        entityId: announcementId,
        projectId: dto.projectId,
        companyId: await this.companyOf(dto.projectId, tx),
        after: {
          status: AnnouncementStatus.Draft,
          template: dto.template,
          title: dto.title,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          buildingIds,
        },
      });
      return announcementId;
    });
    return this.reader.one(principal, id);
  }

  async publish(principal: Principal, id: number, version: number): Promise<IAnnouncement> {
    const a = await this.reader.find(principal, id);
    if (a.status !== AnnouncementStatus.Draft || a.version !== version) throw this.conflict(a, '发布');
    const at = now();
    if (a.endsAt <= at) throw DomainException.validation('endsAt', '结束时间已过，请修改时间后重新创建');
    await runInTransaction(this.db, async (tx) => {
      const moved = await tx
        .createQueryBuilder()
        .update(Announcement)
        .set({
          status: AnnouncementStatus.Published,
          version: () => 'version + 1',
          publishedAt: at,
          publishedBy: principal.userId,
          updatedAt: at,
        })
        .where('id = :id AND status = :draft AND version = :version', { id, draft: AnnouncementStatus.Draft, version })
        .execute();
      if (moved.affected !== 1)
        throw this.conflict(await tx.getRepository(Announcement).findOneByOrFail({ id }), '发布');
      const recipients = await this.audience(tx, a);
      for (let i = 0; i < recipients.length; i += BATCH) {
        const chunk = recipients.slice(i, i + BATCH);
        await tx
          .getRepository(AnnouncementRecipient)
          .insert(chunk.map((userId) => ({ announcementId: id, userId, readAt: null })));
        await this.notifications.enqueue(tx, {
          kind: 'announcement',
          recipients: chunk,
          ref: `announcement:${id}`,
          objectId: id,
          title: `【公告】${a.title}`,
          body: `${beijing(a.startsAt)} 至 ${beijing(a.endsAt)}：${a.body}`,
          facts: { subject: a.title, status: '已发布', at: a.startsAt.toISOString() },
        });
      }
      await tx.getRepository(Announcement).update({ id }, { recipientCount: recipients.length });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'announcement.publish',
        entityType: 'announcement',
        entityId: id,
        projectId: a.projectId,
        companyId: await this.companyOf(a.projectId, tx),
        before: { status: a.status, version: a.version },
        after: { status: AnnouncementStatus.Published, version: a.version + 1, recipientCount: recipients.length },
      });
    });
    return this.reader.one(principal, id);
  }

  async withdraw(principal: Principal, id: number, version: number): Promise<IAnnouncement> {
    const a = await this.reader.find(principal, id);
    if (a.status !== AnnouncementStatus.Published || a.version !== version) throw this.conflict(a, '撤回');
    const at = now();
    await runInTransaction(this.db, async (tx) => {
      const moved = await tx
        .createQueryBuilder()
        .update(Announcement)
        .set({ status: AnnouncementStatus.Withdrawn, version: () => 'version + 1', withdrawnAt: at, updatedAt: at })
        .where('id = :id AND status = :published AND version = :version', {
          id,
          published: AnnouncementStatus.Published,
          version,
        })
        .execute();
      if (moved.affected !== 1)
        throw this.conflict(await tx.getRepository(Announcement).findOneByOrFail({ id }), '撤回');
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'announcement.withdraw',
        entityType: 'announcement',
        entityId: id,
        projectId: a.projectId,
        companyId: await this.companyOf(a.projectId, tx),
        before: { status: a.status, version: a.version },
        after: { status: AnnouncementStatus.Withdrawn, version: a.version + 1 },
      });
    });
    return this.reader.one(principal, id);
  }

  /** Audit rows carry the company: the administrator's 审计日志 shows the company's rows only. */
  private async companyOf(projectId: number, tx: EntityManager): Promise<number | null> {
    return (await this.property.project(projectId, tx))?.companyId ?? null;
  }

  /** Approved residents of the houses in the announcement's buildings (the project's when none), deduplicated. */
  private async audience(tx: EntityManager, a: Announcement): Promise<number[]> {
    const buildings = (await tx.getRepository(AnnouncementBuilding).find({ where: { announcementId: a.id } })).map(
      (b) => b.buildingId,
    );
    const houses = await this.property.houseIdsInBuildings(a.projectId, buildings.length ? buildings : null, tx);
    const residents = await this.bindings.approvedResidentsOf(houses, tx);
    return [...new Set([...residents.values()].flat())].sort((x, y) => x - y);
  }

  private conflict(a: Announcement, action: string): DomainException {
    return new DomainException(
      ErrorCode.StateConflict,
      `无法${action}：公告当前状态为「${ANNOUNCEMENT_STATUS_LABELS[a.status]}」，可能已被他人处理，请刷新`,
      HttpStatus.CONFLICT,
      {
        current: { id: a.id, status: a.status, version: a.version },
      },
    );
  }
}
