import { ErrorCode, ITicket, Role, ScopeType } from '@app/shared';
import { FeeCategory, FeeItem, PriceListVersion } from '../../src/modules/catalog/price-list.entity';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import {
  act,
  createHomeRepair,
  makeTicketWorld,
  TicketWorld,
  toQuoted,
  uploadPhoto,
  uploadSignature,
} from './ticket-helpers';

/** docs/domain.md §4: counter sales only sell counter items; one image, one use. */
describe('charges: counter items only at the counter, media used once', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  const get = async (token: string, id: number) =>
    (await t.http().get(`/api/tickets/${id}`).set(bearer(token)).expect(200)).body as ITicket;

  it('counter sales accept only counter items, never repair items (with or without a house)', async () => {
    const version = await t.db
      .getRepository(PriceListVersion)
      .findOneOrFail({ where: { companyId: w.tenant.companyId, kind: 'fee_schedule' }, order: { id: 'DESC' } });
    await t.db
      .getRepository(FeeCategory)
      .insert({ versionId: version.id, code: 'DY', name: '打字复印类', sortOrder: 9 });
    await t.db.getRepository(FeeItem).insert([
      {
        versionId: version.id,
        categoryCode: 'DY',
        code: 'DY-001',
        name: 'A4 复印',
        unit: '张',
        labourPriceFen: 50,
        callOutFeeFen: null,
        materialsExtra: false,
        serviceStandard: '单面',
        sortOrder: 1,
      },
      {
        versionId: version.id,
        categoryCode: 'JZ',
        code: 'JZ-009',
        name: '钥匙扣',
        unit: '个',
        labourPriceFen: 300,
        callOutFeeFen: null,
        materialsExtra: false,
        counterSale: true,
        serviceStandard: '-',
        sortOrder: 2,
      },
    ]);
    const sale = (body: object) =>
      t
        .http()
        .post('/api/counter-sales')
        .set(bearer(w.cashier))
        .send({ projectId: w.tenant.projectId, paidBy: 'cash', ...body });
    for (const body of [
      { items: [{ code: 'GS-001', quantityMilli: 1000 }] },
      {
        houseId: w.tenant.houseIds[0],
        items: [
          { code: 'DY-001', quantityMilli: 1000 },
          { code: 'GS-005', quantityMilli: 1000 },
        ],
      },
    ]) {
      const res = await sale(body).expect(422);
      expect(res.body).toMatchObject({ code: ErrorCode.NotCounterItem, message: expect.stringContaining('前台') });
      expect(res.body.details.fields[0].field).toMatch(/^items\[\d\]\.code$/);
    }
    const ok = await sale({
      items: [
        { code: 'DY-001', quantityMilli: 2000 },
        { code: 'JZ-009', quantityMilli: 1000 },
      ],
    }).expect(201);
    expect(ok.body).toMatchObject({
      totalFen: 400,
      status: 'paid',
      confirmation: 'confirmed',
      confirmedVia: 'counter',
    });

    // The finance centre marks an item for the counter in a draft schedule (default: not a counter item).
    const finance = (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role: Role.Finance, scopeType: ScopeType.Company, scopeId: w.tenant.companyId }]))
          .username,
        STAFF_PASSWORD,
      )
    ).accessToken;
    const draft = (
      await t
        .http()
        .post('/api/price-lists')
        .set(bearer(finance))
        .send({ kind: 'fee_schedule', companyId: w.tenant.companyId, title: '草稿' })
        .expect(201)
    ).body;
    await t
      .http()
      .post(`/api/price-lists/${draft.id}/categories`)
      .set(bearer(finance))
      .send({ code: 'JZ', name: '家政服务类' })
      .expect(200);
    const item = { categoryCode: 'JZ', unit: '个', labourPriceFen: 300, materialsExtra: false, serviceStandard: '-' };
    const marked = await t
      .http()
      .post(`/api/price-lists/${draft.id}/items`)
      .set(bearer(finance))
      .send({ ...item, code: 'JZ-009', name: '钥匙扣', counterSale: true })
      .expect(200);
    expect(marked.body.counterSale).toBe(true);
    const plain = await t
      .http()
      .post(`/api/price-lists/${draft.id}/items`)
      .set(bearer(finance))
      .send({ ...item, code: 'JZ-010', name: '上门保洁' })
      .expect(200);
    expect(plain.body.counterSale).toBe(false);
  });

  it('one image, one use: a signature cannot sign two acts and a photo cannot go on two tickets', async () => {
    const ticket = await toQuoted(t, w, await createHomeRepair(t, w));
    const res = w.residentA.accessToken;
    const signature = {
      signatureMediaId: await uploadSignature(t, res),
      signerName: '张伟',
      relation: 'owner',
      snapshotHash: ticket.quote!.snapshotHash,
    };
    await act(t, res, ticket.id, 'agree', signature).expect(200);
    const tech = w.techs[0].token;
    await act(t, tech, ticket.id, 'complete', { result: '好了', mediaIds: [await uploadPhoto(t, tech)] }).expect(200);
    const hash = (await get(res, ticket.id)).acceptanceSnapshotHash!;
    const replay = await act(t, res, ticket.id, 'verify', {
      overall: 5,
      punctuality: 5,
      attitude: 5,
      ...signature,
      snapshotHash: hash,
    }).expect(409);
    expect(replay.body).toMatchObject({
      code: ErrorCode.MediaAlreadyUsed,
      details: { fields: [{ field: 'signatureMediaId' }] },
    });
    expect((await get(res, ticket.id)).status).toBe('done');

    const photo = await uploadPhoto(t, res);
    const body = {
      houseId: w.tenant.houseIds[0],
      kind: 'repair',
      scope: 'home',
      category: 'GS',
      urgency: 'normal',
      description: '漏水',
      mediaIds: [photo],
    };
    await t.http().post('/api/tickets').set(bearer(res)).send(body).expect(201);
    const again = await t
      .http()
      .post('/api/tickets')
      .set(bearer(res))
      .send({ ...body, description: '又一单' })
      .expect(409);
    expect(again.body).toMatchObject({
      code: ErrorCode.MediaAlreadyUsed,
      details: { fields: [{ field: 'mediaIds' }] },
    });
  });
});
