/** Daily reconciliation against the WeChat Pay trade bill (docs/reconciliation.md). Money in integer fen. */

// ── Reconciliation (对账) ────────────────────────────────────────────────────────────────────────────

export const DiscrepancyKind = {
  /** In the WeChat trade bill, not recorded locally. */
  MissingLocally: 'missing_locally',
  /** Recorded locally as paid by WeChat, absent from the trade bill. */
  MissingRemotely: 'missing_remotely',
  AmountDiffers: 'amount_differs',
} as const;
export type DiscrepancyKind = (typeof DiscrepancyKind)[keyof typeof DiscrepancyKind];

export const DISCREPANCY_KIND_LABELS: Record<DiscrepancyKind, string> = {
  missing_locally: '本地缺失',
  missing_remotely: '微信缺失',
  amount_differs: '金额不符',
};

export interface IReconciliationRun {
  id: number;
  /** The trade date reconciled, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  /** running: an attempt holds the date (a re-run answers 409 meanwhile). */
  status: 'running' | 'done' | 'failed';
  remoteCount: number;
  localCount: number;
  remoteTotalFen: number;
  localTotalFen: number;
  discrepancyCount: number;
  error: string | null;
  /** When the latest attempt finished (or started, while running). */
  createdAt: string;
}

export interface IReconciliationDiscrepancy {
  id: number;
  runId: number;
  kind: DiscrepancyKind;
  outTradeNo: string | null;
  transactionId: string | null;
  localFen: number | null;
  remoteFen: number | null;
  note: string;
}
