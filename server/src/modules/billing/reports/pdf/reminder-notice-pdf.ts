import { fenToYuanString, formatFen } from '@app/shared';
import type { CjkFont } from './cjk-font';
import { facts, heading, paragraph, renderPdf, signature, table } from './pdf-document';
import { ARREARS_RIGHTS_NOTE, howToPay } from './printed-texts';

export interface NoticeHouse {
  houseLabel: string;
  owedFen: number;
  bills: { period: string; owedFen: number }[];
}

export interface NoticeBatch {
  projectName: string;
  /** Shanghai date of issue, "YYYY-MM-DD". */
  issuedOn: string;
  servicePhone: string | null;
  houses: NoticeHouse[];
}

const periodText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;

/** 催缴通知单: one page per house, to print and deliver. Polite reminder only — see ARREARS_RIGHTS_NOTE. */
export function renderReminderNotice(font: CjkFont, batch: NoticeBatch): Promise<Buffer> {
  return renderPdf(font, `${batch.projectName} 催缴通知单`, (doc) => {
    batch.houses.forEach((house, i) => {
      if (i > 0) doc.addPage();
      heading(doc, '物业费缴费提醒（催缴通知单）');
      paragraph(doc, `尊敬的 ${batch.projectName} ${house.houseLabel} 业主/住户：`, 12);
      paragraph(
        doc,
        `您好！经核对，截至 ${batch.issuedOn}，您的房屋尚有以下已发布账单未缴清，合计 ${formatFen(house.owedFen)}。感谢您对物业服务工作的支持，请您在方便时缴纳。如对账单有疑问，欢迎到物业服务中心核对。`,
        11,
      );
      table(
        doc,
        [
          { title: '账期', width: 200 },
          { title: '未缴金额（元）', width: 150, align: 'right' },
        ],
        house.bills.map((b) => [periodText(b.period), fenToYuanString(b.owedFen)]),
      );
      facts(doc, [
        ['欠费合计', formatFen(house.owedFen)],
        ['账单数', String(house.bills.length)],
      ]);
      paragraph(doc, howToPay(batch.servicePhone));
      paragraph(doc, ARREARS_RIGHTS_NOTE);
      doc.moveDown(1);
      signature(doc, `${batch.projectName} 物业服务中心`);
      signature(doc, batch.issuedOn);
    });
  });
}
