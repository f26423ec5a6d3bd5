import {
  TICKET_KIND_LABELS,
  TICKET_STATUS_LABELS,
  fenToYuanString,
  formatFen,
  formatQuantity,
  relationLabel,
  urgencyLabel,
  type ITicket,
  type QuoteLineKind,
} from '@app/shared';
import type { CjkFont } from '../../billing/reports/pdf/cjk-font';
import { facts, heading, paragraph, renderPdf, table, type Pdf } from '../../billing/reports/pdf/pdf-document';

/** A signing act with its stored image (PNG bytes), or null when the resident has not signed it. */
export interface PrintedSignature {
  signerName: string;
  relation: string;
  signedAt: Date;
  collectedByTechnician: boolean;
  image: Buffer | null;
}

/** Everything the paper form shows; the service fills it from the ticket as the viewer may see it. */
export interface PrintedTicketForm {
  ticket: Pick<
    ITicket,
    | 'serial'
    | 'projectName'
    | 'houseLabel'
    | 'kind'
    | 'status'
    | 'urgency'
    | 'description'
    | 'contactName'
    | 'quote'
    | 'agreedTotalFen'
    | 'ratings'
    | 'result'
  >;
  categoryName: string;
  /** Full number only when the viewer may call the resident (same rule as the ticket detail), else masked. */
  reporterPhone: string | null;
  technicianName: string | null;
  times: {
    registered: Date | null;
    dispatched: Date | null;
    arrived: Date | null;
    done: Date | null;
    verified: Date | null;
    visited: Date | null;
  };
  agreement: PrintedSignature | null;
  acceptance: PrintedSignature | null;
  returnVisit: { result: string; satisfied: boolean | null; byName: string } | null;
  printedAt: Date;
  printedByName: string;
}

const LINE_KIND: Record<QuoteLineKind, string> = { labour: '人工', call_out: '上门费', material: '材料' };

/** "2026-12-01 10:05" in Asia/Shanghai, the business time zone; blank cells stay blank for hand-filling. */
export function shanghaiDateTime(at: Date | null): string {
  if (!at) return '—';
  const d = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

function section(doc: Pdf, title: string): void {
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.fontSize(12).fillColor('#000').text(title, left, doc.y, { lineBreak: false });
  doc
    .moveTo(left, doc.y + 16)
    .lineTo(right, doc.y + 16)
    .strokeColor('#333')
    .lineWidth(0.8)
    .stroke();
  doc.x = left;
  doc.y += 22;
}

/** Two boxes side by side: the resident's signature image, or an empty box to sign on paper. */
function signatureBoxes(doc: Pdf, boxes: [string, PrintedSignature | null][]): void {
  const left = doc.page.margins.left;
  const boxWidth = 240;
  const boxHeight = 110;
  if (doc.y + boxHeight + 10 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  boxes.forEach(([title, sig], i) => {
    const x = left + i * (boxWidth + 19);
    doc.rect(x, top, boxWidth, boxHeight).strokeColor('#999').lineWidth(0.5).stroke();
    doc
      .fontSize(10)
      .fillColor('#000')
      .text(title, x + 6, top + 5, { width: boxWidth - 12, lineBreak: false });
    if (sig?.image) doc.image(sig.image, x + 6, top + 20, { fit: [boxWidth - 12, 60], align: 'center' });
    else
      doc.fillColor('#888').text(sig ? '（签名图片缺失）' : '未签字', x + 6, top + 45, {
        width: boxWidth - 12,
        align: 'center',
        lineBreak: false,
      });
    const caption = sig
      ? `${sig.signerName}（${relationLabel(sig.relation)}）${sig.collectedByTechnician ? ' 维修人员手机代签' : ''}  ${shanghaiDateTime(sig.signedAt)}`
      : '客户签名：                日期：';
    doc
      .fontSize(8)
      .fillColor('#333')
      .text(caption, x + 6, top + boxHeight - 16, { width: boxWidth - 12, lineBreak: false, ellipsis: true });
  });
  doc.fillColor('#000');
  doc.x = left;
  doc.y = top + boxHeight + 10;
}

/**
 * 客户需求处理单: the paper form of the 特约服务 procedure (registration, dispatch, quote the resident agreed,
 * materials, acceptance signature, satisfaction and the customer manager's return visit) for one ticket.
 */
export function renderTicketFormPdf(font: CjkFont, form: PrintedTicketForm): Promise<Buffer> {
  const t = form.ticket;
  return renderPdf(font, `客户需求处理单 ${t.serial}`, (doc) => {
    heading(doc, '客户需求处理单');
    const top = doc.y - 6;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.fontSize(10).text(`项目：${t.projectName}`, doc.page.margins.left, top, { width, lineBreak: false });
    doc.text(`NO: ${t.serial}`, doc.page.margins.left, top, { width, align: 'right', lineBreak: false });
    doc.x = doc.page.margins.left;
    doc.y = top + 22;
    facts(doc, [
      ['房屋', t.houseLabel ?? '公共区域'],
      ['工单类型', TICKET_KIND_LABELS[t.kind] ?? t.kind],
      ['报事人', t.contactName ?? '—'],
      ['联系电话', form.reporterPhone ?? '—'],
      ['需求类别', form.categoryName],
      ['紧急程度', urgencyLabel(t.urgency)],
      ['当前状态', TICKET_STATUS_LABELS[t.status] ?? t.status],
      ['维修人员', form.technicianName ?? '—'],
    ]);
    paragraph(doc, `需求描述：${t.description}`, 11);

    section(doc, '处理时间');
    facts(doc, [
      ['登记时间', shanghaiDateTime(form.times.registered)],
      ['派工时间', shanghaiDateTime(form.times.dispatched)],
      ['到场时间', shanghaiDateTime(form.times.arrived)],
      ['完工时间', shanghaiDateTime(form.times.done)],
      ['验收时间', shanghaiDateTime(form.times.verified)],
      ['回访时间', shanghaiDateTime(form.times.visited)],
    ]);

    section(doc, '收费标准与报价');
    const lines = t.quote?.lines ?? [];
    if (!lines.length) paragraph(doc, '本单无报价（免费服务或尚未报价）。');
    else {
      table(
        doc,
        [
          { title: '类别', width: 60 },
          { title: '项目', width: 190 },
          { title: '数量', width: 80, align: 'right' },
          { title: '单价（元）', width: 85, align: 'right' },
          { title: '金额（元）', width: 84, align: 'right' },
        ],
        lines.map((l) => [
          LINE_KIND[l.kind] ?? l.kind,
          l.name,
          `${formatQuantity(l.quantityMilli)} ${l.unit}`,
          fenToYuanString(l.unitPriceFen),
          fenToYuanString(l.amountFen),
        ]),
      );
      const materials = lines.filter((l) => l.kind === 'material');
      facts(doc, [
        ['报价合计', formatFen(t.quote!.totalFen)],
        ['客户同意金额', t.agreedTotalFen === null ? '—' : formatFen(t.agreedTotalFen)],
      ]);
      paragraph(
        doc,
        `所用材料：${materials.length ? materials.map((m) => `${m.name} ${formatQuantity(m.quantityMilli)}${m.unit}`).join('；') : '无'}`,
      );
    }
    if (t.result) paragraph(doc, `处理结果：${t.result}`);

    section(doc, '客户签字');
    signatureBoxes(doc, [
      ['报价确认（同意收费标准）', form.agreement],
      ['完工验收', form.acceptance],
    ]);

    section(doc, '满意度与回访');
    const r = t.ratings;
    facts(doc, [
      ['满意度', r ? `总体 ${r.overall}/5  准时 ${r.punctuality}/5  态度 ${r.attitude}/5` : '未评价'],
      ['回访结论', form.returnVisit ? (form.returnVisit.satisfied === false ? '不满意' : '满意') : '未回访'],
    ]);
    if (r?.comment) paragraph(doc, `客户评价：${r.comment}`);
    if (form.returnVisit)
      paragraph(doc, `回访结果：${form.returnVisit.result}（回访人：${form.returnVisit.byName || '—'}）`);

    doc.moveDown(1);
    doc
      .fontSize(8)
      .fillColor('#666')
      .text(
        `打印时间：${shanghaiDateTime(form.printedAt)}  打印人：${form.printedByName}  本单由系统按工单 ${t.serial} 的记录生成`,
        doc.page.margins.left,
        doc.y,
        { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center' },
      );
    doc.fillColor('#000');
  });
}
