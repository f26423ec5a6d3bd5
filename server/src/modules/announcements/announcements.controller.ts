import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type IAnnouncement, type IPage, type IResidentAnnouncement } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { AnnouncementActionDto, AnnouncementListQueryDto, CreateAnnouncementDto } from './announcements.dto';
import { AnnouncementsReader } from './announcements.reader';
import { AnnouncementsService } from './announcements.service';

/** Residents' notices: only those published to them; anything else is 404. */
@ApiTags('announcements')
@Controller('announcements/mine')
export class MyAnnouncementsController {
  constructor(private readonly announcements: AnnouncementsReader) {}

  @Get()
  mine(@CurrentUser() principal: Principal): Promise<IResidentAnnouncement[]> {
    return this.announcements.mine(principal);
  }

  @Get(':id')
  mineOne(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IResidentAnnouncement> {
    return this.announcements.mineOne(principal, id);
  }

  @Post(':id/read')
  @HttpCode(204)
  markRead(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.announcements.markRead(principal, id);
  }
}

@ApiTags('announcements')
@Controller('announcements')
@Allow(Permission.AnnouncementManage)
export class AnnouncementsController {
  constructor(
    private readonly announcements: AnnouncementsService,
    private readonly reader: AnnouncementsReader,
  ) {}

  @Get()
  list(@CurrentUser() principal: Principal, @Query() query: AnnouncementListQueryDto): Promise<IPage<IAnnouncement>> {
    return this.reader.list(principal, query);
  }

  @Post()
  create(@CurrentUser() principal: Principal, @Body() dto: CreateAnnouncementDto): Promise<IAnnouncement> {
    return this.announcements.create(principal, dto);
  }

  @Get(':id')
  one(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IAnnouncement> {
    return this.reader.one(principal, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  publish(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: AnnouncementActionDto,
  ): Promise<IAnnouncement> {
    return this.announcements.publish(principal, id, dto.version);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: AnnouncementActionDto,
  ): Promise<IAnnouncement> {
    return this.announcements.withdraw(principal, id, dto.version);
  }
}
