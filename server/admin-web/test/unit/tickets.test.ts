import { describe, expect, it } from 'vitest';
import { Role, TicketStatus, type ITicket } from '@app/shared';
import { ApiError } from '../../src/api/api-error';
import { buildCreateRequest, kindsFor, type CreateFormValues } from '../../src/pages/tickets/create-logic';
import { policyRows } from '../../src/pages/tickets/DispatchPoliciesCard';
import {
  actionPath,
  buildActionBody,
  conflictMessage,
  consoleActions,
  mergeNewestFirst,
  needsForm,
  rankTechnicians,
  STATUS_GROUPS,
  statusGroupOf,
  statusesOf,
} from '../../src/pages/tickets/ticket-logic';

const ticket = (over: Partial<ITicket> = {}): ITicket =>
  ({
    id: 1,
    serial: 'YGHY-261122-0001',
    projectId: 1,
    projectName: '阳光花园',
    houseId: 3,
    houseLabel: '3栋1单元1201',
    kind: 'repair',
    scope: 'home',
    paid: true,
    category: 'GS',
    urgency: 'normal',
    status: 'submitted',
    onHold: false,
    escalated: false,
    reworkCount: 0,
    actions: ['register', 'cancel'],
    createdAt: '2026-11-22T01:00:00.000Z',
    ...over,
  }) as ITicket;

describe('status tabs', () => {
  it('put every lifecycle status in exactly one tab besides 全部', () => {
    for (const status of Object.values(TicketStatus)) {
      const tabs = STATUS_GROUPS.filter((g) => g.key !== 'all' && (g.statuses as readonly string[]).includes(status));
      expect(tabs, status).toHaveLength(1);
    }
    expect(STATUS_GROUPS.map((g) => g.label)).toEqual([
      '待受理',
      '处理中',
      '待验收',
      '待回访',
      '已完结',
      '已取消',
      '全部',
    ]);
  });

  it('groups as the desk thinks: quoted work is 处理中, verified and visited await the follow-up', () => {
    expect(statusGroupOf('quoted')).toBe('working');
    expect(statusGroupOf('registered')).toBe('working');
    expect(statusGroupOf('verified')).toBe('follow-up');
    expect(statusGroupOf('visited')).toBe('follow-up');
    expect(statusesOf('all')).toEqual([]);
  });

  it('merges per-status pages newest first', () => {
    const a = ticket({ id: 1, createdAt: '2026-11-22T01:00:00.000Z' });
    const b = ticket({ id: 2, createdAt: '2026-11-22T03:00:00.000Z' });
    const c = ticket({ id: 3, createdAt: '2026-11-22T02:00:00.000Z' });
    expect(mergeNewestFirst([[a, c], [b]]).map((t) => t.id)).toEqual([2, 3, 1]);
  });
});

describe('ticket actions', () => {
  it('shows the server actions the console handles, plus hold/resume and the PM damage record', () => {
    expect(consoleActions(ticket(), [Role.CustomerManager])).toEqual(['register', 'cancel', 'hold']);
    expect(consoleActions(ticket({ onHold: true, actions: ['cancel'] }), [Role.Supervisor])).toEqual([
      'cancel',
      'resume',
    ]);
    expect(consoleActions(ticket({ status: 'closed', actions: [] }), [Role.ProjectManager])).toEqual(['damage']);
    expect(consoleActions(ticket({ status: 'cancelled', actions: [] }), [Role.ProjectManager])).toEqual([]);
    // Technician-only steps never become console buttons even if listed.
    expect(consoleActions(ticket({ actions: ['accept', 'check_in'] }), [Role.Cashier])).toEqual([]);
  });

  it('maps actions to their URL and knows which need no form', () => {
    expect(actionPath('return_visit')).toBe('return-visit');
    expect(actionPath('request_rework')).toBe('rework');
    expect(actionPath('hold')).toBe('hold');
    expect(needsForm('close')).toBe(false);
    expect(needsForm('resume')).toBe(false);
    expect(needsForm('register')).toBe(true);
  });

  it('register: paid work needs the price acknowledgement; unchanged category/urgency are not resent', () => {
    expect(buildActionBody('register', ticket(), { category: 'GS', urgency: 'normal' })).toMatchObject({
      ok: false,
      field: 'priceExplained',
    });
    expect(
      buildActionBody('register', ticket(), { category: 'GS', urgency: 'emergency', priceExplained: true }),
    ).toEqual({
      ok: true,
      body: { urgency: 'emergency', priceExplained: true },
    });
    expect(buildActionBody('register', ticket({ paid: false, scope: 'public' }), { category: 'GD' })).toEqual({
      ok: true,
      body: { category: 'GD' },
    });
  });

  it('dispatch, transfer, reasons, reply and return visit validate their input', () => {
    expect(buildActionBody('dispatch', ticket(), {})).toMatchObject({ ok: false, field: 'technicianId' });
    expect(buildActionBody('dispatch', ticket(), { technicianId: 10 })).toEqual({
      ok: true,
      body: { technicianId: 10 },
    });
    expect(buildActionBody('transfer', ticket(), { technicianId: 11, reason: '  ' })).toMatchObject({
      ok: false,
      field: 'reason',
    });
    expect(buildActionBody('hold', ticket(), { reason: ' 业主出差 ' })).toEqual({
      ok: true,
      body: { reason: '业主出差' },
    });
    expect(buildActionBody('reply', ticket(), { reply: '' })).toMatchObject({ ok: false, field: 'reply' });
    expect(buildActionBody('return_visit', ticket(), { result: '已修好' })).toMatchObject({
      ok: false,
      field: 'satisfied',
    });
    expect(buildActionBody('return_visit', ticket(), { result: '已修好', satisfied: false })).toEqual({
      ok: true,
      body: { result: '已修好', satisfied: false },
    });
  });

  it('damage converts yuan to fen by string arithmetic', () => {
    expect(buildActionBody('damage', ticket(), { description: '划伤地板', compensationYuan: '0.29' })).toEqual({
      ok: true,
      body: { description: '划伤地板', compensationFen: 29 },
    });
    expect(buildActionBody('damage', ticket(), { description: '划伤地板', compensationYuan: '1,200.5' })).toMatchObject(
      { body: { compensationFen: 120050 } },
    );
    expect(buildActionBody('damage', ticket(), { description: '划伤地板', compensationYuan: '1.234' })).toMatchObject({
      ok: false,
      field: 'compensationYuan',
    });
  });

  it('explains a 409 STATE_CONFLICT with the current status', () => {
    const err = new ApiError('STATE_CONFLICT', 'x', 409, {
      current: { status: 'dispatched', version: 3, onHold: true, technicianId: 10 },
    });
    expect(conflictMessage(err)).toBe('工单状态已变化：当前为「已派单（挂起中）」，已为您刷新');
    expect(conflictMessage(new ApiError('STATE_CONFLICT', 'x', 409))).toBe('工单状态已变化，已为您刷新');
    expect(conflictMessage(new ApiError('VALIDATION_FAILED', 'x', 422))).toBeNull();
  });
});

describe('technician choice', () => {
  it('puts on-duty technicians skilled for the category first', () => {
    const techs = [
      { name: '王师傅', onDuty: true, skills: ['水', '电'] },
      { name: '赵师傅', onDuty: false, skills: ['锁具'] },
      { name: '李师傅', onDuty: true, skills: ['门窗', '锁具'] },
    ];
    const jj = { configured: true, openToAll: false, skills: ['门窗', '家电', '锁具'] };
    expect(rankTechnicians(techs, jj).map((t) => [t.name, t.fits])).toEqual([
      ['李师傅', true],
      ['王师傅', false],
      ['赵师傅', true],
    ]);
  });

  it('follows the company rule: open to all fits everyone, a category without a rule fits nobody', () => {
    const techs = [{ name: '王师傅', onDuty: true, skills: ['水'] }];
    expect(rankTechnicians(techs, { configured: true, openToAll: true, skills: [] })[0].fits).toBe(true);
    expect(rankTechnicians(techs, { configured: false, openToAll: false, skills: [] })[0].fits).toBe(false);
    expect(rankTechnicians(techs, undefined)[0].fits).toBe(false);
  });

  it('a skill override is sent only with its reason', () => {
    expect(
      buildActionBody('dispatch', ticket(), { technicianId: 10, override: true, overrideReason: '  ' }),
    ).toMatchObject({ ok: false, field: 'overrideReason' });
    expect(
      buildActionBody('dispatch', ticket(), { technicianId: 10, override: true, overrideReason: ' 只有他在附近 ' }),
    ).toEqual({ ok: true, body: { technicianId: 10, override: true, overrideReason: '只有他在附近' } });
    expect(buildActionBody('dispatch', ticket(), { technicianId: 10, override: false, overrideReason: 'x' })).toEqual({
      ok: true,
      body: { technicianId: 10 },
    });
    expect(
      buildActionBody('transfer', ticket(), { technicianId: 11, reason: '调整', override: true, overrideReason: '急' }),
    ).toEqual({ ok: true, body: { technicianId: 11, reason: '调整', override: true, overrideReason: '急' } });
  });
});

describe('代客报修 form', () => {
  const base: CreateFormValues = {
    place: 'home',
    houseId: 7,
    kind: 'repair',
    category: 'GS',
    urgency: 'normal',
    description: ' 水管漏水 ',
    contactPhone: '13800001111',
    channel: 'phone',
  };

  it('home repair carries the house and scope; public repair only the project', () => {
    expect(buildCreateRequest(base, 1)).toEqual({
      ok: true,
      body: {
        kind: 'repair',
        scope: 'home',
        houseId: 7,
        category: 'GS',
        urgency: 'normal',
        description: '水管漏水',
        channel: 'phone',
        contactName: null,
        contactPhone: '13800001111',
      },
    });
    const pub = buildCreateRequest({ ...base, place: 'public', houseId: undefined, category: 'GD' }, 1);
    expect(pub).toMatchObject({ ok: true, body: { projectId: 1, scope: 'public' } });
    expect(pub.ok && 'houseId' in pub.body).toBe(false);
  });

  it('refuses what the server would refuse', () => {
    expect(buildCreateRequest({ ...base, houseId: undefined }, 1)).toMatchObject({ ok: false, field: 'houseId' });
    expect(buildCreateRequest({ ...base, contactPhone: '1380000' }, 1)).toMatchObject({
      ok: false,
      field: 'contactPhone',
    });
    expect(buildCreateRequest({ ...base, kind: 'service', category: 'JZ' }, 1)).toMatchObject({
      ok: false,
      field: 'feeItemCode',
    });
    expect(kindsFor('public')).not.toContain('service');
  });
});

describe('派单规则', () => {
  it('lists the default and every company category (company data), unset ones at the server default', () => {
    const categories = ['GD', 'GS', 'JJ', 'JZ', 'LH', 'DY'].map((code) => ({ code }));
    const rows = policyRows(
      [
        { projectId: 1, category: 'GS', mode: 'auto', poolMinutes: 10 },
        { projectId: 1, category: 'OLD', mode: 'assign', poolMinutes: 30 },
      ],
      categories,
    );
    // A new company category (DY) gets a row; a saved rule for a category no longer listed stays visible.
    expect(rows.map((r) => r.category)).toEqual(['*', 'GD', 'GS', 'JJ', 'JZ', 'LH', 'DY', 'OLD']);
    expect(rows[0]).toEqual({ category: '*', mode: 'pool', poolMinutes: 30, saved: false });
    expect(rows[2]).toEqual({ category: 'GS', mode: 'auto', poolMinutes: 10, saved: true });
  });
});

describe('public-area acceptance (验收) by the customer manager', () => {
  const done = ticket({
    kind: 'repair',
    scope: 'public',
    paid: false,
    houseId: null,
    status: 'done',
    actions: ['verify'],
  });

  it('offers 验收 exactly when the server lists verify', () => {
    expect(consoleActions(done, [Role.CustomerManager])).toContain('verify');
    expect(consoleActions({ ...done, actions: [] }, [Role.CustomerManager])).not.toContain('verify');
    expect(needsForm('verify')).toBe(true);
  });

  it('needs every rating chosen (no default) and a representative’s name and relation together', () => {
    expect(buildActionBody('verify', done, { punctuality: 5, attitude: 5 })).toMatchObject({
      ok: false,
      field: 'overall',
    });
    expect(buildActionBody('verify', done, { overall: 4, punctuality: 5 })).toMatchObject({
      ok: false,
      field: 'attitude',
    });
    expect(
      buildActionBody('verify', done, { overall: 4, punctuality: 5, attitude: 5, representativeName: '何阿姨' }),
    ).toMatchObject({ ok: false, field: 'representativeRelation' });
    expect(buildActionBody('verify', done, { overall: 4, punctuality: 5, attitude: 5 })).toEqual({
      ok: true,
      body: { overall: 4, punctuality: 5, attitude: 5 },
    });
    expect(
      buildActionBody('verify', done, {
        overall: 4,
        punctuality: 5,
        attitude: 3,
        representativeName: ' 何阿姨 ',
        representativeRelation: '楼长',
        comment: ' 灯亮了 ',
      }),
    ).toEqual({
      ok: true,
      body: {
        overall: 4,
        punctuality: 5,
        attitude: 3,
        comment: '灯亮了',
        signerName: '何阿姨',
        representativeRelation: '楼长',
      },
    });
  });
});
