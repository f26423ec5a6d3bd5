import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { formatMilli, IMeterReading, Permission } from '@app/shared';
import type { Principal } from '../../../common/principal';
import { AccessService } from '../../identity/access.service';
import { ReadingsService } from '../inputs/readings.service';

/** Readings as numbers with three decimals (milli / 1000 is exact enough for display; the text column is exact). */
const QTY = '#,##0.000';

export async function readingsWorkbook(period: string, readings: IMeterReading[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'property-service';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(`抄表读数 ${period}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '房屋', key: 'house', width: 22 },
    { header: '收费项目编码', key: 'item', width: 12 },
    { header: '账期', key: 'period', width: 10 },
    { header: '上期读数', key: 'previous', width: 14, style: { numFmt: QTY } },
    { header: '本期读数', key: 'reading', width: 14, style: { numFmt: QTY } },
    { header: '用量', key: 'consumption', width: 14, style: { numFmt: QTY } },
    { header: '用量（文本）', key: 'consumptionText', width: 14 },
    { header: '换表', key: 'changed', width: 8 },
    { header: '录入时间', key: 'at', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of readings) {
    ws.addRow({
      house: r.houseLabel,
      item: r.itemCode,
      period: r.period,
      previous: r.previousMilli / 1000,
      reading: r.readingMilli / 1000,
      consumption: r.consumptionMilli / 1000,
      consumptionText: formatMilli(r.consumptionMilli),
      changed: r.meterChanged ? '是' : '',
      at: r.enteredAt,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PAGE = 200;

/** The month's readings as the meters side lists them (its access rule, its labels), page by page. */
@Injectable()
export class ReadingsExport {
  constructor(
    private readonly access: AccessService,
    private readonly readings: ReadingsService,
  ) {}

  async xlsx(principal: Principal, projectId: number, period: string): Promise<Buffer> {
    this.access.assertProject(principal, projectId, Permission.BillingView);
    const all: IMeterReading[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await this.readings.list(principal, { projectId, period, page, pageSize: PAGE });
      all.push(...items);
      if (!items.length || all.length >= total) break;
    }
    return readingsWorkbook(period, all);
  }
}
