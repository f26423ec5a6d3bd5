import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { ISubscribeCredit, ISubscribeReport, ISubscribeTemplates, SubscribeResult } from '@app/shared';
import { CurrentUser } from '../../common/decorators';
import type { Principal } from '../../common/principal';
import { NotificationsService } from './notifications.service';

const RESULTS: SubscribeResult[] = ['accept', 'reject', 'ban', 'filter', 'acceptWithAudio'];

export class SubscribeResultDto {
  @IsString({ message: 'templateId 必须是字符串' })
  @IsNotEmpty({ message: 'templateId（模板编号）不能为空' })
  @MaxLength(64, { message: 'templateId（模板编号）最多 64 个字符' })
  templateId: string;
  @IsIn(RESULTS, { message: `result（订阅结果）只能是 ${RESULTS.join(' / ')}` }) result: SubscribeResult;
}

export class SubscribeReportDto implements ISubscribeReport {
  @IsArray({ message: 'results（订阅结果）必须是数组' })
  @ArrayMaxSize(5, { message: 'results（订阅结果）最多 5 项' })
  @ValidateNested({ each: true })
  @Type(() => SubscribeResultDto)
  results: SubscribeResultDto[];
}

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Which templates to pass to `requestSubscribeMessage` (any signed-in user; residents and technicians ask). */
  @Get('subscribe-templates')
  templates(): ISubscribeTemplates {
    return this.notifications.templates();
  }

  /** The mini-program reports what the user chose; each accept is one send of that template. */
  @Post('subscriptions')
  @HttpCode(200)
  report(@CurrentUser() me: Principal, @Body() body: SubscribeReportDto): Promise<ISubscribeCredit[]> {
    return this.notifications.report(me.userId, body);
  }
}
