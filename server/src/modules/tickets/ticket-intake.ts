import { RepairScope, TicketChannel, TicketKind, TicketStatus } from '@app/shared';
import type { DataSource } from 'typeorm';
import type { HouseLabel, Places, PropertyDirectory } from '../property/property-directory.service';
import type { BindingDirectory } from '../bindings/binding-directory.service';
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

type PlaceJoin = ReturnType<PropertyDirectory['placeJoin']>;
type ManagerJoin = ReturnType<PropertyDirectory['houseManagersJoin']>;
type ContactJoin = ReturnType<BindingDirectory['approvedContactJoin']>;

/** What a new ticket needs before its transaction (see `intakeLookup`). */
export interface IntakeFacts {
  places: Places;
  /** The resident's approved binding of the house (null for staff, or when there is none). */
  contact: { name: string; phone: string } | null;
  /** The house's building's customer managers, in assignment order (empty without a house or when none). */
  managers: number[];
}

/**
 * A new ticket's house (with building, unit and project) or project alone, the resident's binding contact and the
 * building's customer managers in ONE statement, each part joined through its owner's `OwnedJoin` (property,
 * bindings): it was three statements per create (P2, docs/benchmarks.md). One row per manager.
 */
export async function intakeLookup(
  db: DataSource,
  at: { houseId: number | null; projectId: number | null },
  join: (house: string, project: string) => { place: PlaceJoin; contact: ContactJoin | null; managers: ManagerJoin },
): Promise<IntakeFacts> {
  const out: IntakeFacts = { places: { projects: new Map(), houses: new Map() }, contact: null, managers: [] };
  if (at.houseId === null && at.projectId === null) return out;
  const { place, contact, managers } = join('x.house_id', 'x.project_id');
  const parts = [place, contact, managers].filter((p): p is NonNullable<typeof p> => p !== null);
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${parts.map((p) => p.columns).join(', ')} FROM (SELECT ? AS house_id, ? AS project_id) x ${parts.map((p) => p.joins).join(' ')}`,
    [at.houseId, at.projectId, ...parts.flatMap((p) => p.params ?? [])],
  );
  if (!rows.length) return out;
  const { project, house } = place.read(rows[0]);
  if (project) out.places.projects.set(project.id, project);
  if (house) out.places.houses.set(house.id, house);
  out.contact = contact?.read(rows[0]) ?? null;
  const assigned = rows
    .map((r) => managers.read(r))
    .filter((m): m is { order: number; userId: number } => m !== null)
    .sort((a, b) => a.order - b.order);
  out.managers = [...new Set(assigned.map((m) => m.userId))];
  return out;
}
