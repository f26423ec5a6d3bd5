import type {
  IAddAdjustmentRequest,
  IApplyVacancyRequest,
  IArrearsQuery,
  IArrearsRow,
  IBill,
  IBillDetail,
  IBillListQuery,
  IBillRun,
  IBillingItem,
  IHouseQuantity,
  ISharedAmount,
  ICollectionRate,
  IDecideVacancyRequest,
  ILateFeePolicy,
  IMeterReading,
  IPage,
  IReadingImportResult,
  IRecordReadingRequest,
  IReminder,
  ISendRemindersRequest,
  ISetHouseQuantityRequest,
  ISetSharedAmountRequest,
  IStartBillRunRequest,
  IUpdateLateFeePolicyRequest,
  IUpsertBillingItemRequest,
  IVacancyApplication,
  IVoidAndReissueRequest,
  VacancyStatus,
} from '../contracts';
import { get, post, put } from './route';

/** Binary answers (xlsx, pdf) are typed ArrayBuffer; clients download them as files.
 * Monthly property bills (docs/domain.md §5): staff routes under /api/billing, residents' under /api/bills/mine. */
export const BILLING_ROUTES = {
  items: get<IBillingItem[], { projectId: number; includeEnded?: boolean }>()('/api/billing/items'),
  /** A new price starts a new effective-dated row; the current one ends the month before. */
  upsertItem: post<IBillingItem, IUpsertBillingItemRequest>()('/api/billing/items'),
  /** Added by the console (billconsole): what has been set, to show and edit. */
  houseQuantities: get<
    IPage<IHouseQuantity>,
    { projectId: number; itemCode?: string; page?: number; pageSize?: number }
  >()('/api/billing/house-quantities'),
  sharedAmounts: get<
    IPage<ISharedAmount>,
    { projectId: number; itemCode?: string; page?: number; pageSize?: number }
  >()('/api/billing/shared-amounts'),
  setHouseQuantity: put<void, ISetHouseQuantityRequest>()('/api/billing/house-quantities'),
  setSharedAmount: put<void, ISetSharedAmountRequest>()('/api/billing/shared-amounts'),
  lateFeePolicy: get<ILateFeePolicy>()('/api/billing/projects/:projectId/late-fee-policy'),
  updateLateFeePolicy: put<ILateFeePolicy, IUpdateLateFeePolicyRequest>()(
    '/api/billing/projects/:projectId/late-fee-policy',
  ),

  readings: get<
    IPage<IMeterReading>,
    { projectId: number; period: string; itemCode?: string; page?: number; pageSize?: number }
  >()('/api/billing/readings'),
  recordReading: post<IMeterReading, IRecordReadingRequest>()('/api/billing/readings'),
  /** Multipart (`file`, xlsx); all-or-nothing; `dryRun=true` validates without writing. */
  importReadings: post<
    IReadingImportResult,
    undefined,
    { projectId: number; period: string; itemCode: string; dryRun?: boolean }
  >()('/api/billing/readings/import'),
  /** xlsx template with the project's houses and last readings. */
  readingTemplate: get<ArrayBuffer, { projectId: number; period: string; itemCode: string }>()(
    '/api/billing/readings/template.xlsx',
  ),

  vacancies: get<IVacancyApplication[], { projectId: number; status?: VacancyStatus }>()('/api/billing/vacancies'),
  applyVacancy: post<IVacancyApplication, IApplyVacancyRequest>()('/api/billing/vacancies'),
  decideVacancy: post<IVacancyApplication, IDecideVacancyRequest>()('/api/billing/vacancies/:id/decision'),

  runs: get<IBillRun[], { projectId?: number; period?: string }>()('/api/billing/runs'),
  /** 202-style: answers at once with the run(s) in `running`; poll `run` for progress. */
  startRun: post<IBillRun[], IStartBillRunRequest>()('/api/billing/runs'),
  run: get<IBillRun>()('/api/billing/runs/:id'),
  checkRun: post<IBillRun>()('/api/billing/runs/:id/check'),
  publishRun: post<IBillRun>()('/api/billing/runs/:id/publish'),

  bills: get<IPage<IBill>, IBillListQuery>()('/api/billing/bills'),
  bill: get<IBillDetail>()('/api/billing/bills/:id'),
  /** application/pdf, embedded Chinese font. */
  billPdf: get<ArrayBuffer>()('/api/billing/bills/:id/pdf'),
  voidAndReissue: post<IBillDetail, IVoidAndReissueRequest>()('/api/billing/bills/:id/void-and-reissue'),
  waiveLateFee: post<IBillDetail, { reason: string }>()('/api/billing/bills/:id/lines/:lineId/waive'),
  addAdjustment: post<void, IAddAdjustmentRequest>()('/api/billing/adjustments'),

  arrears: get<IPage<IArrearsRow>, IArrearsQuery>()('/api/billing/arrears'),
  sendReminders: post<IReminder[], ISendRemindersRequest>()('/api/billing/reminders'),
  reminders: get<IPage<IReminder>, { projectId: number; houseId?: number; page?: number; pageSize?: number }>()(
    '/api/billing/reminders',
  ),
  /** application/pdf: 催缴通知单 for the chosen houses (logged as a reminder per house). */
  reminderNotice: get<ArrayBuffer, { projectId: number; houseIds: string }>()('/api/billing/reminders/notice.pdf'),
  collectionRate: get<ICollectionRate, { projectId: number; period: string }>()('/api/billing/collection-rate'),
  /** xlsx exports of a project's month. */
  exportBills: get<ArrayBuffer, { projectId: number; period: string }>()('/api/billing/exports/bills.xlsx'),
  exportLines: get<ArrayBuffer, { projectId: number; period: string }>()('/api/billing/exports/bill-lines.xlsx'),
  exportReadings: get<ArrayBuffer, { projectId: number; period: string }>()('/api/billing/exports/readings.xlsx'),

  /** The signed-in resident's published bills over their approved houses, newest first. */
  mine: get<IBill[], { houseId?: number }>()('/api/bills/mine'),
  mineOne: get<IBillDetail>()('/api/bills/mine/:id'),
  /** A resident applies for a vacancy discount on one of their own houses. */
  applyVacancyMine: post<IVacancyApplication, IApplyVacancyRequest>()('/api/bills/mine/vacancies'),
  vacanciesMine: get<IVacancyApplication[]>()('/api/bills/mine/vacancies'),
} as const;
