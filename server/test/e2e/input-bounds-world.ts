import { IQuoteLine, ITicket, lineAmountFen, Role, ScopeType } from '@app/shared';
import { FeeCategory, MaterialPrice, PriceListVersion } from '../../src/modules/catalog/price-list.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { TechnicianProfile } from '../../src/modules/property/technician.entity';
import { makeStaff, makeVerifiedTicket, publishSchedule, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { act, makeTicketWorld, sign, TicketWorld, uploadPhoto } from './ticket-helpers';

/** R14's world: one company with a schedule and materials in force, staff of every role, drafts to edit. */
export interface BoundsWorld {
  t: TestApp;
  w: TicketWorld;
  admin: string;
  finance: string;
  scheduleDraftId: number;
  materialsDraftId: number;
  /** Edited by the technician-profile scenario, so it takes no jobs. */
  spareTech: number;
  /** Lacks the plumbing skill a GS ticket needs: dispatching to them takes an override with a recorded reason. */
  gardener: number;
  materialsPublished: boolean;
  /** Takes every ticket here. */
  tech(): TicketWorld['techs'][0];
}

export async function makeBoundsWorld(): Promise<BoundsWorld> {
  // WeChat Pay through the stand-in, so a resident's pay order can be created at its bounds.
  const t = await bootTestApp({ WECHATPAY_MODE: 'stand-in', WECHATPAY_STANDIN_HOST: '127.0.0.1' });
  try {
    const w = await makeTicketWorld(t, 2);
    // Every ticket here goes to the first technician; most stay open, so lift the open-job cap for this world.
    await t.db.getRepository(TechnicianProfile).update({ userId: w.techs[0].id }, { maxOpenJobs: 10_000 });
    const { companyId, projectId } = w.tenant;
    // The schedule in force: the ticket world's items, a cheap item (so the largest quantity stays under the
    // quote ceiling) and 打字复印 desk items for counter sales.
    const versionId = await publishSchedule(t.db, companyId, [
      { code: 'GS-001', categoryCode: 'GS', name: '水龙头更换', unit: '个', labourPriceFen: 2000 },
      { code: 'GS-005', categoryCode: 'GS', name: '马桶疏通', unit: '次', labourPriceFen: 5000, callOutFeeFen: 1000 },
      { code: 'GD-003', categoryCode: 'GD', name: '开关更换', unit: '个', labourPriceFen: 1500 },
      { code: 'GS-101', categoryCode: 'GS', name: '密封胶条', unit: '米', labourPriceFen: 100 },
      { code: 'DY-001', categoryCode: 'DY', name: '复印', unit: '张', labourPriceFen: 100 },
      { code: 'DY-120', categoryCode: 'DY', name: '装订', unit: '本', labourPriceFen: 12_000 },
    ]);
    await t.db.getRepository(FeeCategory).update({ versionId, code: 'DY' }, { name: '打字复印' });
    const at = new Date(Date.now() - 60_000);
    const materials = await t.db.getRepository(PriceListVersion).insert({
      kind: 'materials',
      companyId,
      regionId: null,
      versionNo: 1,
      title: '材料价格',
      status: 'published',
      effectiveFrom: at,
      publishedKey: `materials:${companyId}:0:${at.toISOString()}`,
      notes: null,
      createdBy: 0,
      approvedBy: 0,
      approvedAt: at,
      publishedBy: 0,
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
    });
    await t.db.getRepository(MaterialPrice).insert({
      versionId: Number(materials.identifiers[0].id),
      code: 'M-001',
      name: '胶带',
      spec: '',
      unit: '个',
      priceFen: 100,
      sortOrder: 0,
    });
    const staff = async (role: Role, scopeType: ScopeType, scopeId: number) =>
      (
        await passwordLogin(
          t,
          (await makeStaff(t.db, [{ role, scopeType, scopeId }], { companyId })).username,
          STAFF_PASSWORD,
        )
      ).accessToken;
    const admin = await staff(Role.Admin, ScopeType.Company, companyId);
    const finance = await staff(Role.Finance, ScopeType.Company, companyId);
    const draft = await t
      .http()
      .post('/api/price-lists')
      .set(bearer(admin))
      .send({ kind: 'fee_schedule', companyId, title: '边界测试草稿' })
      .expect(201);
    const scheduleDraftId = draft.body.id;
    const materialsDraftId = (
      await t
        .http()
        .post('/api/price-lists')
        .set(bearer(admin))
        .send({ kind: 'materials', companyId, title: '边界测试材料' })
        .expect(201)
    ).body.id;
    // Edited by the technician-profile scenario (its cap goes to 0 and 50), so it takes no jobs here.
    // Lacks the plumbing skill a GS ticket needs: dispatching to them takes an override with a recorded reason.
    const gardener = (
      await makeStaff(t.db, [{ role: Role.Technician, scopeType: ScopeType.Project, scopeId: projectId }], {
        technician: true,
        companyId,
        skills: ['绿化'],
        buildingIds: [w.tenant.buildingId],
        maxOpenJobs: 50,
      })
    ).id;
    const spareTech = (
      await makeStaff(t.db, [{ role: Role.Technician, scopeType: ScopeType.Project, scopeId: projectId }], {
        technician: true,
        companyId,
      })
    ).id;
    expect(projectId).toBeGreaterThan(0);
    return {
      t,
      w,
      admin,
      finance,
      scheduleDraftId,
      materialsDraftId,
      spareTech,
      gardener,
      materialsPublished: true,
      tech: () => w.techs[0],
    };
  } catch (e) {
    await t.close();
    throw e;
  }
}

export type TicketSteps = ReturnType<typeof ticketSteps>;

/** Tickets brought to each state through HTTP, as the product does (a fresh ticket each call). */
export function ticketSteps(b: BoundsWorld) {
  const ticketOf = async (token: string, id: number): Promise<ITicket> =>
    (await b.t.http().get(`/api/tickets/${id}`).set(bearer(token)).expect(200)).body;
  const submitted = async (kind = 'repair'): Promise<number> => {
    const res = await b.t.http().post('/api/tickets').set(bearer(b.w.residentA.accessToken)).send({
      houseId: b.w.tenant.houseIds[0],
      kind,
      scope: 'home',
      category: 'GS',
      urgency: 'normal',
      description: '厨房水龙头漏水',
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const registered = async () => {
    const id = await submitted();
    await act(b.t, b.w.cm, id, 'register', { priceExplained: true }).expect(200);
    return id;
  };
  const dispatched = async () => {
    const id = await registered();
    await act(b.t, b.w.sup, id, 'dispatch', { technicianId: b.tech().id }).expect(200);
    return id;
  };
  const accepted = async () => {
    const id = await dispatched();
    await act(b.t, b.tech().token, id, 'accept', { visitAt: new Date(Date.now() + 3_600_000).toISOString() }).expect(
      200,
    );
    return id;
  };
  const onSite = async () => {
    const id = await accepted();
    await act(b.t, b.tech().token, id, 'check-in').expect(200);
    return id;
  };
  const quoted = async () => {
    const id = await onSite();
    await act(b.t, b.tech().token, id, 'quote', { items: [{ code: 'GS-001', quantityMilli: 1000 }] }).expect(200);
    return id;
  };
  const inProgress = async () => {
    const id = await quoted();
    const hash = (await ticketOf(b.w.residentA.accessToken, id)).quote!.snapshotHash;
    await act(b.t, b.w.residentA.accessToken, id, 'agree', await sign(b.t, b.w.residentA.accessToken, hash)).expect(
      200,
    );
    return id;
  };
  const done = async () => {
    const id = await inProgress();
    await act(b.t, b.tech().token, id, 'complete', {
      result: '已更换',
      mediaIds: [await uploadPhoto(b.t, b.tech().token)],
    }).expect(200);
    return id;
  };
  const verified = async () => {
    const id = await done();
    const hash = (await ticketOf(b.w.residentA.accessToken, id)).acceptanceSnapshotHash!;
    await act(b.t, b.w.residentA.accessToken, id, 'verify', {
      overall: 5,
      punctuality: 5,
      attitude: 5,
      ...(await sign(b.t, b.w.residentA.accessToken, hash)),
    }).expect(200);
    return id;
  };
  const openCharge = async (unconfirmed = false): Promise<number> => {
    const houseId = b.w.tenant.houseIds[2];
    const ticket = await makeVerifiedTicket(b.t.db, {
      projectId: b.w.tenant.projectId,
      houseId,
      technicianId: b.tech().id,
    });
    const line: IQuoteLine = {
      kind: 'labour',
      code: 'GS-001',
      name: '水龙头更换',
      unit: '个',
      unitPriceFen: 2000,
      quantityMilli: 1000,
      amountFen: lineAmountFen(2000, 1000),
    };
    const charge = await b.t.app.get(ChargesService).postForTicket({
      ticketId: ticket.id,
      ticketSerial: ticket.serial,
      projectId: b.w.tenant.projectId,
      houseId,
      agreementRef: `signature:${ticket.id}`,
      lines: [{ ...line, scheduleVersionId: 1, materialsVersionId: null }],
      actorId: b.tech().id,
      unconfirmed,
    });
    return charge.id;
  };
  const signed = async (id: number, hashOf: (x: ITicket) => string) =>
    sign(b.t, b.w.residentA.accessToken, hashOf(await ticketOf(b.w.residentA.accessToken, id)));
  return {
    ticketOf,
    submitted,
    registered,
    dispatched,
    accepted,
    onSite,
    quoted,
    inProgress,
    done,
    verified,
    openCharge,
    signed,
  };
}
