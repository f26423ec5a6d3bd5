import type { ITechnicianProfile, ITechnicianWorkload, IUpdateTechnicianRequest } from '@app/shared';
import { http } from './client';

export function listTechnicians(projectId: number): Promise<ITechnicianProfile[]> {
  return http.get<ITechnicianProfile[]>(`/property/projects/${projectId}/technicians`);
}

export function updateTechnician(userId: number, patch: IUpdateTechnicianRequest): Promise<ITechnicianProfile> {
  return http.patch<ITechnicianProfile>(`/technicians/${userId}`, patch);
}

/** Open jobs and today's appointments per technician of the project (dispatchers). */
export function technicianWorkload(projectId: number): Promise<ITechnicianWorkload[]> {
  return http.get<ITechnicianWorkload[]>('/tickets/technician-workload', { projectId });
}
