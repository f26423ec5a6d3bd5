import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission } from '@app/shared';
import { ApiBinaryResponse } from '../../../common/api-docs';
import { Allow, CurrentUser } from '../../../common/decorators';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import type { Principal } from '../../../common/principal';
import { ReceiptPrintService } from './receipt-print.service';

const PDF = 'application/pdf';

async function sendPdf(reply: FastifyReply, file: { body: Buffer; filename: string }): Promise<void> {
  await reply
    .header('Content-Type', PDF)
    .header('Content-Length', String(file.body.length))
    .header('Cache-Control', 'private, no-store')
    .header(
      'Content-Disposition',
      `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(`收据-${file.filename}`)}`,
    )
    .send(file.body);
}

/** PAYMENT_ROUTES.receiptPdf / myReceiptPdf: the printable receipt; every print after the first is marked 补打. */
@ApiTags('payments')
@Controller('payments')
export class ReceiptPdfController {
  constructor(private readonly prints: ReceiptPrintService) {}

  @Get('receipts/:id/pdf')
  @Allow(Permission.PaymentView)
  @ApiBinaryResponse('收款收据 PDF（内嵌中文字体，补打件标记「补打」）；服务器无中文字体时 503', PDF)
  async receiptPdf(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendPdf(reply, await this.prints.staffPdf(principal, id));
  }

  @Get('mine/receipts/:id/pdf')
  @ApiBinaryResponse('本人房屋的收款收据 PDF（补打件标记「补打」）', PDF)
  async myReceiptPdf(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendPdf(reply, await this.prints.residentPdf(principal, id));
  }
}
