import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  ChargeConfirmation,
  ITicket,
  ITicketCustomerManager,
  ITicketEvent,
  ITicketQuote,
  ITicketSignature,
  IMediaRef,
  RESIDENT_FINISHED_STATUSES,
  TicketAction,
  TicketActor,
  availableActions,
  maskPhone,
} from '@app/shared';
import { ChargesService } from '../charges/charges.service';
import { UserDirectory } from '../identity/user-directory.service';
import { MediaService } from '../media/media.service';
import { Places, PropertyDirectory } from '../property/property-directory.service';
import { acceptanceSnapshotHash } from './ticket-quotes';
import { Children, Outcome, childrenOf, outcomesOf } from './ticket-view-data';
import { Ticket, TicketEvent, TicketQuote } from './ticket.entity';

/** Parts of the view a caller already holds, so `many` does not read them again. */
export interface KnownParts {
  outcomes?: Map<number, Outcome>;
  children?: Children;
  places?: Places;
  confirmations?: Map<number, ChargeConfirmation>;
}

export function quoteView(q: TicketQuote): ITicketQuote {
  return {
    id: q.id,
    seq: q.seq,
    status: q.status,
    lines: JSON.parse(q.linesJson),
    totalFen: q.totalFen,
    scheduleVersionId: q.scheduleVersionId,
    materialsVersionId: q.materialsVersionId,
    snapshotHash: q.snapshotHash,
    createdAt: q.createdAt.toISOString(),
  };
}

@Injectable()
export class TicketViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly media: MediaService,
    private readonly property: PropertyDirectory,
    private readonly users: UserDirectory,
    private readonly charges: ChargesService,
  ) {}

  /**
   * Buttons for the viewer: a pool technician may only grab; the assigned one never grabs; a technician at
   * the open-job cap is not offered grab at all (`grabBlocked`) — actions list only what will succeed.
   */
  actionsFor(ticket: Ticket, actors: TicketActor[], userId: number, grabBlocked = false): TicketAction[] {
    const facts = { kind: ticket.kind, scope: ticket.scope, onHold: ticket.onHold };
    const set = new Set<TicketAction>();
    for (const actor of actors) {
      for (const action of availableActions(ticket.status, actor, facts)) {
        if (actor === TicketActor.Technician) {
          const assigned = ticket.technicianId === userId;
          if (action === TicketAction.Grab ? assigned || !ticket.poolOpen || grabBlocked : !assigned) continue;
        }
        set.add(action);
      }
    }
    return [...set];
  }

  async one(
    ticket: Ticket,
    actors: TicketActor[],
    userId: number,
    withPhone = false,
    grabBlocked = false,
    known: KnownParts = {},
  ): Promise<ITicket> {
    return (await this.many([ticket], () => actors, userId, withPhone, grabBlocked, known))[0];
  }

  /**
   * Views of tickets already loaded. Lookups are batched per page, never per row: the tickets module's own
   * parts in two statements (one-to-one parts, then photos + signatures), then one each for places
   * (property), technicians (identity) and charge confirmations (charges) when the page needs them. A
   * caller that already holds some of these (a list selects the one-to-one parts with the page) passes them
   * in `known`. Photo links are signed without reading the media table: a linked photo was checked when it
   * was claimed and media rows are never deleted.
   */
  async many(
    tickets: Ticket[],
    actorsOf: (t: Ticket) => TicketActor[],
    userId: number,
    withPhone = false,
    grabBlocked = false,
    known: KnownParts = {},
  ): Promise<ITicket[]> {
    if (!tickets.length) return [];
    const ids = tickets.map((t) => t.id);
    const chargeIds = tickets
      .map((t) => t.chargeId)
      .filter((v): v is number => v !== null && !known.confirmations?.has(v));
    const [outcomes, children, places, technicians, charges] = await Promise.all([
      known.outcomes ?? outcomesOf(this.db, ids),
      known.children ?? childrenOf(this.db, ids),
      // A house's row names its project too: projects are read only for tickets without a house.
      // Names from memory for up to LOOKUP_CACHE_MS (forgotten on change): P2, two of a list's five statements.
      known.places ??
        this.property.cachedPlaces(
          tickets.filter((t) => t.houseId === null).map((t) => t.projectId),
          tickets.map((t) => t.houseId),
        ),
      this.users.cachedPeople(tickets.map((t) => t.technicianId)),
      chargeIds.length ? this.charges.confirmations(chargeIds) : new Map<number, ChargeConfirmation>(),
    ]);
    // 已合并到: one more statement only when the page holds a merged duplicate.
    const mergedIds = [
      ...new Set(tickets.map((t) => t.mergedIntoId).filter((v): v is number => v !== null && v !== undefined)),
    ];
    const mergedSerials = mergedIds.length
      ? new Map(
          (
            await this.db
              .getRepository(Ticket)
              .find({ select: { id: true, serial: true }, where: { id: In(mergedIds) } })
          ).map((r) => [r.id, r.serial]),
        )
      : new Map<number, string>();
    const confirmation = (id: number) => known.confirmations?.get(id) ?? charges.get(id) ?? null;
    const signed = new Map<number, IMediaRef>();
    const ref = (mediaId: number): IMediaRef => {
      let r = signed.get(mediaId);
      if (!r) signed.set(mediaId, (r = { id: mediaId, ...this.media.signedUrls(mediaId) }));
      return r;
    };
    const refs = (ticketId: number, stages: string[]) =>
      children.links.filter((l) => l.ticketId === ticketId && stages.includes(l.stage)).map((l) => ref(l.mediaId));
    return tickets.map((t) => {
      const tech = t.technicianId === null ? undefined : technicians.get(t.technicianId);
      const outcome = outcomes.get(t.id);
      const agreement = outcome?.agreement ?? { agreedTotalFen: null, agreedQuoteId: null, finalQuoteId: null };
      const rating = outcome?.rating;
      const quote = outcome?.quote;
      const sigs: ITicketSignature[] = children.signatures
        .filter((s) => s.ticketId === t.id)
        .map((s) => ({
          id: s.id,
          purpose: s.purpose,
          signerName: s.signerName,
          relation: s.relation,
          snapshotHash: s.snapshotHash,
          imageSha256: s.imageSha256,
          collectedByTechnician: s.collectedBy !== null,
          signedAt: s.signedAt.toISOString(),
          image: ref(s.mediaId),
        }));
      const house = t.houseId !== null ? places.houses.get(t.houseId) : undefined;
      const actors = actorsOf(t);
      return {
        id: t.id,
        serial: t.serial,
        projectId: t.projectId,
        projectName: places.projects.get(t.projectId)?.name ?? house?.projectName ?? '',
        houseId: t.houseId,
        houseLabel: house?.label ?? null,
        kind: t.kind,
        scope: t.scope,
        paid: Boolean(t.paid),
        category: t.category,
        feeItemCode: t.feeItemCode,
        urgency: t.urgency,
        description: t.description,
        channel: t.channel,
        status: t.status,
        version: t.version,
        onHold: Boolean(t.onHold),
        holdReason: t.holdReason,
        technician: tech
          ? {
              userId: tech.id,
              name: tech.name,
              phoneMasked: maskPhone(tech.phone),
              phone: this.residentMayCall(t, actors) ? tech.phone : null,
            }
          : null,
        poolOpen: Boolean(t.poolOpen),
        visitAt: t.visitAt?.toISOString() ?? null,
        reworkCount: t.reworkCount,
        escalated: Boolean(t.escalated),
        priceExplainedAt: t.priceExplainedAt?.toISOString() ?? null,
        preferredStart: t.preferredStart?.toISOString() ?? null,
        preferredEnd: t.preferredEnd?.toISOString() ?? null,
        contactName: t.contactName,
        contactPhoneMasked: t.contactPhone ? maskPhone(t.contactPhone) : null,
        contactPhone: withPhone ? t.contactPhone : null,
        media: refs(t.id, ['report']),
        afterMedia: refs(t.id, ['check_in', 'after']),
        result: t.result,
        quote: quote ? quoteView(quote) : null,
        agreedTotalFen: agreement.agreedTotalFen,
        signatures: sigs,
        acceptanceSnapshotHash: t.status === 'done' ? acceptanceSnapshotHash(t, agreement) : null,
        ratings: rating
          ? {
              overall: rating.overall,
              punctuality: rating.punctuality,
              attitude: rating.attitude,
              comment: rating.comment,
            }
          : null,
        reply: t.reply,
        cancelReason: t.cancelReason,
        chargeId: t.chargeId,
        chargeConfirmation: t.chargeId === null ? null : confirmation(t.chargeId),
        customerManager: null,
        mergedInto:
          t.mergedIntoId === null || t.mergedIntoId === undefined
            ? null
            : { id: t.mergedIntoId, serial: mergedSerials.get(t.mergedIntoId) ?? '' },
        createdAt: t.createdAt.toISOString(),
        updatedAt: t.updatedAt.toISOString(),
        actions: this.actionsFor(t, actors, userId, grabBlocked),
      };
    });
  }

  /** docs/domain.md §9: the resident calls the technician and the customer manager of an open ticket, so they get full numbers. */
  private residentMayCall(ticket: Ticket, actors: TicketActor[]): boolean {
    return actors.includes(TicketActor.Resident) && !RESIDENT_FINISHED_STATUSES.includes(ticket.status);
  }

  /** The building's first customer manager for the ticket's resident (detail view only: two more queries). */
  async customerManager(ticket: Ticket, actors: TicketActor[]): Promise<ITicketCustomerManager | null> {
    if (ticket.buildingId === null || !actors.includes(TicketActor.Resident)) return null;
    const [first] = await this.property.buildingManagers(ticket.buildingId);
    const person = first === undefined ? undefined : (await this.users.people([first])).get(first);
    if (!person) return null;
    const phone = this.residentMayCall(ticket, actors) ? person.phone : null;
    return { userId: person.id, name: person.name, phoneMasked: maskPhone(person.phone), phone };
  }

  /** Staff see the whole history; residents a friendly timeline without internal reasons of staff-only actions. */
  async timeline(ticketId: number, forResident: boolean): Promise<ITicketEvent[]> {
    const events = await this.db.getRepository(TicketEvent).find({ where: { ticketId }, order: { id: 'ASC' } });
    const users = await this.users.people(events.map((e) => e.actorId));
    const internal = new Set(['hold', 'resume', 'transfer', 'decline', 'damage']);
    return events
      .filter((e) => !forResident || !internal.has(e.action))
      .map((e) => ({
        id: e.id,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorName:
          e.actorRole === 'system' ? '系统' : ((e.actorId === null ? undefined : users.get(e.actorId))?.name ?? ''),
        actorRole: e.actorRole,
        reason: e.reason,
        at: e.at.toISOString(),
      }));
  }
}
