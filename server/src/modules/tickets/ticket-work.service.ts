import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode, ITicket, TicketAction, TicketActor, TicketStatus, formatFen } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { CatalogService } from '../catalog/catalog.service';
import { MediaService } from '../media/media.service';
import { AcceptJobDto, CheckInDto, CompleteDto, TicketQuoteDto } from './dto/ticket.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketFacts, ticketRef } from '../notifications/message.types';
import { TicketAccess } from './ticket-access.service';
import { TicketOutcomes } from './ticket-outcomes.service';
import { storeQuote } from './ticket-quotes';
import { TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { Ticket, TicketMedia, TicketQuote } from './ticket.entity';
import { TicketResidents } from './ticket-residents';

/** What the assigned technician does on a job. Every call is guarded by "technician_id = me". */
@Injectable()
export class TicketWorkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketAccess,
    private readonly transitions: TicketTransitions,
    private readonly views: TicketViews,
    private readonly catalog: CatalogService,
    private readonly media: MediaService,
    private readonly notifications: NotificationsService,
    private readonly ticketResidents: TicketResidents,
    private readonly outcomes: TicketOutcomes,
  ) {}

  private mine(principal: Principal) {
    return { sql: 'technician_id = :me', params: { me: principal.userId } };
  }

  private async respond(principal: Principal, ticket: Ticket): Promise<ITicket> {
    return this.views.one(ticket, [TicketActor.Technician], principal.userId, true);
  }

  async accept(principal: Principal, id: number, dto: AcceptJobDto): Promise<ITicket> {
    const ticket = await this.tickets.forTechnician(principal, id);
    const visitAt = new Date(dto.visitAt);
    if (visitAt.getTime() < Date.now() - 5 * 60_000)
      throw DomainException.validation('visitAt', '上门时间不能早于现在');
    const updated = await this.transitions.apply(
      ticket,
      TicketAction.Accept,
      TicketActor.Technician,
      principal.userId,
      {
        guard: this.mine(principal),
        set: { visitAt },
        data: { visitAt: visitAt.toISOString() },
        effects: async (tx, t) =>
          this.notifications.enqueue(tx, {
            recipients: await this.ticketResidents.progressRecipients(tx, t),
            ref: ticketRef(t),
            facts: ticketFacts(t),
            kind: 'ticket.accepted',
            title: '师傅已接单',
            body: `工单 ${t.serial} 预约上门时间已确定`,
            ticketId: t.id,
          }),
      },
    );
    return this.respond(principal, updated);
  }

  async checkIn(principal: Principal, id: number, dto: CheckInDto): Promise<ITicket> {
    const ticket = await this.tickets.forTechnician(principal, id);
    const updated = await this.transitions.apply(
      ticket,
      TicketAction.CheckIn,
      TicketActor.Technician,
      principal.userId,
      {
        guard: this.mine(principal),
        effects: async (tx, t) => {
          await this.attach(tx, principal.userId, t.id, dto.mediaIds ?? [], 'check_in');
          await this.notifications.enqueue(tx, {
            recipients: await this.ticketResidents.progressRecipients(tx, t),
            ref: ticketRef(t),
            facts: ticketFacts(t),
            kind: 'ticket.on_site',
            title: '师傅已到场',
            body: `工单 ${t.serial}`,
            ticketId: t.id,
          });
        },
      },
    );
    return this.respond(principal, updated);
  }

  /** Free (public) work goes straight to work after check-in. */
  async start(principal: Principal, id: number): Promise<ITicket> {
    const ticket = await this.tickets.forTechnician(principal, id);
    return this.respond(
      principal,
      await this.transitions.apply(ticket, TicketAction.Start, TicketActor.Technician, principal.userId, {
        guard: this.mine(principal),
      }),
    );
  }

  async quote(
    principal: Principal,
    id: number,
    dto: TicketQuoteDto,
    action: 'quote' | 'requote' = TicketAction.Quote,
  ): Promise<ITicket> {
    const ticket = await this.tickets.forTechnician(principal, id);
    if (!dto.items.length && !dto.materials?.length) throw DomainException.validation('items', '报价至少包含一个项目');
    const priced = await this.catalog.priceQuote(ticket.projectId, dto);
    const updated = await this.transitions.apply(ticket, action, TicketActor.Technician, principal.userId, {
      guard: this.mine(principal),
      data: { totalFen: priced.totalFen },
      effects: async (tx, t) => {
        // A new quote voids the earlier agreement until the resident signs again.
        if (action === TicketAction.Requote) await this.outcomes.clearAgreement(tx, t.id);
        await storeQuote(tx, t, priced, 'pending', principal.userId);
        await this.notifications.enqueue(tx, {
          recipients: await this.ticketResidents.progressRecipients(tx, t),
          ref: ticketRef(t),
          facts: ticketFacts(t),
          kind: 'ticket.quoted',
          title: '请确认维修报价',
          body: `工单 ${t.serial} 报价 ${formatFen(priced.totalFen)}，确认签字后开工`,
          ticketId: t.id,
        });
      },
    });
    return this.respond(principal, updated);
  }

  /**
   * Work done. Final lines above the agreed total are refused: the technician must requote and the
   * resident must sign again before the job can be completed (no surprise on the bill).
   */
  async complete(principal: Principal, id: number, dto: CompleteDto): Promise<ITicket> {
    const ticket = await this.tickets.forTechnician(principal, id);
    if (!dto.mediaIds.length) throw DomainException.validation('mediaIds', '请上传完工照片');
    const finalPriced =
      ticket.paid && dto.items?.length
        ? await this.catalog.priceQuote(ticket.projectId, { items: dto.items, materials: dto.materials })
        : null;
    const { agreedTotalFen } = await this.outcomes.agreement(ticket.id);
    if (finalPriced && agreedTotalFen !== null && finalPriced.totalFen > agreedTotalFen) {
      throw new DomainException(
        ErrorCode.RequoteRequired,
        `最终金额 ${formatFen(finalPriced.totalFen)} 超过业主确认的报价，请重新报价并请业主确认`,
        HttpStatus.CONFLICT,
        {
          agreedTotalFen,
          finalTotalFen: finalPriced.totalFen,
        },
      );
    }
    const updated = await this.transitions.apply(
      ticket,
      TicketAction.Complete,
      TicketActor.Technician,
      principal.userId,
      {
        guard: this.mine(principal),
        set: { result: dto.result.trim() },
        data: { finalTotalFen: finalPriced?.totalFen ?? agreedTotalFen },
        effects: async (tx, t) => {
          await this.attach(tx, principal.userId, t.id, dto.mediaIds, 'after');
          if (finalPriced) {
            const final = await storeQuote(tx, t, finalPriced, 'final', principal.userId);
            await this.outcomes.setFinalQuote(tx, t.id, final.id);
          }
          await this.notifications.enqueue(tx, {
            recipients: await this.ticketResidents.progressRecipients(tx, t),
            ref: ticketRef(t),
            facts: ticketFacts(t),
            kind: 'ticket.done',
            title: '维修已完成，请验收',
            body: `工单 ${t.serial}`,
            ticketId: t.id,
          });
        },
      },
    );
    return this.respond(principal, updated);
  }

  private async attach(
    tx: EntityManager,
    ownerId: number,
    ticketId: number,
    mediaIds: number[],
    stage: string,
  ): Promise<void> {
    const ids = [...new Set(mediaIds)];
    if (!ids.length) return;
    await this.media.claimForTicket(ownerId, ids, 'photo', ticketId, tx);
    // Re-sending a photo already on the ticket (e.g. completing again after a rework) is not an error.
    const linked = new Set(
      (await tx.getRepository(TicketMedia).find({ where: { ticketId, mediaId: In(ids) } })).map((l) => l.mediaId),
    );
    const fresh = ids.filter((id) => !linked.has(id));
    if (fresh.length)
      await tx.getRepository(TicketMedia).insert(fresh.map((mediaId) => ({ ticketId, mediaId, stage })));
  }

  /** The quote currently awaiting a signature. */
  async pendingQuote(ticket: Ticket, tx: EntityManager = this.db.manager): Promise<TicketQuote> {
    const quote = await tx
      .getRepository(TicketQuote)
      .findOne({ where: { ticketId: ticket.id, status: 'pending' }, order: { seq: 'DESC' } });
    if (!quote || ticket.status !== TicketStatus.Quoted)
      throw this.transitions.conflict(ticket, TicketAction.AgreeQuote);
    return quote;
  }
}
