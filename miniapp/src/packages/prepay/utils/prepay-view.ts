import {
  InvoiceTitleKind,
  PREPAY_ENTRY_KIND_LABELS,
  TENDER_METHOD_LABELS,
  formatFen,
  taxIdProblem,
  type IInvoiceRequest,
  type IPayment,
  type IPrepayLedgerEntry,
  type IPrepayOfferQuote,
  type IUpsertInvoiceTitleRequest,
} from '@app/shared';

/** What an offer means for this house, in the resident's words. */
export function offerLines(q: IPrepayOfferQuote): { pay: string; get: string; basis: string } {
  const [year, month] = q.fromPeriod.split('-').map(Number);
  // A house whose 计费起始日 is later is quoted from its first whole month of billing: say which month.
  const start = q.billingStartDate ? `本房屋 ${q.billingStartDate} 起计费，` : '';
  return {
    basis: `${start}按 ${year}年${month}月起每月物业服务费 ${formatFen(q.monthlyFeeFen)} 计算`,
    pay: `预存 ${q.payMonths} 个月物业费，支付 ${formatFen(q.payFen)}`,
    get:
      q.freeMonths > 0
        ? `赠送 ${q.freeMonths} 个月（${formatFen(q.bonusFen)}），共到账 ${formatFen(q.payFen + q.bonusFen)}`
        : `到账 ${formatFen(q.payFen)}`,
  };
}

export function ledgerLine(e: IPrepayLedgerEntry): {
  title: string;
  amount: string;
  incoming: boolean;
  balance: string;
} {
  return {
    title: e.note || PREPAY_ENTRY_KIND_LABELS[e.kind],
    amount: `${e.amountFen > 0 ? '+' : ''}${formatFen(e.amountFen)}`,
    incoming: e.amountFen > 0,
    balance: `余额 ${formatFen(e.balanceAfterFen)}`,
  };
}

/**
 * Payments an invoice can still be asked for: confirmed, not settled from prepayment (the top-up is invoiced),
 * something left after refunds, and not on a request that is waiting or issued.
 */
export function invoiceablePayments(payments: readonly IPayment[], requests: readonly IInvoiceRequest[]): IPayment[] {
  const taken = new Set(requests.filter((r) => r.status !== 'rejected').flatMap((r) => r.paymentIds));
  return payments.filter(
    (p) => p.status === 'confirmed' && p.method !== 'prepaid' && p.amountFen - p.refundedFen > 0 && !taken.has(p.id),
  );
}

export function paymentLine(p: IPayment): string {
  return `${p.houseLabel} · ${TENDER_METHOD_LABELS[p.method]} ${formatFen(p.amountFen - p.refundedFen)}`;
}

export type TitleErrors = Partial<Record<'name' | 'taxId' | 'email', string>>;

/** The same rules the server applies (shared `taxIdProblem`), so most mistakes show before sending. */
export function validateTitle(draft: IUpsertInvoiceTitleRequest): TitleErrors {
  const errors: TitleErrors = {};
  if (!draft.name.trim()) errors.name = draft.kind === InvoiceTitleKind.Company ? '请填写单位名称' : '请填写姓名';
  else if (draft.name.trim().length > 100) errors.name = '发票抬头不能超过 100 个字符';
  if (draft.kind === InvoiceTitleKind.Company) {
    const taxId = (draft.taxId ?? '').trim().toUpperCase();
    if (!taxId) errors.taxId = '企业抬头请填写纳税人识别号';
    else {
      const problem = taxIdProblem(taxId);
      if (problem) errors.taxId = problem;
    }
  }
  if (draft.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) errors.email = '接收邮箱格式不正确';
  return errors;
}

/** Largest top-up the server takes (payments DTO: 100 万元). */
export const MAX_TOPUP_FEN = 100_000_000;

/** A top-up typed in yuan → integer fen, or what is wrong with it in the resident's words. */
export function parseTopupYuan(text: string): { ok: true; fen: number } | { ok: false; message: string } {
  const t = text.trim();
  if (!t) return { ok: false, message: '请输入预存金额' };
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return { ok: false, message: '请输入金额（元），最多两位小数' };
  // Digits, not floating point: '0.29' must be 29 fen, never 28.999….
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen <= 0) return { ok: false, message: '预存金额须大于 0' };
  if (fen > MAX_TOPUP_FEN) return { ok: false, message: '单次预存不能超过 100 万元' };
  return { ok: true, fen };
}
