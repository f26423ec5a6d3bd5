import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ICharge, ITicket } from '@app/shared';
import Taro, { router } from '../mocks/taro';
import { envelope, reply, resident, tokenPair } from '../fixtures';
import { bill, billDetail } from '../bill-fixtures';
import { payables, payOrder } from '../pay-fixtures';
import { stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import { browser } from '../../src/services/wechat-pay';
import BillPage from '../../src/packages/bills/pages/bill';
import Bills from '../../src/pages/bills';
import TicketDetail from '../../src/packages/resident/pages/ticket';

const ORDERS = 'POST /api/payments/mine/orders';
const meta = {
  name: '物业服务',
  version: '1',
  demoLogin: true,
  wechatLogin: false,
  servicePhone: '0571-88886666',
  environment: 'test',
};
type Body = { idempotencyKey: string; houseId: number; targets: unknown[] };

/** Records every createOrder body; `answers` are used in turn (the last one repeats). */
function orders(...answers: Array<ReturnType<typeof reply> | 'network'>) {
  const bodies: Body[] = [];
  const handler = (data: unknown) => {
    bodies.push(data as Body);
    const answer = answers[Math.min(bodies.length - 1, answers.length - 1)];
    if (answer === 'network') throw { errMsg: 'request:fail net::ERR_CONNECTION_RESET' };
    return answer;
  };
  return { bodies, handler };
}

function openBill(orderHandler: (data: unknown) => unknown, detail = billDetail()) {
  saveSession(tokenPair(resident()));
  router.params = { id: String(detail.id) };
  stubApi({
    'GET /api/bills/mine/31': reply(200, detail),
    'GET /api/meta': reply(200, meta),
    [ORDERS]: orderHandler as never,
  });
  render(<BillPage />);
}

describe('账单详情 → 去缴费 (H5 through the WeChat Pay stand-in)', () => {
  it('pays the whole bill: one order for the bill, then the stand-in cashier, which comes back to the result page', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    const { bodies, handler } = orders(reply(201, payOrder()));
    openBill(handler);
    fireEvent.click(await screen.findByText('去缴费 ¥267.80'));
    await waitFor(() => expect(go).toHaveBeenCalledTimes(1));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ houseId: 501, targets: [{ kind: 'bill', id: 31 }] });
    expect(bodies[0].idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const cashier = new URL(go.mock.calls[0][0]);
    expect(cashier.origin + cashier.pathname).toBe('http://127.0.0.1:4999/__standin/cashier');
    expect(cashier.searchParams.get('package')).toBe('prepay_id=wx01');
    expect(cashier.searchParams.get('redirect')).toMatch(/#\/packages\/pay\/pages\/result\/index\?orderId=77$/);
  });

  it('chosen lines: ticks every positive line, the total follows the ticks (capped at what is due) and only those lines are sent', async () => {
    vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    const { bodies, handler } = orders(reply(201, payOrder({ amountFen: 7857 })));
    const detail = billDetail();
    openBill(handler, detail);
    fireEvent.click(await screen.findByText('选择项目缴费'));
    // 物业服务费 + 水费 + 公摊 + 特约服务 + the owed late fee = ¥330.90 > ¥267.80 due: capped at what is due.
    expect(screen.getByText('已选合计')).toBeTruthy();
    expect(screen.getByText('去缴费 ¥267.80')).toBeTruthy();
    expect(screen.getByText(/已选 5 项/)).toBeTruthy();
    // The discount and the waived late fee cannot be picked.
    const row = (name: string) => screen.getByText(name).closest('.bill__line') as HTMLElement;
    expect(row('空置房优惠（30%）').querySelector('.bill__check')).toBeNull();
    expect(row('滞纳金（2026年9月账单）').querySelector('.bill__check')).toBeNull();
    fireEvent.click(screen.getByText('物业服务费', { selector: '.bill__line-name' }));
    expect(screen.getByText('去缴费 ¥120.57')).toBeTruthy();
    fireEvent.click(screen.getByText('水费'));
    expect(screen.getByText('去缴费 ¥78.57')).toBeTruthy();
    expect(row('水费').querySelector('.bill__check--on')).toBeNull();
    expect(row('公摊电费').querySelector('.bill__check--on')).toBeTruthy();
    // The request link still opens the signed quote, without unticking its line.
    fireEvent.click(screen.getByText('查看报价与签字 ›'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/ticket/index?id=12' });
    expect(row('特约服务：马桶水箱配件更换').querySelector('.bill__check--on')).toBeTruthy();
    fireEvent.click(screen.getByText('去缴费 ¥78.57'));
    await waitFor(() => expect(bodies).toHaveLength(1));
    const ids = (name: string) => detail.lines.find((l) => l.name === name)!.id;
    expect(bodies[0].targets).toEqual([
      {
        kind: 'bill',
        id: 31,
        lineIds: [ids('公摊电费'), ids('特约服务：马桶水箱配件更换'), ids('滞纳金（2026年10月账单）')],
      },
    ]);
    // Back to 整单缴费: the whole amount due again, no checkboxes.
    fireEvent.click(screen.getByText('整单缴费'));
    expect(screen.getByText('去缴费 ¥267.80')).toBeTruthy();
    expect(document.querySelector('.bill__check')).toBeNull();
  });

  it('a bill already partly paid is paid as its remaining balance, without line choice', async () => {
    openBill(orders(reply(201, payOrder())).handler, billDetail({ paidFen: 6780, payState: 'partial' }));
    expect(await screen.findByText('去缴费 ¥200.00')).toBeTruthy();
    expect(screen.queryByText('选择项目缴费')).toBeNull();
    expect(screen.getByText(/按剩余金额缴纳/)).toBeTruthy();
  });

  it('a failed tap keeps its idempotency key for the retry; a double tap sends one request; the next attempt gets a new key', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    let release: () => void = () => undefined;
    const bodies: Body[] = [];
    let calls = 0;
    openBill((data: unknown) => {
      bodies.push(data as Body);
      calls += 1;
      if (calls === 1) return reply(503, envelope('SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'));
      if (calls === 2) return new Promise((resolve) => (release = () => resolve(reply(201, payOrder()))));
      return reply(201, payOrder({ id: 78 }));
    });
    fireEvent.click(await screen.findByText('去缴费 ¥267.80'));
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    // Retry of the same tap, tapped twice while the answer is on its way.
    fireEvent.click(screen.getByText('去缴费 ¥267.80'));
    fireEvent.click(screen.getByText('去缴费 ¥267.80'));
    await waitFor(() => expect(bodies).toHaveLength(2));
    release();
    await waitFor(() => expect(go).toHaveBeenCalledTimes(1));
    expect(bodies[1].idempotencyKey).toBe(bodies[0].idempotencyKey);
    expect(screen.queryByText('服务暂时不可用，请稍后再试')).toBeNull();
    // The order came back: tapping again is a new attempt.
    fireEvent.click(screen.getByText('去缴费 ¥267.80'));
    await waitFor(() => expect(bodies).toHaveLength(3));
    expect(bodies[2].idempotencyKey).not.toBe(bodies[0].idempotencyKey);
  });

  it('a connection dropped before the answer is retried once with the same key (the server answers the same order)', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    const { bodies, handler } = orders('network', reply(201, payOrder()));
    openBill(handler);
    fireEvent.click(await screen.findByText('去缴费 ¥267.80'));
    await waitFor(() => expect(go).toHaveBeenCalledTimes(1));
    expect(bodies).toHaveLength(2);
    expect(bodies[1].idempotencyKey).toBe(bodies[0].idempotencyKey);
  });

  it('an order the server already knows as paid opens the result page instead of paying again', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    openBill(orders(reply(200, payOrder({ status: 'paid' }))).handler);
    fireEvent.click(await screen.findByText('去缴费 ¥267.80'));
    await waitFor(() =>
      expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/result/index?orderId=77' }),
    );
    expect(go).not.toHaveBeenCalled();
  });

  it('without the stand-in (a live merchant) the web build says to pay in the mini-program', async () => {
    openBill(orders(reply(201, payOrder({ standInPayUrl: null }))).handler);
    fireEvent.click(await screen.findByText('去缴费 ¥267.80'));
    expect(await screen.findByText('网页版不支持微信支付，请在微信小程序中缴费')).toBeTruthy();
  });
});

describe('账单 tab → 一键缴清', () => {
  it('lists the open items oldest first with their total and pays them all in one order', async () => {
    vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    saveSession(tokenPair(resident()));
    const { bodies, handler } = orders(reply(201, payOrder({ amountFen: 50580 })));
    stubApi({
      'GET /api/me': reply(200, resident()),
      'GET /api/bills/mine': reply(200, [
        bill({ id: 31, arrearsFen: 19800 }),
        bill({ id: 30, period: '2026-10', totalFen: 19800 }),
      ]),
      'GET /api/payments/mine/payables': (_data, url) =>
        url.searchParams.get('houseId') === '501'
          ? reply(200, payables())
          : reply(404, envelope('NOT_FOUND', '房屋不存在')),
      [ORDERS]: handler as never,
    });
    render(<Bills />);
    const card = (await screen.findByText('待缴 3 项')).closest('.pay-all') as HTMLElement;
    expect(within(card).getByText('¥505.80')).toBeTruthy();
    expect(
      within(card)
        .getAllByText(/物业账单|特约服务/)
        .map((n) => n.textContent),
    ).toEqual(['2026-10 物业账单', '2026-11 物业账单', '特约服务 YGHY-261201-0004']);
    fireEvent.click(within(card).getByText('一键缴清 ¥505.80'));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      houseId: 501,
      targets: [
        { kind: 'bill', id: 30 },
        { kind: 'bill', id: 31 },
        { kind: 'charge', id: 9 },
      ],
    });
  });

  it('nothing open: no 一键缴清; open items unreadable: the bills still show and the card offers a retry', async () => {
    saveSession(tokenPair(resident()));
    let fail = true;
    stubApi({
      'GET /api/me': reply(200, resident()),
      'GET /api/bills/mine': reply(200, [bill({ payState: 'paid', paidFen: 26780 })]),
      'GET /api/payments/mine/payables': () =>
        fail
          ? reply(503, envelope('SERVICE_UNAVAILABLE', '服务暂时不可用'))
          : reply(200, payables({ items: [], totalBalanceFen: 0 })),
    });
    render(<Bills />);
    expect(await screen.findByText('待缴金额暂时无法获取')).toBeTruthy();
    expect(screen.getByText('2026年11月')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.queryByText('待缴金额暂时无法获取')).toBeNull());
    expect(screen.queryByText(/一键缴清/)).toBeNull();
  });
});

describe('工单详情 → 立即支付 of a charge', () => {
  const ticket = {
    id: 12,
    serial: 'YGHY-261201-0004',
    projectName: '阳光花园',
    houseLabel: '3栋1单元1201',
    kind: 'repair',
    scope: 'home',
    urgency: 'normal',
    description: '厨房水龙头漏水',
    status: 'verified',
    onHold: false,
    media: [],
    afterMedia: [],
    quote: null,
    signatures: [],
    ratings: null,
    chargeId: 9,
    chargeConfirmation: 'confirmed',
    createdAt: '2026-12-01T02:00:00.000Z',
    actions: [],
  } as unknown as ITicket;
  const charge = (overrides: Partial<ICharge> = {}) =>
    ({
      id: 9,
      houseId: 501,
      totalFen: 4000,
      status: 'open',
      confirmation: 'confirmed',
      paymentMethod: 'pay_now',
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
      ...overrides,
    }) as unknown as ICharge;

  function openTicket(c: ICharge, orderHandler: (data: unknown) => unknown = () => reply(201, payOrder())) {
    saveSession(tokenPair(resident()));
    router.params = { id: '12' };
    stubApi({
      'GET /api/tickets/12': reply(200, ticket),
      'GET /api/tickets/12/timeline': reply(200, []),
      'GET /api/charges/9': reply(200, c),
      [ORDERS]: orderHandler as never,
    });
    render(<TicketDetail />);
  }

  it('a charge to pay online (在线支付) is paid on its own', async () => {
    vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    const { bodies, handler } = orders(reply(201, payOrder({ amountFen: 4000 })));
    openTicket(charge(), handler);
    expect(await screen.findByText('您选择了在线支付，请尽快完成支付。')).toBeTruthy();
    fireEvent.click(screen.getByText('立即支付 ¥40.00'));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ houseId: 501, targets: [{ kind: 'charge', id: 9 }] });
  });

  it('an open charge waiting for the monthly bill may be paid now too; an unconfirmed one only asks for confirmation', async () => {
    openTicket(charge({ paymentMethod: 'bill' }));
    expect(await screen.findByText('立即支付 ¥40.00')).toBeTruthy();
    expect(screen.getByText(/支付方式：计入月度物业账单/)).toBeTruthy();
  });

  it('an unconfirmed charge is never payable', async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '12' };
    stubApi({
      'GET /api/tickets/12': reply(200, { ...ticket, chargeConfirmation: 'unconfirmed' }),
      'GET /api/tickets/12/timeline': reply(200, []),
      'GET /api/charges/9': reply(200, charge({ confirmation: 'unconfirmed' })),
    });
    render(<TicketDetail />);
    expect(await screen.findByText('确认费用')).toBeTruthy();
    expect(screen.queryByText(/立即支付/)).toBeNull();
  });
});
