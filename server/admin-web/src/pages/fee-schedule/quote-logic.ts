import type { IPublicFeeSchedule, IQuotePreviewRequest, IQuoteRequestItem } from '@app/shared';
import { parseQuantityInput } from '../../lib/money-input';

export interface QuoteDraftRow {
  key: number;
  code: string | null;
  quantity: string;
}

export type QuoteRequestResult = { ok: true; request: IQuotePreviewRequest } | { ok: false; message: string };

/**
 * Rows typed by staff → the quote request. Quantities go out as integer thousandths ("1.5" → 1500);
 * the same item picked twice is merged, so the call-out fee and totals read the way a resident expects.
 */
export function buildQuoteRequest(projectId: number, rows: readonly QuoteDraftRow[]): QuoteRequestResult {
  const picked = rows.filter((r) => r.code);
  if (!picked.length) return { ok: false, message: '请至少选择一个收费项目' };
  const items: IQuoteRequestItem[] = [];
  for (const [index, row] of picked.entries()) {
    const quantity = parseQuantityInput(row.quantity);
    if (!quantity.ok) return { ok: false, message: `第 ${index + 1} 行：${quantity.message}` };
    const same = items.find((i) => i.code === row.code);
    if (same) same.quantityMilli += quantity.quantityMilli;
    else items.push({ code: row.code!, quantityMilli: quantity.quantityMilli });
  }
  return { ok: true, request: { projectId, items } };
}

export interface ScheduleOption {
  label: string;
  options: { value: string; label: string; unit: string }[];
}

/** The schedule as grouped select options ("GD-001 更换灯泡/灯管 · ¥5.00/个"). */
export function scheduleOptions(
  schedule: IPublicFeeSchedule | undefined,
  priceText: (fen: number) => string,
  only?: (categoryName: string) => boolean,
): ScheduleOption[] {
  return (schedule?.categories ?? [])
    .filter((c) => !only || only(c.name))
    .map((c) => ({
      label: c.name,
      options: c.items.map((i) => ({
        value: i.code,
        label: `${i.code} ${i.name} · ${priceText(i.labourPriceFen)}/${i.unit}`,
        unit: i.unit,
      })),
    }));
}

export function unitOf(schedule: IPublicFeeSchedule | undefined, code: string | null): string {
  if (!code) return '';
  for (const c of schedule?.categories ?? []) {
    const item = c.items.find((i) => i.code === code);
    if (item) return item.unit;
  }
  return '';
}
