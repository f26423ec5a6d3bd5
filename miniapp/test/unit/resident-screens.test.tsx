import { describe, expect, it, vi } from 'vitest';
import { forwardRef, useEffect, useImperativeHandle } from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { BindingStatus, RepairScope, TicketKind, VISIT_WINDOWS, type IMe, type ITicket } from '@app/shared';
import Taro, { router } from '../mocks/taro';
import { binding, reply, resident, tokenPair } from '../fixtures';
import { stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import Tickets from '../../src/packages/resident/pages/tickets';
import TicketDetail from '../../src/packages/resident/pages/ticket';
import Sign from '../../src/packages/resident/pages/sign';
import FeeItem from '../../src/packages/resident/pages/fee-item';
import Report from '../../src/packages/resident/pages/report';
import Index from '../../src/pages/index';
import MineMenu from '../../src/components/MineMenu';
import { residentTodo } from '../../src/packages/resident/utils/ticket-actions';
import { TIME_WINDOWS, draftFromParams, toCreateTicketRequest } from '../../src/packages/resident/utils/ticket-form';
import { feeItemKind } from '../../src/packages/resident/utils/fee-schedule';
import { defaultVisit } from '../../src/packages/technician/utils/job-actions';
import { roleEntries } from '../../src/utils/role-entries';
import { Routes, reportUrl, ticketUrl } from '../../src/routes';

// jsdom has no 2D canvas: a pad that is always signed and exports a fixed file.
vi.mock('../../src/components/SignaturePad', () => ({
  default: forwardRef(function Pad({ onChange }: { onChange?: (s: boolean) => void }, ref) {
    useImperativeHandle(ref, () => ({ clear: vi.fn(), exportPng: () => Promise.resolve('blob:signature') }));
    useEffect(() => onChange?.(true), []);
    return <div className="sig-pad" />;
  }),
}));

const house = { bindingId: 1, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' };
const me = (overrides: Partial<IMe> = {}) => resident({ houses: [house], ...overrides } as Partial<IMe>);

const ticket = (overrides: Partial<ITicket> = {}) =>
  ({
    id: 9,
    serial: 'YGHY-261122-0009',
    projectId: 1,
    projectName: '阳光花园',
    houseId: 501,
    houseLabel: '3栋1单元1201',
    kind: 'repair',
    scope: 'home',
    urgency: 'normal',
    description: '厨房水龙头漏水',
    status: 'in_progress',
    onHold: false,
    actions: [],
    media: [],
    afterMedia: [],
    signatures: [],
    quote: null,
    ratings: null,
    result: null,
    technician: null,
    customerManager: null,
    chargeId: null,
    chargeConfirmation: null,
    preferredStart: null,
    preferredEnd: null,
    visitAt: null,
    createdAt: '2026-11-22T02:00:00.000Z',
    updatedAt: '2026-11-22T02:00:00.000Z',
    ...overrides,
  }) as unknown as ITicket;

describe('待我处理', () => {
  it('names what the ticket waits for; a held ticket waits for nobody', () => {
    expect(residentTodo(ticket({ actions: ['agree_quote', 'cancel'] as ITicket['actions'] }))).toBe('报价待您确认签字');
    expect(residentTodo(ticket({ actions: ['verify'] as ITicket['actions'] }))).toBe('完工待您验收评价');
    expect(residentTodo(ticket({ chargeConfirmation: 'unconfirmed' }))).toBe('费用待您确认');
    expect(residentTodo(ticket({ actions: ['verify'] as ITicket['actions'], onHold: true }))).toBeNull();
    expect(residentTodo(ticket({ actions: ['cancel'] as ITicket['actions'] }))).toBeNull();
  });

  it('the list asks the server for the chosen filter and marks what waits for the resident', async () => {
    saveSession(tokenPair(me()));
    const asked: (string | null)[] = [];
    stubApi({
      'GET /api/tickets/mine': (_data, url) => {
        asked.push(url.searchParams.get('filter'));
        const items =
          url.searchParams.get('filter') === 'todo'
            ? [ticket({ id: 3, status: 'quoted', actions: ['agree_quote'] as ITicket['actions'] })]
            : [ticket()];
        return reply(200, { items, total: items.length, page: 1, pageSize: 50 });
      },
    });
    render(<Tickets />);
    await screen.findByText('厨房水龙头漏水');
    fireEvent.click(screen.getByText('待我处理'));
    expect(await screen.findByText('报价待您确认签字')).toBeTruthy();
    expect(asked).toEqual([null, 'todo']);
  });

  it('the home page shows a 待我处理 card, and tells a resident with a pending application the review is in progress', async () => {
    saveSession(tokenPair(me()));
    stubApi({
      'GET /api/me': reply(200, me()),
      'GET /api/tickets/mine': reply(200, {
        items: [ticket({ status: 'done', actions: ['verify'] as ITicket['actions'] })],
        total: 1,
        page: 1,
        pageSize: 20,
      }),
    });
    const { unmount } = render(<Index />);
    fireEvent.click(await screen.findByText('待我处理'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ticketUrl(9) });
    unmount();

    const newcomer = resident({ houses: [] });
    saveSession(tokenPair(newcomer));
    stubApi({
      'GET /api/me': reply(200, newcomer),
      'GET /api/bindings/mine': reply(200, [binding({ status: BindingStatus.Pending })]),
    });
    render(<Index />);
    expect(await screen.findByText('房屋认证审核中')).toBeTruthy();
    expect(screen.queryByText('尚未绑定房屋')).toBeNull();
    expect(roleEntries(newcomer, 1)[0].description).toBe('房屋认证审核中，请耐心等待');
  });
});

describe('工单详情', () => {
  it('shows the 处理结果 note with the photos, saved ratings as lit stars, and tel: links for the numbers the resident may call', async () => {
    saveSession(tokenPair(me()));
    router.params = { id: '9', created: '1' };
    stubApi({
      'GET /api/tickets/9': reply(
        200,
        ticket({
          status: 'verified',
          result: '更换阀芯，试水无渗漏',
          afterMedia: [
            { id: 5, url: 'https://x/5.jpg', thumbUrl: 'https://x/5t.jpg', expiresAt: '2026-11-22T03:00:00.000Z' },
          ],
          ratings: { overall: 5, punctuality: 4, attitude: 5, comment: null },
          technician: { userId: 3, name: '王师傅', phoneMasked: '137****0001', phone: '13700000001' },
          customerManager: { userId: 4, name: '陈静', phoneMasked: '139****0002', phone: null },
        }),
      ),
      'GET /api/tickets/9/timeline': reply(200, []),
    });
    const { container } = render(<TicketDetail />);
    expect(await screen.findByText('更换阀芯，试水无渗漏')).toBeTruthy();
    expect(screen.getByText('处理结果')).toBeTruthy();
    expect(container.querySelectorAll('.detail__photo')).toHaveLength(1);
    expect(screen.getByText('✓ 报修已提交')).toBeTruthy();
    expect(container.querySelectorAll('.rating-stars__star--on')).toHaveLength(14);
    const links = Array.from(container.querySelectorAll('a.phone-call')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['tel:13700000001']);
    expect(screen.getByText('139****0002')).toBeTruthy();
  });
});

describe('签字 from a direct link', () => {
  it('shows the result after signing instead of 无需签字, and the result again when opened after signing', async () => {
    saveSession(tokenPair(me()));
    router.params = { id: '7', mode: 'agree' };
    const quote = { id: 1, seq: 1, status: 'pending', totalFen: 6500, snapshotHash: 'hash-1', lines: [] };
    const signature = {
      id: 2,
      purpose: 'quote_agreement',
      signerName: '张伟',
      relation: 'owner',
      signedAt: '2026-11-22T02:00:00.000Z',
    };
    let current = ticket({
      id: 7,
      status: 'quoted',
      actions: ['agree_quote'] as ITicket['actions'],
      quote,
    } as unknown as Partial<ITicket>);
    stubApi({
      'GET /api/me': reply(200, me()),
      'GET /api/tickets/7': () => reply(200, current),
      'POST /api/tickets/7/agree': () => {
        current = ticket({ id: 7, status: 'in_progress', signatures: [signature] } as unknown as Partial<ITicket>);
        return reply(200, current);
      },
    });
    Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: 42, kind: 'signature' }) });
    Taro.getCurrentPages.mockImplementation(() => [{}]);
    const { unmount } = render(<Sign />);
    await screen.findByText('确认报价');
    await waitFor(() =>
      expect((screen.getByText('确认签字').closest('button') as HTMLButtonElement | null)?.disabled ?? false).toBe(
        false,
      ),
    );
    fireEvent.click(screen.getByText('确认签字'));
    expect(await screen.findByText('✓ 已同意报价')).toBeTruthy();
    expect(Taro.navigateBack).not.toHaveBeenCalled();
    unmount();

    render(<Sign />);
    expect(await screen.findByText('✓ 已同意报价')).toBeTruthy();
    expect(screen.queryByText('无需签字')).toBeNull();
  });
});

describe('收费标准 item → 报修 / 预约此项', () => {
  it('labels the price by category and books a service item as a 特约服务 of that item', async () => {
    expect(feeItemKind({ counterSale: false }, '家政服务类')).toBe('service');
    expect(feeItemKind({ counterSale: false }, '供水设备维修类')).toBe('repair');
    expect(feeItemKind({ counterSale: true }, '打字复印类')).toBe('counter');
    expect(feeItemKind({ counterSale: false }, null)).toBeNull();

    router.params = { id: '301', category: encodeURIComponent('家政服务类') };
    stubApi({
      'GET /api/public/fee-schedule/items/301': reply(200, {
        id: 301,
        versionId: 1,
        categoryCode: 'JZ',
        code: 'JZ-001',
        name: '日常保洁',
        unit: '小时',
        labourPriceFen: 4000,
        callOutFeeFen: null,
        materialsExtra: false,
        counterSale: false,
        serviceStandard: '地面、台面、卫浴清洁',
        sortOrder: 1,
      }),
    });
    render(<FeeItem />);
    expect(await screen.findByText('服务费')).toBeTruthy();
    expect(screen.queryByText('维修费（人工费）')).toBeNull();
    fireEvent.click(screen.getByText('预约此项'));
    const url = reportUrl({ category: 'JZ', itemCode: 'JZ-001', itemName: '日常保洁', service: true });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url });

    const params = Object.fromEntries(new URL(`http://x${url}`).searchParams) as Record<string, string>;
    const draft = { ...draftFromParams(params), houseId: 501, description: '每周一次日常保洁' };
    expect(draft).toMatchObject({ scope: RepairScope.Home, category: 'JZ', feeItemCode: 'JZ-001' });
    expect(toCreateTicketRequest(draft, [])).toMatchObject({
      kind: TicketKind.Service,
      feeItemCode: 'JZ-001',
      category: 'JZ',
    });
    expect(draftFromParams({ category: '<script>' }).category).toBeNull();
  });
});

describe('预约此项 reads as a booking, 报修 as a repair', () => {
  const schedule = {
    projectId: 1,
    categories: [
      { code: 'JZ', name: '家政服务类' },
      { code: 'GS', name: '供水设备维修类' },
    ],
    items: [],
  };

  it('titles the form 预约服务 and submits with 提交预约 when it comes from a schedule item', async () => {
    saveSession(tokenPair(me()));
    router.params = { category: 'JZ', item: 'JZ-001', itemName: encodeURIComponent('日常保洁'), service: '1' };
    stubApi({ 'GET /api/me': reply(200, me()), 'GET /api/public/fee-schedule': reply(200, schedule) });
    render(<Report />);
    expect(await screen.findByText('提交预约')).toBeTruthy();
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '预约服务' });
    expect(screen.getByText('服务房屋')).toBeTruthy();
    // The item fixes category and place: no repair categories, scope or urgency to change it into a repair.
    expect(screen.getByText('家政服务类')).toBeTruthy();
    expect(screen.queryByText('供水设备维修类')).toBeNull();
    expect(screen.queryByText('公共区域')).toBeNull();
    expect(screen.queryByText('紧急')).toBeNull();
    expect(screen.queryByText('提交报修')).toBeNull();
    expect(screen.queryByText(/报修/)).toBeNull();
  });

  it("offers the visit windows of the console's 代客报修 (one list in shared, not a copy)", () => {
    expect(TIME_WINDOWS).toBe(VISIT_WINDOWS);
  });

  it('keeps 我要报修 / 提交报修 for a repair', async () => {
    saveSession(tokenPair(me()));
    router.params = { category: 'GS' };
    stubApi({ 'GET /api/me': reply(200, me()), 'GET /api/public/fee-schedule': reply(200, schedule) });
    render(<Report />);
    expect(await screen.findByText('提交报修')).toBeTruthy();
    expect(Taro.setNavigationBarTitle).not.toHaveBeenCalled();
  });
});

describe('我的 and the technician accept default', () => {
  it('offers houses, requests, ratings, the service phone as a tel: link and settings', async () => {
    stubApi({
      'GET /api/meta': reply(200, {
        name: '物业服务',
        version: '0.1.0',
        demoLogin: false,
        wechatLogin: false,
        servicePhone: '0755-86001234',
        environment: 'test',
      }),
    });
    const { container } = render(<MineMenu me={me()} />);
    // One name for one list: the home page and the list itself say 我的工单.
    for (const title of ['我的房屋', '我的工单', '我的评价', '设置']) expect(screen.getByText(title)).toBeTruthy();
    await waitFor(() =>
      expect(container.querySelector('a.phone-call')?.getAttribute('href')).toBe('tel:0755-86001234'),
    );
    fireEvent.click(screen.getByText('我的评价'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.residentRatings });
  });

  it('pre-fills the accept dialog with the start of the preferred window while it is ahead, else today 14:00', () => {
    const now = new Date(2026, 10, 22, 10, 0);
    expect(defaultVisit({ preferredStart: new Date(2026, 10, 24, 9, 0).toISOString() }, now)).toEqual({
      date: '2026-11-24',
      time: '09:00',
    });
    expect(defaultVisit({ preferredStart: new Date(2026, 10, 21, 9, 0).toISOString() }, now)).toEqual({
      date: '2026-11-22',
      time: '14:00',
    });
    expect(defaultVisit({ preferredStart: null }, now)).toEqual({ date: '2026-11-22', time: '14:00' });
  });
});
