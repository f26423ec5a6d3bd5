import { Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission, type ILiveStreamToken, type ILiveTicketEvent } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Allow, CurrentUser, Public } from '../../common/decorators';
import { projectIdsFor, type Principal } from '../../common/principal';
import { LiveBus } from './live-bus';
import { StreamTokens } from './stream-tokens';

/** A comment line every so often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 25_000;

@ApiTags('live')
@Controller('live')
export class LiveController {
  constructor(
    private readonly tokens: StreamTokens,
    private readonly bus: LiveBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The projects whose tickets the staff member may see, sealed into a token valid for one minute. */
  @Post('stream-token')
  @HttpCode(200)
  @Allow(Permission.TicketView)
  streamToken(@CurrentUser() principal: Principal): ILiveStreamToken {
    return this.tokens.issue(principal.userId, [...projectIdsFor(principal, Permission.TicketView)]);
  }

  /** Server-sent events: `event: ticket` with an ILiveTicketEvent for each ticket of the token's projects. */
  @Get('tickets')
  @Public()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      "text/event-stream: `event: ticket` + `data: ILiveTicketEvent` (JSON) per ticket created or changed in the token's projects; `: keepalive` comments.",
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async tickets(@Query('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const claims = this.tokens.verify(token);
    const projects = new Set(claims.projectIds);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected ${this.bus.transport}\n\n`);
    const send = (event: ILiveTicketEvent) => {
      if (projects.has(event.projectId)) res.write(`event: ticket\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const stop = this.bus.listen(send);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    const maxAge = setTimeout(() => res.end(), this.config.liveStreamMaxMinutes * 60_000);
    keepalive.unref();
    maxAge.unref();
    res.on('close', () => {
      stop();
      clearInterval(keepalive);
      clearTimeout(maxAge);
    });
  }
}
