import type { ITicketSlaDeadline } from './sla';
import type { IQuoteLine } from '../quote';
import type { ChargeConfirmation } from './charges';
import type { ITicketRef } from './ticket-merges';
import type { RepairScope, TicketAction, TicketChannel, TicketKind, TicketStatus, Urgency } from '../tickets';

export interface IMediaRef {
  id: number;
  url: string;
  thumbUrl: string;
  expiresAt: string;
}

export interface ICreateTicketRequest {
  /** Required for residents (a house they are verified for) and for home repairs and services. */
  houseId?: number | null;
  /** Staff reporting a public-area repair with no house. */
  projectId?: number | null;
  kind: TicketKind;
  scope?: RepairScope | null;
  /** A fee schedule category code (GD, GS, JJ, JZ, LH …) or, for suggestions, free text. */
  category: string;
  /** Service bookings name the schedule item they book. */
  feeItemCode?: string | null;
  urgency: Urgency;
  description: string;
  mediaIds?: number[];
  preferredStart?: string | null;
  preferredEnd?: string | null;
  /** Staff recording a phone / walk-in request. */
  channel?: TicketChannel;
  contactName?: string | null;
  contactPhone?: string | null;
}

export interface ITicketTechnician {
  userId: number;
  name: string;
  phoneMasked: string;
  /** Full number for the ticket's resident while the job is open (they call the technician), otherwise null. */
  phone: string | null;
}

/** The customer manager of the ticket's building, as the ticket's resident sees them (docs/domain.md §9: they may call). */
export interface ITicketCustomerManager {
  userId: number;
  name: string;
  phoneMasked: string;
  phone: string | null;
}

export interface ITicketQuote {
  id: number;
  seq: number;
  status: 'pending' | 'agreed' | 'declined' | 'superseded' | 'final';
  lines: IQuoteLine[];
  totalFen: number;
  scheduleVersionId: number;
  materialsVersionId: number | null;
  /** sha256 of the canonical quote snapshot; the signer sends it back to prove what they agreed to. */
  snapshotHash: string;
  createdAt: string;
}

export interface ITicketSignature {
  id: number;
  purpose: 'quote_agreement' | 'quote_decline' | 'acceptance';
  signerName: string;
  relation: string;
  snapshotHash: string;
  imageSha256: string;
  collectedByTechnician: boolean;
  signedAt: string;
  image: IMediaRef | null;
}

export interface ITicketRatings {
  overall: number;
  punctuality: number;
  attitude: number;
  comment: string | null;
}

export interface ITicket {
  id: number;
  serial: string;
  projectId: number;
  projectName: string;
  houseId: number | null;
  houseLabel: string | null;
  kind: TicketKind;
  scope: RepairScope | null;
  paid: boolean;
  category: string;
  feeItemCode: string | null;
  urgency: Urgency;
  description: string;
  channel: TicketChannel;
  status: TicketStatus;
  version: number;
  onHold: boolean;
  holdReason: string | null;
  technician: ITicketTechnician | null;
  poolOpen: boolean;
  visitAt: string | null;
  reworkCount: number;
  escalated: boolean;
  priceExplainedAt: string | null;
  preferredStart: string | null;
  preferredEnd: string | null;
  contactName: string | null;
  contactPhoneMasked: string | null;
  /** Full number, only for the project's staff and the assigned technician (they need to call). */
  contactPhone: string | null;
  media: IMediaRef[];
  afterMedia: IMediaRef[];
  /** The technician's 处理结果 note written at completion. */
  result: string | null;
  quote: ITicketQuote | null;
  agreedTotalFen: number | null;
  signatures: ITicketSignature[];
  /** When the ticket awaits acceptance: the hash the acceptance signature must carry. */
  acceptanceSnapshotHash: string | null;
  ratings: ITicketRatings | null;
  reply: string | null;
  cancelReason: string | null;
  chargeId: number | null;
  /** The charge's confirmation state (null without a charge): 'unconfirmed' awaits the resident (待您确认). */
  chargeConfirmation: ChargeConfirmation | null;
  /** 已合并到: set when staff merged this duplicate report into another ticket (it is cancelled at the same time). */
  mergedInto: ITicketRef | null;
  /**
   * Detail view only: true when the caller reads this ticket only because their duplicate report was merged into
   * it — they follow its progress but cannot act on it (quotes are the house's residents' to decide).
   */
  followerView?: boolean;
  /** Filled on the detail view only (null on lists and for public-area tickets). */
  customerManager: ITicketCustomerManager | null;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do now (drives buttons in the apps). */
  actions: TicketAction[];
  /** SLA deadlines (docs/sla.md): only on the single-ticket view for technicians and staff; absent in lists and for residents. */
  sla?: ITicketSlaDeadline[];
}

export interface ITicketEvent {
  id: number;
  action: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  actorName: string;
  actorRole: string;
  reason: string | null;
  at: string;
}

export interface IRegisterTicketRequest {
  category?: string;
  urgency?: Urgency;
  /** The customer manager explained the applicable schedule prices and the resident acknowledged. */
  priceExplained?: boolean;
}

export interface IDispatchRequest {
  technicianId: number;
  /** Dispatch to a technician without the category's skill anyway; needs `overrideReason` (recorded). */
  override?: boolean;
  overrideReason?: string;
}

export interface ITransferRequest {
  technicianId: number;
  reason: string;
  override?: boolean;
  overrideReason?: string;
}

export interface IReasonRequest {
  reason: string;
}

export interface IAcceptJobRequest {
  visitAt: string;
}

export interface ICheckInRequest {
  mediaIds?: number[];
}

export interface ITicketQuoteRequest {
  items: { code: string; quantityMilli: number }[];
  materials?: { code: string; quantityMilli: number }[];
}

export interface ISignatureRequest {
  signatureMediaId: number;
  signerName: string;
  relation: string;
  /** The snapshotHash of the quote (or ticket, for acceptance) the signer was shown. */
  snapshotHash: string;
}

export interface ICompleteRequest {
  result: string;
  mediaIds: number[];
  /** Final lines; when omitted the agreed quote stands. A higher total needs a new agreement (requote). */
  items?: { code: string; quantityMilli: number }[];
  materials?: { code: string; quantityMilli: number }[];
}

export interface IVerifyRequest extends Partial<ISignatureRequest> {
  overall: number;
  punctuality: number;
  attitude: number;
  comment?: string | null;
  /**
   * Public-area repairs, accepted by the customer manager: when a building representative signs for the
   * building, their name goes in signerName and their relation (e.g. 楼长, 业委会委员) here.
   */
  representativeRelation?: string;
}

export interface IReturnVisitRequest {
  result: string;
  satisfied: boolean;
}

export interface IReplyRequest {
  reply: string;
}

export interface IDamageRequest {
  description: string;
  compensationFen: number;
}

export interface IInboxMessage {
  id: number;
  kind: string;
  title: string;
  body: string;
  ticketId: number | null;
  /**
   * What a message not about a ticket is about, named by the kind's prefix: the complaint for `complaint.*`,
   * the announcement for `announcement`; null otherwise (and on messages written before it existed).
   */
  objectId: number | null;
  readAt: string | null;
  createdAt: string;
}

export interface IRectificationTask {
  id: number;
  ticketId: number;
  ticketSerial: string;
  projectId: number;
  reason: string;
  status: 'open' | 'resolved';
  note: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

/**
 * A technician's load as the dispatcher chooses (GET /tickets/technician-workload): open jobs count
 * everywhere (the open-job cap is per technician), appointments are visits booked for today (Asia/Shanghai).
 */
export interface ITechnicianWorkload {
  technicianId: number;
  openJobs: number;
  visitsToday: number;
}

export type DispatchMode = 'assign' | 'pool' | 'auto';

export interface IDispatchPolicy {
  projectId: number;
  category: string;
  mode: DispatchMode;
  poolMinutes: number;
}

/** POST /api/rectifications/:id/resolve (answers 204). */
export interface IResolveRectificationRequest {
  note: string;
}
