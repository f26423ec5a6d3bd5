import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Role, ScopeType, type ITicket } from '@app/shared';
import { router } from '../mocks/taro';
import { reply, resident, staff, tokenPair } from '../fixtures';
import { stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import { mayReadTicketForm } from '../../src/utils/ticket-form-access';
import TicketDetail from '../../src/packages/resident/pages/ticket';
import JobPage from '../../src/packages/technician/pages/job';

const TECH_ID = 21;
const ticket = (over: Partial<ITicket> = {}) =>
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
    status: 'in_progress',
    onHold: false,
    holdReason: null,
    technician: { userId: TECH_ID, name: '李强', phoneMasked: '139****0001', phone: null },
    visitAt: null,
    media: [],
    afterMedia: [],
    quote: null,
    signatures: [],
    ratings: null,
    reply: null,
    cancelReason: null,
    chargeId: null,
    chargeConfirmation: null,
    createdAt: '2026-11-22T02:00:00.000Z',
    actions: [],
    ...over,
  }) as unknown as ITicket;

const pdfResponse = () => new Response('%PDF-1.4', { status: 200, headers: { 'Content-Type': 'application/pdf' } });

afterEach(() => vi.unstubAllGlobals());

describe('who sees 查看处理单 (the server answers 404 to anyone else)', () => {
  it('the resident, the technician the job is assigned to and staff with 查看工单 on the project', () => {
    expect(mayReadTicketForm(ticket(), resident())).toBe(true);
    expect(mayReadTicketForm(ticket(), staff([Role.Technician], { id: TECH_ID }))).toBe(true);
    expect(mayReadTicketForm(ticket(), staff([Role.CustomerManager], { id: 99 }))).toBe(true);
  });

  it('not a technician who could only grab it from the pool, nor staff of another project', () => {
    expect(mayReadTicketForm(ticket({ technician: null }), staff([Role.Technician], { id: TECH_ID }))).toBe(false);
    expect(mayReadTicketForm(ticket(), staff([Role.Technician], { id: 77 }))).toBe(false);
    const elsewhere = staff([Role.CustomerManager], {
      id: 99,
      roles: [{ role: Role.CustomerManager, scopeType: ScopeType.Project, scopeId: 2, scopeName: '别的项目' }],
    });
    expect(mayReadTicketForm(ticket(), elsewhere)).toBe(false);
  });
});

describe('查看处理单 on the pages', () => {
  it("shows on the technician's own job and opens the PDF", async () => {
    saveSession(tokenPair(staff([Role.Technician], { id: TECH_ID })));
    router.params = { id: '12' };
    stubApi({
      'GET /api/tickets/12': reply(200, ticket()),
      'GET /api/me': reply(200, staff([Role.Technician], { id: TECH_ID })),
    });
    const fetchMock = vi.fn(async () => pdfResponse());
    vi.stubGlobal('fetch', fetchMock);
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => 'blob:form');
    render(<JobPage />);
    fireEvent.click(await screen.findByText('查看处理单'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(fetchMock.mock.calls[0]).toEqual([
      expect.stringMatching(/\/api\/tickets\/12\/form\.pdf$/),
      expect.anything(),
    ]);
    expect(saved).toEqual(['处理单YGHY-261122-0012.pdf']);
    click.mockRestore();
  });

  it('is not offered on a pool job the technician has not taken', async () => {
    saveSession(tokenPair(staff([Role.Technician], { id: TECH_ID })));
    router.params = { id: '12' };
    stubApi({
      'GET /api/tickets/12': reply(200, ticket({ technician: null, status: 'registered' as ITicket['status'] })),
      'GET /api/me': reply(200, staff([Role.Technician], { id: TECH_ID })),
    });
    render(<JobPage />);
    expect(await screen.findByText('厨房水龙头漏水')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('查看处理单')).toBeNull());
  });

  it("shows on the resident's own ticket beside 投诉此单", async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '12' };
    stubApi({
      'GET /api/tickets/12': reply(200, ticket()),
      'GET /api/tickets/12/timeline': reply(200, []),
      'GET /api/me': reply(200, resident()),
    });
    render(<TicketDetail />);
    expect(await screen.findByText('查看处理单')).toBeTruthy();
    expect(screen.getByText('投诉此单')).toBeTruthy();
  });
});
