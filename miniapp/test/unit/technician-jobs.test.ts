import { describe, expect, it } from 'vitest';
import {
  TicketAction,
  TicketStatus,
  type IFeeItem,
  type IMaterialPrice,
  type IPublicFeeSchedule,
  type ITicket,
} from '@app/shared';
import Taro from '../mocks/taro';
import { reply, staff, tokenPair } from '../fixtures';
import { Role } from '@app/shared';
import { acceptJob, declineJob, getMyJobs, grabJob, quoteJob, startWork } from '../../src/services/api/tickets';
import { saveSession } from '../../src/services/session';
import {
  defaultVisit,
  previewQuote,
  technicianActions,
  toQuoteRequest,
  visitAtIso,
} from '../../src/packages/technician/utils/job-actions';
import { groupJobs, jobGroup } from '../../src/utils/job-groups';
import { searchMaterials, searchSchedule } from '../../src/packages/technician/utils/quote-search';

const BASE = 'https://api.example.test';
const sent = (i = 0) => Taro.request.mock.calls[i][0] as { url: string; method: string; data: unknown };
const job = (actions: TicketAction[], onHold = false) => ({ actions, onHold }) as Pick<ITicket, 'actions' | 'onHold'>;

const item = (code: string, labourPriceFen: number, callOutFeeFen: number | null = null) =>
  ({
    id: 1,
    versionId: 1,
    categoryCode: 'GS',
    code,
    name: code,
    unit: '个',
    labourPriceFen,
    callOutFeeFen,
    materialsExtra: true,
    serviceStandard: '',
    sortOrder: 1,
  }) as IFeeItem;

describe('technician job api', () => {
  it.each([
    ['grab', () => grabJob(5), '/api/tickets/5/grab', {}],
    [
      'accept',
      () => acceptJob(5, '2026-11-23T06:00:00.000Z'),
      '/api/tickets/5/accept',
      { visitAt: '2026-11-23T06:00:00.000Z' },
    ],
    ['decline', () => declineJob(5, '不在片区'), '/api/tickets/5/decline', { reason: '不在片区' }],
    ['start', () => startWork(5), '/api/tickets/5/start', {}],
    [
      'requote',
      () => quoteJob(5, { items: [{ code: 'GS-004', quantityMilli: 1000 }] }, true),
      '/api/tickets/5/requote',
      { items: [{ code: 'GS-004', quantityMilli: 1000 }] },
    ],
  ])('posts %s', async (_name, call, path, data) => {
    saveSession(tokenPair(staff([Role.Technician])));
    Taro.request.mockResolvedValueOnce(reply(200, { id: 5 }));
    await call();
    expect(sent()).toMatchObject({ url: `${BASE}${path}`, method: 'POST', data });
  });

  it('reads my jobs from the page envelope', async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    Taro.request.mockResolvedValueOnce(reply(200, { items: [{ id: 1 }, { id: 2 }], total: 2, page: 1, pageSize: 50 }));
    await expect(getMyJobs()).resolves.toHaveLength(2);
    expect(sent().url).toBe(`${BASE}/api/tickets/jobs/mine?pageSize=50`);
  });
});

describe('technician buttons', () => {
  it('follow ticket.actions, with one primary button', () => {
    const buttons = technicianActions(job([TicketAction.Decline, TicketAction.Accept]));
    expect(buttons.map((b) => [b.action, b.kind, b.primary])).toEqual([
      ['accept', 'visit', true],
      ['decline', 'reason', false],
    ]);
    expect(technicianActions(job([TicketAction.AgreeQuote, TicketAction.DeclineQuote])).map((b) => b.label)).toEqual([
      '请业主签字确认报价',
      '业主拒绝报价',
    ]);
    expect(technicianActions(job([TicketAction.Verify])).map((b) => b.kind)).toEqual(['sign']);
  });

  it('show nothing for staff-only actions or while on hold', () => {
    expect(technicianActions(job([TicketAction.Register, TicketAction.Cancel]))).toEqual([]);
    expect(technicianActions(job([TicketAction.CheckIn], true))).toEqual([]);
  });
});

describe('quote preview', () => {
  it('prices the picked items with the shared buildQuote, including the highest call-out fee', () => {
    const items = [item('GS-001', 2000), item('GS-004', 3000, 1500), item('GS-009', 800)];
    const quote = previewQuote(items, { 'GS-001': 2000, 'GS-004': 1000, 'GS-009': 0 });
    expect(quote.labourFen).toBe(7000);
    expect(quote.totalFen).toBe(7000 + quote.callOutFen);
    expect(quote.lines.map((l) => l.code)).toEqual(expect.arrayContaining(['GS-001', 'GS-004']));
    expect(toQuoteRequest({ 'GS-001': 2000, 'GS-009': 0 })).toEqual({
      items: [{ code: 'GS-001', quantityMilli: 2000 }],
    });
  });

  it('only accepts a visit time in the future', () => {
    const now = new Date(2026, 10, 22, 10, 0);
    expect(visitAtIso('2026-11-22', '09:30', now)).toBeNull();
    expect(new Date(visitAtIso('2026-11-22', '14:30', now) ?? '').getHours()).toBe(14);
    expect(visitAtIso('bad', '14:30', now)).toBeNull();
  });
});

const material = (code: string, name: string, priceFen: number, spec = ''): IMaterialPrice => ({
  id: 1,
  versionId: 2,
  code,
  name,
  spec,
  unit: '个',
  priceFen,
  sortOrder: 1,
});

describe('grab and accept in one step', () => {
  it('a pool job opens the visit form (grab + accept), check-in opens its photo form', () => {
    expect(technicianActions(job([TicketAction.Grab])).map((b) => [b.label, b.kind])).toEqual([
      ['抢单并约定上门时间', 'visit'],
    ]);
    expect(technicianActions(job([TicketAction.CheckIn])).map((b) => b.kind)).toEqual(['checkin']);
  });

  it("the accept dialog starts at the resident's preferred window while it is ahead, else the next 14:00", () => {
    const now = new Date(2026, 10, 22, 10, 0);
    expect(defaultVisit({ preferredStart: new Date(2026, 10, 24, 9, 0).toISOString() }, now)).toEqual({
      date: '2026-11-24',
      time: '09:00',
    });
    expect(defaultVisit({ preferredStart: new Date(2026, 10, 21, 18, 0).toISOString() }, now)).toEqual({
      date: '2026-11-22',
      time: '14:00',
    });
    expect(defaultVisit({ preferredStart: null }, now)).toEqual({ date: '2026-11-22', time: '14:00' });
    expect(defaultVisit({ preferredStart: null }, new Date(2026, 10, 30, 16, 30))).toEqual({
      date: '2026-12-01',
      time: '14:00',
    });
  });
});

describe('quote with materials', () => {
  it('prices material lines from the material list, named as the server names them, and sends them apart', () => {
    const quote = previewQuote(
      [item('GS-001', 2000)],
      { 'GS-001': 1000 },
      [material('M-101', '水龙头', 8600, '4 分'), material('M-102', '软管', 1200)],
      { 'M-101': 1000, 'M-102': 2000 },
    );
    expect(quote.lines.filter((l) => l.kind === 'material').map((l) => [l.name, l.amountFen])).toEqual([
      ['水龙头（4 分）', 8600],
      ['软管', 2400],
    ]);
    expect(quote).toMatchObject({ labourFen: 2000, materialsFen: 11000, totalFen: 13000 });
    expect(toQuoteRequest({ 'GS-001': 1000 }, { 'M-101': 1000, 'M-102': 0 })).toEqual({
      items: [{ code: 'GS-001', quantityMilli: 1000 }],
      materials: [{ code: 'M-101', quantityMilli: 1000 }],
    });
  });

  it('search finds items across every category and materials by name, spec or code', () => {
    const schedule = {
      categories: [
        {
          code: 'GS',
          name: '供水',
          sortOrder: 1,
          items: [
            { ...item('GS-001', 2000), name: '水龙头更换' },
            { ...item('GS-005', 5000), name: '马桶疏通' },
          ],
        },
        {
          code: 'GD',
          name: '供电',
          sortOrder: 2,
          items: [{ ...item('GD-003', 1500), name: '开关更换', categoryCode: 'GD' }],
        },
      ],
    } as Pick<IPublicFeeSchedule, 'categories'>;
    expect(searchSchedule(schedule, '更换').map((i) => i.code)).toEqual(['GS-001', 'GD-003']);
    expect(searchSchedule(schedule, 'gd-003').map((i) => i.code)).toEqual(['GD-003']);
    expect(searchSchedule(schedule, '  ')).toEqual([]);
    const list = [material('M-101', '水龙头', 8600, '4 分'), material('M-102', '进水软管', 1200, '60 cm')];
    expect(searchMaterials(list, '4 分').map((m) => m.code)).toEqual(['M-101']);
    expect(searchMaterials(list, 'm-102').map((m) => m.code)).toEqual(['M-102']);
    expect(searchMaterials(list, '')).toHaveLength(2);
  });
});

describe('工作台 groups', () => {
  const t = (id: number, status: TicketStatus, visitAt: string | null = null) =>
    ({
      id,
      status,
      visitAt,
      createdAt: `2026-11-2${id}T00:00:00.000Z`,
      updatedAt: `2026-11-2${id}T00:00:00.000Z`,
    }) as ITicket;

  it('splits 待接单 / 进行中 / 待验收 from finished work, soonest visit first', () => {
    expect(jobGroup(t(1, TicketStatus.Verified))).toBe('finished');
    const groups = groupJobs([
      t(1, TicketStatus.Dispatched),
      t(2, TicketStatus.InProgress, '2026-11-25T06:00:00.000Z'),
      t(3, TicketStatus.Accepted, '2026-11-24T06:00:00.000Z'),
      t(4, TicketStatus.Done),
      t(5, TicketStatus.Verified),
      t(6, TicketStatus.Visited),
    ]);
    expect(groups.toAccept.map((x) => x.id)).toEqual([1]);
    expect(groups.active.map((x) => x.id)).toEqual([3, 2]);
    expect(groups.toVerify.map((x) => x.id)).toEqual([4]);
    expect(groups.finished.map((x) => x.id)).toEqual([6, 5]);
  });
});
