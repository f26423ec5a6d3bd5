import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Permission } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import type { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { runInTransaction } from '../../../database/transactions';
import { AuditService } from '../../audit/audit.service';
import { resolveCjkFont } from '../../billing/reports/pdf/cjk-font';
import { BindingDirectory } from '../../bindings/binding-directory.service';
import { AccessService } from '../../identity/access.service';
import { UserDirectory } from '../../identity/user-directory.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { PaymentViews } from '../payment-views';
import { Receipt } from '../payments.entity';
import { renderReceiptPdf } from './receipt-pdf';

/**
 * Printing a receipt (staff at the desk, or the resident downloading it): each print bumps print_count by a
 * conditional UPDATE inside a transaction and renders with the count it got, so two prints at once get
 * different numbers and every print after the first is marked 补打. Audited (a reprint is money paperwork).
 */
@Injectable()
export class ReceiptPrintService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly residents: BindingDirectory,
    private readonly property: PropertyDirectory,
    private readonly users: UserDirectory,
    private readonly views: PaymentViews,
    private readonly audit: AuditService,
  ) {}

  async staffPdf(principal: Principal, id: number): Promise<{ body: Buffer; filename: string }> {
    const receipt = await this.db.getRepository(Receipt).findOneBy({ id });
    if (!receipt || !this.access.canActOnProject(principal, receipt.projectId, Permission.PaymentView))
      throw DomainException.notFound('收据');
    return this.print(principal, receipt);
  }

  async residentPdf(principal: Principal, id: number): Promise<{ body: Buffer; filename: string }> {
    const receipt = await this.db.getRepository(Receipt).findOneBy({ id });
    if (!receipt || !(await this.residents.isApprovedResident(principal.userId, receipt.houseId)))
      throw DomainException.notFound('收据');
    return this.print(principal, receipt);
  }

  private async print(principal: Principal, receipt: Receipt): Promise<{ body: Buffer; filename: string }> {
    // Resolve the font first: without one nothing is counted (a failed print is not a print).
    const font = resolveCjkFont(this.config.pdfFont);
    const printNo = await runInTransaction(this.db, async (tx) => {
      await tx
        .createQueryBuilder()
        .update(Receipt)
        .set({ printCount: () => 'print_count + 1' })
        .where('id = :id', { id: receipt.id })
        .execute();
      const { printCount } = await tx.getRepository(Receipt).findOneByOrFail({ id: receipt.id });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: printCount > 1 ? 'receipt.reprint' : 'receipt.print',
        entityType: 'receipt',
        entityId: receipt.id,
        companyId: receipt.companyId,
        projectId: receipt.projectId,
        before: { printCount: printCount - 1 },
        after: { printCount },
      });
      return printCount;
    });
    const [view, project, people] = await Promise.all([
      this.views.receipt(receipt),
      this.property.project(receipt.projectId),
      this.users.people([principal.userId]),
    ]);
    const body = await renderReceiptPdf(font, {
      ...view,
      projectName: project?.name ?? '',
      printNo,
      printedAt: now(),
      printedByName: people.get(principal.userId)?.name ?? null,
    });
    return { body, filename: `receipt-${receipt.number}${printNo > 1 ? `-copy${printNo}` : ''}.pdf` };
  }
}
