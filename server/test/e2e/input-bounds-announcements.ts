import type { Tenant } from '../support/factories';
import { bearer, TestApp } from '../support/test-app';

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
const staleVersion =
  'a version at the INT maximum is not the notice’s current one: 409 with the current state is the right answer';

/** R14 scenarios for 公告: a fresh draft (or published notice) per request, a day ahead so it can be published. */
export function announcementScenarios(
  app: () => TestApp,
  tenant: () => Tenant,
  cm: () => string,
): Record<string, Scenario> {
  const body = () => ({
    projectId: tenant().projectId,
    template: 'water',
    title: '停水通知',
    body: '因供水设施检修暂停供水。',
    buildingIds: [tenant().buildingId],
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 90_000_000).toISOString(),
  });
  const draft = async (): Promise<{ id: number; version: number }> =>
    (await app().http().post('/api/announcements').set(bearer(cm())).send(body()).expect(201)).body;
  return {
    'GET /api/announcements': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: cm(),
        url: '/api/announcements',
        query: { projectId: tenant().projectId, page: 1, pageSize: 20 },
      }),
    },
    'POST /api/announcements': {
      lenient: { projectId: idNamesNothing, 'buildingIds.0': idNamesNothing },
      prepare: async () => ({ token: cm(), url: '/api/announcements', body: body() }),
    },
    'POST /api/announcements/:id/publish': {
      lenient: { version: staleVersion },
      prepare: async () => {
        const a = await draft();
        return { token: cm(), url: `/api/announcements/${a.id}/publish`, body: { version: a.version } };
      },
    },
    'POST /api/announcements/:id/withdraw': {
      lenient: { version: staleVersion },
      prepare: async () => {
        const a = await draft();
        const published = (
          await app()
            .http()
            .post(`/api/announcements/${a.id}/publish`)
            .set(bearer(cm()))
            .send({ version: a.version })
            .expect(200)
        ).body;
        return { token: cm(), url: `/api/announcements/${a.id}/withdraw`, body: { version: published.version } };
      },
    },
  };
}
