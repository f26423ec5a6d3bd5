// The weapp bundle in node:vm: the 账单 tab and 账单详情, then 去缴费 through wx.requestPayment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allText, createMiniProgram, findByText, tap } from './mp-shim.mjs';
import { WEAPP_DIST } from '../../scripts/bundle-size.mjs';
import { api, user } from './runtime-support.mjs';

const publishedBill = {
  id: 31,
  projectId: 1,
  houseId: 501,
  houseLabel: '3栋1单元1201',
  period: '2026-11',
  status: 'published',
  payState: 'unpaid',
  totalFen: 27533,
  paidFen: 0,
  arrearsFen: 19800,
  publishedAt: '2026-12-01T02:00:00.000Z',
  dueDate: '2026-12-31',
};
const billLine = (id, kind, name, amountFen, extra = {}) => ({
  id,
  kind,
  itemCode: null,
  name,
  quantityText: '',
  unitPriceFen: null,
  amountFen,
  chargeId: null,
  ticketId: null,
  ticketSerial: null,
  waived: false,
  ...extra,
});

test('账单 tab (main package) lists the bill; 账单详情 in the bills sub-package shows sections, arrears apart and opens the 特约服务 request', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/me': { statusCode: 200, data: user },
      'GET /api/meta': {
        statusCode: 200,
        data: {
          name: '物业服务',
          version: '0.1.0',
          demoLogin: false,
          wechatLogin: true,
          servicePhone: '021-58881234',
          environment: 'production',
        },
      },
      'GET /api/bills/mine': { statusCode: 200, data: [publishedBill] },
      'GET /api/bills/mine/31': {
        statusCode: 200,
        data: {
          ...publishedBill,
          contentHash: 'h',
          arrears: [{ billId: 30, period: '2026-10', owedFen: 19800 }],
          lines: [
            billLine(1, 'property_fee', '物业服务费', 21033, { quantityText: '89.50 ㎡', unitPriceFen: 235 }),
            billLine(2, 'charge', '特约服务：马桶疏通（YGHY-261122-0007）', 6500, {
              chargeId: 9,
              ticketId: 7,
              ticketSerial: 'YGHY-261122-0007',
              quantityText: '1 次',
            }),
          ],
        },
      },
    }),
  });
  mp.wx.setStorageSync('app.session', {
    accessToken: 'acc-1',
    accessTokenExpiresAt: 'x',
    refreshToken: 'ref-1',
    refreshTokenExpiresAt: 'y',
  });
  mp.launch();
  const tab = await mp.openPage('pages/bills/index');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.match(allText(tab.data.root), /往期欠费 ¥198\.00.*2026年11月.*待缴.*¥275\.33/);
  await tap(tab, findByText(tab.data.root, '2026年11月'), WEAPP_DIST);
  assert.equal(mp.calls.find((c) => c.name === 'navigateTo')?.opts.url, '/packages/bills/pages/bill/index?id=31');

  const bill = await mp.openPage('packages/bills/pages/bill/index', { id: '31' });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const text = allText(bill.data.root);
  assert.match(text, /物业服务费.*89\.50 ㎡ × ¥2\.35.*特约服务.*工单 YGHY-261122-0007.*本期合计.*¥275\.33/);
  assert.match(text, /往期欠费.*未计入本期合计.*2026年10月.*¥198\.00/);
  assert.match(text, /应缴金额.*¥275\.33.*去缴费 ¥275\.33.*也可到物业服务中心缴纳.*021-58881234/);
  await tap(bill, findByText(bill.data.root, '查看报价与签字 ›'), WEAPP_DIST);
  assert.equal(
    mp.calls.filter((c) => c.name === 'navigateTo').at(-1)?.opts.url,
    '/packages/resident/pages/ticket/index?id=7',
  );
});

const payParams = {
  timeStamp: '1764561600',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx01',
  signType: 'RSA',
  paySign: 'c2lnbg==',
};
const order = (status) => ({
  id: 77,
  outTradeNo: 'P202612010001',
  houseId: 501,
  status,
  amountFen: 27533,
  description: '2026-11 物业账单',
  expiresAt: '2026-12-01T04:00:00Z',
  paidAt: status === 'paid' ? '2026-12-01T02:05:00Z' : null,
  paymentId: status === 'paid' ? 901 : null,
  receiptNo: status === 'paid' ? 'SJ-2026-000123' : null,
  payParams,
  standInPayUrl: null,
});

test("去缴费 in the weapp bundle: the order, then wx.requestPayment with the server's signed parameters, then the result page, which shows 支付成功 from the server", async () => {
  const posted = [];
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/meta': {
        statusCode: 200,
        data: {
          name: '物业服务',
          version: '0.1.0',
          demoLogin: false,
          wechatLogin: true,
          servicePhone: null,
          environment: 'production',
        },
      },
      'GET /api/bills/mine/31': {
        statusCode: 200,
        data: {
          ...publishedBill,
          contentHash: 'h',
          arrears: [],
          lines: [billLine(1, 'property_fee', '物业服务费', 27533)],
        },
      },
      'POST /api/payments/mine/orders': (opts) => {
        posted.push(opts.data);
        return { statusCode: 201, data: order('created') };
      },
      'GET /api/payments/mine/orders/77': { statusCode: 200, data: order('paid') },
      'GET /api/payments/mine': {
        statusCode: 200,
        data: { items: [{ id: 901, receiptId: 5 }], total: 1, page: 1, pageSize: 50 },
      },
    }),
  });
  mp.wx.setStorageSync('app.session', {
    accessToken: 'acc-1',
    accessTokenExpiresAt: 'x',
    refreshToken: 'ref-1',
    refreshTokenExpiresAt: 'y',
  });
  mp.launch();
  const bill = await mp.openPage('packages/bills/pages/bill/index', { id: '31' });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await tap(bill, findByText(bill.data.root, '去缴费 ¥275.33'), WEAPP_DIST);
  for (let i = 0; i < 50 && !mp.calls.some((c) => c.name === 'navigateTo'); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(posted.length, 1);
  // Objects from the bundle's realm: compared as JSON.
  assert.equal(JSON.stringify(posted[0].targets), JSON.stringify([{ kind: 'bill', id: 31 }]));
  assert.match(posted[0].idempotencyKey, /^[A-Za-z0-9_-]{8,64}$/);
  const pay = mp.calls.find((c) => c.name === 'requestPayment');
  assert.deepEqual(
    {
      timeStamp: pay.opts.timeStamp,
      nonceStr: pay.opts.nonceStr,
      package: pay.opts.package,
      signType: pay.opts.signType,
      paySign: pay.opts.paySign,
    },
    payParams,
  );
  assert.equal(
    mp.calls.filter((c) => c.name === 'navigateTo').at(-1)?.opts.url,
    '/packages/pay/pages/result/index?orderId=77',
  );

  const result = await mp.openPage('packages/pay/pages/result/index', { orderId: '77' });
  for (let i = 0; i < 50 && !/支付成功/.test(allText(result.data.root)); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
  assert.match(allText(result.data.root), /支付成功.*¥275\.33.*收据编号.*SJ-2026-000123/);
});
