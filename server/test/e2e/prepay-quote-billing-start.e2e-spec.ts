import {
  IBillDetail,
  IPrepayOffer,
  IPrepayOfferQuote,
  Role,
  addMonths,
  areaFeeFen,
  daysInPeriod,
  prepayOfferQuote,
} from '@app/shared';
import { Bill } from '../../src/modules/billing/billing.entity';
import { PrepayOffersService } from '../../src/modules/prepay/prepay-offers.service';
import { House } from '../../src/modules/property/building.entity';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { runBills, setStandardItems, staffToken, thisMonth } from './billing-helpers';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

/**
 * A prepay offer quotes whole months of property fee as the bills will charge them (docs/prepay-invoices.md
 * "Offers"): a house whose 计费起始日 is later is quoted from its first whole month of billing, at the price in
 * force then, and the quote says from when (`fromPeriod`).
 */
describe('prepay: the quote follows the 计费起始日', () => {
  let t: TestApp;
  let w: TicketWorld;
  let finance: string;
  const now = thisMonth();
  const later = addMonths(now, 3);
  let offer: IPrepayOffer;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
    finance = await staffToken(t, Role.Finance, w.tenant.projectId);
    await setStandardItems(t, finance, w.tenant.projectId);
    // The property fee goes up when the later houses start: 2.35 → 3.01 元/㎡·月.
    await t
      .http()
      .post('/api/billing/items')
      .set(bearer(finance))
      .send({
        projectId: w.tenant.projectId,
        code: 'WY',
        name: '物业服务费',
        kind: 'area',
        houseType: null,
        unitPrice: '3.01',
        unit: '元/㎡·月',
        effectiveFrom: later,
      })
      .expect(201);
    offer = (
      await t
        .http()
        .post('/api/prepay/offers')
        .set(bearer(finance))
        .send({
          projectId: w.tenant.projectId,
          name: '预存12个月送1个月',
          payMonths: 12,
          freeMonths: 1,
          validFrom: '2020-01-01',
          validTo: null,
          active: true,
        })
        .expect(200)
    ).body as IPrepayOffer;
  });
  afterAll(() => t.close());

  const area = async (houseId: number) =>
    (await t.db.getRepository(House).findOneByOrFail({ id: houseId })).areaHundredths;
  const setStart = (houseId: number, billingStartDate: string | null) =>
    t
      .http()
      .put(`/api/property/houses/${houseId}/billing-start`)
      .set(bearer(w.cm))
      .send({ billingStartDate })
      .expect(200);
  const quoteOf = async (houseId: number) => {
    const quotes = await t.app.get(PrepayOffersService).quotes(houseId);
    expect(quotes).toHaveLength(1);
    return quotes[0];
  };
  const billOf = async (period: string, houseId: number) => {
    const bill = await t.db.getRepository(Bill).findOneByOrFail({ period, houseId });
    return (await t.http().get(`/api/billing/bills/${bill.id}`).set(bearer(finance)).expect(200)).body as IBillDetail;
  };

  it('quotes from the first whole month of billing, at its price, and says so', async () => {
    const [h0, h1, h2, h3] = w.tenant.houseIds;
    await setStart(h0, `${later}-01`); // starts on the 1st, three months from now
    await setStart(h1, `${now}-${String(daysInPeriod(now)).padStart(2, '0')}`); // the last day of this month
    await setStart(h2, `${addMonths(now, -2)}-20`); // already billed
    const mine = (
      await t
        .http()
        .get('/api/prepay/mine/offers')
        .query({ houseId: h0 })
        .set(bearer(w.residentA.accessToken))
        .expect(200)
    ).body as IPrepayOfferQuote[];
    const fee0 = areaFeeFen(await area(h0), 301);
    expect(mine).toEqual([
      {
        offerId: offer.id,
        name: '预存12个月送1个月',
        payMonths: 12,
        freeMonths: 1,
        houseId: h0,
        monthlyFeeFen: fee0,
        ...prepayOfferQuote(fee0, 12, 1),
        fromPeriod: later,
        billingStartDate: `${later}-01`,
      },
    ]);
    // This month is prorated (one day): the quote starts next month, at the price in force then.
    expect(await quoteOf(h1)).toMatchObject({
      fromPeriod: addMonths(now, 1),
      monthlyFeeFen: areaFeeFen(await area(h1), addMonths(now, 1) >= later ? 301 : 235),
    });
    // Started before this month, or no date: this month.
    expect(await quoteOf(h2)).toMatchObject({ fromPeriod: now, monthlyFeeFen: areaFeeFen(await area(h2), 235) });
    expect(await quoteOf(h3)).toMatchObject({ fromPeriod: now, billingStartDate: null });
  });

  it('the quoted month fee is what the bill of that month charges; before it, the bill has no property fee', async () => {
    const h0 = w.tenant.houseIds[0];
    const quote = await quoteOf(h0);
    await runBills(t, finance, w.tenant.projectId, now);
    expect((await billOf(now, h0)).lines.filter((l) => l.kind === 'property_fee')).toEqual([]);
    await runBills(t, finance, w.tenant.projectId, quote.fromPeriod);
    const fee = (await billOf(quote.fromPeriod, h0)).lines.filter((l) => l.kind === 'property_fee');
    expect(fee.map((l) => [l.name, l.amountFen])).toEqual([['物业服务费', quote.monthlyFeeFen]]);
    // A top-up taking the offer must pay the quoted price, not this month's.
    expect(quote.payFen).toBe(12 * quote.monthlyFeeFen);
    expect(quote.monthlyFeeFen).not.toBe(areaFeeFen(await area(h0), 235));
  });
});
