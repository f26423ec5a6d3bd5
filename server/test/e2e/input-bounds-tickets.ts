import { RectificationTask } from '../../src/modules/tickets/ticket-support.entity';
import { makeVerifiedTicket } from '../support/factories';
import { uploadPhoto } from './ticket-helpers';
import { idNamesNothing, type Scenario } from './input-bounds-routes';
import type { BoundsWorld, TicketSteps } from './input-bounds-world';

/** R14 scenarios for the ticket routes: each builds a fresh ticket in the state the action needs. */
export function ticketScenarios(b: BoundsWorld, s: TicketSteps): Record<string, Scenario> {
  const { submitted, registered, dispatched, accepted, onSite, quoted, inProgress, done, verified, signed } = s;
  return {
    // ---- tickets ----
    'POST /api/tickets': {
      lenient: {
        houseId: idNamesNothing,
        projectId: idNamesNothing,
        category: "must be one of the company's categories; tickets.category is 32 wide like the bound",
      },
      prepare: async () => ({
        token: b.w.residentA.accessToken,
        url: '/api/tickets',
        body: {
          houseId: b.w.tenant.houseIds[0],
          kind: 'repair',
          scope: 'home',
          category: 'GS',
          urgency: 'normal',
          description: '漏水',
          contactName: '张伟',
        },
      }),
    },
    'GET /api/tickets': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.cm,
        url: '/api/tickets',
        query: { projectId: b.w.tenant.projectId, page: 1, pageSize: 20 },
      }),
    },
    'GET /api/tickets/mine': {
      prepare: async () => ({
        token: b.w.residentA.accessToken,
        url: '/api/tickets/mine',
        query: { page: 1, pageSize: 20 },
      }),
    },
    'GET /api/tickets/jobs/mine': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({ token: b.tech().token, url: '/api/tickets/jobs/mine', query: { page: 1, pageSize: 20 } }),
    },
    'GET /api/tickets/jobs/pool': {
      prepare: async () => ({ token: b.tech().token, url: '/api/tickets/jobs/pool', query: { page: 1, pageSize: 20 } }),
    },
    'GET /api/inbox': {
      prepare: async () => ({ token: b.w.residentA.accessToken, url: '/api/inbox', query: { page: 1, pageSize: 20 } }),
    },
    'GET /api/tickets/dispatch-queue': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.sup,
        url: '/api/tickets/dispatch-queue',
        query: { projectId: b.w.tenant.projectId },
      }),
    },
    'GET /api/fee-schedule/materials': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.cm,
        url: '/api/fee-schedule/materials',
        query: { projectId: b.w.tenant.projectId },
      }),
    },
    'GET /api/tickets/technician-workload': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.sup,
        url: '/api/tickets/technician-workload',
        query: { projectId: b.w.tenant.projectId },
      }),
    },
    'GET /api/tickets/escalated': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: b.w.pm,
        url: '/api/tickets/escalated',
        query: { projectId: b.w.tenant.projectId },
      }),
    },
    'GET /api/rectifications': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({ token: b.w.pm, url: '/api/rectifications', query: { projectId: b.w.tenant.projectId } }),
    },
    'POST /api/tickets/:id/cancel': {
      prepare: async () => ({
        token: b.w.residentA.accessToken,
        url: `/api/tickets/${await submitted()}/cancel`,
        body: { reason: '不需要了' },
      }),
    },
    'POST /api/tickets/:id/register': {
      lenient: { category: "must be one of the company's categories; tickets.category is 32 wide like the bound" },
      prepare: async () => ({
        token: b.w.cm,
        url: `/api/tickets/${await submitted()}/register`,
        body: { priceExplained: true, category: 'GS' },
      }),
    },
    // 合并重复报修: a fresh duplicate and a fresh target of the same house each time; the reason is kept with the cancellation.
    'POST /api/tickets/:id/merge': {
      prepare: async () => {
        const [duplicate, target] = [await submitted(), await submitted()];
        return {
          token: b.w.cm,
          url: `/api/tickets/${duplicate}/merge`,
          body: { targetId: target, reason: '同一处漏水' },
        };
      },
    },
    'GET /api/tickets/:id/merge-candidates': {
      prepare: async () => ({
        token: b.w.cm,
        url: `/api/tickets/${await submitted()}/merge-candidates`,
        query: { serial: 'P' },
      }),
    },
    'POST /api/tickets/:id/hold': {
      prepare: async () => ({
        token: b.w.cm,
        url: `/api/tickets/${await registered()}/hold`,
        body: { reason: '等配件' },
      }),
    },
    'POST /api/tickets/:id/reply': {
      prepare: async () => ({
        token: b.w.cm,
        url: `/api/tickets/${await submitted('consultation')}/reply`,
        body: { reply: '已答复' },
      }),
    },
    'POST /api/tickets/:id/return-visit': {
      prepare: async () => ({
        token: b.w.cm,
        url: `/api/tickets/${await verified()}/return-visit`,
        body: { result: '满意', satisfied: true },
      }),
    },
    'POST /api/tickets/:id/damage': {
      prepare: async () => ({
        token: b.w.pm,
        url: `/api/tickets/${await submitted()}/damage`,
        body: { description: '碰坏瓷砖', compensationFen: 100 },
      }),
    },
    // Both outside the skill, so the override reason is stored (event row and audit) at its bound.
    'POST /api/tickets/:id/dispatch': {
      lenient: { technicianId: idNamesNothing },
      prepare: async () => ({
        token: b.w.sup,
        url: `/api/tickets/${await registered()}/dispatch`,
        body: { technicianId: b.gardener, override: true, overrideReason: '水电师傅都在忙' },
      }),
    },
    'POST /api/tickets/:id/transfer': {
      lenient: { technicianId: idNamesNothing },
      prepare: async () => ({
        token: b.w.sup,
        url: `/api/tickets/${await accepted()}/transfer`,
        body: { technicianId: b.gardener, reason: '改派', override: true, overrideReason: '水电师傅都在忙' },
      }),
    },
    'POST /api/tickets/:id/decline': {
      prepare: async () => ({
        token: b.tech().token,
        url: `/api/tickets/${await dispatched()}/decline`,
        body: { reason: '不在片区' },
      }),
    },
    'POST /api/tickets/:id/quote': {
      prepare: async () => ({
        token: b.tech().token,
        url: `/api/tickets/${await onSite()}/quote`,
        body: { items: [{ code: 'GS-101', quantityMilli: 1000 }], materials: [{ code: 'M-001', quantityMilli: 1000 }] },
      }),
    },
    'POST /api/tickets/:id/requote': {
      prepare: async () => ({
        token: b.tech().token,
        url: `/api/tickets/${await inProgress()}/requote`,
        body: { items: [{ code: 'GS-101', quantityMilli: 1000 }], materials: [{ code: 'M-001', quantityMilli: 1000 }] },
      }),
    },
    'POST /api/tickets/:id/agree': {
      lenient: { signatureMediaId: idNamesNothing },
      prepare: async () => {
        const id = await quoted();
        return {
          token: b.w.residentA.accessToken,
          url: `/api/tickets/${id}/agree`,
          body: await signed(id, (x) => x.quote!.snapshotHash),
        };
      },
    },
    'POST /api/tickets/:id/decline-quote': {
      lenient: { signatureMediaId: idNamesNothing },
      prepare: async () => {
        const id = await quoted();
        return {
          token: b.w.residentA.accessToken,
          url: `/api/tickets/${id}/decline-quote`,
          body: { reason: '太贵了', ...(await signed(id, (x) => x.quote!.snapshotHash)) },
        };
      },
    },
    'POST /api/tickets/:id/complete': {
      lenient: {
        'items.0.quantityMilli': 'final lines above the agreed quote need a requote (409), by design',
        'materials.0.quantityMilli': 'final lines above the agreed quote need a requote (409), by design',
      },
      prepare: async () => {
        const id = await inProgress();
        return {
          token: b.tech().token,
          url: `/api/tickets/${id}/complete`,
          body: {
            result: '已更换',
            mediaIds: [await uploadPhoto(b.t, b.tech().token)],
            // ¥1 + ¥1, under the ¥20 agreed: the final lines need no requote.
            items: [{ code: 'GS-101', quantityMilli: 1000 }],
            materials: [{ code: 'M-001', quantityMilli: 1000 }],
          },
        };
      },
    },
    'POST /api/tickets/:id/verify': {
      lenient: { signatureMediaId: idNamesNothing },
      prepare: async () => {
        const id = await done();
        return {
          token: b.w.residentA.accessToken,
          url: `/api/tickets/${id}/verify`,
          body: {
            overall: 4,
            punctuality: 4,
            attitude: 4,
            comment: '好',
            ...(await signed(id, (x) => x.acceptanceSnapshotHash!)),
          },
        };
      },
    },
    'POST /api/tickets/:id/rework': {
      prepare: async () => ({
        token: b.w.residentA.accessToken,
        url: `/api/tickets/${await done()}/rework`,
        body: { reason: '还在漏' },
      }),
    },
    'POST /api/rectifications/:id/resolve': {
      prepare: async () => {
        const ticket = await makeVerifiedTicket(b.t.db, {
          projectId: b.w.tenant.projectId,
          houseId: b.w.tenant.houseIds[5],
          technicianId: b.tech().id,
        });
        const res = await b.t.db.getRepository(RectificationTask).insert({
          ticketId: ticket.id,
          projectId: b.w.tenant.projectId,
          reason: '回访不满意',
          status: 'open',
          note: null,
          resolvedBy: null,
          createdAt: new Date(),
          resolvedAt: null,
        });
        return {
          token: b.w.pm,
          url: `/api/rectifications/${Number(res.identifiers[0].id)}/resolve`,
          body: { note: '已整改' },
        };
      },
    },
  };
}
