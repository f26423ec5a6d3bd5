import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErrorCode, IQuoteLine } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { ChargesService } from '../charges/charges.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketFacts, ticketRef } from '../notifications/message.types';
import { TicketOutcomes } from './ticket-outcomes.service';
import { Ticket, TicketQuote, TicketSignature } from './ticket.entity';
import { TicketResidents } from './ticket-residents';

/**
 * The charges a signature brings about: the call-out fee a resident acknowledged by signing a declined quote,
 * and the charge posted with acceptance. Either waits for the resident's own confirmation when signed on the
 * technician's phone (docs/domain.md §4 "Signatures on a staff device").
 */
@Injectable()
export class TicketChargePosting {
  constructor(
    private readonly charges: ChargesService,
    private readonly notifications: NotificationsService,
    private readonly ticketResidents: TicketResidents,
    private readonly outcomes: TicketOutcomes,
  ) {}

  /** Only when the schedule has a call-out fee: otherwise a declined quote costs nothing. */
  async callOutFee(
    tx: EntityManager,
    t: Ticket,
    quote: TicketQuote,
    signatureId: number,
    actorId: number,
    onStaffDevice: boolean,
  ): Promise<void> {
    const callOut = (JSON.parse(quote.linesJson) as IQuoteLine[]).filter((l) => l.kind === 'call_out');
    if (!callOut.length || t.houseId === null) return;
    const charge = await this.charges.postForTicket(
      {
        ticketId: t.id,
        ticketSerial: t.serial,
        projectId: t.projectId,
        houseId: t.houseId,
        agreementRef: `signature:${signatureId}`,
        lines: callOut.map((l) => ({
          ...l,
          scheduleVersionId: quote.scheduleVersionId,
          materialsVersionId: null,
        })),
        actorId,
        unconfirmed: onStaffDevice,
      },
      tx,
    );
    await tx.getRepository(Ticket).update({ id: t.id }, { chargeId: charge.id });
    if (onStaffDevice) await this.askResidentToConfirm(tx, t);
  }

  /**
   * The charge copies the final lines (≤ agreed total) or the agreed quote, citing the resident's signature.
   * If the quote agreement or the acceptance was signed on the technician's phone, the charge is unconfirmed
   * until the resident confirms it (docs/domain.md §4 "Signatures on a staff device").
   */
  async onAcceptance(tx: EntityManager, t: Ticket, actorId: number, acceptedOnStaffDevice: boolean): Promise<void> {
    const agreed = await this.outcomes.agreement(t.id, tx);
    if (!agreed.agreedQuoteId || !agreed.agreementSignatureId || t.houseId === null) {
      throw new DomainException(
        ErrorCode.AgreementRequired,
        '该工单没有业主签字确认的报价，不能收费',
        HttpStatus.CONFLICT,
      );
    }
    const agreement = await tx.getRepository(TicketSignature).findOneByOrFail({ id: agreed.agreementSignatureId });
    const unconfirmed = acceptedOnStaffDevice || agreement.collectedBy !== null;
    const source = await tx
      .getRepository(TicketQuote)
      .findOneByOrFail({ id: agreed.finalQuoteId ?? agreed.agreedQuoteId });
    const lines: IQuoteLine[] = JSON.parse(source.linesJson);
    const charge = await this.charges.postForTicket(
      {
        ticketId: t.id,
        ticketSerial: t.serial,
        projectId: t.projectId,
        houseId: t.houseId,
        agreementRef: `signature:${agreed.agreementSignatureId}`,
        lines: lines.map((l) => ({
          ...l,
          scheduleVersionId: source.scheduleVersionId,
          materialsVersionId: source.materialsVersionId,
        })),
        actorId,
        unconfirmed,
      },
      tx,
    );
    await tx.getRepository(Ticket).update({ id: t.id }, { chargeId: charge.id });
    if (unconfirmed) await this.askResidentToConfirm(tx, t);
  }

  private async askResidentToConfirm(tx: EntityManager, t: Ticket): Promise<void> {
    await this.notifications.enqueue(tx, {
      recipients: [await this.ticketResidents.recipient(tx, t)],
      ref: ticketRef(t),
      facts: ticketFacts(t),
      kind: 'charge.confirm_needed',
      title: '请确认费用',
      body: `工单 ${t.serial} 的签字在师傅手机上完成，请在小程序中确认费用`,
      ticketId: t.id,
    });
  }
}
