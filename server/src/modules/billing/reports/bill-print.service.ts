import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/principal';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillsService } from '../bills.service';
import { renderBillPdf } from './pdf/bill-pdf';
import { resolveCjkFont } from './pdf/cjk-font';

/** A bill as a PDF with the Chinese font embedded, for printing at the service centre: the same detail staff see on screen. */
@Injectable()
export class BillPrintService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bills: BillsService,
    private readonly property: PropertyDirectory,
  ) {}

  async pdf(principal: Principal, billId: number): Promise<{ body: Buffer; filename: string }> {
    const bill = await this.bills.detail(principal, billId);
    const font = resolveCjkFont(this.config.pdfFont);
    const project = await this.property.project(bill.projectId);
    const body = await renderBillPdf(font, {
      ...bill,
      projectName: project?.name ?? '',
      servicePhone: this.config.servicePhone,
    });
    return { body, filename: `bill-${bill.id}-${bill.period}.pdf` };
  }
}
