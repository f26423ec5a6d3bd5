import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import type { DispatchMode, IDispatchPolicy } from '@app/shared';
import { Permission } from '@app/shared';
import { Allow, CurrentUser, Trim } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { AccessService } from '../identity/access.service';
import { DispatchPolicy } from './dispatch-policy.entity';

export class PolicyDto implements Omit<IDispatchPolicy, 'projectId'> {
  @Trim()
  @IsString({ message: 'category 必须是字符串' })
  @IsNotEmpty({ message: '请选择类别（* 表示默认）' })
  @MaxLength(32, { message: 'category 过长' })
  category: string;

  @IsIn(['assign', 'pool', 'auto'], { message: 'mode 只能是 assign、pool 或 auto' }) mode: DispatchMode;

  @IsInt({ message: 'poolMinutes 必须是整数' })
  @Min(1, { message: 'poolMinutes 至少 1 分钟' })
  @Max(1440, { message: 'poolMinutes 最多 1440 分钟' })
  poolMinutes: number;
}

/** 派单规则: per project × category; '*' is the project's default. Without any rule, jobs go to the pool for 30 minutes. */
@ApiTags('tickets: dispatch')
@Controller('projects/:projectId/dispatch-policies')
export class DispatchPolicyController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Allow(Permission.DispatchPolicyView)
  async list(
    @CurrentUser() me: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
  ): Promise<IDispatchPolicy[]> {
    this.access.assertProject(me, projectId, Permission.DispatchPolicyView);
    const rows = await this.db.getRepository(DispatchPolicy).find({ where: { projectId }, order: { category: 'ASC' } });
    return rows.map((r) => ({ projectId, category: r.category, mode: r.mode, poolMinutes: r.poolMinutes }));
  }

  @Put()
  @Allow(Permission.DispatchPolicyEdit)
  async upsert(
    @CurrentUser() me: Principal,
    @Param('projectId', ParseIdPipe) projectId: number,
    @Body() body: PolicyDto,
  ): Promise<IDispatchPolicy> {
    this.access.assertProject(me, projectId, Permission.DispatchPolicyEdit);
    const repo = this.db.getRepository(DispatchPolicy);
    const existing = await repo.findOneBy({ projectId, category: body.category });
    if (existing) await repo.update({ id: existing.id }, { mode: body.mode, poolMinutes: body.poolMinutes });
    else await repo.insert({ projectId, category: body.category, mode: body.mode, poolMinutes: body.poolMinutes });
    return { projectId, category: body.category, mode: body.mode, poolMinutes: body.poolMinutes };
  }
}
