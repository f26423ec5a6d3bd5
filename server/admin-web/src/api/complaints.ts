import {
  ROUTES,
  type ComplaintStatus,
  type IAssignInvestigatorRequest,
  type IComplaint,
  type IComplaintDetail,
  type IComplaintNoteRequest,
  type IComplaintPolicy,
  type ICreateComplaintRequest,
  type IPage,
  type IResolveComplaintRequest,
  type ITicketUrge,
} from '@app/shared';
import { api } from './client';

const C = ROUTES.complaints;

export interface ComplaintQuery {
  projectId: number;
  status?: ComplaintStatus;
  overdue?: 'true';
  page?: number;
  pageSize?: number;
}

export const listComplaints = (query: ComplaintQuery): Promise<IPage<IComplaint>> => api(C.list, { query });
export const getComplaint = (id: number): Promise<IComplaintDetail> => api(C.one, { params: { id } });
export const createComplaint = (body: ICreateComplaintRequest): Promise<IComplaintDetail> => api(C.create, { body });
export const assignInvestigator = (id: number, body: IAssignInvestigatorRequest): Promise<IComplaintDetail> =>
  api(C.assign, { params: { id }, body });
export const recordContact = (id: number, body: IComplaintNoteRequest): Promise<IComplaintDetail> =>
  api(C.contact, { params: { id }, body });
export const addNote = (id: number, body: IComplaintNoteRequest): Promise<IComplaintDetail> =>
  api(C.note, { params: { id }, body });
export const resolveComplaint = (id: number, body: IResolveComplaintRequest): Promise<IComplaintDetail> =>
  api(C.resolve, { params: { id }, body });
/** The resident's acceptance given by phone. */
export const confirmForResident = (id: number): Promise<IComplaintDetail> => api(C.confirm, { params: { id } });
export const complaintPolicy = (projectId: number): Promise<IComplaintPolicy> =>
  api(C.policy, { params: { projectId } });

/** 催单 counts of the project's requests (the 工单中心 marker). */
export const projectUrges = (projectId: number): Promise<ITicketUrge[]> =>
  api(ROUTES.urges.ofProject, { query: { projectId } });
export const ticketUrge = (id: number): Promise<ITicketUrge> => api(ROUTES.urges.state, { params: { id } });
