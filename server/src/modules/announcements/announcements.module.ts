import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { BindingsModule } from '../bindings/bindings.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PropertyModule } from '../property/property.module';
import { Announcement, AnnouncementBuilding, AnnouncementRecipient } from './announcement.entity';
import { AnnouncementsController, MyAnnouncementsController } from './announcements.controller';
import { AnnouncementsReader } from './announcements.reader';
import { AnnouncementsService } from './announcements.service';

/**
 * 公告 (docs/announcements.md): owns `announcements`, `announcement_buildings`, `announcement_recipients`.
 * The audience comes from property (houses of the buildings) and bindings (their approved residents);
 * messages go through the outbox; create, publish and withdraw are audited.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Announcement, AnnouncementBuilding, AnnouncementRecipient]),
    AuditModule,
    IdentityModule,
    PropertyModule,
    BindingsModule,
    NotificationsModule,
  ],
  controllers: [MyAnnouncementsController, AnnouncementsController],
  providers: [AnnouncementsService, AnnouncementsReader],
})
export class AnnouncementsModule {}
