import { Inject, Injectable } from '@nestjs/common';
import { Permission } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import type { Principal } from '../../../common/principal';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AccessService } from '../../identity/access.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillLedger } from './bill-ledger';
import { renderBillPdf } from './pdf/bill-pdf';
import { resolveCjkFont } from './pdf/cjk-font';

/** A bill as a PDF with the Chinese font embedded, for printing at the service centre. */
@Injectable()
export class BillPrintService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: BillLedger,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
  ) {}

  async pdf(principal: Principal, billId: number): Promise<{ body: Buffer; filename: string }> {
    const bill = await this.ledger.bill(billId);
    if (!bill) throw DomainException.notFound('账单');
    this.access.assertProject(principal, bill.projectId, Permission.BillingView, '账单');
    const font = resolveCjkFont(this.config.pdfFont);
    const [lines, owed, labels] = await Promise.all([
      this.ledger.lines({ billId }),
      this.ledger.owedBills(bill.projectId, [bill.houseId]),
      this.property.houseLabels([bill.houseId]),
    ]);
    const house = labels.get(bill.houseId);
    const body = await renderBillPdf(font, {
      projectName: house?.projectName ?? '', houseLabel: house?.label ?? `#${bill.houseId}`, period: bill.period, status: bill.status, revision: bill.revision,
      totalFen: bill.totalFen, paidFen: bill.paidFen, lines,
      arrears: owed.filter((b) => b.period < bill.period).map((b) => ({ period: b.period, owedFen: b.owedFen })),
      servicePhone: this.config.servicePhone,
    });
    return { body, filename: `bill-${bill.id}-${bill.period}.pdf` };
  }
}
