import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { ISlaPolicy, ISlaPolicyRequest, Urgency } from '@app/shared';
import { Permission } from '@app/shared';
import { Allow, CurrentUser, Trim } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { AccessService } from '../identity/access.service';
import { SlaPolicies } from './sla-policies.service';

/** Up to 30 days; null switches that clock off for the category. */
function minutesOf(label: string): PropertyDecorator {
  const decorators = [
    ValidateIf((_o, v) => v !== null),
    IsInt({ message: `${label}必须是整数分钟` }),
    Min(1, { message: `${label}至少 1 分钟` }),
    Max(43_200, { message: `${label}最多 43200 分钟` }),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
}

export class SlaPolicyDto implements ISlaPolicyRequest {
  @Trim() @IsString({ message: '类别必须是字符串' }) @IsNotEmpty({ message: '请选择类别（* 表示默认）' }) @MaxLength(32, { message: '类别最多 32 个字符' })
  category: string;

  @IsIn(['emergency', 'normal'], { message: '紧急程度只能是紧急（emergency）或一般（normal）' }) urgency: Urgency;

  @minutesOf('响应时限') respondMinutes: number | null;
  @minutesOf('到场时限') onSiteMinutes: number | null;
  @minutesOf('完成时限') resolveMinutes: number | null;
  @minutesOf('回访时限') returnVisitMinutes: number | null;
}

/** 服务时限 (SLA) per project × category × urgency; the domain defaults apply where no row is stored. */
@ApiTags('sla')
@Controller('projects/:projectId/sla-policies')
export class SlaController {
  constructor(private readonly policies: SlaPolicies, private readonly access: AccessService) {}

  @Get()
  @Allow(Permission.DispatchPolicyView)
  list(@CurrentUser() me: Principal, @Param('projectId', ParseIdPipe) projectId: number): Promise<ISlaPolicy[]> {
    this.access.assertProject(me, projectId, Permission.DispatchPolicyView);
    return this.policies.list(projectId);
  }

  @Put()
  @Allow(Permission.DispatchPolicyEdit)
  save(@CurrentUser() me: Principal, @Param('projectId', ParseIdPipe) projectId: number, @Body() body: SlaPolicyDto): Promise<ISlaPolicy> {
    this.access.assertProject(me, projectId, Permission.DispatchPolicyEdit);
    return this.policies.save(projectId, body);
  }
}
