import { ROUTES, type ITechnicianProfile, type ITechnicianWorkload, type IUpdateTechnicianRequest } from '@app/shared';
import { api } from './client';

export function listTechnicians(projectId: number): Promise<ITechnicianProfile[]> {
  return api(ROUTES.property.technicians, { params: { projectId } });
}

export function updateTechnician(userId: number, patch: IUpdateTechnicianRequest): Promise<ITechnicianProfile> {
  return api(ROUTES.property.updateTechnician, { params: { userId }, body: patch });
}

/** Open jobs and today's appointments per technician of the project (dispatchers). */
export function technicianWorkload(projectId: number): Promise<ITechnicianWorkload[]> {
  return api(ROUTES.tickets.technicianWorkload, { query: { projectId } });
}
