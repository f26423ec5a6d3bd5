import { HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { ErrorCode, formatMilli, IMeterReading, Permission } from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import type { Principal } from '../../../common/principal';
import { AccessService } from '../../identity/access.service';

/**
 * The meters side answers "all readings of a project month" (meter_readings is its table); it registers
 * itself under this token. Kept as a token so the reports side does not reach into the inputs' storage.
 */
export const MONTH_READINGS = Symbol('MONTH_READINGS');
export interface MonthReadings {
  readingsOfMonth(projectId: number, period: string): Promise<IMeterReading[]>;
}

/** Readings as numbers with three decimals (milli / 1000 is exact enough for display; the text column is exact). */
const QTY = '#,##0.000';

export async function readingsWorkbook(period: string, readings: IMeterReading[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'property-service';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(`抄表读数 ${period}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '房屋', key: 'house', width: 22 }, { header: '收费项目编码', key: 'item', width: 12 }, { header: '账期', key: 'period', width: 10 },
    { header: '上期读数', key: 'previous', width: 14, style: { numFmt: QTY } }, { header: '本期读数', key: 'reading', width: 14, style: { numFmt: QTY } },
    { header: '用量', key: 'consumption', width: 14, style: { numFmt: QTY } }, { header: '用量（文本）', key: 'consumptionText', width: 14 },
    { header: '换表', key: 'changed', width: 8 }, { header: '录入时间', key: 'at', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of readings) {
    ws.addRow({
      house: r.houseLabel, item: r.itemCode, period: r.period, previous: r.previousMilli / 1000, reading: r.readingMilli / 1000,
      consumption: r.consumptionMilli / 1000, consumptionText: formatMilli(r.consumptionMilli), changed: r.meterChanged ? '是' : '', at: r.enteredAt,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

@Injectable()
export class ReadingsExport {
  constructor(
    private readonly access: AccessService,
    @Optional() @Inject(MONTH_READINGS) private readonly source?: MonthReadings,
  ) {}

  async xlsx(principal: Principal, projectId: number, period: string): Promise<Buffer> {
    this.access.assertProject(principal, projectId, Permission.BillingView);
    if (!this.source) throw new DomainException(ErrorCode.Internal, '抄表读数导出暂不可用（抄表模块未接入）', HttpStatus.SERVICE_UNAVAILABLE);
    return readingsWorkbook(period, await this.source.readingsOfMonth(projectId, period));
  }
}
