import {
  buildQuote,
  ErrorCode,
  formatFen,
  sumFen,
  type ICashOutstandingEntry,
  type IFeeItem,
  type IWaiverBudget,
} from '@app/shared';
import { describeError, isApiError } from '../../api/api-error';
import type { QuoteDraftRow } from '../fee-schedule/quote-logic';
import { parseQuantityInput } from '../../lib/money-input';

export interface TechnicianCash {
  technicianId: number;
  technicianName: string;
  totalFen: number;
  entries: ICashOutstandingEntry[];
}

/** 现金待交款, one group per technician (the cashier counts one person's cash at a time), most owed first. */
export function groupByTechnician(entries: readonly ICashOutstandingEntry[]): TechnicianCash[] {
  const groups = new Map<number, TechnicianCash>();
  for (const e of entries) {
    const group = groups.get(e.technicianId) ?? {
      technicianId: e.technicianId,
      technicianName: e.technicianName,
      totalFen: 0,
      entries: [],
    };
    group.entries.push(e);
    group.totalFen = sumFen([group.totalFen, e.amountFen]);
    groups.set(e.technicianId, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.totalFen - a.totalFen || a.technicianName.localeCompare(b.technicianName),
  );
}

export function selectedTotalFen(group: TechnicianCash, chargeIds: readonly number[]): number {
  return sumFen(group.entries.filter((e) => chargeIds.includes(e.chargeId)).map((e) => e.amountFen));
}

export const PAID_BY_LABELS = { cash: '现金', wechat: '微信', alipay: '支付宝', pos: '刷卡(POS)' } as const;
export type PaidBy = keyof typeof PAID_BY_LABELS;

/**
 * What the counter will charge, computed locally with the shared quote rules for the running total
 * on screen; the server prices the sale again from the schedule in force when it is recorded.
 */
export function counterEstimate(
  items: readonly IFeeItem[],
  rows: readonly QuoteDraftRow[],
): { totalFen: number; valid: boolean } {
  const inputs = [];
  for (const row of rows) {
    if (!row.code) continue;
    const item = items.find((i) => i.code === row.code);
    const quantity = parseQuantityInput(row.quantity);
    if (!item || !quantity.ok) return { totalFen: 0, valid: false };
    inputs.push({
      code: item.code,
      name: item.name,
      unit: item.unit,
      unitPriceFen: item.labourPriceFen,
      quantityMilli: quantity.quantityMilli,
      callOutFeeFen: item.callOutFeeFen,
    });
  }
  if (!inputs.length) return { totalFen: 0, valid: false };
  return { totalFen: buildQuote(inputs).totalFen, valid: true };
}

export interface BudgetView {
  percent: number;
  status: 'normal' | 'exception';
  text: string;
}

export function budgetView(budget: IWaiverBudget): BudgetView {
  const percent = budget.capFen > 0 ? Math.min(100, Math.floor((budget.usedFen * 100) / budget.capFen)) : 100;
  return {
    percent,
    status: budget.remainingFen === 0 ? 'exception' : 'normal',
    text: `已用 ${formatFen(budget.usedFen)} / 上限 ${formatFen(budget.capFen)}，剩余 ${formatFen(budget.remainingFen)}`,
  };
}

/** Waiver refusals in plain words; WAIVER_CAP_EXCEEDED carries the numbers in details. */
export function waiverErrorMessage(error: unknown): string {
  if (isApiError(error, ErrorCode.WaiverCapExceeded)) {
    const d = error.details as { capFen?: number; usedFen?: number; remainingFen?: number } | undefined;
    if (d && typeof d.capFen === 'number' && typeof d.remainingFen === 'number') {
      return `超出本月免收额度：每月上限 ${formatFen(d.capFen)}，已用 ${formatFen(d.usedFen ?? 0)}，仅剩 ${formatFen(d.remainingFen)}。请改为正常收费或联系财务中心。`;
    }
    return error.message;
  }
  if (isApiError(error, ErrorCode.StateConflict)) return '该费用已被处理（已付款、已入账单或已免收），列表已刷新';
  if (isApiError(error) && error.fieldErrors.length) return error.fieldErrors.map((f) => f.message).join('；');
  return describeError(error, '免收失败，请稍后重试');
}
