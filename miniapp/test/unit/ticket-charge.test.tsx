import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Role, type ICharge, type ITicket } from '@app/shared';
import { router } from '../mocks/taro';
import { reply, resident, staff, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import TicketDetail from '../../src/packages/resident/pages/ticket';
import JobPage from '../../src/packages/technician/pages/job';

const ticket = (chargeConfirmation: 'confirmed' | 'unconfirmed') =>
  ({
    id: 12,
    serial: 'YGHY-261122-0012',
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
    channel: 'phone',
    status: 'verified',
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
    cancelReason: null,
    chargeId: 9,
    chargeConfirmation,
    createdAt: '2026-11-22T02:00:00.000Z',
    actions: [],
  }) as unknown as ITicket;

const charge = (confirmation: 'confirmed' | 'unconfirmed') =>
  ({
    id: 9,
    totalFen: 4000,
    status: 'open',
    confirmation,
    lines: [
      {
        id: 1,
        kind: 'labour',
        code: 'GS-001',
        name: '水龙头更换',
        unit: '个',
        unitPriceFen: 2000,
        quantityMilli: 2000,
        amountFen: 4000,
      },
    ],
  }) as unknown as ICharge;

describe('工单详情：在师傅手机上签字的费用', () => {
  it('shows 待您确认 with the lines and amount, and the resident confirms it on their own account', async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '12' };
    let state: 'confirmed' | 'unconfirmed' = 'unconfirmed';
    stubApi({
      'GET /api/tickets/12': () => reply(200, ticket(state)),
      'GET /api/tickets/12/timeline': reply(200, []),
      'GET /api/charges/9': () => reply(200, charge(state)),
      'POST /api/charges/9/confirm': () => {
        state = 'confirmed';
        return reply(200, charge(state));
      },
    });
    render(<TicketDetail />);
    expect(await screen.findByText('费用（待您确认）')).toBeTruthy();
    expect(screen.getByText('水龙头更换')).toBeTruthy();
    expect(screen.getAllByText('¥40.00').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByText('确认费用'));
    await waitFor(() => expect(requested('POST', '/api/charges/9/confirm')).toBe(true));
    await waitFor(() => expect(screen.queryByText('费用（待您确认）')).toBeNull());
  });

  it('a confirmed charge already on a bill asks nothing of the resident (no confirmation, no 立即支付)', async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '12' };
    stubApi({
      'GET /api/tickets/12': reply(200, ticket('confirmed')),
      'GET /api/tickets/12/timeline': reply(200, []),
      'GET /api/charges/9': reply(200, { ...charge('confirmed'), status: 'billed' }),
    });
    render(<TicketDetail />);
    expect(await screen.findByText('厨房水龙头漏水')).toBeTruthy();
    await waitFor(() => expect(requested('GET', '/api/charges/9')).toBe(true));
    expect(screen.queryByText('确认费用')).toBeNull();
    expect(screen.queryByText(/立即支付/)).toBeNull();
  });

  it('the ticket still shows when its confirmed charge cannot be read', async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '12' };
    stubApi({ 'GET /api/tickets/12': reply(200, ticket('confirmed')), 'GET /api/tickets/12/timeline': reply(200, []) });
    render(<TicketDetail />);
    expect(await screen.findByText('厨房水龙头漏水')).toBeTruthy();
    expect(screen.queryByText(/立即支付/)).toBeNull();
  });
});

describe('工单处理（师傅）：在师傅手机上签字的费用', () => {
  it('tells the technician the charge waits for the resident and that no cash may be taken yet', async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    router.params = { id: '12' };
    stubApi({ 'GET /api/tickets/12': reply(200, ticket('unconfirmed')) });
    render(<JobPage />);
    expect(await screen.findByText('费用（待业主确认）')).toBeTruthy();
    expect(screen.getByText(/确认前不能现场收取现金/)).toBeTruthy();
  });

  it('shows a confirmed charge as 已确认', async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    router.params = { id: '12' };
    stubApi({ 'GET /api/tickets/12': reply(200, ticket('confirmed')) });
    render(<JobPage />);
    expect(await screen.findByText('费用（已确认）')).toBeTruthy();
  });
});
