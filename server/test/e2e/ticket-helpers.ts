import { ITicket, ITokenPair, Role, ScopeType } from '@app/shared';
import {
  bindResident,
  makeStaff,
  makeTenant,
  newOpenId,
  publishSchedule,
  STAFF_PASSWORD,
  Tenant,
} from '../support/factories';
import { bearer, passwordLogin, TestApp, wechatLogin } from '../support/test-app';
import { noisyJpeg, signaturePads } from './media-fixtures';

export interface TicketWorld {
  tenant: Tenant;
  residentA: ITokenPair;
  residentB: ITokenPair;
  cm: string;
  sup: string;
  pm: string;
  cashier: string;
  techs: { id: number; token: string }[];
  outsiderTech: string;
  outsiderCm: string;
}

let uploadSeq = 0;

/** One project with two verified residents, every staff role, water/electric technicians and a published schedule. */
export async function makeTicketWorld(t: TestApp, techCount = 2): Promise<TicketWorld> {
  const tenant = await makeTenant(t.db, 6);
  const other = await makeTenant(t.db, 1);
  await publishSchedule(t.db, tenant.companyId, [
    { code: 'GS-001', categoryCode: 'GS', name: '水龙头更换', unit: '个', labourPriceFen: 2000 },
    { code: 'GS-005', categoryCode: 'GS', name: '马桶疏通', unit: '次', labourPriceFen: 5000, callOutFeeFen: 1000 },
    { code: 'GD-003', categoryCode: 'GD', name: '开关更换', unit: '个', labourPriceFen: 1500 },
    { code: 'JZ-001', categoryCode: 'JZ', name: '日常保洁', unit: '小时', labourPriceFen: 4000 },
  ]);
  const login = async (role: Role, projectId = tenant.projectId) =>
    (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role, scopeType: ScopeType.Project, scopeId: projectId }])).username,
        STAFF_PASSWORD,
      )
    ).accessToken;
  const residentA = await wechatLogin(t, newOpenId());
  const residentB = await wechatLogin(t, newOpenId());
  await bindResident(t.db, residentA.user.id, tenant.houseIds[0]);
  await bindResident(t.db, residentB.user.id, tenant.houseIds[1]);
  const techs: { id: number; token: string }[] = [];
  for (let i = 0; i < techCount; i++) {
    const tech = await makeStaff(t.db, [{ role: Role.Technician, scopeId: tenant.projectId }], {
      technician: true,
      companyId: tenant.companyId,
      skills: ['水', '电', '保洁'],
      buildingIds: [tenant.buildingId],
      maxOpenJobs: 50,
    });
    techs.push({ id: tech.id, token: (await passwordLogin(t, tech.username, STAFF_PASSWORD)).accessToken });
  }
  const outsider = await makeStaff(t.db, [{ role: Role.Technician, scopeId: other.projectId }], {
    technician: true,
    companyId: other.companyId,
  });
  return {
    tenant,
    residentA,
    residentB,
    techs,
    cm: await login(Role.CustomerManager),
    sup: await login(Role.Supervisor),
    pm: await login(Role.ProjectManager),
    cashier: await login(Role.Cashier),
    outsiderTech: (await passwordLogin(t, outsider.username, STAFF_PASSWORD)).accessToken,
    outsiderCm: await login(Role.CustomerManager, other.projectId),
  };
}

export async function uploadPhoto(t: TestApp, token: string): Promise<number> {
  const res = await t
    .http()
    .post('/api/media')
    .set(bearer(token))
    .field('clientUploadId', `tp-${process.pid}-${++uploadSeq}`)
    .attach('file', await noisyJpeg(320, 240), { filename: 'photo.jpg', contentType: 'image/jpeg' })
    .expect(201);
  return res.body.id;
}

export async function uploadSignature(t: TestApp, token: string): Promise<number> {
  const res = await t
    .http()
    .post('/api/media')
    .set(bearer(token))
    .field('clientUploadId', `ts-${process.pid}-${++uploadSeq}`)
    .field('kind', 'signature')
    .attach('file', await signaturePads.scribble(), { filename: 'sig.png', contentType: 'image/png' })
    .expect(201);
  return res.body.id;
}

export const act = (t: TestApp, token: string, id: number, action: string, body: object = {}) =>
  t.http().post(`/api/tickets/${id}/${action}`).set(bearer(token)).send(body);

export async function createHomeRepair(
  t: TestApp,
  w: TicketWorld,
  resident = w.residentA,
  house = w.tenant.houseIds[0],
  category = 'GS',
): Promise<ITicket> {
  const photo = await uploadPhoto(t, resident.accessToken);
  const res = await t
    .http()
    .post('/api/tickets')
    .set(bearer(resident.accessToken))
    .send({
      houseId: house,
      kind: 'repair',
      scope: 'home',
      category,
      urgency: 'normal',
      description: '厨房水龙头漏水',
      mediaIds: [photo],
    })
    .expect(201);
  return res.body;
}

/** Drives a fresh home repair to the given point through HTTP as the right roles. */
export async function toQuoted(t: TestApp, w: TicketWorld, ticket: ITicket, tech = w.techs[0]): Promise<ITicket> {
  await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
  await act(t, tech.token, ticket.id, 'grab').expect(200);
  await act(t, tech.token, ticket.id, 'accept', { visitAt: new Date(Date.now() + 3600_000).toISOString() }).expect(200);
  await act(t, tech.token, ticket.id, 'check-in').expect(200);
  return (
    await act(t, tech.token, ticket.id, 'quote', {
      items: [
        { code: 'GS-001', quantityMilli: 2000 },
        { code: 'GS-005', quantityMilli: 1000 },
      ],
    }).expect(200)
  ).body;
}

export async function sign(t: TestApp, token: string, snapshotHash: string, signerName = '张伟', relation = 'owner') {
  return { signatureMediaId: await uploadSignature(t, token), signerName, relation, snapshotHash };
}
