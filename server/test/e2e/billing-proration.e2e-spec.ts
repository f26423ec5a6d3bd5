import {
  IBillDetail,
  IHouse,
  Role,
  areaFeeFen,
  billableDays,
  chargeLineName,
  prorateFen,
  proratedLineName,
} from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Bill, BillLine } from '../../src/modules/billing/billing.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { House } from '../../src/modules/property/building.entity';
import { makeVerifiedTicket } from '../support/factories';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { runBills, setStandardItems, staffToken } from './billing-helpers';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

/**
 * 计费起始日 (docs/billing.md "Proration"): the bill run's SQL prorates property-fee and fixed lines in the month
 * a house starts being billed, with exactly the numbers of the shared functions; months before get no recurring
 * lines. And a paid-service line is named after its schedule items and ticket (set-based, both engines).
 */
describe('billing: proration by 计费起始日 and charge line names', () => {
  let t: TestApp;
  let w: TicketWorld;
  let finance: string;
  const november = '2026-11';
  const december = '2026-12';
  const startA = '2026-11-15';
  const startB = '2026-12-10';

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
    finance = await staffToken(t, Role.Finance, w.tenant.projectId);
    await setStandardItems(t, finance, w.tenant.projectId);
  });
  afterAll(() => t.close());

  const setStart = (houseId: number, billingStartDate: string | null, token = w.cm) =>
    t.http().put(`/api/property/houses/${houseId}/billing-start`).set(bearer(token)).send({ billingStartDate });
  const billOf = async (period: string, houseId: number) => {
    const bill = await t.db.getRepository(Bill).findOneByOrFail({ period, houseId });
    return (await t.http().get(`/api/billing/bills/${bill.id}`).set(bearer(finance)).expect(200)).body as IBillDetail;
  };
  const area = async (houseId: number) =>
    (await t.db.getRepository(House).findOneByOrFail({ id: houseId })).areaHundredths;

  it('customer managers set the date (audited); a date that does not exist, or no field at all, is refused naming it', async () => {
    const [a, b] = w.tenant.houseIds;
    const set = (await setStart(a, startA).expect(200)).body as IHouse;
    expect(set).toMatchObject({ id: a, billingStartDate: startA });
    await setStart(b, startB).expect(200);
    const audit = await t.db.getRepository(AuditEntry).findOneByOrFail({ action: 'house.billing-start', entityId: a });
    expect(JSON.parse(audit.afterJson!)).toEqual({ billingStartDate: startA });
    for (const bad of ['2026-02-30', '2026/11/15', 20261115]) {
      const res = await setStart(a, bad as string).expect(422);
      expect(res.body.details.fields[0].field).toBe('billingStartDate');
    }
    await t.http().put(`/api/property/houses/${a}/billing-start`).set(bearer(w.cm)).send({}).expect(422);
    await setStart(a, startA, w.techs[0].token).expect(403);
    await setStart(a, startA, w.outsiderCm).expect(404);
    const listed = (
      await t
        .http()
        .get(`/api/property/projects/${w.tenant.projectId}/houses?pageSize=50`)
        .set(bearer(w.cm))
        .expect(200)
    ).body.items as IHouse[];
    expect(listed.find((h) => h.id === a)!.billingStartDate).toBe(startA);
    expect(listed.find((h) => h.id === w.tenant.houseIds[2])!.billingStartDate).toBeNull();
  });

  it('the month containing the start is prorated in SQL exactly like prorateFen; before it, no recurring lines', async () => {
    const [a, b, c] = w.tenant.houseIds;
    const run = await runBills(t, finance, w.tenant.projectId, november);
    expect(run.status).toBe('draft');
    const days = billableDays(november, startA);
    expect(days).toBe(16);
    const billA = await billOf(november, a);
    const fullFee = areaFeeFen(await area(a), 235);
    expect(billA.lines.map((l) => [l.kind, l.name, l.amountFen])).toEqual([
      ['property_fee', '物业服务费（11月15日起计，16/30天）', prorateFen(fullFee, days, november)],
      ['fixed', proratedLineName('公共能耗费', november, startA), prorateFen(1000, days, november)],
    ]);
    expect(billA.lines[0].name).toBe(proratedLineName('物业服务费', november, startA));
    expect(billA.totalFen).toBe(prorateFen(fullFee, days, november) + prorateFen(1000, days, november));
    // House B starts in December: November's bill has no recurring lines.
    const billB = await billOf(november, b);
    expect(billB.lines).toEqual([]);
    expect(billB.totalFen).toBe(0);
    // No date: the whole month, named as the item.
    const billC = await billOf(november, c);
    expect(billC.lines.map((l) => [l.name, l.amountFen])).toEqual([
      ['物业服务费', areaFeeFen(await area(c), 235)],
      ['公共能耗费', 1000],
    ]);
  });

  it('many starts at once: every prorated line in SQL equals the shared function (odd areas, every day of a 31-day month)', async () => {
    // Six houses, six start days spread over December (31 days), including the 1st (whole month) and the 31st (1 day).
    const starts = ['2026-12-01', startB, '2026-12-16', '2026-12-17', '2026-12-30', '2026-12-31'];
    const houses = w.tenant.houseIds;
    for (const [i, id] of houses.entries()) {
      await t.db
        .getRepository(House)
        .update({ id }, { areaHundredths: 8951 + 37 * i, billingStartDate: i === 1 ? startB : starts[i] });
    }
    // Two labour lines and a call-out fee on one charge, billed this month.
    const vt = await makeVerifiedTicket(t.db, {
      projectId: w.tenant.projectId,
      houseId: houses[0],
      technicianId: w.techs[0].id,
    });
    await t.app.get(ChargesService).postForTicket({
      ticketId: vt.id,
      ticketSerial: vt.serial,
      projectId: w.tenant.projectId,
      houseId: houses[0],
      agreementRef: `quote-agree:${vt.id}`,
      lines: [
        {
          kind: 'call_out',
          code: 'GS-005',
          name: '上门费',
          unit: '次',
          unitPriceFen: 1000,
          quantityMilli: 1000,
          amountFen: 1000,
        },
        {
          kind: 'labour',
          code: 'GS-005',
          name: '马桶疏通',
          unit: '次',
          unitPriceFen: 5000,
          quantityMilli: 1000,
          amountFen: 5000,
        },
        {
          kind: 'labour',
          code: 'GS-001',
          name: '水龙头更换',
          unit: '个',
          unitPriceFen: 2000,
          quantityMilli: 1000,
          amountFen: 2000,
        },
      ],
      actorId: w.techs[0].id,
    });
    await runBills(t, finance, w.tenant.projectId, december);
    for (const [i, id] of houses.entries()) {
      const start = i === 1 ? startB : starts[i];
      const days = billableDays(december, start);
      const bill = await billOf(december, id);
      const fee = bill.lines.find((l) => l.kind === 'property_fee')!;
      expect([fee.name, fee.amountFen]).toEqual([
        proratedLineName('物业服务费', december, start),
        prorateFen(areaFeeFen(8951 + 37 * i, 235), days, december),
      ]);
      expect(bill.lines.find((l) => l.kind === 'fixed')!.amountFen).toBe(prorateFen(1000, days, december));
    }
    expect((await billOf(december, houses[1])).lines[0].name).toBe('物业服务费（12月10日起计，22/31天）');
    expect((await billOf(december, houses[0])).lines[0].name).toBe('物业服务费');
    // The charge line says what was done (schedule items in line order, the call-out fee is not one) and which ticket.
    const charge = (await billOf(december, houses[0])).lines.find((l) => l.kind === 'charge')!;
    expect(charge.name).toBe(`特约服务：马桶疏通 等2项（${vt.serial}）`);
    expect(charge.name).toBe(chargeLineName('马桶疏通', 2, vt.serial));
    expect(await t.db.getRepository(BillLine).countBy({ ticketSerial: vt.serial })).toBe(1);
  });
});
