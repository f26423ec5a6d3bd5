import { DataSource } from 'typeorm';
import { ITicket, RepairScope, TicketChannel, TicketKind, Urgency, shanghaiDate } from '@app/shared';
import { Principal } from '../common/principal';
import { CashService } from '../modules/charges/cash.service';
import { ChargeConfirmationService } from '../modules/charges/charge-confirmation.service';
import { ChargesService } from '../modules/charges/charges.service';
import { CounterSalesService } from '../modules/charges/counter-sales.service';
import { MediaService } from '../modules/media/media.service';
import { Building, House, Unit } from '../modules/property/building.entity';
import { DispatchService } from '../modules/dispatch/dispatch.service';
import { TicketSigningService } from '../modules/tickets/ticket-signing.service';
import { TicketStaffService } from '../modules/tickets/ticket-staff.service';
import { TicketWorkService } from '../modules/tickets/ticket-work.service';
import { TicketsService } from '../modules/tickets/tickets.service';
import { demoPhoto, demoSignature } from './demo-images';

export interface Services {
  tickets: TicketsService;
  staff: TicketStaffService;
  dispatch: DispatchService;
  work: TicketWorkService;
  signing: TicketSigningService;
  cash: CashService;
  charges: ChargesService;
  chargeConfirmation: ChargeConfirmationService;
  counter: CounterSalesService;
  media: MediaService;
}

export type Line = { code: string; quantityMilli: number };

/** Wraps the services with the demo's people so each step below reads like what that person does. */
export class DemoOffice {
  private uploads = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly s: Services,
    readonly people: Map<string, Principal>,
    readonly projects: Map<string, number>,
  ) {}

  who(key: string): Principal {
    const p = this.people.get(key);
    if (!p) throw new Error(`demo user ${key} is missing; run the demo data seed first`);
    return p;
  }

  async house(project: string, building: number, unit: number, room: string): Promise<number> {
    const house = await this.ds
      .createQueryBuilder(House, 'h')
      .innerJoin(Building, 'bd', 'bd.id = h.building_id')
      .innerJoin(Unit, 'u', 'u.id = h.unit_id')
      .where('h.project_id = :projectId AND bd.name = :building AND u.name = :unit AND h.room_no = :room', {
        projectId: this.projects.get(project),
        building: `${building}栋`,
        unit: `${unit}单元`,
        room,
      })
      .getOneOrFail();
    return house.id;
  }

  /** clientUploadId is deterministic, so even a re-run after a crash would reuse rather than duplicate uploads. */
  async photo(owner: string): Promise<number> {
    const n = ++this.uploads;
    const res = await this.s.media.upload(this.who(owner).userId, {
      clientUploadId: `demo-seed-photo-${n}`,
      kind: 'photo',
      body: await demoPhoto(n),
    });
    return res.id;
  }

  async signature(owner: string, signerName: string, relation: string, snapshotHash: string) {
    const n = ++this.uploads;
    const res = await this.s.media.upload(this.who(owner).userId, {
      clientUploadId: `demo-seed-sign-${n}`,
      kind: 'signature',
      body: await demoSignature(n),
    });
    return { signatureMediaId: res.id, signerName, relation, snapshotHash };
  }

  /** A resident reporting in the mini-program (with a photo of the problem). */
  async residentReports(
    resident: string,
    houseId: number,
    req: {
      kind?: TicketKind;
      category: string;
      description: string;
      feeItemCode?: string;
      urgency?: Urgency;
      photo?: boolean;
    },
  ): Promise<ITicket> {
    const kind = req.kind ?? TicketKind.Repair;
    return this.s.tickets.create(this.who(resident), {
      houseId,
      kind,
      scope: kind === TicketKind.Repair ? RepairScope.Home : null,
      category: req.category,
      feeItemCode: req.feeItemCode ?? null,
      urgency: req.urgency ?? Urgency.Normal,
      description: req.description,
      mediaIds: req.photo === false ? undefined : [await this.photo(resident)],
    });
  }

  /** The customer manager recording a phone call or a walk-in at the service desk. */
  async deskRecords(
    cm: string,
    req: {
      houseId?: number;
      projectId?: number;
      kind?: TicketKind;
      scope?: RepairScope;
      feeItemCode?: string;
      category: string;
      description: string;
      contactName: string;
      contactPhone: string;
      channel?: TicketChannel;
      urgency?: Urgency;
    },
  ): Promise<ITicket> {
    return this.s.tickets.create(this.who(cm), {
      houseId: req.houseId ?? null,
      projectId: req.projectId ?? null,
      kind: req.kind ?? TicketKind.Repair,
      scope: req.scope ?? null,
      feeItemCode: req.feeItemCode ?? null,
      category: req.category,
      urgency: req.urgency ?? Urgency.Normal,
      description: req.description,
      channel: req.channel ?? TicketChannel.Phone,
      contactName: req.contactName,
      contactPhone: req.contactPhone,
    });
  }

  register(cm: string, t: ITicket) {
    return this.s.dispatch.register(this.who(cm), t.id, { priceExplained: t.paid ? true : undefined });
  }

  grab(tech: string, t: ITicket) {
    return this.s.dispatch.grab(this.who(tech), t.id);
  }

  dispatchTo(by: string, t: ITicket, tech: string) {
    return this.s.dispatch.dispatch(this.who(by), t.id, this.who(tech).userId);
  }

  accept(tech: string, t: ITicket, visitAt: Date) {
    return this.s.work.accept(this.who(tech), t.id, { visitAt: visitAt.toISOString() });
  }

  async checkIn(tech: string, t: ITicket) {
    return this.s.work.checkIn(this.who(tech), t.id, { mediaIds: [await this.photo(tech)] });
  }

  quote(tech: string, t: ITicket, items: Line[], materials: Line[] = []) {
    return this.s.work.quote(this.who(tech), t.id, { items, materials });
  }

  /** Consent to the quote: on the resident's own phone (`signer` is the resident key) or on the technician's. */
  async agree(signer: string, t: ITicket, name: string, relation: string): Promise<ITicket> {
    const current = await this.s.tickets.detail(this.who(signer), t.id);
    return this.s.signing.agree(
      this.who(signer),
      t.id,
      await this.signature(signer, name, relation, current.quote!.snapshotHash),
    );
  }

  async complete(tech: string, t: ITicket, result: string) {
    return this.s.work.complete(this.who(tech), t.id, { result, mediaIds: [await this.photo(tech)] });
  }

  async verify(
    signer: string,
    t: ITicket,
    name: string,
    relation: string,
    rating: [number, number, number],
    comment?: string,
  ): Promise<ITicket> {
    const current = await this.s.tickets.detail(this.who(signer), t.id);
    return this.s.signing.verify(this.who(signer), t.id, {
      overall: rating[0],
      punctuality: rating[1],
      attitude: rating[2],
      comment: comment ?? null,
      ...(await this.signature(signer, name, relation, current.acceptanceSnapshotHash!)),
    });
  }

  /** From a fresh request to 待确认报价 the usual way: register → grab from the pool → accept → on site → quote. */
  async toQuoted(cm: string, tech: string, t: ITicket, items: Line[], materials: Line[] = []): Promise<ITicket> {
    await this.register(cm, t);
    await this.grab(tech, t);
    await this.accept(tech, t, minutesFromNow(5));
    await this.checkIn(tech, t);
    return this.quote(tech, t, items, materials);
  }

  get svc(): Services {
    return this.s;
  }
}

export function minutesFromNow(minutes: number): Date {
  return new Date(Date.now() + minutes * 60_000);
}

/** A Shanghai wall-clock time `days` from today, e.g. tomorrow 10:00 for an appointment. */
export function shanghaiAt(days: number, hhmm: string): Date {
  const day = shanghaiDate(new Date(Date.now() + days * 86_400_000));
  return new Date(`${day}T${hhmm}:00+08:00`);
}
