import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import {
  AnnouncementStatus,
  Permission,
  type IAnnouncement,
  type IPage,
  type IResidentAnnouncement,
} from '@app/shared';
import { pageWindow } from '../../common/pagination.dto';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AccessService } from '../identity/access.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { Announcement, AnnouncementBuilding, AnnouncementRecipient } from './announcement.entity';
import type { AnnouncementListQueryDto } from './announcements.dto';

/** What the console and residents read of 公告: lists, one notice with its read count, and the resident's read marks. */
@Injectable()
export class AnnouncementsReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
  ) {}

  async list(principal: Principal, query: AnnouncementListQueryDto): Promise<IPage<IAnnouncement>> {
    this.access.assertProject(principal, query.projectId, Permission.AnnouncementManage);
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.db.getRepository(Announcement).findAndCount({
      where: { projectId: query.projectId, ...(query.status ? { status: query.status } : {}) },
      order: { id: 'DESC' },
      skip,
      take: pageSize,
    });
    return { items: await this.views(rows), total, page, pageSize };
  }

  async one(principal: Principal, id: number): Promise<IAnnouncement> {
    const [view] = await this.views([await this.find(principal, id)]);
    return view;
  }

  /** The resident's current notices: published to them and not yet ended, newest first. */
  async mine(principal: Principal): Promise<IResidentAnnouncement[]> {
    const rows = await this.db
      .createQueryBuilder(Announcement, 'a')
      .innerJoin(AnnouncementRecipient, 'r', 'r.announcement_id = a.id AND r.user_id = :userId', {
        userId: principal.userId,
      })
      .where('a.status = :published AND a.ends_at > :at', { published: AnnouncementStatus.Published, at: now() })
      .orderBy('a.publishedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(20)
      .getMany();
    return this.residentViews(
      rows,
      await this.readsOf(
        principal.userId,
        rows.map((a) => a.id),
      ),
    );
  }

  async mineOne(principal: Principal, id: number): Promise<IResidentAnnouncement> {
    const a = await this.db.getRepository(Announcement).findOneBy({ id, status: AnnouncementStatus.Published });
    const reads = a ? await this.readsOf(principal.userId, [a.id]) : new Map<number, Date | null>();
    if (!a || !reads.has(a.id)) throw DomainException.notFound('公告');
    const [view] = await this.residentViews([a], reads);
    return view;
  }

  async markRead(principal: Principal, id: number): Promise<void> {
    const repo = this.db.getRepository(AnnouncementRecipient);
    const result = await repo.update(
      { announcementId: id, userId: principal.userId, readAt: IsNull() },
      { readAt: now() },
    );
    if (!result.affected && !(await repo.existsBy({ announcementId: id, userId: principal.userId })))
      throw DomainException.notFound('公告');
  }

  async find(principal: Principal, id: number): Promise<Announcement> {
    const a = await this.db.getRepository(Announcement).findOneBy({ id });
    if (!a) throw DomainException.notFound('公告');
    this.access.assertProject(principal, a.projectId, Permission.AnnouncementManage, '公告');
    return a;
  }

  private async readsOf(userId: number, ids: number[]): Promise<Map<number, Date | null>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .getRepository(AnnouncementRecipient)
      .find({ where: { userId, announcementId: In(ids) } });
    return new Map(rows.map((r) => [r.announcementId, r.readAt]));
  }

  private async views(rows: Announcement[]): Promise<IAnnouncement[]> {
    if (!rows.length) return [];
    const ids = rows.map((a) => a.id);
    const links = await this.db
      .getRepository(AnnouncementBuilding)
      .find({ where: { announcementId: In(ids) }, order: { buildingId: 'ASC' } });
    const names = await this.property.buildingNames(links.map((l) => l.buildingId));
    const reads: { announcement_id: number; n: number }[] = await this.db
      .createQueryBuilder(AnnouncementRecipient, 'r')
      .select('r.announcement_id', 'announcement_id')
      .addSelect('COUNT(r.read_at)', 'n')
      .where('r.announcement_id IN (:...ids)', { ids })
      .groupBy('r.announcement_id')
      .getRawMany();
    const readBy = new Map(reads.map((r) => [Number(r.announcement_id), Number(r.n)]));
    return rows.map((a) => {
      const buildingIds = links.filter((l) => l.announcementId === a.id).map((l) => l.buildingId);
      return {
        id: a.id,
        projectId: a.projectId,
        template: a.template,
        title: a.title,
        body: a.body,
        buildingIds,
        buildingNames: buildingIds.map((b) => names.get(b) ?? `#${b}`),
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
        status: a.status,
        version: a.version,
        createdAt: a.createdAt.toISOString(),
        publishedAt: a.publishedAt?.toISOString() ?? null,
        withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
        recipients: a.recipientCount,
        read: readBy.get(a.id) ?? 0,
      };
    });
  }

  private async residentViews(rows: Announcement[], reads: Map<number, Date | null>): Promise<IResidentAnnouncement[]> {
    const projects = await this.property.projects(rows.map((a) => a.projectId));
    return rows.map((a) => ({
      id: a.id,
      template: a.template,
      title: a.title,
      body: a.body,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      publishedAt: (a.publishedAt ?? a.updatedAt).toISOString(),
      projectName: projects.get(a.projectId)?.name ?? '',
      readAt: reads.get(a.id)?.toISOString() ?? null,
    }));
  }
}
