import { ROUTES, type ITechnicianProfile, type IUpdateTechnicianRequest } from '@app/shared';
import { api } from './client';

export function listTechnicians(projectId: number): Promise<ITechnicianProfile[]> {
  return api(ROUTES.property.technicians, { params: { projectId } });
}

export function updateTechnician(userId: number, patch: IUpdateTechnicianRequest): Promise<ITechnicianProfile> {
  return api(ROUTES.property.updateTechnician, { params: { userId }, body: patch });
}
