import { IMaterialPriceList, ITicket, Role, ScopeType } from '@app/shared';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, sign, TicketWorld, uploadPhoto } from './ticket-helpers';

/** Property-supplied materials on a repair quote: read from the list in force, priced into the snapshot the resident signs. */
describe('tickets: quotes with material lines', () => {
  let t: TestApp;
  let w: TicketWorld;
  let finance: string;
  let quality: string;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
    const companyRole = async (role: Role) =>
      (
        await passwordLogin(
          t,
          (await makeStaff(t.db, [{ role, scopeType: ScopeType.Company, scopeId: w.tenant.companyId }])).username,
          STAFF_PASSWORD,
        )
      ).accessToken;
    finance = await companyRole(Role.Finance);
    quality = await companyRole(Role.Quality);
  });
  afterAll(() => t.close());

  const materialsOf = (token: string) =>
    t.http().get(`/api/fee-schedule/materials?projectId=${w.tenant.projectId}`).set(bearer(token));

  async function publishMaterials(prices: Record<string, number>): Promise<number> {
    const v = (
      await t
        .http()
        .post('/api/price-lists')
        .set(bearer(finance))
        .send({ kind: 'materials', companyId: w.tenant.companyId, title: '仓库材料价' })
        .expect(201)
    ).body;
    for (const [code, priceFen] of Object.entries(prices)) {
      const name = code === 'M-101' ? '水龙头' : '进水软管';
      await t
        .http()
        .post(`/api/price-lists/${v.id}/materials`)
        .set(bearer(finance))
        .send({ code, name, spec: '4 分', unit: '个', priceFen })
        .expect(200);
    }
    await t.http().post(`/api/price-lists/${v.id}/approve`).set(bearer(quality)).expect(200);
    await t.http().post(`/api/price-lists/${v.id}/publish`).set(bearer(quality)).send({}).expect(200);
    return v.id;
  }

  it('technicians of the project read the material list in force; others may not', async () => {
    expect((await materialsOf(w.techs[0].token).expect(200)).body).toEqual({
      versionId: null,
      title: null,
      materials: [],
    });
    const versionId = await publishMaterials({ 'M-101': 8600, 'M-102': 1200 });
    const list = (await materialsOf(w.techs[0].token).expect(200)).body as IMaterialPriceList;
    expect(list).toMatchObject({ versionId, title: '仓库材料价' });
    expect(list.materials.map((m) => [m.code, m.priceFen])).toEqual([
      ['M-101', 8600],
      ['M-102', 1200],
    ]);
    // Another company's technician is told the project does not exist for them (no existence leak).
    await materialsOf(w.outsiderTech).expect(404);
    await materialsOf(w.residentA.accessToken).expect(403);
  });

  it('material lines are part of the signed quote: no charge before agreement, and a later price change does not touch it', async () => {
    const tech = w.techs[0];
    const ticket = await createHomeRepair(t, w);
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    await act(t, tech.token, ticket.id, 'grab').expect(200);
    await act(t, tech.token, ticket.id, 'accept', { visitAt: new Date(Date.now() + 3600_000).toISOString() }).expect(
      200,
    );
    await act(t, tech.token, ticket.id, 'check-in').expect(200);
    const unknown = await act(t, tech.token, ticket.id, 'quote', {
      items: [{ code: 'GS-001', quantityMilli: 1000 }],
      materials: [{ code: 'M-999', quantityMilli: 1000 }],
    }).expect(422);
    expect(unknown.body.details.fields[0].field).toBe('materials');

    const quoted = (
      await act(t, tech.token, ticket.id, 'quote', {
        items: [{ code: 'GS-001', quantityMilli: 1000 }],
        materials: [
          { code: 'M-101', quantityMilli: 1000 },
          { code: 'M-102', quantityMilli: 2000 },
        ],
      }).expect(200)
    ).body as ITicket;
    expect(
      quoted
        .quote!.lines.filter((l) => l.kind === 'material')
        .map((l) => [l.name, l.unitPriceFen, l.quantityMilli, l.amountFen]),
    ).toEqual([
      ['水龙头（4 分）', 8600, 1000, 8600],
      ['进水软管（4 分）', 1200, 2000, 2400],
    ]);
    expect(quoted).toMatchObject({
      status: 'quoted',
      chargeId: null,
      agreedTotalFen: null,
      quote: { totalFen: 13000, status: 'pending' },
    });
    const residentView = (
      await t.http().get(`/api/tickets/${ticket.id}`).set(bearer(w.residentA.accessToken)).expect(200)
    ).body as ITicket;
    expect(residentView.quote!.lines).toEqual(quoted.quote!.lines);

    // The warehouse reprices after the quote went out: the resident still signs, and is charged, what they were shown.
    await publishMaterials({ 'M-101': 9900, 'M-102': 1500 });
    const agreed = (
      await act(
        t,
        w.residentA.accessToken,
        ticket.id,
        'agree',
        await sign(t, w.residentA.accessToken, quoted.quote!.snapshotHash),
      ).expect(200)
    ).body as ITicket;
    expect(agreed).toMatchObject({ status: 'in_progress', agreedTotalFen: 13000, chargeId: null });

    await act(t, tech.token, ticket.id, 'complete', {
      result: '更换水龙头和两根进水软管',
      mediaIds: [await uploadPhoto(t, tech.token)],
    }).expect(200);
    const done = (await t.http().get(`/api/tickets/${ticket.id}`).set(bearer(w.residentA.accessToken)).expect(200))
      .body as ITicket;
    const verified = (
      await act(t, w.residentA.accessToken, ticket.id, 'verify', {
        overall: 5,
        punctuality: 5,
        attitude: 5,
        ...(await sign(t, w.residentA.accessToken, done.acceptanceSnapshotHash!)),
      }).expect(200)
    ).body as ITicket;
    const charge = (
      await t.http().get(`/api/charges/${verified.chargeId}`).set(bearer(w.residentA.accessToken)).expect(200)
    ).body;
    expect(charge).toMatchObject({ totalFen: 13000 });
  });
});
