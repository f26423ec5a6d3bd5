import { PAYMENT_STATUS_LABELS, TENDER_METHOD_LABELS, fenToYuanString, formatFen, type IReceipt } from '@app/shared';
import type { CjkFont } from '../../billing/reports/pdf/cjk-font';
import { facts, heading, paragraph, renderPdf, table, type Pdf } from '../../billing/reports/pdf/pdf-document';
import { rmbUpper } from './rmb-upper';

export type PrintedReceipt = Pick<
  IReceipt,
  'number' | 'houseLabel' | 'totalFen' | 'payments' | 'allocations' | 'issuedAt' | 'issuedByName'
> & {
  projectName: string;
  /** This print's ordinal (1 = the original; 2+ are reprints, marked 补打). */
  printNo: number;
  printedAt: Date;
  printedByName: string | null;
};

/** "2026-12-01 10:05" in Asia/Shanghai, the business time zone. */
export function shanghaiDateTime(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** Slices of several tenders on one item print as one line (cash ¥10.00 + transfer ¥5.50 on a bill → ¥15.50). */
function byItem(slices: PrintedReceipt['allocations']): PrintedReceipt['allocations'] {
  const merged: PrintedReceipt['allocations'] = [];
  for (const s of slices) {
    const same = merged.find((m) => m.kind === s.kind && m.targetId === s.targetId);
    if (same) same.amountFen += s.amountFen;
    else merged.push({ ...s });
  }
  return merged;
}

/** The stamp in the upper right of every reprint, so a copy is never mistaken for the original. */
function reprintStamp(doc: Pdf, printNo: number): void {
  const right = doc.page.width - doc.page.margins.right;
  const top = doc.page.margins.top - 8;
  doc.save();
  doc
    .rect(right - 96, top, 96, 44)
    .lineWidth(2)
    .strokeColor('#c00')
    .stroke();
  doc
    .fillColor('#c00')
    .fontSize(20)
    .text('补打', right - 96, top + 4, { width: 96, align: 'center', lineBreak: false });
  doc.fontSize(8).text(`第 ${printNo} 次打印`, right - 96, top + 30, { width: 96, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillColor('#000');
}

/**
 * 收款收据 as handed to the payer: number, house, what the money paid (bills / charges / 预存), how it was
 * tendered (offline tenders still waiting for the second person are marked 待复核), the total in figures
 * and in capitals. Every print after the first carries 补打 and its print number.
 */
export function renderReceiptPdf(font: CjkFont, receipt: PrintedReceipt): Promise<Buffer> {
  const reprint = receipt.printNo > 1;
  return renderPdf(font, `${receipt.projectName} 收款收据 ${receipt.number}${reprint ? '（补打）' : ''}`, (doc) => {
    if (reprint) reprintStamp(doc, receipt.printNo);
    heading(doc, `${receipt.projectName} 收款收据`);
    facts(doc, [
      ['收据号', receipt.number],
      ['房屋', receipt.houseLabel],
      ['开具时间', shanghaiDateTime(receipt.issuedAt)],
      ['收款人', receipt.issuedByName ?? '微信自助缴费'],
    ]);
    table(
      doc,
      [
        { title: '收费项目', width: 380 },
        { title: '金额（元）', width: 119, align: 'right' },
      ],
      byItem(receipt.allocations).map((a) => [a.title, fenToYuanString(a.amountFen)]),
    );
    table(
      doc,
      [
        { title: '收款方式', width: 200 },
        { title: '状态', width: 180 },
        { title: '金额（元）', width: 119, align: 'right' },
      ],
      receipt.payments.map((p) => [
        TENDER_METHOD_LABELS[p.method],
        PAYMENT_STATUS_LABELS[p.status],
        fenToYuanString(p.amountFen),
      ]),
    );
    paragraph(doc, `合计：${formatFen(receipt.totalFen)}    大写：${rmbUpper(receipt.totalFen)}`, 12);
    if (receipt.payments.some((p) => p.status === 'pending_approval')) {
      paragraph(doc, '注：标记「待复核」的现金/转账/POS 收款经财务复核后计入账单。', 9);
    }
    if (receipt.payments.some((p) => p.status === 'rejected')) {
      paragraph(doc, '注：标记「已驳回」的收款未计入账单。', 9);
    }
    paragraph(
      doc,
      reprint
        ? `补打：第 ${receipt.printNo} 次打印，${shanghaiDateTime(receipt.printedAt)}${receipt.printedByName ? `，${receipt.printedByName}` : ''}。本收据为补打件，与原件具有同等效力，请勿重复报销。`
        : `打印时间：${shanghaiDateTime(receipt.printedAt)}`,
      9,
    );
  });
}
