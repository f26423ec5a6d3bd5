import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AnnouncementStatus, AnnouncementTemplate } from '@app/shared';
import { instant } from '../../database/columns';

/** 公告: draft → published → withdrawn; `version` guards publish/withdraw races. */
@Entity({ name: 'announcements' })
@Index('ix_announcements_project', ['projectId', 'id'])
export class Announcement {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) projectId: number;
  @Column({ type: 'varchar', length: 16 }) template: AnnouncementTemplate;
  @Column({ type: 'varchar', length: 60 }) title: string;
  @Column({ type: 'varchar', length: 1000 }) body: string;
  @Column(instant()) startsAt: Date;
  @Column(instant()) endsAt: Date;
  @Column({ type: 'varchar', length: 16 }) status: AnnouncementStatus;
  @Column({ type: 'integer', default: 0 }) version: number;
  @Column({ type: 'integer' }) createdBy: number;
  @Column({ type: 'integer', nullable: true }) publishedBy: number | null;
  /** Residents it was published to (also countable from the recipient rows; kept for the list). */
  @Column({ type: 'integer', default: 0 }) recipientCount: number;
  @Column(instant()) createdAt: Date;
  @Column(instant({ nullable: true })) publishedAt: Date | null;
  @Column(instant({ nullable: true })) withdrawnAt: Date | null;
  @Column(instant()) updatedAt: Date;
}

/** The buildings a notice is for; none means the whole project. */
@Entity({ name: 'announcement_buildings' })
@Index('uq_announcement_buildings', ['announcementId', 'buildingId'], { unique: true })
export class AnnouncementBuilding {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) announcementId: number;
  @Column({ type: 'integer' }) buildingId: number;
}

/** One row per resident the notice was published to; `readAt` when they opened it (read counts). */
@Entity({ name: 'announcement_recipients' })
@Index('uq_announcement_recipients', ['announcementId', 'userId'], { unique: true })
@Index('ix_announcement_recipients_user', ['userId', 'announcementId'])
export class AnnouncementRecipient {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer' }) announcementId: number;
  @Column({ type: 'integer' }) userId: number;
  @Column(instant({ nullable: true })) readAt: Date | null;
}
