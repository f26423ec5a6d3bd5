import {
  ROUTES,
  type IComplaint,
  type IComplaintDetail,
  type ICreateComplaintRequest,
  type ITicketUrge,
} from '@app/shared';
import { api } from '../http';

/** 投诉 and 催单 (docs/complaints.md). */
const C = ROUTES.complaints;

export async function getMyComplaints(): Promise<IComplaint[]> {
  return (await api(C.mine, { query: { pageSize: 50 } })).items;
}

export function getComplaint(id: number): Promise<IComplaintDetail> {
  return api(C.one, { params: { id } });
}

/** 422 names the fields (category, description, houseId, mediaIds). */
export function createComplaint(body: ICreateComplaintRequest): Promise<IComplaintDetail> {
  return api(C.create, { body });
}

export function confirmComplaint(id: number): Promise<IComplaintDetail> {
  return api(C.confirm, { params: { id } });
}

export function disputeComplaint(id: number, reason: string): Promise<IComplaintDetail> {
  return api(C.dispute, { params: { id }, body: { reason } });
}

/** 429 RATE_LIMITED within the hour: the message says when the resident may urge again. */
export function urgeTicket(id: number): Promise<ITicketUrge> {
  return api(ROUTES.urges.urge, { params: { id } });
}

export function getTicketUrge(id: number): Promise<ITicketUrge> {
  return api(ROUTES.urges.state, { params: { id } });
}
