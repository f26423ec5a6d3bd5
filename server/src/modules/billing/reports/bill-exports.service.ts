import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { BILL_LINE_KIND_LABELS, BILL_STATUS_LABELS, BillLineKind, Permission } from '@app/shared';
import type { Principal } from '../../../common/principal';
import { AccessService } from '../../identity/access.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { BillLedger } from './bill-ledger';

/** Money cells: yuan numbers shown with two decimals. fen / 100 is the nearest double to the exact yuan, and sums are taken in fen first. */
const MONEY = '#,##0.00';
const yuan = (fen: number) => fen / 100;

interface Sheet {
  name: string;
  columns: { header: string; key: string; width: number; money?: boolean }[];
  rows: Record<string, unknown>[];
  /** Totals row (fen sums per money column key). */
  totals?: Record<string, number>;
}

async function workbook(sheet: Sheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'property-service';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.money ? { numFmt: MONEY } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of sheet.rows) {
    ws.addRow(
      Object.fromEntries(
        sheet.columns.map((c) => [
          c.key,
          c.money && typeof r[c.key] === 'number' ? yuan(r[c.key] as number) : r[c.key],
        ]),
      ),
    );
  }
  if (sheet.totals) {
    const totals = ws.addRow({
      [sheet.columns[0].key]: '合计',
      ...Object.fromEntries(Object.entries(sheet.totals).map(([k, fen]) => [k, yuan(fen)])),
    });
    totals.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** xlsx exports of a project's month for finance (Chinese headers; live bills only — void ones were replaced). */
@Injectable()
export class BillExportsService {
  constructor(
    private readonly ledger: BillLedger,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
  ) {}

  async bills(principal: Principal, projectId: number, period: string): Promise<Buffer> {
    this.access.assertProject(principal, projectId, Permission.BillingView);
    const bills = await this.ledger.monthBills(projectId, period);
    const labels = await this.property.houseLabels(bills.map((b) => b.houseId));
    const sum = (f: (b: (typeof bills)[number]) => number) => bills.reduce((s, b) => s + f(b), 0);
    return workbook({
      name: `账单 ${period}`,
      columns: [
        { header: '账单ID', key: 'id', width: 10 },
        { header: '楼栋', key: 'building', width: 10 },
        { header: '单元', key: 'unit', width: 10 },
        { header: '房屋', key: 'house', width: 22 },
        { header: '账期', key: 'period', width: 10 },
        { header: '状态', key: 'status', width: 10 },
        { header: '应收金额（元）', key: 'total', width: 14, money: true },
        { header: '已收金额（元）', key: 'paid', width: 14, money: true },
        { header: '未收金额（元）', key: 'owed', width: 14, money: true },
      ],
      rows: bills.map((b) => {
        const h = labels.get(b.houseId);
        return {
          id: b.id,
          building: h?.buildingName ?? '',
          unit: h?.unitName ?? '',
          house: h?.label ?? `#${b.houseId}`,
          period: b.period,
          status: BILL_STATUS_LABELS[b.status] ?? b.status,
          total: b.totalFen,
          paid: b.paidFen,
          owed: b.totalFen - b.paidFen,
        };
      }),
      totals: { total: sum((b) => b.totalFen), paid: sum((b) => b.paidFen), owed: sum((b) => b.totalFen - b.paidFen) },
    });
  }

  async lines(principal: Principal, projectId: number, period: string): Promise<Buffer> {
    this.access.assertProject(principal, projectId, Permission.BillingView);
    const lines = await this.ledger.lines({ projectId, period });
    const labels = await this.property.houseLabels(lines.map((l) => l.houseId));
    return workbook({
      name: `账单明细 ${period}`,
      columns: [
        { header: '账单ID', key: 'billId', width: 10 },
        { header: '房屋', key: 'house', width: 22 },
        { header: '账期', key: 'period', width: 10 },
        { header: '类别', key: 'kind', width: 12 },
        { header: '项目编码', key: 'code', width: 10 },
        { header: '收费项目', key: 'name', width: 20 },
        { header: '数量', key: 'quantity', width: 14 },
        { header: '单价（元）', key: 'price', width: 12, money: true },
        { header: '金额（元）', key: 'amount', width: 12, money: true },
        { header: '工单编号', key: 'serial', width: 20 },
        { header: '已减免', key: 'waived', width: 8 },
      ],
      rows: lines.map((l) => ({
        billId: l.billId,
        house: labels.get(l.houseId)?.label ?? `#${l.houseId}`,
        period: l.period,
        kind: BILL_LINE_KIND_LABELS[l.kind as BillLineKind] ?? l.kind,
        code: l.itemCode ?? '',
        name: l.name,
        quantity: l.quantityText,
        price: l.unitPriceFen,
        amount: l.amountFen,
        serial: l.ticketSerial ?? '',
        waived: l.waived ? '是' : '',
      })),
      totals: { amount: lines.filter((l) => !l.waived).reduce((s, l) => s + l.amountFen, 0) },
    });
  }
}
