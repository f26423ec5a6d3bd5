import {
  TENDER_METHOD_LABELS,
  formatFen,
  type ICashierPaymentRequest,
  type ICashierTender,
  type IPayableItem,
  type IPayTarget,
} from '@app/shared';
import { parseYuanInput } from '../../lib/money-input';

/**
 * The tenders the desk offers. 预存抵扣 (`prepaid`) spends the house's prepayment account, capped at its balance
 * (the server's conditional debit decides; docs/cashier.md).
 */
export type DeskMethod = ICashierTender['method'];

export const DESK_METHODS: readonly DeskMethod[] = ['cash', 'transfer', 'pos', 'wechat_micropay', 'prepaid'];

/** The reference each method asks for (a card number is never asked for). */
export const REFERENCE_LABELS: Partial<Record<DeskMethod, string>> = {
  transfer: '转账流水号',
  pos: 'POS凭证号',
  cash: '备注（选填）',
};

export interface TenderDraft {
  key: number;
  method: DeskMethod;
  /** Yuan as typed. */
  amount: string;
  reference: string;
  authCode: string;
}

/** 付款码: WeChat's scanned payment code, 18 digits starting 10–15. */
export const AUTH_CODE = /^1[0-5]\d{16}$/;

export type Allocation = 'oldest' | 'chosen';

export interface DeskDraft {
  houseId: number | null;
  items: readonly IPayableItem[];
  /** 'oldest' = 按时间顺序 (no targets: the server applies the money oldest first). */
  allocation: Allocation;
  chosenKeys: readonly string[];
  tenders: readonly TenderDraft[];
  /** The house's prepayment balance (payables answer it); 预存抵扣 is capped at it. */
  prepayBalanceFen?: number;
}

export const itemKey = (item: Pick<IPayableItem, 'kind' | 'id'>): string => `${item.kind}:${item.id}`;

/** Oldest first as the server orders them (dueSince, then id), so the desk shows what is paid first on top. */
export function oldestFirst(items: readonly IPayableItem[]): IPayableItem[] {
  return [...items].sort((a, b) => (a.dueSince === b.dueSince ? a.id - b.id : a.dueSince < b.dueSince ? -1 : 1));
}

/** What the chosen mode can take at most: all open balances, or those of the ticked items. */
export function dueFen(draft: Pick<DeskDraft, 'items' | 'allocation' | 'chosenKeys'>): number {
  const items =
    draft.allocation === 'oldest' ? draft.items : draft.items.filter((i) => draft.chosenKeys.includes(itemKey(i)));
  return items.reduce((sum, i) => sum + i.balanceFen, 0);
}

/** Σ of the amounts typed so far that parse (the live total next to the tenders). */
export function tenderedFen(tenders: readonly TenderDraft[]): number {
  return tenders.reduce((sum, t) => {
    const parsed = parseYuanInput(t.amount);
    return parsed.ok && parsed.fen ? sum + parsed.fen : sum;
  }, 0);
}

/**
 * How a total would be applied, oldest first and never over an item's balance — the preview next to the
 * items. The server applies the same rule (shared allocation) and its answer is what the receipt shows.
 */
export function previewAllocation(items: readonly IPayableItem[], amountFen: number): Map<string, number> {
  const applied = new Map<string, number>();
  let left = amountFen;
  for (const item of oldestFirst(items)) {
    const take = Math.min(left, item.balanceFen);
    if (take > 0) applied.set(itemKey(item), take);
    left -= take;
  }
  return applied;
}

export type BuildResult = { ok: true; request: ICashierPaymentRequest } | { ok: false; message: string };

/** The draft → the request, or the first problem in words the cashier can act on. */
export function buildCollectRequest(draft: DeskDraft, idempotencyKey: string): BuildResult {
  if (!draft.houseId) return { ok: false, message: '请先选择房屋' };
  if (!draft.items.length) return { ok: false, message: '该房屋没有待缴项目' };
  if (draft.allocation === 'chosen' && !draft.chosenKeys.length)
    return { ok: false, message: '请勾选要收款的项目，或选择「按时间顺序」' };
  if (!draft.tenders.length) return { ok: false, message: '请至少添加一种收款方式' };
  const tenders: ICashierTender[] = [];
  for (const [index, t] of draft.tenders.entries()) {
    const name = `第 ${index + 1} 笔（${TENDER_METHOD_LABELS[t.method]}）`;
    const parsed = parseYuanInput(t.amount);
    if (!parsed.ok) return { ok: false, message: `${name}：${parsed.message}` };
    if (!parsed.fen) return { ok: false, message: `${name}：金额须大于 0` };
    const reference = t.reference.trim();
    if ((t.method === 'transfer' || t.method === 'pos') && !reference)
      return { ok: false, message: `${name}：请填写${REFERENCE_LABELS[t.method]}` };
    if (reference.length > 64)
      return { ok: false, message: `${name}：${REFERENCE_LABELS[t.method] ?? '备注'}不能超过 64 个字符` };
    const tender: ICashierTender = { method: t.method, amountFen: parsed.fen };
    if (reference) tender.reference = reference;
    if (t.method === 'wechat_micropay') {
      const code = t.authCode.replace(/\s/g, '');
      if (!AUTH_CODE.test(code))
        return { ok: false, message: `${name}：付款码应为 18 位数字（以 10–15 开头），请重新扫码` };
      tender.authCode = code;
    }
    tenders.push(tender);
  }
  if (tenders.filter((t) => t.method === 'wechat_micropay').length > 1)
    return { ok: false, message: '一次收款只能使用一个付款码' };
  const prepaid = tenders.filter((t) => t.method === 'prepaid');
  if (prepaid.length > 1) return { ok: false, message: '一次收款只能有一笔预存抵扣' };
  const balance = draft.prepayBalanceFen ?? 0;
  if (prepaid.length && prepaid[0].amountFen > balance)
    return { ok: false, message: `预存抵扣不能超过预存余额 ${formatFen(balance)}` };
  const total = tenders.reduce((s, t) => s + t.amountFen, 0);
  const due = dueFen(draft);
  if (total > due) return { ok: false, message: `收款合计 ${formatFen(total)} 超过应收 ${formatFen(due)}，请核对金额` };
  const request: ICashierPaymentRequest = { idempotencyKey, houseId: draft.houseId, tenders };
  if (draft.allocation === 'chosen') {
    request.targets = oldestFirst(draft.items)
      .filter((i) => draft.chosenKeys.includes(itemKey(i)))
      .map((i): IPayTarget => ({ kind: i.kind, id: i.id }));
  }
  return { ok: true, request };
}

/** A fresh key per collection; retries of the same submit reuse it, so a lost answer never charges twice. */
export function newIdempotencyKey(): string {
  const random =
    globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `desk-${random}`.slice(0, 64);
}

/** Slices of several tenders on the same item read as one line on the receipt (¥10.00 cash + ¥5.50 transfer → ¥15.50). */
export function mergeAllocations<T extends { kind: string; targetId: number; amountFen: number }>(
  slices: readonly T[],
): T[] {
  const merged: T[] = [];
  for (const s of slices) {
    const same = merged.find((m) => m.kind === s.kind && m.targetId === s.targetId);
    if (same) same.amountFen += s.amountFen;
    else merged.push({ ...s });
  }
  return merged;
}
