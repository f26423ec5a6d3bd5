import type { TestApp } from '../support/test-app';
import { bearer } from '../support/test-app';
import type { TicketWorld } from './ticket-helpers';

interface Call {
  token: string;
  url: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}
interface Scenario {
  prepare(): Promise<Call>;
  lenient?: Record<string, string>;
  anyStatus?: string;
}

const idNamesNothing =
  'an id at the INT maximum names nothing of the caller’s: 404/422 from the service is the right answer';
const staleVersion = 'a version that is not the complaint’s current one is a 409 race answer, not a bound error';

/** R14 scenarios for 投诉 and 催单: fresh complaints in the state each action starts from, through the API. */
export function complaintScenarios(app: () => TestApp, world: () => TicketWorld): Record<string, Scenario> {
  const http = () => app().http();
  const w = () => world();
  let supId: Promise<number> | null = null;
  const supervisor = () =>
    (supId ??= app()
      .db.query('SELECT user_id FROM role_assignments WHERE role = ? AND scope_id = ?', [
        'supervisor',
        w().tenant.projectId,
      ])
      .then((rows: { user_id: number }[]) => Number(rows[0].user_id)));
  const open = async (): Promise<number> =>
    (
      await http()
        .post('/api/complaints')
        .set(bearer(w().residentA.accessToken))
        .send({ houseId: w().tenant.houseIds[0], category: 'quality', description: '边界测试投诉' })
        .expect(201)
    ).body.id;
  const contacted = async () => {
    const id = await open();
    await http().post(`/api/complaints/${id}/contact`).set(bearer(w().cm)).send({ note: '已联系' }).expect(200);
    return id;
  };
  const resolved = async () => {
    const id = await contacted();
    await http()
      .post(`/api/complaints/${id}/resolve`)
      .set(bearer(w().cm))
      .send({ resolution: '已处理', cause: 'process' })
      .expect(200);
    return id;
  };
  const project = () => w().tenant.projectId;
  return {
    'POST /api/complaints': {
      lenient: { houseId: idNamesNothing, projectId: idNamesNothing, ticketId: idNamesNothing },
      prepare: async () => ({
        token: w().residentA.accessToken,
        url: '/api/complaints',
        body: { houseId: w().tenant.houseIds[0], category: 'quality', description: '投诉', contactName: '张先生' },
      }),
    },
    'GET /api/complaints/mine': {
      prepare: async () => ({
        token: w().residentA.accessToken,
        url: '/api/complaints/mine',
        query: { page: 1, pageSize: 20 },
      }),
    },
    'GET /api/complaints': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w().cm,
        url: '/api/complaints',
        query: { projectId: project(), page: 1, pageSize: 20 },
      }),
    },
    'POST /api/complaints/:id/assign': {
      lenient: { investigatorId: idNamesNothing, version: staleVersion },
      prepare: async () => ({
        token: w().cm,
        url: `/api/complaints/${await open()}/assign`,
        body: { investigatorId: await supervisor(), version: 0 },
      }),
    },
    'POST /api/complaints/:id/contact': {
      lenient: { version: staleVersion },
      prepare: async () => ({
        token: w().cm,
        url: `/api/complaints/${await open()}/contact`,
        body: { note: '已电话联系', version: 0 },
      }),
    },
    'POST /api/complaints/:id/notes': {
      lenient: { version: staleVersion },
      prepare: async () => ({
        token: w().cm,
        url: `/api/complaints/${await open()}/notes`,
        body: { note: '调查记录', version: 0 },
      }),
    },
    'POST /api/complaints/:id/resolve': {
      lenient: { responsibleUserId: idNamesNothing, version: staleVersion },
      prepare: async () => ({
        token: w().cm,
        url: `/api/complaints/${await contacted()}/resolve`,
        body: { resolution: '已处理', cause: 'process', version: 1 },
      }),
    },
    'POST /api/complaints/:id/dispute': {
      prepare: async () => ({
        token: w().residentA.accessToken,
        url: `/api/complaints/${await resolved()}/dispute`,
        body: { reason: '不满意' },
      }),
    },
    'PUT /api/projects/:projectId/complaint-policy': {
      prepare: async () => ({
        token: w().pm,
        url: `/api/projects/${project()}/complaint-policy`,
        body: { contactMinutes: 5, resolveMinutes: 43_200 },
      }),
    },
    'GET /api/ticket-urges': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({ token: w().cm, url: '/api/ticket-urges', query: { projectId: project() } }),
    },
  };
}
