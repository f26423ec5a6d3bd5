import { PAYMENT_STATUS_LABELS, TENDER_METHOD_LABELS, type IPayment, type IPaymentAllocation } from '@app/shared';

/** "2026-12-01 10:23" in the phone's time zone: receipts and payment records carry the year. */
export function formatStamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const methodLabel = (method: string) =>
  TENDER_METHOD_LABELS[method as keyof typeof TENDER_METHOD_LABELS] ?? method;
export const paymentStatusLabel = (status: string) =>
  PAYMENT_STATUS_LABELS[status as keyof typeof PAYMENT_STATUS_LABELS] ?? status;

/** What a payment was for, in one line: "2026年11月物业账单、特约服务 …" (the allocations' titles, in order). */
export function paidFor(allocations: readonly IPaymentAllocation[]): string {
  const titles = [...new Set(allocations.map((a) => a.title))];
  if (titles.length <= 2) return titles.join('、');
  return `${titles.slice(0, 2).join('、')} 等${titles.length}项`;
}

/** Latest first (the server pages newest first; kept stable when pages are appended). */
export function mergePages(shown: readonly IPayment[], next: readonly IPayment[]): IPayment[] {
  const seen = new Set(shown.map((p) => p.id));
  return [...shown, ...next.filter((p) => !seen.has(p.id))];
}
