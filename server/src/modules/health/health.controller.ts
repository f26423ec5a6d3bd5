import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { IAppMeta, IHealth } from '@app/shared';
import { Public } from '../../common/decorators';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OutboxRunner } from '../notifications/outbox-runner';

const VERSION = '0.1.0';

@ApiTags('system')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRunner,
  ) {}

  @Public()
  @Get('health/live')
  live(): IHealth {
    return { status: 'ok', checks: { process: 'up' } };
  }

  @Public()
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<IHealth> {
    let database: 'up' | 'down' = 'down';
    try {
      await Promise.race([
        this.db.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ]);
      database = 'up';
    } catch {
      database = 'down';
    }
    const checks: IHealth['checks'] = { database };
    // With REDIS_URL set the notification queue lives there: no Redis, no pushes, so not ready.
    const redis = await this.outbox.redisStatus();
    if (redis) checks.redis = redis;
    const ok = Object.values(checks).every((c) => c === 'up');
    if (!ok) reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }

  @Public()
  @Get('meta')
  meta(): IAppMeta {
    return {
      name: '物业报修与账单',
      version: VERSION,
      demoLogin: this.config.demoLogin,
      wechatLogin: this.config.wechat !== null,
      servicePhone: this.config.servicePhone,
      environment: this.config.env,
    };
  }
}
