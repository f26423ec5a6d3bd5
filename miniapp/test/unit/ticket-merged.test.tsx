import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import type { ITicket } from '@app/shared';
import Taro, { router } from '../mocks/taro';
import { reply, resident, tokenPair } from '../fixtures';
import { stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import TicketDetail from '../../src/packages/resident/pages/ticket';

const ticket = (over: Partial<ITicket>) =>
  ({
    id: 12,
    serial: 'YGHY-261201-0012',
    projectId: 1,
    projectName: '阳光花园',
    houseId: 501,
    houseLabel: '3栋1单元1201',
    kind: 'repair',
    scope: 'home',
    paid: true,
    category: 'GS',
    urgency: 'normal',
    description: '厨房水龙头漏水',
    channel: 'mini_program',
    status: 'cancelled',
    onHold: false,
    holdReason: null,
    technician: null,
    visitAt: null,
    media: [],
    afterMedia: [],
    quote: null,
    signatures: [],
    ratings: null,
    reply: null,
    cancelReason: '重复报修，已合并到 YGHY-261201-0007',
    chargeId: null,
    chargeConfirmation: null,
    mergedInto: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    actions: [],
    ...over,
  }) as unknown as ITicket;

describe('工单详情：合并重复报修', () => {
  it("a merged report reads 已合并到 <serial> and links to that ticket's progress", async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '12' };
    stubApi({
      'GET /api/tickets/12': reply(200, ticket({ mergedInto: { id: 7, serial: 'YGHY-261201-0007' } })),
      'GET /api/tickets/12/timeline': reply(200, []),
    });
    render(<TicketDetail />);
    expect(await screen.findByText('已合并到 YGHY-261201-0007')).toBeTruthy();
    expect(screen.getByText('已合并')).toBeTruthy();
    fireEvent.click(screen.getByText('查看 YGHY-261201-0007 的进度'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: expect.stringMatching(/\/packages\/resident\/pages\/ticket\/index\?id=7$/),
    });
  });

  it('the ticket it was merged into, opened as a follower, shows progress with no actions and says who decides', async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '7' };
    stubApi({
      'GET /api/tickets/7': reply(
        200,
        ticket({
          id: 7,
          serial: 'YGHY-261201-0007',
          status: 'quoted',
          cancelReason: null,
          followerView: true,
          actions: [],
        }),
      ),
      'GET /api/tickets/7/timeline': reply(200, []),
    });
    render(<TicketDetail />);
    expect(await screen.findByText(/确认报价、验收和缴费由该户住户办理/)).toBeTruthy();
    expect(screen.queryByText('同意报价')).toBeNull();
    expect(screen.queryByText('投诉此单')).toBeNull();
  });
});
