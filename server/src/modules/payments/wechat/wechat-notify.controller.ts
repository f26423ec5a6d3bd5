import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../../common/decorators';
import { WechatNotifyService } from './wechat-notify.service';

/**
 * Called by WeChat Pay, not by our clients (so not in ROUTES). Public: the platform signature over the raw body
 * is the authentication. 204 with no body on success; 4xx {"code":"FAIL"} otherwise (a 200 with an error body
 * would count as success for WeChat).
 */
@ApiExcludeController()
@Controller('payments/wechat')
export class WechatNotifyController {
  constructor(private readonly notify: WechatNotifyService) {}

  @Public()
  @Post('notify')
  @HttpCode(204)
  async payment(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(
      reply,
      await this.notify.handle(req.headers, (req as unknown as { rawBody?: string }).rawBody, 'transaction'),
    );
  }

  @Public()
  @Post('refund-notify')
  @HttpCode(204)
  async refund(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(
      reply,
      await this.notify.handle(req.headers, (req as unknown as { rawBody?: string }).rawBody, 'refund'),
    );
  }

  private async answer(reply: FastifyReply, a: Awaited<ReturnType<WechatNotifyService['handle']>>): Promise<void> {
    if (a.status === 204) await reply.status(204).send();
    else
      await reply
        .status(a.status)
        .header('content-type', 'application/json')
        .send(JSON.stringify({ code: 'FAIL', message: a.message }));
  }
}
