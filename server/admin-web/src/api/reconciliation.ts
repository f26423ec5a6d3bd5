import { ROUTES, type IReconciliationDiscrepancy, type IReconciliationRun } from '@app/shared';
import { api } from './client';

const R = ROUTES.reconciliation;

export const listReconciliationRuns = (query: { from?: string; to?: string } = {}): Promise<IReconciliationRun[]> =>
  api(R.runs, { query });
export const runReconciliation = (date: string): Promise<IReconciliationRun> => api(R.run, { body: { date } });
export const listDiscrepancies = (runId: number): Promise<IReconciliationDiscrepancy[]> =>
  api(R.discrepancies, { params: { id: runId } });
