import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro, { router } from '../mocks/taro';
import { envelope, reply, resident, tokenPair } from '../fixtures';
import { bill, billDetail, vacancyApp } from '../bill-fixtures';
import { requested, stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import Bills from '../../src/pages/bills';
import BillPage from '../../src/packages/bills/pages/bill';
import Vacancy from '../../src/packages/bills/pages/vacancy';
import BillDueCard from '../../src/components/BillDueCard';
import MineMenu from '../../src/components/MineMenu';

const twoHouses = resident({
  houses: [
    { bindingId: 5, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' },
    { bindingId: 6, houseId: 502, projectId: 1, label: '3栋1单元1202', relation: 'tenant' },
  ],
});
const meta = {
  name: '物业服务',
  version: '1',
  demoLogin: true,
  wechatLogin: false,
  servicePhone: '0571-88886666',
  environment: 'test',
};

describe('账单 tab', () => {
  it("lists a house's bills by month with pay state and amount, warns of arrears and switches houses", async () => {
    saveSession(tokenPair(twoHouses));
    stubApi({
      'GET /api/me': reply(200, twoHouses),
      'GET /api/bills/mine': reply(200, [
        bill({ id: 31, period: '2026-11', arrearsFen: 19800 }),
        bill({ id: 30, period: '2026-10', totalFen: 19800 }),
        bill({ id: 29, period: '2026-09', payState: 'paid', totalFen: 20000, paidFen: 20000 }),
        bill({
          id: 41,
          houseId: 502,
          houseLabel: '3栋1单元1202',
          period: '2026-11',
          payState: 'partial',
          totalFen: 15000,
          paidFen: 5000,
        }),
      ]),
    });
    render(<Bills />);
    expect(await screen.findByText('2026年11月')).toBeTruthy();
    expect(screen.getAllByText(/^2026年\d+月$/).map((n) => n.textContent)).toEqual([
      '2026年11月',
      '2026年10月',
      '2026年9月',
    ]);
    expect(screen.getAllByText('待缴')).toHaveLength(2);
    expect(screen.getByText('已缴清')).toBeTruthy();
    expect(screen.getByText('¥267.80')).toBeTruthy();
    expect(screen.getByText('往期欠费 ¥198.00')).toBeTruthy();

    fireEvent.click(screen.getByText('2026年10月'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/bills/pages/bill/index?id=30' });

    fireEvent.click(screen.getByText('3栋1单元1202'));
    expect(await screen.findByText('部分缴纳')).toBeTruthy();
    expect(screen.getByText('尚需缴纳')).toBeTruthy();
    expect(screen.getByText('¥100.00')).toBeTruthy();
    expect(screen.queryByText(/往期欠费/)).toBeNull();
  });

  it('says so when no bill has been published for the house yet', async () => {
    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/me': reply(200, resident()), 'GET /api/bills/mine': reply(200, []) });
    render(<Bills />);
    expect(await screen.findByText('暂无账单')).toBeTruthy();
    expect(screen.getByText(/物业还没有发布这处房屋的账单/)).toBeTruthy();
    expect(screen.getByText('空置房申请')).toBeTruthy();
  });

  it('shows the failure with a retry that loads again', async () => {
    saveSession(tokenPair(resident()));
    let fail = true;
    stubApi({
      'GET /api/me': reply(200, resident()),
      'GET /api/bills/mine': () =>
        fail ? reply(503, envelope('SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试')) : reply(200, [bill()]),
    });
    render(<Bills />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('2026年11月')).toBeTruthy();
  });

  it('a user without a verified house is sent to 我的房屋, and the bills route is not called', async () => {
    const noHouse = resident({ houses: [] });
    saveSession(tokenPair(noHouse));
    stubApi({ 'GET /api/me': reply(200, noHouse) });
    render(<Bills />);
    fireEvent.click(await screen.findByText('去认证房屋'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/houses/index' });
    expect(requested('GET', '/api/bills/mine')).toBe(false);
  });
});

describe('账单详情', () => {
  function openBill(detail = billDetail()) {
    saveSession(tokenPair(resident()));
    router.params = { id: String(detail.id) };
    stubApi({ 'GET /api/bills/mine/31': reply(200, detail), 'GET /api/meta': reply(200, meta) });
    render(<BillPage />);
  }

  it('shows the lines in sections, the discount as a negative line, the waived late fee struck through, and the total of the lines', async () => {
    openBill();
    expect(await screen.findByText('费用明细')).toBeTruthy();
    expect(
      screen.getAllByText(/^(物业服务费|抄表费用|公摊费用|特约服务|优惠|滞纳金)$/).map((n) => n.textContent),
    ).toEqual(['物业服务费', '物业服务费', '抄表费用', '公摊费用', '特约服务', '优惠', '滞纳金']);
    expect(screen.getByText('89.50 ㎡ × ¥2.35')).toBeTruthy();
    const discount = screen.getByText('空置房优惠（30%）').closest('.bill__line') as HTMLElement;
    expect(within(discount).getByText('-¥63.10').className).toContain('bill__line-amount--negative');
    const waived = screen.getByText('滞纳金（2026年9月账单）').closest('.bill__line') as HTMLElement;
    expect(within(waived).getByText('已减免')).toBeTruthy();
    expect(within(waived).getByText('¥5.00').className).toContain('bill__line-amount--waived');
    // Summary, the sum under the lines and the amount to pay: the bill's total, which is Σ owed lines.
    expect(screen.getAllByText('¥267.80')).toHaveLength(3);
    expect(screen.queryByText(/明细合计与账单金额不一致/)).toBeNull();
  });

  it('lists earlier months owed apart, not added to this bill, each opening its own bill', async () => {
    openBill();
    expect(await screen.findByText('往期欠费')).toBeTruthy();
    expect(screen.getByText('以下月份的账单尚未缴清，单独列出，未计入本期合计。')).toBeTruthy();
    expect(screen.getByText('往期欠费合计')).toBeTruthy();
    fireEvent.click(screen.getByText('2026年10月'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/bills/pages/bill/index?id=30' });
  });

  it('a paid-service line names its request and opens it, where the signed quote is', async () => {
    openBill();
    expect(await screen.findByText('工单 YGHY-261108-0003')).toBeTruthy();
    fireEvent.click(screen.getByText('查看报价与签字 ›'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/ticket/index?id=12' });
  });

  it('offers 去缴费 for the amount due and still names the service centre with its phone', async () => {
    openBill();
    expect(await screen.findByText('应缴金额')).toBeTruthy();
    expect(screen.getByText('去缴费 ¥267.80')).toBeTruthy();
    expect(screen.getByText(/也可到物业服务中心缴纳/)).toBeTruthy();
    expect(screen.getByText('0571-88886666').closest('a')?.getAttribute('href')).toBe('tel:0571-88886666');
  });

  it('a paid bill does not ask for payment', async () => {
    openBill(billDetail({ payState: 'paid', paidFen: 26780, arrearsFen: 0, arrears: [] }));
    expect(await screen.findByText('已缴清')).toBeTruthy();
    expect(screen.queryByText(/去缴费/)).toBeNull();
    expect(screen.getByText('已缴 ¥267.80')).toBeTruthy();
  });

  it('tells the resident when the lines do not add up to the total rather than hiding it', async () => {
    openBill(billDetail({ totalFen: 99999 }));
    expect(await screen.findByText('明细合计与账单金额不一致，请联系物业服务中心核对。')).toBeTruthy();
  });

  it("shows the server's refusal (another resident's bill) with a retry", async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '77' };
    stubApi({
      'GET /api/bills/mine/77': reply(404, envelope('NOT_FOUND', '账单不存在')),
      'GET /api/meta': reply(200, meta),
    });
    render(<BillPage />);
    expect(await screen.findByText('账单不存在')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});

describe('空置房申请', () => {
  it('files an application for the chosen house and shows it in the list', async () => {
    saveSession(tokenPair(twoHouses));
    router.params = { houseId: '502' };
    const apps = [vacancyApp()];
    let sent: unknown = null;
    stubApi({
      'GET /api/me': reply(200, twoHouses),
      'GET /api/bills/mine/vacancies': () => reply(200, apps),
      'POST /api/bills/mine/vacancies': (data) => {
        sent = data;
        const created = vacancyApp({
          id: 5,
          houseId: 502,
          houseLabel: '3栋1单元1202',
          status: 'pending',
          reason: '在外地工作',
          decidedBy: null,
          decidedAt: null,
        });
        apps.unshift(created);
        return reply(201, created);
      },
    });
    render(<Vacancy />);
    expect(await screen.findByText('已批准')).toBeTruthy();
    expect(screen.getByText('2026年9月–2026年11月（3 个月）')).toBeTruthy();
    expect(screen.getByText(/物业服务费按 30% 优惠/)).toBeTruthy();

    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('请填写空置原因')).toBeTruthy();
    expect(requested('POST', '/api/bills/mine/vacancies')).toBe(false);

    fireEvent.change(screen.getByPlaceholderText(/例如/), { target: { value: '在外地工作' } });
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('待审批')).toBeTruthy();
    expect(sent).toMatchObject({ houseId: 502, reason: '在外地工作' });
    expect((sent as { fromPeriod: string }).fromPeriod).toMatch(/^\d{4}-\d{2}$/);
  });

  it("shows the server's field error on its field", async () => {
    saveSession(tokenPair(resident()));
    stubApi({
      'GET /api/me': reply(200, resident()),
      'GET /api/bills/mine/vacancies': reply(200, []),
      'POST /api/bills/mine/vacancies': reply(
        422,
        envelope('VALIDATION_FAILED', '请检查填写的内容', {
          fields: [{ field: 'fromPeriod', message: '该月份已有空置申请' }],
        }),
      ),
    });
    render(<Vacancy />);
    expect(await screen.findByText('还没有空置房申请')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText(/例如/), { target: { value: '装修' } });
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('该月份已有空置申请')).toBeTruthy();
  });
});

describe('首页 and 我的', () => {
  it('the home card shows the bill due with its month and amount and opens it', async () => {
    saveSession(tokenPair(resident()));
    stubApi({
      'GET /api/bills/mine': reply(200, [
        bill({ id: 29, period: '2026-10', payState: 'paid', paidFen: 26780 }),
        bill({ id: 31, payState: 'partial', paidFen: 780 }),
      ]),
    });
    render(<BillDueCard />);
    expect(await screen.findByText('2026年11月物业账单待缴')).toBeTruthy();
    expect(screen.getByText('¥260.00')).toBeTruthy();
    fireEvent.click(screen.getByText('2026年11月物业账单待缴'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/bills/pages/bill/index?id=31' });
  });

  it('the home card stays away when everything is paid', async () => {
    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/bills/mine': reply(200, [bill({ payState: 'paid', paidFen: 26780 })]) });
    const { container } = render(<BillDueCard />);
    await waitFor(() => expect(requested('GET', '/api/bills/mine')).toBe(true));
    await new Promise((r) => setTimeout(r, 0));
    expect(container.textContent).toBe('');
  });

  it('我的 opens the 账单 tab and 空置房申请', async () => {
    stubApi({ 'GET /api/meta': reply(200, meta) });
    render(<MineMenu me={resident()} />);
    fireEvent.click(screen.getByText('我的账单'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/bills/index' });
    fireEvent.click(screen.getByText('空置房申请'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/bills/pages/vacancy/index' });
  });
});
