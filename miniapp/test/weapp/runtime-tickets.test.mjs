// The weapp bundle in node:vm: 工单详情 (resident) and 工单处理 (technician) in their sub-packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allText, createMiniProgram, findByText, tap } from './mp-shim.mjs';
import { WEAPP_DIST } from '../../scripts/bundle-size.mjs';
import { api, user } from './runtime-support.mjs';

const quotedTicket = {
  id: 7,
  serial: 'YGHY-261122-0007',
  projectId: 1,
  projectName: '阳光花园',
  houseId: 501,
  houseLabel: '3栋1单元1201',
  kind: 'repair',
  scope: 'home',
  paid: true,
  category: 'GS',
  feeItemCode: null,
  urgency: 'normal',
  description: '主卫马桶水箱一直有流水声',
  channel: 'mini_program',
  status: 'quoted',
  version: 5,
  onHold: false,
  holdReason: null,
  technician: { userId: 10, name: '王师傅', phoneMasked: '137****0001' },
  poolOpen: false,
  visitAt: '2026-11-22T06:00:00.000Z',
  reworkCount: 0,
  escalated: false,
  priceExplainedAt: null,
  preferredStart: null,
  preferredEnd: null,
  contactName: null,
  contactPhoneMasked: null,
  media: [],
  afterMedia: [],
  quote: {
    id: 1,
    seq: 1,
    status: 'pending',
    totalFen: 6500,
    scheduleVersionId: 1,
    materialsVersionId: 1,
    snapshotHash: 'h',
    createdAt: '2026-11-22T06:10:00.000Z',
    lines: [
      {
        kind: 'labour',
        code: 'GS-004',
        name: '抽水马桶水箱配件维修',
        unit: '次',
        unitPriceFen: 3000,
        quantityMilli: 1000,
        amountFen: 3000,
      },
      {
        kind: 'material',
        code: 'M-010',
        name: '马桶进水阀（通用型）',
        unit: '套',
        unitPriceFen: 3500,
        quantityMilli: 1000,
        amountFen: 3500,
      },
    ],
  },
  agreedTotalFen: null,
  signatures: [],
  acceptanceSnapshotHash: null,
  ratings: null,
  reply: null,
  cancelReason: null,
  chargeId: null,
  createdAt: '2026-11-22T05:00:00.000Z',
  updatedAt: '2026-11-22T06:10:00.000Z',
  actions: ['agree_quote', 'decline_quote', 'cancel'],
};

test('工单详情 (resident) and 工单处理 (technician) render in their sub-packages with buttons from ticket.actions', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/tickets/7': (opts) => ({
        statusCode: 200,
        data:
          opts.header.Authorization === 'Bearer tech-1'
            ? { ...quotedTicket, actions: ['agree_quote', 'decline_quote'] }
            : quotedTicket,
      }),
      'GET /api/me': { statusCode: 200, data: user },
      'GET /api/tickets/7/timeline': {
        statusCode: 200,
        data: [
          {
            id: 1,
            action: 'quote',
            fromStatus: 'on_site',
            toStatus: 'quoted',
            actorName: '王师傅',
            actorRole: 'technician',
            reason: null,
            at: '2026-11-22T06:10:00.000Z',
          },
        ],
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
  const detail = await mp.openPage('packages/resident/pages/ticket/index', { id: '7' });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const text = allText(detail.data.root);
  assert.match(text, /YGHY-261122-0007.*待确认报价/);
  assert.match(text, /¥65\.00/);
  assert.match(text, /同意报价并签字.*拒绝报价.*取消报修/);
  assert.match(text, /师傅已报价/);
  await tap(detail, findByText(detail.data.root, '同意报价并签字'), WEAPP_DIST);
  assert.equal(
    mp.calls.find((c) => c.name === 'navigateTo')?.opts.url,
    '/packages/resident/pages/sign/index?id=7&mode=agree',
  );
  const sign = await mp.openPage('packages/resident/pages/sign/index', { id: '7', mode: 'agree' });
  await new Promise((resolve) => setTimeout(resolve, 20));
  // The pad is a Canvas type="2d" in the WXML; with no node (the shim has none) it keeps asking and nothing breaks.
  assert.match(allText(sign.data.root), /确认报价.*¥65\.00.*清除重签.*确认签字/);

  mp.wx.setStorageSync('app.session', {
    accessToken: 'tech-1',
    accessTokenExpiresAt: 'x',
    refreshToken: 'ref-2',
    refreshTokenExpiresAt: 'y',
  });
  const job = await mp.openPage('packages/technician/pages/job/index', { id: '7' });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.match(allText(job.data.root), /请业主签字确认报价.*业主拒绝报价/);
  assert.doesNotMatch(allText(job.data.root), /取消报修/);
});
