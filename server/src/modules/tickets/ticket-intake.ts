import { RepairScope, TicketChannel, TicketKind, TicketStatus } from '@app/shared';
import type { HouseLabel } from '../property/property-directory.service';
import type { CreateTicketDto } from './dto/ticket.dto';
import type { Ticket } from './ticket.entity';

export interface SubmittedFacts {
  projectId: number;
  house: HouseLabel | null;
  serial: string;
  kind: TicketKind;
  scope: RepairScope | null;
  paid: boolean;
  category: string;
  feeItemCode: string | null;
  dto: CreateTicketDto;
  /** The approved binding's contact, for a resident's own report. */
  binding: { name: string; phone: string } | null;
  reporterId: number;
  resident: boolean;
  idempotencyKey: string | null;
  at: Date;
}

/** The row of a just-submitted ticket, whole: create inserts it and answers from it without reading it back. */
export function submittedTicket(f: SubmittedFacts): Omit<Ticket, 'id'> {
  const { dto } = f;
  return {
    projectId: f.projectId,
    houseId: f.house?.id ?? null,
    buildingId: f.house?.buildingId ?? null,
    serial: f.serial,
    kind: f.kind,
    scope: f.scope,
    paid: f.paid,
    category: f.category,
    feeItemCode: f.feeItemCode,
    urgency: dto.urgency,
    description: dto.description.trim(),
    channel: f.resident ? TicketChannel.MiniProgram : (dto.channel ?? TicketChannel.Phone),
    status: TicketStatus.Submitted,
    version: 0,
    onHold: false,
    holdReason: null,
    technicianId: null,
    dispatchMode: 'pool',
    poolOpen: false,
    poolDeadline: null,
    needsSupervisor: false,
    visitAt: null,
    reworkCount: 0,
    escalated: false,
    priceExplainedAt: null,
    preferredStart: dto.preferredStart ? new Date(dto.preferredStart) : null,
    preferredEnd: dto.preferredEnd ? new Date(dto.preferredEnd) : null,
    contactName: dto.contactName?.trim() || f.binding?.name || null,
    contactPhone: dto.contactPhone ?? f.binding?.phone ?? null,
    reporterId: f.reporterId,
    clientRequestId: f.idempotencyKey,
    createdBy: f.reporterId,
    reply: null,
    result: null,
    cancelReason: null,
    chargeId: null,
    mergedIntoId: null,
    registeredAt: null,
    dispatchedAt: null,
    acceptedAt: null,
    onSiteAt: null,
    doneAt: null,
    verifiedAt: null,
    visitedAt: null,
    closedAt: null,
    cancelledAt: null,
    createdAt: f.at,
    updatedAt: f.at,
  };
}
