import { PaymentStatus, TENDER_METHOD_LABELS, formatFen, sumFen, type IPayment, type TenderMethod } from '@app/shared';
import { listPayments } from '../../../api/payments';

export interface MethodShare {
  method: TenderMethod;
  label: string;
  count: number;
  amountFen: number;
  /** e.g. "¥1,234.56", always formatted from integer fen. */
  amountText: string;
}

export interface CollectionsSummary {
  totalFen: number;
  totalText: string;
  count: number;
  byMethod: MethodShare[];
}

/**
 * The day's collections: payments that count (confirmed), the resident's own WeChat payments included.
 * Offline payments still waiting for the second person do not count yet; they have their own tile.
 */
export function summarizeCollections(payments: readonly IPayment[]): CollectionsSummary {
  const counted = payments.filter((p) => p.status === PaymentStatus.Confirmed);
  const groups = new Map<TenderMethod, IPayment[]>();
  for (const p of counted) groups.set(p.method, [...(groups.get(p.method) ?? []), p]);
  const byMethod = [...groups.entries()]
    .map(([method, list]) => {
      const amountFen = sumFen(list.map((p) => p.amountFen));
      return {
        method,
        label: TENDER_METHOD_LABELS[method] ?? method,
        count: list.length,
        amountFen,
        amountText: formatFen(amountFen),
      };
    })
    .sort((a, b) => b.amountFen - a.amountFen);
  const totalFen = sumFen(counted.map((p) => p.amountFen));
  return { totalFen, totalText: formatFen(totalFen), count: counted.length, byMethod };
}

const PAGE_SIZE = 200;
/** A desk takes far fewer payments a day; the cap only keeps a runaway loop from hammering the server. */
const MAX_PAGES = 10;

/** Every payment of the project paid on `date` (YYYY-MM-DD, Shanghai), page by page. */
export async function paymentsOn(projectId: number, date: string): Promise<IPayment[]> {
  const all: IPayment[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const batch = await listPayments({ projectId, from: date, to: date, page, pageSize: PAGE_SIZE });
    all.push(...batch.items);
    if (all.length >= batch.total || batch.items.length < PAGE_SIZE) break;
  }
  return all;
}

/** A pending total as money: Σ amountFen of the listed items. */
export function pendingAmountText(items: readonly { amountFen: number }[]): string {
  return formatFen(sumFen(items.map((i) => i.amountFen)));
}
