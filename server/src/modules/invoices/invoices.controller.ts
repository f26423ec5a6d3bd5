import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission, type IInvoiceRequest, type IInvoiceTitle, type IPage } from '@app/shared';
import { ApiBinaryResponse } from '../../common/api-docs';
import { Allow, CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import {
  InvoiceListQueryDto,
  IssueInvoiceDto,
  RejectInvoiceDto,
  RequestInvoiceDto,
  UpsertInvoiceTitleDto,
} from './invoice.dto';
import { InvoiceTitlesService } from './invoice-titles.service';
import { InvoicesService } from './invoices.service';

/** INVOICE_ROUTES: residents' titles and requests (`mine`), finance's list, issue and reject (invoice.issue). */
@ApiTags('invoices')
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly titles: InvoiceTitlesService,
    private readonly invoices: InvoicesService,
  ) {}

  @Get('mine/titles')
  myTitles(@CurrentUser() principal: Principal): Promise<IInvoiceTitle[]> {
    return this.titles.mine(principal.userId);
  }

  /** Creates a title, or (with `id`) changes one of the caller's own. */
  @Post('mine/titles')
  @HttpCode(200)
  saveTitle(@CurrentUser() principal: Principal, @Body() body: UpsertInvoiceTitleDto): Promise<IInvoiceTitle> {
    return this.titles.save(principal.userId, body);
  }

  @Delete('mine/titles/:id')
  @HttpCode(204)
  deleteTitle(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.titles.remove(principal.userId, id);
  }

  @Get('mine')
  myRequests(@CurrentUser() principal: Principal): Promise<IInvoiceRequest[]> {
    return this.invoices.mine(principal);
  }

  @Post('mine')
  @HttpCode(201)
  request(@CurrentUser() principal: Principal, @Body() body: RequestInvoiceDto): Promise<IInvoiceRequest> {
    return this.invoices.request(principal, body);
  }

  @Get('mine/:id/pdf')
  @ApiBinaryResponse('已开具的电子发票 PDF（仅申请人可下载）', 'application/pdf')
  async myPdf(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.invoices.myPdf(principal, id);
    await reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Length', String(file.body.length))
      .header('Cache-Control', 'private, no-store')
      .header(
        'Content-Disposition',
        `attachment; filename="invoice-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(`电子发票-${file.invoiceNo}.pdf`)}`,
      )
      .send(file.body);
  }

  @Get()
  @Allow(Permission.InvoiceIssue)
  list(@CurrentUser() principal: Principal, @Query() query: InvoiceListQueryDto): Promise<IPage<IInvoiceRequest>> {
    return this.invoices.list(principal, query);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Allow(Permission.InvoiceIssue)
  issue(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: IssueInvoiceDto,
  ): Promise<IInvoiceRequest> {
    return this.invoices.issue(principal, id, body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Allow(Permission.InvoiceIssue)
  reject(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: RejectInvoiceDto,
  ): Promise<IInvoiceRequest> {
    return this.invoices.reject(principal, id, body.reason);
  }
}
