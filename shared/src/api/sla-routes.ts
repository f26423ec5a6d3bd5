import type { ISlaReport, ISlaReportQuery } from '../contracts';
import { get } from './route';

/** 时效报表 (docs/sla.md), served by the sla module; the policies are `ROUTES.tickets.slaPolicies` / `saveSlaPolicy`. */
export const SLA_ROUTES = {
  report: get<ISlaReport, ISlaReportQuery>()('/api/projects/:projectId/sla-report'),
  /** The same report as xlsx (按类别, 按维修师傅, 超时工单). */
  exportReport: get<ArrayBuffer, ISlaReportQuery>()('/api/projects/:projectId/sla-report/export.xlsx'),
} as const;
