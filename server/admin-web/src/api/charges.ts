import type {
  ICashHandover,
  ICashHandoverRequest,
  ICashOutstanding,
  ICharge,
  ChargeConfirmation,
  ChargeStatus,
  ICompanySettings,
  ICounterSale,
  ICounterSaleLedger,
  ICounterSaleRequest,
  IPage,
  IWaiverBudget,
} from '@app/shared';
import { http } from './client';

export type { ICounterSale, ICounterSaleLedger } from '@app/shared';

export function getCashOutstanding(projectId: number): Promise<ICashOutstanding> {
  return http.get<ICashOutstanding>('/cash/outstanding', { projectId });
}

export function handOverCash(body: ICashHandoverRequest): Promise<ICashHandover> {
  return http.post<ICashHandover>('/cash/handovers', body);
}

export function createCounterSale(body: ICounterSaleRequest): Promise<ICounterSale> {
  return http.post<ICounterSale>('/counter-sales', body);
}

export function getCounterSales(projectId: number, date: string): Promise<ICounterSaleLedger> {
  return http.get<ICounterSaleLedger>('/counter-sales', { projectId, date });
}

export function listCharges(query: {
  projectId: number;
  status?: ChargeStatus;
  confirmation?: ChargeConfirmation;
  page: number;
  pageSize: number;
}): Promise<IPage<ICharge>> {
  return http.get<IPage<ICharge>>('/charges', { ...query });
}

export function getCharge(id: number): Promise<ICharge> {
  return http.get<ICharge>(`/charges/${id}`);
}

/** The customer manager records the resident's confirmation given on the phone (a staff-device signature's charge). */
export function recordPhoneConfirmation(id: number, note: string): Promise<ICharge> {
  return http.post<ICharge>(`/charges/${id}/phone-confirmation`, { note });
}

export function waiveCharge(id: number, reason: string): Promise<ICharge> {
  return http.post<ICharge>(`/charges/${id}/waive`, { reason });
}

export function getWaiverBudget(): Promise<IWaiverBudget> {
  return http.get<IWaiverBudget>('/waivers/budget');
}

export function getCompanySettings(companyId: number): Promise<ICompanySettings> {
  return http.get<ICompanySettings>(`/companies/${companyId}/settings`);
}

export function updateCompanySettings(companyId: number, body: Omit<ICompanySettings, 'companyId'>): Promise<ICompanySettings> {
  return http.put<ICompanySettings>(`/companies/${companyId}/settings`, body);
}
