import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InboxMessage } from './inbox-message.entity';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The in-app message centre (`/api/inbox`). Only notifications writes to it, from `NotificationsService.enqueue`. */
@Module({
  imports: [TypeOrmModule.forFeature([InboxMessage])],
  controllers: [InboxController],
  providers: [InboxService],
  exports: [InboxService],
})
export class InboxModule {}
