import { ROUTES, buildPath, type ISlaPolicy, type ISlaPolicyRequest, type ISlaReport } from '@app/shared';
import { api, http } from './client';

const S = ROUTES.sla;

export const listSlaPolicies = (projectId: number): Promise<ISlaPolicy[]> =>
  api(ROUTES.tickets.slaPolicies, { params: { projectId } });
export const saveSlaPolicy = (projectId: number, body: ISlaPolicyRequest): Promise<ISlaPolicy> =>
  api(ROUTES.tickets.saveSlaPolicy, { params: { projectId }, body });
export const getSlaReport = (projectId: number, from: string, to: string): Promise<ISlaReport> =>
  api(S.report, { params: { projectId }, query: { from, to } });
export const downloadSlaReport = (projectId: number, from: string, to: string): Promise<Blob> =>
  http.getBlob(buildPath(S.exportReport.path, { projectId }), { from, to });
