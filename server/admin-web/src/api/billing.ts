import {
  ROUTES,
  buildPath,
  type IAddAdjustmentRequest,
  type IArrearsQuery,
  type IArrearsRow,
  type IBill,
  type IBillDetail,
  type IBillListQuery,
  type IBillRun,
  type IBillingItem,
  type ICollectionRate,
  type IHouseQuantity,
  type ILateFeePolicy,
  type IMeterReading,
  type IPage,
  type IReadingImportResult,
  type IRecordReadingRequest,
  type IReminder,
  type ISendRemindersRequest,
  type ISetHouseQuantityRequest,
  type ISetSharedAmountRequest,
  type ISharedAmount,
  type IStartBillRunRequest,
  type IUpdateLateFeePolicyRequest,
  type IUpsertBillingItemRequest,
  type IApplyVacancyRequest,
  type IVacancyApplication,
  type VacancyStatus,
} from '@app/shared';
import { api, http } from './client';

/** Monthly bills (issue 9): every call goes through ROUTES.billing. */
const B = ROUTES.billing;

export const listBillingItems = (projectId: number, includeEnded = true): Promise<IBillingItem[]> =>
  api(B.items, { query: { projectId, includeEnded } });
export const upsertBillingItem = (body: IUpsertBillingItemRequest): Promise<IBillingItem> =>
  api(B.upsertItem, { body });
export const listHouseQuantities = (
  projectId: number,
  itemCode: string | undefined,
  page: number,
  pageSize: number,
): Promise<IPage<IHouseQuantity>> => api(B.houseQuantities, { query: { projectId, itemCode, page, pageSize } });
export const setHouseQuantity = (body: ISetHouseQuantityRequest): Promise<void> => api(B.setHouseQuantity, { body });
export const listSharedAmounts = (
  projectId: number,
  itemCode: string | undefined,
  page: number,
  pageSize: number,
): Promise<IPage<ISharedAmount>> => api(B.sharedAmounts, { query: { projectId, itemCode, page, pageSize } });
export const setSharedAmount = (body: ISetSharedAmountRequest): Promise<void> => api(B.setSharedAmount, { body });
export const getLateFeePolicy = (projectId: number): Promise<ILateFeePolicy> =>
  api(B.lateFeePolicy, { params: { projectId } });
export const updateLateFeePolicy = (projectId: number, body: IUpdateLateFeePolicyRequest): Promise<ILateFeePolicy> =>
  api(B.updateLateFeePolicy, { params: { projectId }, body });

export const listReadings = (query: {
  projectId: number;
  period: string;
  itemCode?: string;
  page?: number;
  pageSize?: number;
}): Promise<IPage<IMeterReading>> => api(B.readings, { query });
export const recordReading = (body: IRecordReadingRequest): Promise<IMeterReading> => api(B.recordReading, { body });

/** Multipart through XHR (upload progress), so it takes the route's path rather than the typed caller. */
export function importReadings(
  query: { projectId: number; period: string; itemCode: string; dryRun: boolean },
  file: File,
  onProgress?: (percent: number) => void,
): Promise<IReadingImportResult> {
  return http.upload<IReadingImportResult>(B.importReadings.path, file, file.name, { query, onProgress });
}

export const downloadReadingTemplate = (query: {
  projectId: number;
  period: string;
  itemCode: string;
}): Promise<Blob> => http.getBlob(B.readingTemplate.path, query);

export const listVacancies = (projectId: number, status?: VacancyStatus): Promise<IVacancyApplication[]> =>
  api(B.vacancies, { query: { projectId, status } });
export const applyVacancy = (body: IApplyVacancyRequest): Promise<IVacancyApplication> => api(B.applyVacancy, { body });
export const decideVacancy = (id: number, approve: boolean, note?: string): Promise<IVacancyApplication> =>
  api(B.decideVacancy, { params: { id }, body: { approve, note } });

export const listRuns = (query: { projectId?: number; period?: string }): Promise<IBillRun[]> => api(B.runs, { query });
export const startRun = (body: IStartBillRunRequest): Promise<IBillRun[]> => api(B.startRun, { body });
export const getRun = (id: number, signal?: AbortSignal): Promise<IBillRun> => api(B.run, { params: { id }, signal });
export const checkRun = (id: number): Promise<IBillRun> => api(B.checkRun, { params: { id } });
export const publishRun = (id: number): Promise<IBillRun> => api(B.publishRun, { params: { id } });

export const listBills = (query: IBillListQuery): Promise<IPage<IBill>> => api(B.bills, { query });
export const getBill = (id: number): Promise<IBillDetail> => api(B.bill, { params: { id } });
export const downloadBillPdf = (id: number): Promise<Blob> => http.getBlob(buildPath(B.billPdf.path, { id }));
export const voidAndReissue = (id: number, reason: string): Promise<IBillDetail> =>
  api(B.voidAndReissue, { params: { id }, body: { reason } });
export const waiveLateFee = (id: number, lineId: number, reason: string): Promise<IBillDetail> =>
  api(B.waiveLateFee, { params: { id, lineId }, body: { reason } });
export const addAdjustment = (body: IAddAdjustmentRequest): Promise<void> => api(B.addAdjustment, { body });

export const listArrears = (query: IArrearsQuery): Promise<IPage<IArrearsRow>> => api(B.arrears, { query });
export const sendReminders = (body: ISendRemindersRequest): Promise<IReminder[]> => api(B.sendReminders, { body });
export const listReminders = (query: {
  projectId: number;
  houseId?: number;
  page?: number;
  pageSize?: number;
}): Promise<IPage<IReminder>> => api(B.reminders, { query });
export const downloadReminderNotice = (projectId: number, houseIds: number[]): Promise<Blob> =>
  http.getBlob(B.reminderNotice.path, { projectId, houseIds: houseIds.join(',') });

export const getCollectionRate = (projectId: number, period: string): Promise<ICollectionRate> =>
  api(B.collectionRate, { query: { projectId, period } });

/** Saves a downloaded file under `name` (a plain link would not carry the bearer token). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
