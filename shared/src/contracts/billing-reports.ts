import type { IPageQuery } from './common';

/** Billing reports (docs/billing.md "Reports"): arrears, reminders (催缴) and collection rates (收缴率). */

export interface IArrearsRow {
  houseId: number;
  houseLabel: string;
  buildingName: string;
  unitName: string;
  owedFen: number;
  billCount: number;
  oldestPeriod: string;
  /** Whole months since the oldest unpaid period. */
  ageMonths: number;
  lastReminderAt: string | null;
}

export interface IArrearsQuery extends IPageQuery {
  projectId: number;
  buildingId?: number;
  unitId?: number;
  /** At least this many months old. */
  minAgeMonths?: number;
}

export const ReminderChannel = { InApp: 'in_app', Notice: 'notice' } as const;
export type ReminderChannel = (typeof ReminderChannel)[keyof typeof ReminderChannel];

export interface ISendRemindersRequest {
  projectId: number;
  houseIds: number[];
  channel: ReminderChannel;
}

export interface IReminder {
  id: number;
  houseId: number;
  houseLabel: string;
  channel: ReminderChannel;
  owedFen: number;
  sentBy: number;
  sentByName: string;
  sentAt: string;
}

export interface ICollectionRateRow {
  /** Building name, or the period when grouped by month. */
  key: string;
  billedFen: number;
  receivedFen: number;
  /** received / billed in basis points (10000 = 100 %); null when nothing was billed. */
  rateBp: number | null;
}

export interface ICollectionRate {
  projectId: number;
  period: string;
  current: ICollectionRateRow;
  /** Bills of earlier periods still open at the start of this one. */
  arrears: ICollectionRateRow;
  byBuilding: ICollectionRateRow[];
  /** The last 12 months, oldest first (for the chart). */
  byMonth: ICollectionRateRow[];
}
