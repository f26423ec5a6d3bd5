import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Permission,
  prepayOfferApplies,
  prepayOfferQuote,
  shanghaiDate,
  shanghaiMonth,
  type IPrepayOffer,
  type IPrepayOfferQuote,
  type IUpsertPrepayOfferRequest,
  fenToYuanString,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { PropertyFeeQuote } from '../billing/property-fee-quote';
import { AccessService } from '../identity/access.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { PrepayOffer } from './prepay.entity';
import { PrepayService } from './prepay.service';

export interface PrepayTopup {
  houseId: number;
  amountFen: number;
  /** The confirmed payment whose allocation is this top-up (ledger ref `payment:<id>:topup`). */
  paymentId: number;
  /** Taking an offer: the amount must equal the offer's price for the house; its bonus is credited too. */
  offerId?: number | null;
  actorId: number | null;
}

/** Prepay offers per project (e.g. pay 12 months of property fee, get 1 free) and top-ups that take them. */
@Injectable()
export class PrepayOffersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly prepay: PrepayService,
    private readonly fees: PropertyFeeQuote,
    private readonly property: PropertyDirectory,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, projectId: number): Promise<IPrepayOffer[]> {
    this.access.assertProject(principal, projectId, Permission.PrepayView);
    const rows = await this.db.getRepository(PrepayOffer).find({ where: { projectId }, order: { id: 'ASC' } });
    return rows.map(toOffer);
  }

  async upsert(principal: Principal, input: IUpsertPrepayOfferRequest & { id?: number }): Promise<IPrepayOffer> {
    this.access.assertProject(principal, input.projectId, Permission.PrepayOfferEdit);
    if (input.validTo && input.validTo < input.validFrom)
      throw DomainException.validation('validTo', '结束日期不能早于开始日期');
    const project = await this.property.project(input.projectId);
    if (!project) throw DomainException.notFound('项目');
    const id = await runInTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(PrepayOffer);
      const fields = {
        name: input.name,
        payMonths: input.payMonths,
        freeMonths: input.freeMonths,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        active: input.active,
        updatedBy: principal.userId,
        updatedAt: now(),
      };
      let before: PrepayOffer | null = null;
      let offerId: number;
      if (input.id) {
        before = await repo.findOneBy({ id: input.id, projectId: input.projectId });
        if (!before) throw DomainException.notFound('预存优惠');
        await repo.update({ id: input.id }, fields);
        offerId = input.id;
      } else {
        offerId = Number(
          (await repo.insert({ ...fields, companyId: project.companyId, projectId: input.projectId, createdAt: now() }))
            .identifiers[0].id,
        );
      }
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: input.id ? 'prepay-offer.update' : 'prepay-offer.create',
        entityType: 'prepay_offer',
        entityId: offerId,
        companyId: project.companyId,
        projectId: input.projectId,
        before: before ? toOffer(before) : undefined,
        after: fields,
      });
      return offerId;
    });
    return toOffer(await this.db.getRepository(PrepayOffer).findOneByOrFail({ id }));
  }

  /**
   * What each offer in force today gives this house, from its monthly property fee in its first whole month of
   * billing (this month, or later when its 计费起始日 is later: the quote says from when, `fromPeriod`).
   */
  async quotes(houseId: number): Promise<IPrepayOfferQuote[]> {
    const house = await this.property.house(houseId);
    if (!house) throw DomainException.notFound('房屋');
    const today = shanghaiDate(now());
    const offers = (
      await this.db
        .getRepository(PrepayOffer)
        .find({ where: { projectId: house.projectId }, order: { payMonths: 'ASC', id: 'ASC' } })
    ).filter((o) => prepayOfferApplies(o, today));
    if (!offers.length) return [];
    const fee = await this.fees.monthlyFee(house.projectId, houseId, shanghaiMonth(now()));
    if (!fee?.monthlyFeeFen) return [];
    const { monthlyFeeFen, fromPeriod, billingStartDate } = fee;
    return offers.map((o) => ({
      offerId: o.id,
      houseId,
      monthlyFeeFen,
      ...prepayOfferQuote(monthlyFeeFen, o.payMonths, o.freeMonths),
      fromPeriod,
      billingStartDate,
      name: o.name,
      payMonths: o.payMonths,
      freeMonths: o.freeMonths,
    }));
  }

  /** One offer's quote for a house (what a WeChat top-up order must charge); 404 when it does not apply. */
  async quote(houseId: number, offerId: number): Promise<IPrepayOfferQuote> {
    const found = (await this.quotes(houseId)).find((q) => q.offerId === offerId);
    if (!found) throw DomainException.validation('prepayOfferId', '该预存优惠不存在或已失效');
    return found;
  }

  /**
   * A confirmed top-up, inside the payment's transaction: credits the amount and, when it takes an offer whose
   * price it matches, the offer's bonus as its own `offer_bonus` ledger line. Replays (same payment) write nothing.
   */
  async creditTopup(tx: EntityManager, input: PrepayTopup): Promise<{ bonusFen: number }> {
    let bonusFen = 0;
    let offerName = '';
    if (input.offerId) {
      const quote = await this.quote(input.houseId, input.offerId);
      if (quote.payFen !== input.amountFen)
        throw DomainException.validation('topupFen', `该优惠需预存 ${fenToYuanString(quote.payFen)} 元`);
      bonusFen = quote.bonusFen;
      offerName = quote.name;
    }
    await this.prepay.credit(tx, {
      houseId: input.houseId,
      amountFen: input.amountFen,
      kind: 'topup',
      paymentId: input.paymentId,
      offerId: input.offerId ?? null,
      note: offerName ? `预存充值（${offerName}）` : '预存充值',
      ref: `payment:${input.paymentId}:topup`,
      actorId: input.actorId,
    });
    if (bonusFen > 0) {
      await this.prepay.credit(tx, {
        houseId: input.houseId,
        amountFen: bonusFen,
        kind: 'offer_bonus',
        paymentId: input.paymentId,
        offerId: input.offerId ?? null,
        note: `预存优惠赠送：${offerName}`,
        ref: `payment:${input.paymentId}:offer_bonus`,
        actorId: input.actorId,
      });
    }
    return { bonusFen };
  }
}

function toOffer(o: PrepayOffer): IPrepayOffer {
  return {
    id: o.id,
    projectId: o.projectId,
    name: o.name,
    payMonths: o.payMonths,
    freeMonths: o.freeMonths,
    validFrom: o.validFrom,
    validTo: o.validTo,
    active: !!o.active,
  };
}
