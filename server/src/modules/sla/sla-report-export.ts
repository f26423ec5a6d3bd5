import ExcelJS from 'exceljs';
import { SLA_DEADLINE_LABELS, URGENCY_LABELS, type ISlaReport, type ISlaReportFigures } from '@app/shared';

type Column = { header: string; key: string; width: number };

const FIGURE_COLUMNS: Column[] = [
  { header: '工单数', key: 'tickets', width: 10 },
  { header: '按时', key: 'onTime', width: 8 },
  { header: '按时率（%）', key: 'rate', width: 12 },
  { header: '响应超时', key: 'respond', width: 10 },
  { header: '到场超时', key: 'on_site', width: 10 },
  { header: '完成超时', key: 'resolve', width: 10 },
  { header: '回访超时', key: 'return_visit', width: 10 },
  { header: '平均响应（分钟）', key: 'avgResponse', width: 16 },
  { header: '平均完成（分钟）', key: 'avgResolve', width: 16 },
];

const figureCells = (f: ISlaReportFigures) => ({
  tickets: f.tickets,
  onTime: f.onTime,
  rate: f.onTimeRateBp === null ? '' : f.onTimeRateBp / 100,
  respond: f.breaches.respond,
  on_site: f.breaches.on_site,
  resolve: f.breaches.resolve,
  return_visit: f.breaches.return_visit,
  avgResponse: f.avgResponseMinutes ?? '',
  avgResolve: f.avgResolveMinutes ?? '',
});

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
}

const beijing = (iso: string): string =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The 时效报表 as xlsx (the same figures as the page): by category × urgency with a 合计 row, by technician,
 * and the breach list. Categories by the names the console shows (`labels`: code → company name, from
 * ServiceCategoryService.labelsForProject); a code the company does not name stays as written, as in the console.
 */
export async function slaReportWorkbook(report: ISlaReport, labels: ReadonlyMap<string, string>): Promise<Buffer> {
  const category = (code: string) => labels.get(code) ?? code;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'property-service';
  wb.created = new Date(0);
  sheet(
    wb,
    '按类别',
    [
      { header: '类别', key: 'category', width: 18 },
      { header: '紧急程度', key: 'urgency', width: 10 },
      ...FIGURE_COLUMNS,
    ],
    [
      ...report.byCategory.map((r) => ({
        category: r.category === '*' ? '默认' : category(r.category),
        urgency: URGENCY_LABELS[r.urgency],
        ...figureCells(r),
      })),
      { category: '合计', urgency: '', ...figureCells(report.summary) },
    ],
  );
  sheet(
    wb,
    '按维修师傅',
    [{ header: '维修师傅', key: 'name', width: 14 }, ...FIGURE_COLUMNS],
    report.byTechnician.map((r) => ({
      name: r.technicianId === null ? '未派单' : (r.technicianName ?? `#${r.technicianId}`),
      ...figureCells(r),
    })),
  );
  sheet(
    wb,
    '超时工单',
    [
      { header: '工单号', key: 'serial', width: 20 },
      { header: '类别', key: 'category', width: 18 },
      { header: '紧急程度', key: 'urgency', width: 10 },
      { header: '超时环节', key: 'kind', width: 10 },
      { header: '时限（北京时间）', key: 'due', width: 18 },
      { header: '完成（北京时间）', key: 'met', width: 18 },
      { header: '超时（分钟）', key: 'late', width: 12 },
      { header: '维修师傅', key: 'tech', width: 14 },
    ],
    report.breaches.map((b) => ({
      serial: b.serial,
      category: category(b.category),
      urgency: URGENCY_LABELS[b.urgency],
      kind: SLA_DEADLINE_LABELS[b.kind],
      due: beijing(b.dueAt),
      met: b.metAt ? beijing(b.metAt) : '未完成',
      late: b.lateMinutes,
      tech: b.technicianId === null ? '未派单' : (b.technicianName ?? `#${b.technicianId}`),
    })),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
