import { describe, expect, it } from 'vitest';
import { ErrorCode, TicketAction, type ITicket } from '@app/shared';
import Taro from '../mocks/taro';
import { envelope, reply, resident, tokenPair } from '../fixtures';
import { ApiError } from '../../src/services/api-error';
import { newClientUploadId, uploadMedia } from '../../src/services/api/media';
import {
  agreeQuote,
  cancelTicket,
  createTicket,
  declineQuote,
  getJobPool,
  getMyJobs,
  getMyTickets,
  getTicket,
  getTicketTimeline,
  requestRework,
  verifyTicket,
} from '../../src/services/api/tickets';
import { saveSession } from '../../src/services/session';
import {
  emptyReportDraft,
  hasReportErrors,
  preferredDateRange,
  reportErrorsFromServer,
  toCreateTicketRequest,
  validateReportDraft,
  type IReportDraft,
} from '../../src/packages/resident/utils/ticket-form';
import {
  eventText,
  residentActions,
  validateRatings,
  validateReason,
} from '../../src/packages/resident/utils/ticket-actions';
import { looksSigned } from '../../src/components/SignaturePad/stroke';

const BASE = 'https://api.example.test';
const sent = (i = 0) =>
  Taro.request.mock.calls[i][0] as { url: string; method: string; data: unknown; header: Record<string, string> };

const ticket = (overrides: Partial<ITicket> = {}) =>
  ({ id: 7, serial: 'YGHY-261122-0007', status: 'quoted', actions: [], onHold: false, ...overrides }) as ITicket;

describe('tickets api', () => {
  it('creates a ticket with an idempotency key and returns it', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(201, ticket({ status: 'submitted' })));
    const body = {
      houseId: 151,
      kind: 'repair' as const,
      scope: 'home' as const,
      category: 'GS',
      urgency: 'normal' as const,
      description: '水管漏水',
    };
    await expect(createTicket(body, 'key-12345678')).resolves.toMatchObject({ status: 'submitted' });
    expect(sent()).toMatchObject({ url: `${BASE}/api/tickets`, method: 'POST', data: body });
    expect(sent().header['Idempotency-Key']).toBe('key-12345678');
  });

  it('reads my tickets, my jobs and the pool out of the one page envelope', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(200, { items: [ticket()], total: 1, page: 1, pageSize: 50 }));
    await expect(getMyTickets()).resolves.toHaveLength(1);
    expect(sent().url).toBe(`${BASE}/api/tickets/mine?pageSize=50`);
    Taro.request.mockResolvedValueOnce(
      reply(200, { items: [ticket(), ticket({ id: 8 })], total: 2, page: 1, pageSize: 50 }),
    );
    await expect(getJobPool()).resolves.toHaveLength(2);
    expect(sent(1).url).toBe(`${BASE}/api/tickets/jobs/pool?pageSize=50`);
    Taro.request.mockResolvedValueOnce(reply(200, { items: [ticket({ id: 9 })], total: 1, page: 1, pageSize: 50 }));
    await expect(getMyJobs()).resolves.toEqual([expect.objectContaining({ id: 9 })]);
    expect(sent(2).url).toBe(`${BASE}/api/tickets/jobs/mine?pageSize=50`);
  });

  it.each([
    ['the ticket', () => getTicket(7), 'GET', '/api/tickets/7', undefined],
    ['the timeline', () => getTicketTimeline(7), 'GET', '/api/tickets/7/timeline', undefined],
    ['decline-quote', () => declineQuote(7, '太贵'), 'POST', '/api/tickets/7/decline-quote', { reason: '太贵' }],
    ['cancel', () => cancelTicket(7, '已修好'), 'POST', '/api/tickets/7/cancel', { reason: '已修好' }],
    ['rework', () => requestRework(7, '还在漏'), 'POST', '/api/tickets/7/rework', { reason: '还在漏' }],
  ])('calls %s', async (_name, call, method, path, data) => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(200, ticket()));
    await call();
    expect(sent()).toMatchObject({ url: `${BASE}${path}`, method });
    if (data) expect(sent().data).toEqual(data);
  });

  it('agrees with the signature and surfaces 409 QUOTE_CHANGED', async () => {
    saveSession(tokenPair(resident()));
    const body = { signatureMediaId: 3, signerName: '张伟', relation: 'owner', snapshotHash: 'abc' };
    Taro.request.mockResolvedValueOnce(reply(409, envelope(ErrorCode.QuoteChanged, '报价已变更')));
    const error = await agreeQuote(7, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(ErrorCode.QuoteChanged);
    expect(sent()).toMatchObject({ url: `${BASE}/api/tickets/7/agree`, method: 'POST', data: body });
  });

  it('verifies with ratings and the acceptance hash', async () => {
    saveSession(tokenPair(resident()));
    Taro.request.mockResolvedValueOnce(reply(200, ticket({ status: 'verified' })));
    const body = {
      overall: 5,
      punctuality: 4,
      attitude: 5,
      comment: null,
      signatureMediaId: 4,
      signerName: '张伟',
      relation: 'owner',
      snapshotHash: 'h',
    };
    await verifyTicket(7, body);
    expect(sent()).toMatchObject({ url: `${BASE}/api/tickets/7/verify`, data: body });
  });

  it('uploads media as multipart `file` with clientUploadId and kind', async () => {
    saveSession(tokenPair(resident()));
    Taro.uploadFile.mockResolvedValueOnce({ statusCode: 201, data: '{"id":9,"kind":"signature","thumbUrl":"/t"}' });
    await expect(uploadMedia('blob:sig', 'u-12345678', 'signature')).resolves.toMatchObject({ id: 9 });
    const call = Taro.uploadFile.mock.calls[0][0] as {
      url: string;
      name: string;
      filePath: string;
      formData: Record<string, string>;
    };
    expect(call).toMatchObject({
      url: `${BASE}/api/media`,
      name: 'file',
      filePath: 'blob:sig',
      formData: { clientUploadId: 'u-12345678', kind: 'signature' },
    });
  });

  it('makes client upload ids the server accepts, different each time', () => {
    const a = newClientUploadId();
    expect(a).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    expect(newClientUploadId()).not.toBe(a);
  });
});

describe('report form', () => {
  const filled = (patch: Partial<IReportDraft> = {}): IReportDraft => ({
    ...emptyReportDraft(323),
    scope: 'home',
    category: 'GS',
    description: '卫生间水龙头漏水',
    ...patch,
  });
  const today = new Date(2026, 10, 22, 10);

  it('names every missing field', () => {
    const errors = validateReportDraft(emptyReportDraft(), undefined, today);
    expect(Object.keys(errors).sort()).toEqual(['category', 'description', 'houseId', 'scope']);
    expect(hasReportErrors(validateReportDraft(filled(), undefined, today))).toBe(false);
  });

  it('holds back while photos upload or failed, and checks the preferred time', () => {
    expect(validateReportDraft(filled(), { pending: 1, failed: 0 }, today).mediaIds).toBe('照片还在上传，请稍候');
    expect(validateReportDraft(filled(), { pending: 0, failed: 1 }, today).mediaIds).toMatch(/上传失败/);
    expect(validateReportDraft(filled({ description: '漏水' }), undefined, today).description).toMatch(/至少/);
    expect(validateReportDraft(filled({ preferredDate: '2026-11-23' }), undefined, today).preferred).toBe(
      '请选择上门时段',
    );
    expect(
      validateReportDraft(filled({ preferredDate: '2026-11-21', preferredWindow: 'morning' }), undefined, today)
        .preferred,
    ).toMatch(/早于今天/);
  });

  it('offers visit dates from today to 30 days ahead (the picker ran to 2129) and refuses a later one', () => {
    expect(preferredDateRange(today)).toEqual({ start: '2026-11-22', end: '2026-12-22' });
    expect(
      validateReportDraft(filled({ preferredDate: '2026-12-22', preferredWindow: 'morning' }), undefined, today)
        .preferred,
    ).toBeUndefined();
    expect(
      validateReportDraft(filled({ preferredDate: '2026-12-23', preferredWindow: 'morning' }), undefined, today)
        .preferred,
    ).toBe('上门日期最多选 30 天内');
  });

  it('builds the request with photos and the chosen window in local time', () => {
    const body = toCreateTicketRequest(
      filled({ preferredDate: '2026-11-23', preferredWindow: 'afternoon', description: '  漏水很严重  ' }),
      [4, 5],
    );
    expect(body).toMatchObject({
      houseId: 323,
      kind: 'repair',
      scope: 'home',
      category: 'GS',
      urgency: 'normal',
      description: '漏水很严重',
      mediaIds: [4, 5],
    });
    expect(new Date(body.preferredStart ?? '').getHours()).toBe(14);
    expect(new Date(body.preferredEnd ?? '').getHours()).toBe(18);
    expect(toCreateTicketRequest(filled(), []).preferredStart).toBeNull();
  });

  it('places 422 field messages next to the inputs', () => {
    expect(
      reportErrorsFromServer([
        { field: 'category', message: '请选择类别' },
        { field: 'mediaIds[0]', message: '照片无效' },
        { field: 'preferredStart', message: 'preferredStart 须为 ISO 时间' },
        { field: 'channel', message: '不允许' },
      ]),
    ).toEqual({
      category: '请选择类别',
      mediaIds: '照片无效',
      preferred: 'preferredStart 须为 ISO 时间',
      form: '不允许',
    });
  });
});

describe('resident action buttons', () => {
  it('come from ticket.actions only, primary first', () => {
    const quoted = residentActions(
      ticket({ actions: [TicketAction.Cancel, TicketAction.DeclineQuote, TicketAction.AgreeQuote] }),
    );
    expect(quoted.map((a) => a.label)).toEqual(['同意报价并签字', '拒绝报价', '取消报修']);
    expect(quoted[0]).toMatchObject({ kind: 'sign', primary: true });
    expect(
      residentActions(ticket({ actions: [TicketAction.Verify, TicketAction.RequestRework] })).map((a) => a.action),
    ).toEqual(['verify', 'request_rework']);
  });

  it('hide what the resident cannot do here, and everything while on hold', () => {
    expect(residentActions(ticket({ actions: [TicketAction.Register, TicketAction.Dispatch] }))).toEqual([]);
    expect(residentActions(ticket({ actions: [TicketAction.Cancel], onHold: true }))).toEqual([]);
  });

  it('validate reasons and ratings', () => {
    expect(validateReason('  ')).toBe('请填写原因');
    expect(validateReason('x'.repeat(201))).toMatch(/200/);
    expect(validateReason('已自行修好')).toBeNull();
    expect(validateRatings({ overall: 5, punctuality: 0, attitude: 5 })).toMatch(/准时/);
    expect(validateRatings({ overall: 5, punctuality: 3, attitude: 4 })).toBeNull();
  });

  it('words the timeline for residents', () => {
    expect(eventText('agree_quote')).toBe('已同意报价并签字');
    expect(eventText('submit')).toBe('提交报修');
    // A suggestion or a booking is not announced as a 报修 in its timeline.
    expect(eventText('submit', 'suggestion')).toBe('提交建议');
    expect(eventText('submit', 'service')).toBe('提交预约');
    expect(eventText('submit', 'repair')).toBe('提交报修');
    expect(eventText('something_new')).toBe('something_new');
  });
});

describe('signature pad', () => {
  it('refuses a tap or a tiny scribble before bothering the server', () => {
    expect(looksSigned([[{ x: 1, y: 1 }]])).toBe(false);
    const tiny = Array.from({ length: 20 }, (_, i) => ({ x: i, y: i % 3 }));
    expect(looksSigned([tiny])).toBe(false);
    const wave = Array.from({ length: 30 }, (_, i) => ({ x: i * 8, y: 50 + Math.sin(i) * 30 }));
    expect(looksSigned([wave])).toBe(true);
  });
});
