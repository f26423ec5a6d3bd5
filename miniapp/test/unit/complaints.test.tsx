import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { IComplaintDetail, IMe, ITicket, ITicketUrge } from '@app/shared';
import { router } from '../mocks/taro';
import { reply, resident, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import ComplaintDetail from '../../src/packages/resident/pages/complaint';
import NewComplaint from '../../src/packages/resident/pages/complaint-new';
import UrgeButton from '../../src/packages/resident/components/UrgeButton';
import { deadlineText, toComplaintRequest, validateComplaint } from '../../src/packages/resident/utils/complaint-form';

const house = { bindingId: 1, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' };
const me = () => resident({ houses: [house] } as Partial<IMe>);

const complaint = (overrides: Partial<IComplaintDetail> = {}): IComplaintDetail => ({
  id: 7,
  number: 'TS-000007',
  projectId: 1,
  houseId: 501,
  houseLabel: '3栋1单元1201',
  ticketId: null,
  ticketSerial: null,
  complainantId: 11,
  contactName: '张伟',
  contactPhone: '138****0000',
  category: 'attitude',
  description: '客服态度差',
  channel: 'mini_program',
  status: 'resolved',
  version: 3,
  investigatorId: 5,
  investigatorName: '王主管',
  contactDueAt: '2026-11-22T04:00:00.000Z',
  contactedAt: '2026-11-22T03:00:00.000Z',
  resolveDueAt: '2026-11-24T02:00:00.000Z',
  resolvedAt: '2026-11-22T06:00:00.000Z',
  closedAt: null,
  resolution: '已当面道歉',
  responsibleUserId: null,
  responsibleName: null,
  cause: null,
  disputeCount: 0,
  escalated: false,
  contactOverdue: false,
  resolveOverdue: false,
  createdAt: '2026-11-22T02:00:00.000Z',
  updatedAt: '2026-11-22T06:00:00.000Z',
  media: [],
  events: [
    {
      id: 1,
      action: 'create',
      fromStatus: null,
      toStatus: 'open',
      actorName: '张伟',
      note: '客服态度差',
      media: [],
      at: '2026-11-22T02:00:00.000Z',
    },
  ],
  ...overrides,
});

describe('complaint form rules', () => {
  it('asks for a house, a category and a description; waits for photos', () => {
    const errors = validateComplaint(
      { houseId: null, ticketId: null, category: null, description: '  ' },
      { pending: 1, failed: 0 },
    );
    expect(errors).toEqual({
      houseId: '请选择投诉涉及的房屋',
      category: '请选择投诉类别',
      description: '请填写投诉内容',
      mediaIds: '照片还在上传，请稍候',
    });
    expect(
      validateComplaint(
        { houseId: 501, ticketId: null, category: 'quality', description: '维修后仍漏水' },
        { pending: 0, failed: 0 },
      ),
    ).toEqual({});
    expect(
      toComplaintRequest({ houseId: 501, ticketId: 9, category: 'quality', description: ' 维修后仍漏水 ' }, [3]),
    ).toEqual({ ticketId: 9, houseId: 501, category: 'quality', description: '维修后仍漏水', mediaIds: [3] });
  });

  it('deadline text counts down and says when it passed', () => {
    const now = new Date('2026-11-22T03:00:00.000Z').getTime();
    expect(deadlineText('2026-11-22T04:30:00.000Z', null, now)).toBe('剩余 1 小时 30 分');
    expect(deadlineText('2026-11-22T02:00:00.000Z', null, now)).toBe('已超时');
    expect(deadlineText('2026-11-22T04:00:00.000Z', '2026-11-22T03:00:00.000Z', now)).toBe('已按时完成');
  });
});

describe('complaint pages', () => {
  it('a resolved complaint can be confirmed; the server answer is shown', async () => {
    saveSession(tokenPair(me()));
    router.params = { id: '7' };
    let current = complaint();
    stubApi({
      'GET /api/complaints/7': () => reply(200, current),
      'POST /api/complaints/7/confirm': () => {
        current = complaint({ status: 'closed', closedAt: '2026-11-22T07:00:00.000Z' });
        return reply(200, current);
      },
    });
    render(<ComplaintDetail />);
    expect(await screen.findByText('已当面道歉')).toBeTruthy();
    fireEvent.click(screen.getByText('确认已解决'));
    await waitFor(() => expect(requested('POST', '/api/complaints/7/confirm')).toBe(true));
    await waitFor(() => expect(screen.getByText('已完结')).toBeTruthy());
  });

  it('a dispute needs a reason and is sent with it', async () => {
    saveSession(tokenPair(me()));
    router.params = { id: '7' };
    let sent: unknown = null;
    stubApi({
      'GET /api/complaints/7': reply(200, complaint()),
      'POST /api/complaints/7/dispute': (data) => {
        sent = data;
        return reply(200, complaint({ status: 'disputed' }));
      },
    });
    render(<ComplaintDetail />);
    fireEvent.click(await screen.findByText('有异议'));
    fireEvent.click(screen.getByText('提交异议'));
    expect(await screen.findByText('请填写异议理由')).toBeTruthy();
    fireEvent.input(document.querySelector('textarea')!, { target: { value: '要求上门致歉' } });
    fireEvent.click(screen.getByText('提交异议'));
    await waitFor(() => expect(sent).toEqual({ reason: '要求上门致歉' }));
  });

  it('投诉此单 files the complaint about the request, and field errors come back under their fields', async () => {
    saveSession(tokenPair(me()));
    router.params = { ticketId: '9' };
    stubApi({
      'GET /api/me': reply(200, me()),
      'GET /api/tickets/9': reply(200, {
        id: 9,
        serial: 'YGHY-261122-0009',
        houseId: 501,
        description: '厨房水龙头漏水',
      } as unknown as ITicket),
      'POST /api/complaints': reply(422, {
        code: 'VALIDATION_FAILED',
        message: '请求参数有误',
        requestId: 'x',
        details: { fields: [{ field: 'description', message: '投诉内容不能超过 1000 字' }] },
      }),
    });
    render(<NewComplaint />);
    expect(await screen.findByText(/投诉工单 YGHY-261122-0009/)).toBeTruthy();
    fireEvent.click(screen.getByText('维修质量'));
    fireEvent.input(document.querySelector('textarea')!, { target: { value: '修完第二天又漏了' } });
    fireEvent.click(screen.getByText('提交投诉'));
    expect(await screen.findByText('投诉内容不能超过 1000 字')).toBeTruthy();
  });

  it('催一下 shows when the server refuses within the hour', async () => {
    saveSession(tokenPair(me()));
    stubApi({
      'POST /api/tickets/9/urge': reply(429, {
        code: 'RATE_LIMITED',
        message: '每个工单每小时只能催一次，请于 15:20 后再试',
        requestId: 'x',
        details: { nextUrgeAt: '2026-11-22T07:20:00.000Z' },
      }),
    });
    const state: ITicketUrge = { ticketId: 9, count: 0, lastUrgedAt: null, nextUrgeAt: null, urgeable: true };
    render(<UrgeButton ticketId={9} state={state} onUrged={() => undefined} />);
    fireEvent.click(screen.getByText('催一下'));
    expect(await screen.findByText('每个工单每小时只能催一次，请于 15:20 后再试')).toBeTruthy();
  });
});
