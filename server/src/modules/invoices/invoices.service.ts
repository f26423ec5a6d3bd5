import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  ErrorCode,
  InvoiceStatus,
  Permission,
  PaymentStatus,
  TenderMethod,
  formatFen,
  type IIssueInvoiceRequest,
  type IInvoiceRequest,
  type IPage,
  type IRequestInvoiceRequest,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { isUniqueViolation } from '../../database/errors';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { AccessService } from '../identity/access.service';
import { MediaService } from '../media/media.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PaymentsService } from '../payments/payments.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { InvoiceRequestPayment, InvoiceRequestRow } from './invoice.entity';
import { InvoiceTitlesService } from './invoice-titles.service';

const LIVE = 'live';
const stateConflict = (status: InvoiceStatus) =>
  new DomainException(
    ErrorCode.StateConflict,
    `发票申请当前为「${status === 'issued' ? '已开票' : status === 'rejected' ? '已驳回' : '待开票'}」，不能执行此操作`,
    HttpStatus.CONFLICT,
    { status },
  );

/**
 * Invoice requests (电子发票): a resident asks for an invoice over confirmed payments of one of their houses;
 * finance issues it (a PDF and/or its number) or rejects it with a reason; the resident gets an in-app message.
 * A payment is on at most one live request (unique claim). Payments settled from the prepayment account are
 * not invoiceable on their own: the top-up that brought the money is invoiced instead (never twice).
 */
@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly titles: InvoiceTitlesService,
    private readonly payments: PaymentsService,
    private readonly bindings: BindingDirectory,
    private readonly property: PropertyDirectory,
    private readonly access: AccessService,
    private readonly media: MediaService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async request(principal: Principal, input: IRequestInvoiceRequest): Promise<IInvoiceRequest> {
    const title = await this.titles.own(principal.userId, input.titleId);
    const id = await runInTransaction(this.db, async (tx) => {
      const facts = await this.payments.invoiceFacts(input.paymentIds, tx);
      const houses = new Set(facts.map((p) => p.houseId));
      // Another house's payment (or one that does not exist) looks the same: not found.
      if (facts.length !== input.paymentIds.length || houses.size !== 1) throw DomainException.notFound('缴费记录');
      const houseId = facts[0].houseId;
      if (!(await this.bindings.isApprovedResident(principal.userId, houseId)))
        throw DomainException.notFound('缴费记录');
      const bad = facts.find(
        (p) =>
          p.status !== PaymentStatus.Confirmed || p.method === TenderMethod.Prepaid || p.amountFen - p.refundedFen <= 0,
      );
      if (bad) {
        const why =
          bad.method === TenderMethod.Prepaid
            ? '预存抵扣的缴费已在预存充值时开票'
            : bad.status !== PaymentStatus.Confirmed
              ? '只能为已入账的缴费申请发票'
              : '该缴费已全额退款';
        throw DomainException.validation('paymentIds', why);
      }
      const amountFen = facts.reduce((sum, p) => sum + p.amountFen - p.refundedFen, 0);
      const at = now();
      const requestId = Number(
        (
          await tx.getRepository(InvoiceRequestRow).insert({
            companyId: facts[0].companyId,
            projectId: facts[0].projectId,
            houseId,
            userId: principal.userId,
            titleKind: title.kind,
            titleName: title.name,
            titleTaxId: title.taxId,
            titleEmail: title.email,
            amountFen,
            status: InvoiceStatus.Requested,
            invoiceNo: null,
            pdfMediaId: null,
            rejectReason: null,
            decidedBy: null,
            createdAt: at,
            decidedAt: null,
          })
        ).identifiers[0].id,
      );
      try {
        await tx
          .getRepository(InvoiceRequestPayment)
          .insert(
            facts.map((p) => ({ requestId, paymentId: p.id, amountFen: p.amountFen - p.refundedFen, claim: LIVE })),
          );
      } catch (error) {
        if (isUniqueViolation(error))
          throw DomainException.conflict('所选缴费已申请过发票', { paymentIds: input.paymentIds });
        throw error;
      }
      return requestId;
    }).catch(async (error: unknown) => {
      // The unique claim may also surface at commit time on some engines; answer it the same way.
      if (isUniqueViolation(error))
        throw DomainException.conflict('所选缴费已申请过发票', { paymentIds: input.paymentIds });
      throw error;
    });
    return (await this.views([await this.db.getRepository(InvoiceRequestRow).findOneByOrFail({ id })]))[0];
  }

  async mine(principal: Principal): Promise<IInvoiceRequest[]> {
    return this.views(
      await this.db
        .getRepository(InvoiceRequestRow)
        .find({ where: { userId: principal.userId }, order: { id: 'DESC' }, take: 100 }),
    );
  }

  /** Only the requester downloads; anything else is 404. */
  async myPdf(principal: Principal, id: number): Promise<{ body: Buffer; invoiceNo: string }> {
    const row = await this.db.getRepository(InvoiceRequestRow).findOneBy({ id, userId: principal.userId });
    const file =
      row?.status === InvoiceStatus.Issued && row.pdfMediaId ? await this.media.document(row.pdfMediaId) : null;
    if (!row || !file) throw DomainException.notFound('发票 PDF');
    return { body: file.body, invoiceNo: row.invoiceNo ?? String(row.id) };
  }

  async list(
    principal: Principal,
    query: { projectId: number; status?: InvoiceStatus; page?: number; pageSize?: number },
  ): Promise<IPage<IInvoiceRequest>> {
    this.access.assertProject(principal, query.projectId, Permission.InvoiceIssue);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [rows, total] = await this.db.getRepository(InvoiceRequestRow).findAndCount({
      where: { projectId: query.projectId, ...(query.status ? { status: query.status } : {}) },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: await this.views(rows), total, page, pageSize };
  }

  async issue(principal: Principal, id: number, input: IIssueInvoiceRequest): Promise<IInvoiceRequest> {
    const row = await this.load(principal, id);
    if (input.pdfMediaId !== undefined) {
      const file = await this.media.document(input.pdfMediaId);
      // The issuer attaches a PDF they uploaded themselves; someone else's upload is as good as missing.
      if (!file || file.ownerId !== principal.userId)
        throw DomainException.validation('pdfMediaId', '发票 PDF 不存在，请重新上传');
    }
    await runInTransaction(this.db, async (tx) => {
      const moved = await tx.getRepository(InvoiceRequestRow).update(
        { id, status: InvoiceStatus.Requested },
        {
          status: InvoiceStatus.Issued,
          invoiceNo: input.invoiceNo,
          pdfMediaId: input.pdfMediaId ?? null,
          decidedBy: principal.userId,
          decidedAt: now(),
        },
      );
      if (!moved.affected)
        throw stateConflict((await tx.getRepository(InvoiceRequestRow).findOneByOrFail({ id })).status);
      await this.notifications.enqueue(tx, {
        kind: 'invoice.issued',
        recipients: [row.userId],
        ref: `invoice:${id}:issued`,
        title: '电子发票已开具',
        body: `发票号码 ${input.invoiceNo}，金额 ${formatFen(row.amountFen)}${input.pdfMediaId ? '，可在「我的发票」下载 PDF' : ''}。`,
        facts: { serial: input.invoiceNo, subject: '电子发票', status: '已开票' },
      });
      await this.recordAudit(tx, principal, row, 'invoice.issue', {
        invoiceNo: input.invoiceNo,
        pdfMediaId: input.pdfMediaId ?? null,
      });
    });
    return this.viewOf(id);
  }

  async reject(principal: Principal, id: number, reason: string): Promise<IInvoiceRequest> {
    const row = await this.load(principal, id);
    await runInTransaction(this.db, async (tx) => {
      const moved = await tx.getRepository(InvoiceRequestRow).update(
        { id, status: InvoiceStatus.Requested },
        {
          status: InvoiceStatus.Rejected,
          rejectReason: reason,
          decidedBy: principal.userId,
          decidedAt: now(),
        },
      );
      if (!moved.affected)
        throw stateConflict((await tx.getRepository(InvoiceRequestRow).findOneByOrFail({ id })).status);
      // The payments are free to be requested again.
      await tx.getRepository(InvoiceRequestPayment).update({ requestId: id, claim: LIVE }, { claim: `rejected:${id}` });
      await this.notifications.enqueue(tx, {
        kind: 'invoice.rejected',
        recipients: [row.userId],
        ref: `invoice:${id}:rejected`,
        title: '发票申请未通过',
        body: `原因：${reason}。可修改抬头后重新申请。`,
        facts: { subject: '电子发票', status: '已驳回' },
      });
      await this.recordAudit(tx, principal, row, 'invoice.reject', { reason });
    });
    return this.viewOf(id);
  }

  private async load(principal: Principal, id: number): Promise<InvoiceRequestRow> {
    const row = await this.db.getRepository(InvoiceRequestRow).findOneBy({ id });
    if (!row || !this.access.canActOnProject(principal, row.projectId, Permission.InvoiceIssue))
      throw DomainException.notFound('发票申请');
    return row;
  }

  private recordAudit(
    tx: EntityManager,
    principal: Principal,
    row: InvoiceRequestRow,
    action: string,
    after: unknown,
  ): Promise<void> {
    return this.audit.record(tx, {
      actorId: principal.userId,
      action,
      entityType: 'invoice_request',
      entityId: row.id,
      companyId: row.companyId,
      projectId: row.projectId,
      after,
    });
  }

  private async viewOf(id: number): Promise<IInvoiceRequest> {
    return (await this.views([await this.db.getRepository(InvoiceRequestRow).findOneByOrFail({ id })]))[0];
  }

  private async views(rows: InvoiceRequestRow[]): Promise<IInvoiceRequest[]> {
    if (!rows.length) return [];
    const [links, labels] = await Promise.all([
      this.db
        .getRepository(InvoiceRequestPayment)
        .find({ where: { requestId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } }),
      this.property.houseLabels(rows.map((r) => r.houseId)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      houseId: r.houseId,
      houseLabel: labels.get(r.houseId)?.label ?? '',
      title: { kind: r.titleKind, name: r.titleName, taxId: r.titleTaxId, email: r.titleEmail },
      paymentIds: links.filter((l) => l.requestId === r.id).map((l) => l.paymentId),
      amountFen: r.amountFen,
      status: r.status,
      invoiceNo: r.invoiceNo,
      hasPdf: r.pdfMediaId !== null,
      rejectReason: r.rejectReason,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  }
}
