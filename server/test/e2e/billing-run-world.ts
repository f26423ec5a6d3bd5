import { ITicket } from '@app/shared';
import { Charge } from '../../src/modules/charges/charge.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { makeVerifiedTicket } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';
import { act, createHomeRepair, sign, TicketWorld, toQuoted, uploadPhoto } from './ticket-helpers';

/**
 * The world of billing-run.e2e-spec.ts: one home repair taken the real way to a billed, confirmed charge
 * (`chargeIds.billed`), plus charges that must never reach a bill — waived, settled in cash, paid online and
 * unconfirmed (`chargeIds.waived`, `cash`, `payNow`, `unconfirmed`). Returns the verified ticket.
 */
export async function paidRepairWithCharges(
  t: TestApp,
  w: TicketWorld,
  chargeIds: Record<string, number>,
): Promise<ITicket> {
  // The real path: schedule → quote → signed consent → done → verified (signed) → charge (bill, confirmed).
  const quoted = await toQuoted(t, w, await createHomeRepair(t, w));
  await act(
    t,
    w.residentA.accessToken,
    quoted.id,
    'agree',
    await sign(t, w.residentA.accessToken, quoted.quote!.snapshotHash),
  ).expect(200);
  await act(t, w.techs[0].token, quoted.id, 'complete', {
    result: '已更换',
    mediaIds: [await uploadPhoto(t, w.techs[0].token)],
  }).expect(200);
  const done = (await t.http().get(`/api/tickets/${quoted.id}`).set(bearer(w.residentA.accessToken)).expect(200))
    .body as ITicket;
  const ticket: ITicket = (
    await act(t, w.residentA.accessToken, quoted.id, 'verify', {
      overall: 5,
      punctuality: 5,
      attitude: 5,
      ...(await sign(t, w.residentA.accessToken, done.acceptanceSnapshotHash!)),
    }).expect(200)
  ).body;
  chargeIds.billed = ticket.chargeId!;

  // Charges that must never reach a bill: waived, settled in cash, paid online, or not yet confirmed.
  const post = async (unconfirmed = false) => {
    const vt = await makeVerifiedTicket(t.db, {
      projectId: w.tenant.projectId,
      houseId: w.tenant.houseIds[0],
      technicianId: w.techs[0].id,
    });
    return (
      await t.app.get(ChargesService).postForTicket({
        ticketId: vt.id,
        ticketSerial: vt.serial,
        projectId: w.tenant.projectId,
        houseId: w.tenant.houseIds[0],
        agreementRef: `quote-agree:${vt.id}`,
        lines: [
          {
            kind: 'labour',
            code: 'GS-001',
            name: '水龙头更换',
            unit: '个',
            unitPriceFen: 3000,
            quantityMilli: 1000,
            amountFen: 3000,
          },
        ],
        actorId: w.techs[0].id,
        unconfirmed,
      })
    ).id;
  };
  chargeIds.waived = await post();
  chargeIds.cash = await post();
  chargeIds.payNow = await post();
  chargeIds.unconfirmed = await post(true);
  await t.db.getRepository(Charge).update({ id: chargeIds.waived }, { status: 'waived' });
  await t.db.getRepository(Charge).update({ id: chargeIds.cash }, { status: 'cash_collected', paymentMethod: 'cash' });
  await t.db.getRepository(Charge).update({ id: chargeIds.payNow }, { paymentMethod: 'pay_now' });
  return ticket;
}
