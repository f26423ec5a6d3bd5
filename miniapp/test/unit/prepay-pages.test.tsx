import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { envelope, reply, resident, tokenPair } from '../fixtures';
import { stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
import { browser } from '../../src/services/wechat-pay';
import { payOrder } from '../pay-fixtures';
import { invoiceRequest, prepaidPayment } from '../prepay-fixtures';
import Prepay from '../../src/packages/prepay/pages/prepay';
import {
  invoiceablePayments,
  offerLines,
  parseTopupYuan,
  validateTitle,
} from '../../src/packages/prepay/utils/prepay-view';

const me = resident();
const houseId = me.houses[0].houseId;
const payment = prepaidPayment;
const request = invoiceRequest;

describe('预存 logic', () => {
  it('says what an offer costs and what lands in the account', () => {
    expect(
      offerLines({
        offerId: 1,
        name: '预存12个月送1个月',
        payMonths: 12,
        freeMonths: 1,
        houseId,
        monthlyFeeFen: 21035,
        payFen: 252420,
        bonusFen: 21035,
        fromPeriod: '2027-03',
        billingStartDate: '2027-02-15',
      }),
    ).toEqual({
      pay: '预存 12 个月物业费，支付 ¥2,524.20',
      get: '赠送 1 个月（¥210.35），共到账 ¥2,734.55',
      basis: '本房屋 2027-02-15 起计费，按 2027年3月起每月物业服务费 ¥210.35 计算',
    });
  });

  it('offers only confirmed, not prepaid, not fully refunded payments that are not on a live request', () => {
    const list = [
      payment({ id: 1 }),
      payment({ id: 2, method: 'prepaid' }),
      payment({ id: 3, status: 'pending_approval' }),
      payment({ id: 4, refundedFen: 12000 }),
      payment({ id: 5 }),
      payment({ id: 6 }),
    ];
    const requests = [request({ paymentIds: [5] }), request({ id: 4, paymentIds: [6], status: 'rejected' })];
    expect(invoiceablePayments(list, requests).map((p) => p.id)).toEqual([1, 6]);
  });

  it('validates a company title like the server (15/18/20 characters)', () => {
    expect(validateTitle({ kind: 'company', name: '某公司', taxId: '123' })).toEqual({
      taxId: '纳税人识别号应为 15、18 或 20 位',
    });
    expect(validateTitle({ kind: 'company', name: '某公司', taxId: '91310000ma1fl8xq3x' })).toEqual({});
    expect(validateTitle({ kind: 'personal', name: ' ' })).toEqual({ name: '请填写姓名' });
  });
});

describe('预存 page', () => {
  it('shows the balance, the offers with what the house pays and gets, and the ledger', async () => {
    saveSession(tokenPair(me));
    stubApi({
      'GET /api/me': reply(200, me),
      'GET /api/prepay/mine': reply(200, {
        houseId,
        houseLabel: '3栋1单元1201',
        balanceFen: 252420,
        updatedAt: '2026-11-20T02:00:00.000Z',
      }),
      'GET /api/prepay/mine/offers': reply(200, [offer]),
      'GET /api/prepay/mine/ledger': reply(200, {
        items: [
          {
            id: 2,
            kind: 'settle',
            amountFen: -21035,
            balanceAfterFen: 252420,
            billId: 9,
            paymentId: 8,
            note: '2026-11 物业账单抵扣（收据 SJ-2026-000008）',
            createdAt: '2026-11-21T02:00:00.000Z',
          },
          {
            id: 1,
            kind: 'topup',
            amountFen: 273455,
            balanceAfterFen: 273455,
            billId: null,
            paymentId: 7,
            note: '预存充值',
            createdAt: '2026-11-20T02:00:00.000Z',
          },
        ],
        total: 2,
        page: 1,
        pageSize: 50,
      }),
    });
    render(<Prepay />);
    expect(await screen.findByText('¥2,524.20')).toBeTruthy();
    expect(screen.getByText('预存 12 个月物业费，支付 ¥2,524.20')).toBeTruthy();
    expect(screen.getByText('赠送 1 个月（¥210.35），共到账 ¥2,734.55')).toBeTruthy();
    expect(screen.getByText('-¥210.35')).toBeTruthy();
    expect(screen.getByText('+¥2,734.55')).toBeTruthy();
    expect(screen.getByText('微信支付预存')).toBeTruthy();
    expect(screen.getByText('按优惠预存 ¥2,524.20')).toBeTruthy();
    expect(screen.getByText('按 2026年11月起每月物业服务费 ¥210.35 计算')).toBeTruthy();
  });
});

const offer = {
  offerId: 1,
  name: '预存12个月送1个月',
  payMonths: 12,
  freeMonths: 1,
  houseId,
  monthlyFeeFen: 21035,
  payFen: 252420,
  bonusFen: 21035,
  fromPeriod: '2026-11',
  billingStartDate: null,
};
const meta = {
  name: '物业服务',
  version: '1',
  demoLogin: true,
  wechatLogin: false,
  servicePhone: '0571-88886666',
  environment: 'test',
};
type OrderBody = {
  idempotencyKey: string;
  houseId: number;
  topupFen?: number;
  prepayOfferId?: number;
  targets?: unknown;
};

/** The 预存 page with one offer; every createOrder body is recorded and answered by `answer(n)` (n from 1). */
function openPrepay(answer: (n: number) => unknown) {
  saveSession(tokenPair(me));
  const bodies: OrderBody[] = [];
  stubApi({
    'GET /api/me': reply(200, me),
    'GET /api/meta': reply(200, meta),
    'GET /api/prepay/mine': reply(200, {
      houseId,
      houseLabel: '3栋1单元1201',
      balanceFen: 0,
      updatedAt: '2026-11-20T02:00:00.000Z',
    }),
    'GET /api/prepay/mine/offers': reply(200, [offer]),
    'GET /api/prepay/mine/ledger': reply(200, { items: [], total: 0, page: 1, pageSize: 50 }),
    'POST /api/payments/mine/orders': ((data: unknown) => {
      bodies.push((typeof data === 'string' ? JSON.parse(data) : data) as OrderBody);
      return answer(bodies.length);
    }) as never,
  });
  render(<Prepay />);
  return bodies;
}

describe('预存充值 (WeChat Pay top-up)', () => {
  it('turns yuan into whole fen without floating point, and refuses what the server would', () => {
    expect(parseTopupYuan(' 500 ')).toEqual({ ok: true, fen: 50000 });
    expect(parseTopupYuan('0.29')).toEqual({ ok: true, fen: 29 });
    expect(parseTopupYuan('1234.5')).toEqual({ ok: true, fen: 123450 });
    expect(parseTopupYuan('')).toEqual({ ok: false, message: '请输入预存金额' });
    expect(parseTopupYuan('1.234')).toEqual({ ok: false, message: '请输入金额（元），最多两位小数' });
    expect(parseTopupYuan('-5')).toEqual({ ok: false, message: '请输入金额（元），最多两位小数' });
    expect(parseTopupYuan('0')).toEqual({ ok: false, message: '预存金额须大于 0' });
    expect(parseTopupYuan('1000000.01')).toEqual({ ok: false, message: '单次预存不能超过 100 万元' });
  });

  it('an amount typed in yuan goes out as topupFen (no targets, no offer) and opens the WeChat Pay cashier', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    const bodies = openPrepay(() => reply(201, payOrder({ amountFen: 50050 })));
    fireEvent.change(await screen.findByPlaceholderText('输入预存金额（元）'), { target: { value: '500.5' } });
    fireEvent.click(screen.getByText('微信支付预存'));
    await waitFor(() => expect(go).toHaveBeenCalledTimes(1));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toEqual({
      houseId,
      topupFen: 50050,
      idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
    expect(new URL(go.mock.calls[0][0]).searchParams.get('redirect')).toMatch(
      /#\/packages\/pay\/pages\/result\/index\?orderId=77$/,
    );
  });

  it('a wrong amount is refused on the page; nothing is sent', async () => {
    const bodies = openPrepay(() => reply(201, payOrder()));
    fireEvent.change(await screen.findByPlaceholderText('输入预存金额（元）'), { target: { value: '12.345' } });
    fireEvent.click(screen.getByText('微信支付预存'));
    expect(await screen.findByText('请输入金额（元），最多两位小数')).toBeTruthy();
    expect(bodies).toHaveLength(0);
  });

  it('按优惠预存 sends the quoted price with the offer id; a failed tap retried keeps its idempotency key', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    const bodies = openPrepay((n) =>
      n === 1
        ? reply(503, envelope('SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'))
        : reply(201, payOrder({ amountFen: 252420 })),
    );
    fireEvent.click(await screen.findByText('按优惠预存 ¥2,524.20'));
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByText('按优惠预存 ¥2,524.20'));
    await waitFor(() => expect(go).toHaveBeenCalledTimes(1));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ houseId, topupFen: 252420, prepayOfferId: 1 });
    expect(bodies[0].targets).toBeUndefined();
    expect(bodies[1].idempotencyKey).toBe(bodies[0].idempotencyKey);
    // The order came back: the next tap is a new attempt with a new key.
    fireEvent.click(screen.getByText('按优惠预存 ¥2,524.20'));
    await waitFor(() => expect(bodies).toHaveLength(3));
    expect(bodies[2].idempotencyKey).not.toBe(bodies[0].idempotencyKey);
  });
});
