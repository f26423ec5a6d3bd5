import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro, { router } from '../mocks/taro';
import { envelope, reply, resident, tokenPair } from '../fixtures';
import { paidOrder, payment, payOrder, receipt } from '../pay-fixtures';
import { stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import { launchPayment } from '../../src/services/wechat-pay.weapp';
import PayResult from '../../src/packages/pay/pages/result';
import Payments from '../../src/packages/pay/pages/payments';
import Receipt from '../../src/packages/pay/pages/receipt';
import MineMenu from '../../src/components/MineMenu';
import Messages from '../../src/packages/resident/pages/messages';
import { POLL } from '../../src/packages/pay/utils/poll';

const ORDER = 'GET /api/payments/mine/orders/77';
const defaultDelays = POLL.delaysMs;

beforeEach(() => {
  POLL.delaysMs = [10, 10, 10];
});
afterEach(() => {
  POLL.delaysMs = defaultDelays;
});

/** The order as the server answers it on each look, in turn (the last one repeats). */
function looks(...answers: ReturnType<typeof reply>[]) {
  let n = 0;
  return { count: () => n, handler: () => answers[Math.min(n++, answers.length - 1)] };
}

function openResult(orderHandler: () => unknown, extra: Record<string, unknown> = {}) {
  saveSession(tokenPair(resident()));
  router.params = { orderId: '77' };
  stubApi({
    [ORDER]: orderHandler as never,
    'GET /api/payments/mine': reply(200, { items: [payment()], total: 1, page: 1, pageSize: 50 }),
    ...extra,
  });
  render(<PayResult />);
}

describe('支付结果 waits for the server', () => {
  it('shows progress while the server still says 待支付, and 支付成功 with the receipt only once it says paid', async () => {
    const server = looks(reply(200, payOrder()), reply(200, payOrder()), reply(200, paidOrder()));
    openResult(server.handler);
    expect(screen.getByText('正在确认支付结果')).toBeTruthy();
    expect(screen.queryByText('支付成功')).toBeNull();
    expect(await screen.findByText('支付成功')).toBeTruthy();
    expect(server.count()).toBe(3);
    expect(screen.getByText('SJ-2026-000123')).toBeTruthy();
    expect(screen.getByText('¥267.80')).toBeTruthy();
    fireEvent.click(screen.getByText('查看收据'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/receipt/index?id=5' });
    fireEvent.click(screen.getByText('返回账单'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/bills/index' });
  });

  it('never says paid on its own: after the waiting time it says so, and 重新查询 asks again', async () => {
    let paid = false;
    const server = { n: 0, handler: () => (server.n++, reply(200, paid ? paidOrder() : payOrder())) };
    openResult(server.handler);
    expect(await screen.findByText('暂未查询到支付结果')).toBeTruthy();
    expect(screen.getByText(/不要重复支付/)).toBeTruthy();
    expect(screen.queryByText('支付成功')).toBeNull();
    // The first look plus one per delay.
    expect(server.n).toBe(POLL.delaysMs.length + 1);
    paid = true;
    fireEvent.click(screen.getByText('重新查询'));
    expect(await screen.findByText('支付成功')).toBeTruthy();
  });

  it('keeps asking through a network failure and shows the failure with the timeout', async () => {
    openResult(() => {
      throw { errMsg: 'request:fail' };
    });
    expect(await screen.findByText('暂未查询到支付结果')).toBeTruthy();
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  });

  it('back from the cashier with a cancel, and the server agrees nothing was paid: 已取消支付; 重新查询 asks again', async () => {
    const server = looks(reply(200, payOrder()), reply(200, paidOrder()));
    saveSession(tokenPair(resident()));
    router.params = { orderId: '77', errMsg: 'requestPayment:fail cancel' };
    stubApi({
      [ORDER]: server.handler as never,
      'GET /api/payments/mine': reply(200, { items: [payment()], total: 1, page: 1, pageSize: 50 }),
    });
    render(<PayResult />);
    expect(await screen.findByText('已取消支付')).toBeTruthy();
    expect(server.count()).toBe(1);
    fireEvent.click(screen.getByText('重新查询'));
    expect(await screen.findByText('支付成功')).toBeTruthy();
  });

  it('a cancel from the cashier never hides a payment the server knows of', async () => {
    saveSession(tokenPair(resident()));
    router.params = { orderId: '77', errMsg: 'requestPayment:fail cancel' };
    stubApi({
      [ORDER]: reply(200, paidOrder()),
      'GET /api/payments/mine': reply(200, { items: [payment()], total: 1, page: 1, pageSize: 50 }),
    });
    render(<PayResult />);
    expect(await screen.findByText('支付成功')).toBeTruthy();
  });

  it('a closed order says nothing was charged', async () => {
    openResult(() => reply(200, payOrder({ status: 'closed' })));
    expect(await screen.findByText('订单已关闭')).toBeTruthy();
    expect(screen.getByText(/未扣款/)).toBeTruthy();
  });

  it("another resident's order is refused by the server: shown at once, without asking again", async () => {
    const server = looks(reply(404, envelope('NOT_FOUND', '订单不存在')));
    openResult(server.handler);
    expect(await screen.findByText('订单不存在')).toBeTruthy();
    expect(server.count()).toBe(1);
    expect(screen.getByText('重试')).toBeTruthy();
  });

  it('a paid order whose receipt is not among the payments links to 缴费记录', async () => {
    openResult(() => reply(200, paidOrder({ paymentId: 999 })));
    expect(await screen.findByText('支付成功')).toBeTruthy();
    fireEvent.click(screen.getByText('缴费记录'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/payments/index' });
  });
});

describe('weapp: wx.requestPayment', () => {
  it("passes the server's signed parameters; a cancel is reported as such, not as paid or failed", async () => {
    Taro.requestPayment.mockResolvedValueOnce({ errMsg: 'requestPayment:ok' });
    expect(await launchPayment(payOrder(), '/x')).toEqual({ outcome: 'done' });
    expect(Taro.requestPayment).toHaveBeenCalledWith({
      timeStamp: '1764561600',
      nonceStr: 'n0nce',
      package: 'prepay_id=wx01',
      signType: 'RSA',
      paySign: 'c2lnbg==',
    });
    Taro.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
    expect(await launchPayment(payOrder(), '/x')).toEqual({ outcome: 'cancelled' });
    Taro.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail system error' });
    expect((await launchPayment(payOrder(), '/x')).outcome).toBe('failed');
    await expect(launchPayment(payOrder({ payParams: null }), '/x')).rejects.toThrow('暂时无法发起微信支付');
  });
});

describe('缴费记录', () => {
  const page = (items: unknown[], total: number, n = 1) => reply(200, { items, total, page: n, pageSize: 20 });

  it('lists payments with what they paid for, how, status and receipt; a receipt opens; 加载更多 appends the next page', async () => {
    saveSession(tokenPair(resident()));
    stubApi({
      'GET /api/payments/mine': (_d, url) =>
        url.searchParams.get('page') === '2'
          ? page(
              [
                payment({
                  id: 800,
                  method: 'cash',
                  amountFen: 10000,
                  status: 'pending_approval',
                  receiptId: 4,
                  receiptNo: 'SJ-2026-000100',
                  allocations: [{ kind: 'bill', targetId: 30, title: '2026-10 物业账单', amountFen: 10000 }],
                }),
              ],
              2,
              2,
            )
          : page([payment({ refundedFen: 1000 })], 2),
    });
    render(<Payments />);
    expect(await screen.findByText('2026-11 物业账单')).toBeTruthy();
    expect(screen.getByText('¥267.80')).toBeTruthy();
    expect(screen.getByText(/微信支付 · 3栋1单元1201/)).toBeTruthy();
    expect(screen.getByText('已入账')).toBeTruthy();
    expect(screen.getByText('已退款 ¥10.00')).toBeTruthy();
    fireEvent.click(screen.getByText('收据 SJ-2026-000123 ›'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/receipt/index?id=5' });
    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('2026-10 物业账单')).toBeTruthy();
    expect(screen.getByText('待复核')).toBeTruthy();
    expect(screen.getByText(/现金/)).toBeTruthy();
    expect(screen.getByText('共 2 笔')).toBeTruthy();
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  it('empty, and failure with a retry', async () => {
    saveSession(tokenPair(resident()));
    let fail = true;
    stubApi({
      'GET /api/payments/mine': () =>
        fail ? reply(503, envelope('SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试')) : page([], 0),
    });
    render(<Payments />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('还没有缴费记录')).toBeTruthy();
    fireEvent.click(screen.getByText('查看账单'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/bills/index' });
  });

  it('the 缴费成功 message opens 缴费记录', async () => {
    saveSession(tokenPair(resident()));
    const message = {
      id: 3,
      kind: 'payment.received',
      title: '缴费成功',
      body: '您已缴费 ¥267.80，收据 SJ-2026-000123',
      ticketId: null,
      readAt: null,
      createdAt: '2026-12-01T02:05:00.000Z',
    };
    stubApi({
      'GET /api/inbox': reply(200, { items: [message], total: 1, page: 1, pageSize: 20 }),
      'POST /api/inbox/3/read': reply(204),
    });
    render(<Messages />);
    fireEvent.click(await screen.findByText('缴费成功'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/payments/index' }));
  });

  it('我的 has 缴费记录', async () => {
    stubApi({
      'GET /api/meta': reply(200, {
        name: '物业服务',
        version: '1',
        demoLogin: true,
        wechatLogin: false,
        servicePhone: null,
        environment: 'test',
      }),
    });
    render(<MineMenu me={resident()} />);
    fireEvent.click(screen.getByText('缴费记录'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/payments/index' });
  });
});

describe('收据', () => {
  it("shows number, house, items and tenders, and downloads the PDF with the session's token", async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '5' };
    stubApi({ 'GET /api/payments/mine/receipts/5': reply(200, receipt()) });
    const fetchMock = vi.fn(
      async () => new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL = vi.fn(() => 'blob:receipt');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      render(<Receipt />);
      expect(await screen.findByText('No. SJ-2026-000123')).toBeTruthy();
      expect(screen.getByText('特约服务 YGHY-261108-0003')).toBeTruthy();
      expect(screen.getByText('微信支付')).toBeTruthy();
      expect(screen.getAllByText('¥332.80').length).toBeGreaterThanOrEqual(2);
      fireEvent.click(screen.getByText('下载收据（PDF）'));
      await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
      const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
      expect(url).toBe('https://api.example.test/api/payments/mine/receipts/5/pdf');
      expect((init.headers as Record<string, string>).Authorization).toBe('Bearer access-1');
    } finally {
      vi.unstubAllGlobals();
      click.mockRestore();
    }
  });

  it('a refused download is shown on the page', async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '5' };
    stubApi({ 'GET /api/payments/mine/receipts/5': reply(200, receipt()) });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(envelope('NOT_FOUND', '收据不存在')), { status: 404 })),
    );
    try {
      render(<Receipt />);
      fireEvent.click(await screen.findByText('下载收据（PDF）'));
      expect(await screen.findByText('收据不存在')).toBeTruthy();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
