import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Role, type IMaterialPriceList, type ITicket } from '@app/shared';
import Taro, { router } from '../mocks/taro';
import { feeSchedule, reply, staff, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import Index from '../../src/pages/index';
import TechnicianHome from '../../src/packages/technician/pages/home';
import Jobs from '../../src/packages/technician/pages/jobs';
import JobPage from '../../src/packages/technician/pages/job';

vi.mock('../../src/utils/choose-photos', () => ({ choosePhotos: vi.fn(async () => ['blob:after']) }));
vi.mock('../../src/utils/compress-photo', () => ({ compressPhoto: vi.fn(async (path: string) => path) }));

const job = (over: Partial<ITicket> = {}) =>
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
    channel: 'mini_program',
    status: 'in_progress',
    onHold: false,
    technician: null,
    visitAt: null,
    preferredStart: null,
    preferredEnd: null,
    media: [],
    afterMedia: [],
    quote: null,
    signatures: [],
    chargeId: null,
    chargeConfirmation: null,
    contactName: null,
    createdAt: '2026-11-22T02:00:00.000Z',
    updatedAt: '2026-11-22T02:00:00.000Z',
    actions: [],
    ...over,
  }) as unknown as ITicket;

const page = (items: ITicket[]) => reply(200, { items, total: items.length, page: 1, pageSize: 50 });
const posted = (path: string) =>
  Taro.request.mock.calls
    .map(([o]) => o as { url: string; method: string; data: unknown })
    .filter((o) => o.method === 'POST' && new URL(o.url).pathname === path);

function openJob(ticket: ITicket, extra: Parameters<typeof stubApi>[0] = {}) {
  saveSession(tokenPair(staff([Role.Technician])));
  router.params = { id: String(ticket.id) };
  stubApi({ [`GET /api/tickets/${ticket.id}`]: reply(200, ticket), ...extra });
  Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: 77 }) });
  render(<JobPage />);
}

describe('工作台', () => {
  const board = {
    'GET /api/me': reply(200, staff([Role.Technician])),
    'GET /api/tickets/jobs/mine': page([
      job({ id: 1, status: 'dispatched' as ITicket['status'], description: '卫生间漏水' }),
      job({ id: 2, status: 'in_progress' as ITicket['status'], description: '插座不通电' }),
      job({ id: 3, status: 'done' as ITicket['status'], description: '门锁更换' }),
      job({ id: 4, status: 'verified' as ITicket['status'], description: '灯管已换好' }),
    ]),
    'GET /api/tickets/jobs/pool': page([
      job({ id: 5, status: 'registered' as ITicket['status'], description: '楼道灯不亮' }),
    ]),
  };

  it("the home page's 师傅工作台 row says what waits, with new dispatches as a badge", async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    stubApi(board);
    render(<Index />);
    expect(await screen.findByText('待接单 1 · 进行中 1 · 抢单池 1')).toBeTruthy();
    expect(screen.getByText('1', { selector: '.home__entry-badge' })).toBeTruthy();
  });

  it('shows the counts and the open jobs themselves, without finished ones', async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    stubApi(board);
    render(<TechnicianHome />);
    expect(await screen.findByText('卫生间漏水')).toBeTruthy();
    const counts = Array.from(document.querySelectorAll('.tech-home__tile')).map((t) => t.textContent);
    expect(counts).toEqual(['1待接单', '1进行中', '1待验收', '1抢单池']);
    expect(screen.getByText('插座不通电')).toBeTruthy();
    expect(screen.queryByText('灯管已换好')).toBeNull();
    fireEvent.click(screen.getByText('已完成（1）›'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/technician/pages/jobs/index?tab=done' });
  });

  it('keeps finished jobs on their own tab', async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    router.params = { tab: 'done' };
    stubApi(board);
    render(<Jobs />);
    expect(await screen.findByText('灯管已换好')).toBeTruthy();
    expect(screen.queryByText('插座不通电')).toBeNull();
    // The tab of all open jobs is 待办, as on the 工作台 (whose 进行中 tile counts only started jobs).
    expect(screen.queryByText(/^进行中（/)).toBeNull();
    fireEvent.click(screen.getByText('待办（3）'));
    expect(screen.getByText('插座不通电')).toBeTruthy();
    expect(screen.queryByText('灯管已换好')).toBeNull();
  });
});

describe('job page type line', () => {
  it('reads 报修（户内） · 收费 for a home repair, 特约服务 · 收费 for a paid service, 报修（公共区域） · 免费 for a public repair', async () => {
    openJob(job());
    expect(await screen.findByText('报修（户内） · 收费 · 一般')).toBeTruthy();
  });

  it('a booked service is not called 户内 repair', async () => {
    openJob(job({ kind: 'service' as ITicket['kind'], category: 'JZ', urgency: 'normal' as ITicket['urgency'] }));
    expect(await screen.findByText('特约服务 · 收费 · 一般')).toBeTruthy();
    expect(screen.queryByText(/户内/)).toBeNull();
  });

  it("the contact's number is a tap-to-call link for the technician", async () => {
    openJob(job({ contactName: '何阿姨', contactPhone: '13918208120' } as Partial<ITicket>));
    await screen.findByText(/何阿姨/);
    expect(document.querySelector('a.phone-call')?.getAttribute('href')).toBe('tel:13918208120');
  });

  it('a public-area repair is free', async () => {
    openJob(
      job({
        scope: 'public' as ITicket['scope'],
        paid: false,
        houseId: null,
        houseLabel: null,
        urgency: 'emergency' as ITicket['urgency'],
      }),
    );
    expect(await screen.findByText('报修（公共区域） · 免费 · 紧急')).toBeTruthy();
  });
});

describe('job page forms', () => {
  it('completion: the 处理结果 error clears once filled, and a photo can be deleted before submitting', async () => {
    openJob(job({ actions: ['complete'] as ITicket['actions'] }), {
      'POST /api/tickets/12/complete': reply(200, job({ status: 'done' as ITicket['status'] })),
    });
    fireEvent.click(await screen.findByText('完工'));
    fireEvent.click(screen.getByText('添加照片'));
    await waitFor(() => expect(Taro.uploadFile).toHaveBeenCalledTimes(1));
    fireEvent.click(document.querySelector('.photo-uploader__remove')!);
    fireEvent.click(screen.getByText('提交完工'));
    expect(screen.getByText('请填写处理结果')).toBeTruthy();
    expect(screen.getByText('请至少上传一张完工照片')).toBeTruthy();

    fireEvent.change(document.querySelector('textarea')!, { target: { value: '更换进水阀，试水无渗漏' } });
    expect(screen.queryByText('请填写处理结果')).toBeNull();
    fireEvent.click(screen.getByText('添加照片'));
    await waitFor(() => expect(screen.queryByText('请至少上传一张完工照片')).toBeNull());
    await waitFor(() => expect(document.querySelector('.photo-uploader__mask')).toBeNull());
    fireEvent.click(screen.getByText('提交完工'));
    await waitFor(() => expect(posted('/api/tickets/12/complete')).toHaveLength(1));
    expect(posted('/api/tickets/12/complete')[0].data).toEqual({ result: '更换进水阀，试水无渗漏', mediaIds: [77] });
  });

  it("grab and accept are one confirmed step, at the resident's preferred time", async () => {
    const preferredStart = new Date(Date.now() + 2 * 86_400_000);
    preferredStart.setHours(9, 0, 0, 0);
    openJob(
      job({
        status: 'registered' as ITicket['status'],
        actions: ['grab'] as ITicket['actions'],
        preferredStart: preferredStart.toISOString(),
      }),
      {
        'POST /api/tickets/12/grab': reply(200, job({ status: 'dispatched' as ITicket['status'] })),
        'POST /api/tickets/12/accept': reply(200, job({ status: 'accepted' as ITicket['status'] })),
      },
    );
    fireEvent.click(await screen.findByText('抢单并约定上门时间'));
    expect(screen.getByText('09:00')).toBeTruthy();
    fireEvent.click(screen.getByText('抢单并接单'));
    await waitFor(() => expect(posted('/api/tickets/12/accept')).toHaveLength(1));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认抢单' }));
    expect(posted('/api/tickets/12/grab')).toHaveLength(1);
    const order = Taro.request.mock.calls.map(([o]) => new URL((o as { url: string }).url).pathname);
    expect(order.indexOf('/api/tickets/12/grab')).toBeLessThan(order.indexOf('/api/tickets/12/accept'));
    expect(new Date((posted('/api/tickets/12/accept')[0].data as { visitAt: string }).visitAt).getTime()).toBe(
      preferredStart.getTime(),
    );
  });

  it('a cancelled grab confirmation posts nothing', async () => {
    Taro.showModal.mockImplementation(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'showModal:ok' }));
    openJob(job({ status: 'registered' as ITicket['status'], actions: ['grab'] as ITicket['actions'] }));
    fireEvent.click(await screen.findByText('抢单并约定上门时间'));
    fireEvent.click(screen.getByText('抢单并接单'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(requested('POST', '/api/tickets/12/grab')).toBe(false);
  });

  it('check-in sends the photo taken on site', async () => {
    openJob(job({ status: 'accepted' as ITicket['status'], actions: ['check_in'] as ITicket['actions'] }), {
      'POST /api/tickets/12/check-in': reply(200, job({ status: 'on_site' as ITicket['status'] })),
    });
    fireEvent.click(await screen.findByText('到场签到'));
    fireEvent.click(screen.getByText('现场照片'));
    await waitFor(() => expect(document.querySelector('.photo-uploader__mask')).toBeNull());
    await waitFor(() => expect(Taro.uploadFile).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByText('确认到场'));
    await waitFor(() => expect(posted('/api/tickets/12/check-in')).toHaveLength(1));
    expect(posted('/api/tickets/12/check-in')[0].data).toEqual({ mediaIds: [77] });
  });

  it('quote: search across the schedule and add a material from the price list', async () => {
    const materials: IMaterialPriceList = {
      versionId: 4,
      title: '仓库材料价',
      materials: [
        { id: 1, versionId: 4, code: 'M-101', name: '水龙头', spec: '4 分', unit: '个', priceFen: 8600, sortOrder: 1 },
        { id: 2, versionId: 4, code: 'M-102', name: '进水软管', spec: '', unit: '根', priceFen: 1200, sortOrder: 2 },
      ],
    };
    openJob(job({ status: 'on_site' as ITicket['status'], actions: ['quote'] as ITicket['actions'] }), {
      'GET /api/public/fee-schedule': reply(200, feeSchedule()),
      'GET /api/fee-schedule/materials': reply(200, materials),
      'POST /api/tickets/12/quote': reply(200, job({ status: 'quoted' as ITicket['status'] })),
    });
    fireEvent.click(await screen.findByText('报价'));
    await screen.findByText('供水设备维修类');
    fireEvent.change(screen.getByPlaceholderText('搜索项目或材料，如：水龙头'), { target: { value: '水龙头' } });
    const rows = () => Array.from(document.querySelectorAll('.job__item'));
    expect(rows().map((r) => r.querySelector('.job__item-main')?.firstChild?.textContent)).toEqual([
      '水龙头更换',
      '水龙头（4 分）',
    ]);
    for (const row of rows())
      fireEvent.click(Array.from(row.querySelectorAll('.job__step')).find((s) => s.textContent === '+')!);
    expect(screen.getByText('发送报价（¥106.00）')).toBeTruthy();
    fireEvent.click(screen.getByText('发送报价（¥106.00）'));
    await waitFor(() => expect(posted('/api/tickets/12/quote')).toHaveLength(1));
    expect(posted('/api/tickets/12/quote')[0].data).toEqual({
      items: [{ code: 'GS-001', quantityMilli: 1000 }],
      materials: [{ code: 'M-101', quantityMilli: 1000 }],
    });
  });
});
