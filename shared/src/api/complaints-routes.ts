import type {
  IAssignInvestigatorRequest,
  IComplaint,
  IComplaintDetail,
  IComplaintListQuery,
  IComplaintNoteRequest,
  IComplaintPolicy,
  IComplaintPolicyRequest,
  ICreateComplaintRequest,
  IDisputeComplaintRequest,
  IPage,
  IPageQuery,
  IResolveComplaintRequest,
  ITicketUrge,
} from '../contracts';
import { get, post, put } from './route';

/** 投诉 (docs/complaints.md). Every action answers the complaint as it now is. */
export const COMPLAINT_ROUTES = {
  list: get<IPage<IComplaint>, IComplaintListQuery>()('/api/complaints'),
  /** The resident's own complaints, newest first. */
  mine: get<IPage<IComplaint>, IPageQuery>()('/api/complaints/mine'),
  create: post<IComplaintDetail, ICreateComplaintRequest>()('/api/complaints'),
  one: get<IComplaintDetail>()('/api/complaints/:id'),
  assign: post<IComplaintDetail, IAssignInvestigatorRequest>()('/api/complaints/:id/assign'),
  /** The investigator reached the resident (the contact deadline is met). */
  contact: post<IComplaintDetail, IComplaintNoteRequest>()('/api/complaints/:id/contact'),
  note: post<IComplaintDetail, IComplaintNoteRequest>()('/api/complaints/:id/notes'),
  resolve: post<IComplaintDetail, IResolveComplaintRequest>()('/api/complaints/:id/resolve'),
  /** The resident accepts the resolution (or staff record the resident's acceptance given by phone). */
  confirm: post<IComplaintDetail>()('/api/complaints/:id/confirm'),
  /** The resident disputes the resolution: reopened for the investigator, escalated to the project manager. */
  dispute: post<IComplaintDetail, IDisputeComplaintRequest>()('/api/complaints/:id/dispute'),
  policy: get<IComplaintPolicy>()('/api/projects/:projectId/complaint-policy'),
  savePolicy: put<IComplaintPolicy, IComplaintPolicyRequest>()('/api/projects/:projectId/complaint-policy'),
} as const;

/** 催单: at most once per hour per request. */
export const URGE_ROUTES = {
  urge: post<ITicketUrge>()('/api/tickets/:id/urge'),
  state: get<ITicketUrge>()('/api/tickets/:id/urge'),
  /** Urged requests of a project, most recent first (the console's marker). */
  ofProject: get<ITicketUrge[], { projectId: number }>()('/api/ticket-urges'),
} as const;
