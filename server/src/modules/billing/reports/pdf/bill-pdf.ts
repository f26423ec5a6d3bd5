import { BILL_STATUS_LABELS, fenToYuanString, formatFen, IBillDetail } from '@app/shared';
import type { CjkFont } from './cjk-font';
import { facts, heading, paragraph, renderPdf, table } from './pdf-document';
import { howToPay } from './printed-texts';

export type PrintedBill = Pick<
  IBillDetail,
  'houseLabel' | 'period' | 'status' | 'totalFen' | 'paidFen' | 'arrearsFen' | 'dueDate' | 'lines' | 'arrears'
> & {
  projectName: string;
  servicePhone: string | null;
};

const periodText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;

/** 物业费账单 as printed at the service centre: lines with ticket serials, earlier arrears, total, how to pay. */
export function renderBillPdf(font: CjkFont, bill: PrintedBill): Promise<Buffer> {
  return renderPdf(font, `${bill.projectName} ${bill.houseLabel} ${bill.period} 物业费账单`, (doc) => {
    heading(doc, `${bill.projectName} 物业费账单`);
    const arrearsFen = bill.arrearsFen;
    facts(doc, [
      ['房屋', bill.houseLabel],
      ['账期', periodText(bill.period)],
      ['账单状态', BILL_STATUS_LABELS[bill.status]],
      ['缴费期限', bill.dueDate],
    ]);
    table(
      doc,
      [
        { title: '收费项目', width: 150 },
        { title: '数量', width: 80, align: 'right' },
        { title: '单价（元）', width: 70, align: 'right' },
        { title: '金额（元）', width: 80, align: 'right' },
        { title: '工单编号', width: 119 },
      ],
      bill.lines.map((l) => [
        l.waived ? `${l.name}（已减免）` : l.name,
        l.quantityText,
        l.unitPriceFen === null ? '' : fenToYuanString(l.unitPriceFen),
        fenToYuanString(l.amountFen),
        l.ticketSerial ?? '',
      ]),
    );
    facts(doc, [
      ['本期合计', formatFen(bill.totalFen)],
      ['本期已缴', formatFen(bill.paidFen)],
      ['本期未缴', formatFen(bill.totalFen - bill.paidFen)],
      ['往期欠费', formatFen(arrearsFen)],
    ]);
    if (bill.arrears.length) {
      paragraph(
        doc,
        `往期欠费明细（不计入本期合计）：${bill.arrears.map((a) => `${periodText(a.period)} ${formatFen(a.owedFen)}`).join('；')}`,
      );
    }
    paragraph(doc, `合计应缴（本期未缴 + 往期欠费）：${formatFen(bill.totalFen - bill.paidFen + arrearsFen)}`, 12);
    paragraph(doc, howToPay(bill.servicePhone));
    paragraph(doc, '特约服务费（维修等）逐笔列出工单编号，可在小程序「我的报修」中查看对应工单与签字确认记录。', 9);
  });
}
