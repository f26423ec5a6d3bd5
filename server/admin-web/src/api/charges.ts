import {
  ROUTES,
  type ICashHandover,
  type ICashHandoverRequest,
  type ICashOutstanding,
  type ICharge,
  type ChargeConfirmation,
  type ChargeStatus,
  type ICompanySettings,
  type ICounterSale,
  type ICounterSaleLedger,
  type ICounterSaleRequest,
  type IPage,
  type IWaiverBudget,
} from '@app/shared';
import { api } from './client';

export type { ICounterSale, ICounterSaleLedger } from '@app/shared';

const C = ROUTES.charges;

export function getCashOutstanding(projectId: number): Promise<ICashOutstanding> {
  return api(C.cashOutstanding, { query: { projectId } });
}

export function handOverCash(body: ICashHandoverRequest): Promise<ICashHandover> {
  return api(C.handOverCash, { body });
}

export function createCounterSale(body: ICounterSaleRequest): Promise<ICounterSale> {
  return api(C.createCounterSale, { body });
}

export function getCounterSales(projectId: number, date: string): Promise<ICounterSaleLedger> {
  return api(C.counterSales, { query: { projectId, date } });
}

export function listCharges(query: {
  projectId: number;
  status?: ChargeStatus;
  confirmation?: ChargeConfirmation;
  page: number;
  pageSize: number;
}): Promise<IPage<ICharge>> {
  return api(C.list, { query });
}

export function getCharge(id: number): Promise<ICharge> {
  return api(C.one, { params: { id } });
}

/** The customer manager records the resident's confirmation given on the phone (a staff-device signature's charge). */
export function recordPhoneConfirmation(id: number, note: string): Promise<ICharge> {
  return api(C.phoneConfirmation, { params: { id }, body: { note } });
}

export function waiveCharge(id: number, reason: string): Promise<ICharge> {
  return api(C.waive, { params: { id }, body: { reason } });
}

export function getWaiverBudget(): Promise<IWaiverBudget> {
  return api(C.waiverBudget);
}

export function getCompanySettings(companyId: number): Promise<ICompanySettings> {
  return api(C.companySettings, { params: { companyId } });
}

export function updateCompanySettings(
  companyId: number,
  body: Omit<ICompanySettings, 'companyId'>,
): Promise<ICompanySettings> {
  return api(C.updateCompanySettings, { params: { companyId }, body });
}
