import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, ITicket, RepairScope, Role, TicketAction, TicketActor, TicketKind } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal, rolesOn } from '../../common/principal';
import { now } from '../../common/time';
import { AccessService } from '../identity/access.service';
import { UserDirectory } from '../identity/user-directory.service';
import { MediaService } from '../media/media.service';
import { DeclineQuoteDto, SignatureDto, VerifyDto } from './dto/ticket.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketFacts, ticketRef } from '../notifications/message.types';
import { TicketAccess } from './ticket-access.service';
import { TicketChargePosting } from './ticket-charge-posting.service';
import { TicketOutcomes } from './ticket-outcomes.service';
import { acceptanceSnapshotHash } from './ticket-quotes';
import { TicketTransitions } from './ticket-transition.service';
import { TicketViews } from './ticket-views.service';
import { TicketWorkService } from './ticket-work.service';
import { Ticket, TicketQuote, TicketSignature } from './ticket.entity';
import { TicketResidents } from './ticket-residents';

type Purpose = TicketSignature['purpose'];

/**
 * Everything a resident signs: the quote (consent before work), a declined quote, and acceptance.
 * The resident signs in the mini-program, or on the technician's phone (signer name and relation recorded).
 * Signatures are inserted, never updated; the charge is posted with acceptance, in the same transaction.
 */
@Injectable()
export class TicketSigningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketAccess,
    private readonly transitions: TicketTransitions,
    private readonly views: TicketViews,
    private readonly work: TicketWorkService,
    private readonly media: MediaService,
    private readonly notifications: NotificationsService,
    private readonly ticketResidents: TicketResidents,
    private readonly access: AccessService,
    private readonly users: UserDirectory,
    private readonly outcomes: TicketOutcomes,
    private readonly chargePosting: TicketChargePosting,
  ) {}

  /** The resident on their own phone, or the assigned technician collecting the signature on theirs. */
  private async signerRole(principal: Principal, id: number): Promise<{ ticket: Ticket; actor: TicketActor }> {
    return this.signerOf(principal, await this.tickets.find(id));
  }

  private async signerOf(principal: Principal, ticket: Ticket): Promise<{ ticket: Ticket; actor: TicketActor }> {
    if (await this.tickets.isResidentOf(principal, ticket)) return { ticket, actor: TicketActor.Resident };
    if (ticket.technicianId === principal.userId) return { ticket, actor: TicketActor.Technician };
    throw DomainException.notFound('工单');
  }

  private async record(
    tx: EntityManager,
    principal: Principal,
    actor: TicketActor,
    ticket: Ticket,
    purpose: Purpose,
    dto: SignatureDto,
    quoteId: number | null,
  ) {
    // A signature image is the evidence of exactly one act: it cannot be replayed for another one.
    const [image] = await this.media.claimForTicket(
      principal.userId,
      [dto.signatureMediaId],
      'signature',
      ticket.id,
      tx,
    );
    const result = await tx.getRepository(TicketSignature).insert({
      ticketId: ticket.id,
      quoteId,
      purpose,
      mediaId: image.id,
      imageSha256: image.sha256,
      signerUserId: actor === TicketActor.Resident ? principal.userId : null,
      signerName: dto.signerName.trim(),
      relation: dto.relation,
      snapshotHash: dto.snapshotHash,
      collectedBy: actor === TicketActor.Technician ? principal.userId : null,
      signedAt: now(),
    });
    return Number(result.identifiers[0].id);
  }

  async agree(principal: Principal, id: number, dto: SignatureDto): Promise<ITicket> {
    const { ticket, actor } = await this.signerRole(principal, id);
    const quote = await this.work.pendingQuote(ticket);
    if (quote.snapshotHash !== dto.snapshotHash) throw this.quoteChanged(quote);
    const updated = await this.transitions.apply(ticket, TicketAction.AgreeQuote, actor, principal.userId, {
      guard: {
        sql: 'id IN (SELECT ticket_id FROM ticket_quotes WHERE id = :quoteId AND status = :pending)',
        params: { quoteId: quote.id, pending: 'pending' },
      },
      data: { quoteId: quote.id, totalFen: quote.totalFen },
      effects: async (tx, t) => {
        const signatureId = await this.record(tx, principal, actor, t, 'quote_agreement', dto, quote.id);
        await tx.getRepository(TicketQuote).update({ id: quote.id }, { status: 'agreed' });
        await this.outcomes.agree(tx, t.id, {
          agreedQuoteId: quote.id,
          agreedTotalFen: quote.totalFen,
          agreementSignatureId: signatureId,
        });
        await this.notifications.enqueue(tx, {
          recipients: [t.technicianId],
          ref: ticketRef(t),
          facts: ticketFacts(t),
          kind: 'ticket.quote_agreed',
          title: '业主已确认报价，可以施工',
          body: t.serial,
          ticketId: t.id,
        });
      },
    });
    return this.views.one(updated, [actor], principal.userId, actor === TicketActor.Technician);
  }

  /**
   * A declined quote cancels the job. The call-out fee is charged only when the schedule has one AND
   * the resident signs the decline acknowledging it; otherwise nothing is charged.
   */
  async declineQuote(principal: Principal, id: number, dto: DeclineQuoteDto): Promise<ITicket> {
    const { ticket, actor } = await this.signerRole(principal, id);
    const quote = await this.work.pendingQuote(ticket);
    const signed = dto.signatureMediaId && dto.signerName && dto.relation && dto.snapshotHash;
    if (signed && dto.snapshotHash !== quote.snapshotHash) throw this.quoteChanged(quote);
    const updated = await this.transitions.apply(ticket, TicketAction.DeclineQuote, actor, principal.userId, {
      reason: dto.reason,
      set: { cancelReason: `业主拒绝报价：${dto.reason}` },
      effects: async (tx, t) => {
        await tx.getRepository(TicketQuote).update({ id: quote.id }, { status: 'declined' });
        if (!signed) return;
        const signatureId = await this.record(tx, principal, actor, t, 'quote_decline', dto as SignatureDto, quote.id);
        await this.chargePosting.callOutFee(
          tx,
          t,
          quote,
          signatureId,
          principal.userId,
          actor === TicketActor.Technician,
        );
      },
    });
    return this.views.one(updated, [actor], principal.userId, actor === TicketActor.Technician);
  }

  async verify(principal: Principal, id: number, dto: VerifyDto): Promise<ITicket> {
    const found = await this.tickets.find(id);
    if (found.kind === TicketKind.Repair && found.scope === RepairScope.Public)
      return this.acceptPublic(principal, found, dto);
    const { ticket, actor } = await this.signerOf(principal, found);
    if (!dto.signatureMediaId || !dto.signerName || !dto.relation || !dto.snapshotHash) {
      const missing = (['signatureMediaId', 'signerName', 'relation', 'snapshotHash'] as const).find((f) => !dto[f])!;
      throw DomainException.validation(missing, '验收须由业主签字确认');
    }
    const agreement = await this.outcomes.agreement(ticket.id);
    if (dto.snapshotHash !== acceptanceSnapshotHash(ticket, agreement)) {
      throw new DomainException(ErrorCode.QuoteChanged, '工单内容已变化，请刷新后重新签字', HttpStatus.CONFLICT, {
        acceptanceSnapshotHash: acceptanceSnapshotHash(ticket, agreement),
      });
    }
    const signature = dto as SignatureDto;
    const updated = await this.transitions.apply(ticket, TicketAction.Verify, actor, principal.userId, {
      data: { overall: dto.overall, punctuality: dto.punctuality, attitude: dto.attitude },
      effects: async (tx, t) => {
        await this.outcomes.rate(tx, t.id, ratingOf(dto));
        const agreed = await this.outcomes.agreement(t.id, tx);
        await this.record(
          tx,
          principal,
          actor,
          t,
          'acceptance',
          signature,
          agreed.finalQuoteId ?? agreed.agreedQuoteId,
        );
        if (t.paid) await this.chargePosting.onAcceptance(tx, t, principal.userId, actor === TicketActor.Technician);
        if (dto.overall <= 2) {
          await this.notifications.enqueue(tx, {
            recipients: await this.projectRole(tx, t.projectId, Role.CustomerManager),
            ref: ticketRef(t),
            facts: ticketFacts(t),
            kind: 'ticket.bad_rating',
            title: `差评提醒：${t.serial}`,
            body: `综合评分 ${dto.overall} 分`,
            ticketId: t.id,
          });
        }
      },
    });
    return this.views.one(updated, [actor], principal.userId, actor === TicketActor.Technician);
  }

  /**
   * Public-area work is accepted by the customer manager, recording a building representative when one
   * signs for the building; the technician who did the work never accepts it. No charge: public work is free.
   */
  private async acceptPublic(principal: Principal, ticket: Ticket, dto: VerifyDto): Promise<ITicket> {
    const cm = rolesOn(principal, ticket.projectId).includes(Role.CustomerManager);
    let actor: TicketActor;
    if (cm) actor = TicketActor.CustomerManager;
    else if (await this.tickets.isResidentOf(principal, ticket)) actor = TicketActor.Resident;
    else if (ticket.technicianId === principal.userId) actor = TicketActor.Technician;
    else throw DomainException.notFound('工单');
    const representative = dto.signerName?.trim() || null;
    const relation = dto.representativeRelation?.trim() || null;
    if (cm && representative && !relation)
      throw DomainException.validation('representativeRelation', '请填写楼栋代表与本楼的关系（如楼长、业委会委员）');
    if (cm && relation && !representative) throw DomainException.validation('signerName', '请填写楼栋代表的姓名');
    const acceptedBy = representative
      ? { by: 'building_representative', name: representative, relation }
      : { by: 'customer_manager' };
    const updated = await this.transitions.apply(ticket, TicketAction.Verify, actor, principal.userId, {
      reason: representative ? `楼栋代表 ${representative}（${relation}）验收` : '客户经理验收',
      data: { overall: dto.overall, punctuality: dto.punctuality, attitude: dto.attitude, acceptedBy },
      effects: (tx, t) => this.outcomes.rate(tx, t.id, ratingOf(dto)),
    });
    return this.views.one(updated, [actor], principal.userId, true);
  }

  /** Rework: back to the technician. A second request means the rework failed: the project manager takes over. */
  async requestRework(
    principal: Principal,
    id: number,
    reason: string,
    actor: TicketActor,
    ticket: Ticket,
  ): Promise<ITicket> {
    const escalate = ticket.reworkCount >= 1;
    const updated = await this.transitions.apply(ticket, TicketAction.RequestRework, actor, principal.userId, {
      reason,
      set: { reworkCount: ticket.reworkCount + 1, ...(escalate ? { escalated: true } : {}) },
      data: { reworkCount: ticket.reworkCount + 1, escalated: escalate },
      effects: async (tx, t) => {
        await this.notifications.enqueue(tx, {
          recipients: [t.technicianId],
          ref: ticketRef(t),
          facts: ticketFacts(t),
          kind: 'ticket.rework',
          title: `返修：${t.serial}`,
          body: reason,
          ticketId: t.id,
        });
        if (escalate) {
          await this.notifications.enqueue(tx, {
            recipients: await this.projectRole(tx, t.projectId, Role.ProjectManager),
            ref: ticketRef(t),
            facts: ticketFacts(t),
            kind: 'ticket.escalated',
            title: `返修未通过，升级处理：${t.serial}`,
            body: reason,
            ticketId: t.id,
          });
        }
      },
    });
    return this.views.one(updated, [actor], principal.userId);
  }

  async projectRole(tx: EntityManager, projectId: number, role: Role): Promise<number[]> {
    return this.users.usersWithRole(projectId, role, tx);
  }

  private quoteChanged(quote: TicketQuote): DomainException {
    return new DomainException(ErrorCode.QuoteChanged, '报价已更新，请查看最新报价后再签字', HttpStatus.CONFLICT, {
      snapshotHash: quote.snapshotHash,
      totalFen: quote.totalFen,
    });
  }
}

function ratingOf(dto: VerifyDto) {
  return {
    overall: dto.overall,
    punctuality: dto.punctuality,
    attitude: dto.attitude,
    comment: dto.comment?.trim() || null,
  };
}
