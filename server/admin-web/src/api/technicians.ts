import type { ITechnicianProfile, IUpdateTechnicianRequest } from '@app/shared';
import { http } from './client';

export function listTechnicians(projectId: number): Promise<ITechnicianProfile[]> {
  return http.get<ITechnicianProfile[]>(`/property/projects/${projectId}/technicians`);
}

export function updateTechnician(userId: number, patch: IUpdateTechnicianRequest): Promise<ITechnicianProfile> {
  return http.patch<ITechnicianProfile>(`/technicians/${userId}`, patch);
}
