import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@app/shared';
import Taro, { pullDown, router } from '../mocks/taro';
import { envelope, feeItem, reply, resident, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import { SCHEDULE, projects, scheduleCalls, scheduleRoute } from '../fee-fixtures';
import FeeSchedule from '../../src/packages/resident/pages/fee-schedule';
import FeeItem from '../../src/packages/resident/pages/fee-item';
import Index from '../../src/pages/index';
import { saveSession } from '../../src/services/session';
import { feeItemUrl, feeScheduleUrl, Routes } from '../../src/routes';

/** 收费标准 and 收费项目 pages, and the home entry to them (the API and the rules are fee-schedule.test.tsx). */
describe('收费标准 page', () => {
  it('a guest opening the poster link sees title, version, Shanghai date, categories, prices and badges', async () => {
    router.params = { projectId: '1' };
    stubApi({ [SCHEDULE]: scheduleRoute() });
    render(<FeeSchedule />);
    expect(await screen.findByText('特约服务项目及收费标准（2026 版）')).toBeTruthy();
    expect(screen.getByText('已公示')).toBeTruthy();
    expect(screen.getByText('示范物业服务有限公司 · 第 2 版')).toBeTruthy();
    expect(screen.getByText('自 2026-01-01 起执行')).toBeTruthy();
    expect(screen.getAllByText('供电设备维修类')).toHaveLength(2); // tab + section
    const tap = screen.getByText('水龙头更换').closest('.fee__item')!;
    expect(tap.textContent).toContain('¥20.00/个');
    expect(tap.textContent).toContain('材料另计');
    expect(tap.textContent).not.toContain('上门费');
    expect(screen.getByText('马桶疏通').closest('.fee__item')!.textContent).toMatch(/上门费.*¥50\.00\/次/);
    expect(screen.getByText('代收快递保管').closest('.fee__item')!.textContent).toContain('免费');
    expect(requested('GET', '/api/me')).toBe(false);
    fireEvent.click(tap);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: feeItemUrl(102, { name: '供水设备维修类' }) });
  });

  it('category tabs narrow the list to one category', async () => {
    router.params = { projectId: '1' };
    stubApi({ [SCHEDULE]: scheduleRoute() });
    render(<FeeSchedule />);
    await screen.findByText('水龙头更换');
    fireEvent.click(screen.getAllByText('供电设备维修类')[0]);
    expect(screen.queryByText('水龙头更换')).toBeNull();
    expect(screen.getByText('更换灯泡/灯管')).toBeTruthy();
    fireEvent.click(screen.getByText('全部'));
    expect(screen.getByText('水龙头更换')).toBeTruthy();
  });

  it('search asks the server once after typing pauses, keeps the header, and shows only matches', async () => {
    router.params = { projectId: '1' };
    stubApi({ [SCHEDULE]: scheduleRoute() });
    render(<FeeSchedule />);
    await screen.findByText('水龙头更换');
    const box = screen.getByPlaceholderText('搜索服务项目，如：疏通、灯');
    fireEvent.change(box, { target: { value: '疏' } });
    fireEvent.change(box, { target: { value: '疏通' } });
    await screen.findByText('找到 2 个项目');
    expect(scheduleCalls().map((p) => p.get('q'))).toEqual([null, '疏通']);
    expect(screen.getByText('马桶疏通')).toBeTruthy();
    expect(screen.getByText('地漏/面盆/水槽疏通')).toBeTruthy();
    expect(screen.queryByText('水龙头更换')).toBeNull();
    expect(screen.queryByText('供电设备维修类')).toBeNull();
    expect(screen.getByText('特约服务项目及收费标准（2026 版）')).toBeTruthy();
  });

  it('a search with no match says so and offers the whole list again', async () => {
    router.params = { projectId: '1' };
    stubApi({ [SCHEDULE]: scheduleRoute() });
    render(<FeeSchedule />);
    await screen.findByText('水龙头更换');
    fireEvent.change(screen.getByPlaceholderText('搜索服务项目，如：疏通、灯'), { target: { value: '钢琴调音' } });
    expect(await screen.findByText('没有找到与「钢琴调音」相关的服务项目')).toBeTruthy();
    fireEvent.click(screen.getByText('查看全部项目'));
    expect(await screen.findByText('水龙头更换')).toBeTruthy();
    expect(scheduleCalls().at(-1)?.get('q')).toBeNull();
  });

  it('a project without a schedule shows 本小区暂未公示收费标准', async () => {
    router.params = { projectId: '7' };
    stubApi({ [SCHEDULE]: reply(404, envelope(ErrorCode.NoScheduleInForce, '本项目尚未公示特约服务收费标准')) });
    render(<FeeSchedule />);
    expect(await screen.findByText('本小区暂未公示收费标准')).toBeTruthy();
  });

  it('a failure offers 重试, and pull-down reloads', async () => {
    router.params = { projectId: '1' };
    let fail = true;
    stubApi({
      [SCHEDULE]: (_, url) =>
        fail ? reply(503, envelope('SERVICE_UNAVAILABLE', '服务繁忙，请稍后重试')) : scheduleRoute()(_, url),
    });
    render(<FeeSchedule />);
    expect(await screen.findByText('服务繁忙，请稍后重试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('水龙头更换')).toBeTruthy();
    await act(async () => {
      pullDown.current?.();
    });
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
    expect(scheduleCalls()).toHaveLength(3);
  });

  it('a guest without projectId is told to scan the poster or sign in', async () => {
    stubApi({});
    render(<FeeSchedule />);
    expect(await screen.findByText(/请扫描小区公告栏收费标准海报上的二维码/)).toBeTruthy();
    fireEvent.click(screen.getByText('去登录'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: Routes.mine });
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it("a signed-in resident without projectId gets the first house's project", async () => {
    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/me': reply(200, resident()), [SCHEDULE]: scheduleRoute() });
    render(<FeeSchedule />);
    await screen.findByText('水龙头更换');
    expect(scheduleCalls()[0].get('projectId')).toBe('1');
  });

  it('a resident without a house picks the project from the directory', async () => {
    saveSession(tokenPair(resident({ houses: [] })));
    stubApi({
      'GET /api/me': reply(200, resident({ houses: [] })),
      'GET /api/directory/projects': reply(200, projects),
      [SCHEDULE]: scheduleRoute(),
    });
    render(<FeeSchedule />);
    fireEvent.click(await screen.findByText('翠湖苑'));
    await screen.findByText('水龙头更换');
    expect(scheduleCalls()[0].get('projectId')).toBe('2');
  });
});

describe('收费项目 detail', () => {
  it('shows price, unit, standard, the materials rule, call-out fee and the consent note', async () => {
    router.params = { id: '103' };
    stubApi({
      'GET /api/public/fee-schedule/items/103': reply(
        200,
        feeItem({
          id: 103,
          name: '马桶疏通',
          unit: '次',
          labourPriceFen: 5000,
          materialsExtra: false,
          callOutFeeFen: 1000,
          serviceStandard: '机械疏通，不损伤洁具，试冲畅通',
        }),
      ),
    });
    render(<FeeItem />);
    expect(await screen.findByText('马桶疏通')).toBeTruthy();
    expect(screen.getByText('¥50.00/次')).toBeTruthy();
    expect(screen.getByText('机械疏通，不损伤洁具，试冲畅通')).toBeTruthy();
    expect(screen.getByText('维修费用 = 维修费 + 材料费')).toBeTruthy();
    expect(screen.getByText('业主自备材料只收维修费；物业代购材料按仓库采购价，经您同意后购买。')).toBeTruthy();
    expect(screen.getByText('本项目不另收材料费。')).toBeTruthy();
    expect(screen.getByText(/本项目上门费 ¥10\.00，每次上门只收一次/)).toBeTruthy();
    expect(screen.getByText(/每一笔费用都需您先在报价单上签字同意/)).toBeTruthy();
  });

  it('materials extra and no call-out fee read so', async () => {
    router.params = { id: '102' };
    stubApi({ 'GET /api/public/fee-schedule/items/102': reply(200, feeItem()) });
    render(<FeeItem />);
    expect(await screen.findByText('本项目材料另计，按上述规则收取。')).toBeTruthy();
    expect(screen.getByText('本项目不收上门费。')).toBeTruthy();
  });

  it("an unknown item shows the server's message; a malformed id asks nothing", async () => {
    router.params = { id: '999' };
    stubApi({ 'GET /api/public/fee-schedule/items/999': reply(404, envelope(ErrorCode.NotFound, '收费项目不存在')) });
    render(<FeeItem />);
    expect(await screen.findByText('收费项目不存在')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});

describe('home entry', () => {
  it('a guest sees 收费标准 and opens the schedule page', async () => {
    render(<Index />);
    fireEvent.click(await screen.findByText('收费标准'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.feeSchedule });
  });

  it("a resident opens their own project's schedule", async () => {
    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/me': reply(200, resident()) });
    render(<Index />);
    fireEvent.click(await screen.findByText('收费标准'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: feeScheduleUrl(1) });
  });
});
