// The weapp bundle in node:vm: 收费标准 and its item, the home entry to it, and 我要报修 with a photo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allText, createMiniProgram, findByText, tap } from './mp-shim.mjs';
import { WEAPP_DIST } from '../../scripts/bundle-size.mjs';
import { API, api, user } from './runtime-support.mjs';

const schedule = {
  versionId: 1,
  versionNo: 1,
  title: '2026 年特约服务项目及收费标准',
  effectiveFrom: '2025-12-31T16:00:00.000Z',
  companyName: '示例物业服务有限公司',
  categories: [
    {
      code: 'GD',
      name: '供电设备维修类',
      sortOrder: 1,
      items: [
        {
          id: 1,
          versionId: 1,
          categoryCode: 'GD',
          code: 'GD-001',
          name: '更换灯泡/灯管',
          unit: '个',
          labourPriceFen: 500,
          callOutFeeFen: null,
          materialsExtra: true,
          serviceStandard: '断电操作',
          sortOrder: 1,
        },
      ],
    },
    {
      code: 'GS',
      name: '供水设备维修类',
      sortOrder: 2,
      items: [
        {
          id: 11,
          versionId: 1,
          categoryCode: 'GS',
          code: 'GS-001',
          name: '水龙头更换',
          unit: '个',
          labourPriceFen: 2000,
          callOutFeeFen: null,
          materialsExtra: true,
          serviceStandard: '关闭总阀更换，生料带密封，无渗漏',
          sortOrder: 1,
        },
      ],
    },
  ],
};

test("收费标准 in the resident sub-package renders a guest's poster link without a token, and an item opens its detail", async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/public/fee-schedule': (opts) =>
        opts.header.Authorization ? { statusCode: 400, data: {} } : { statusCode: 200, data: schedule },
      'GET /api/public/fee-schedule/items/11': { statusCode: 200, data: schedule.categories[1].items[0] },
    }),
  });
  mp.launch();
  const page = await mp.openPage('packages/resident/pages/fee-schedule/index', { projectId: '1' });
  const text = allText(page.data.root);
  assert.match(text, /2026 年特约服务项目及收费标准/);
  assert.match(text, /自 2026-01-01 起执行/);
  assert.match(text, /供电设备维修类/);
  assert.match(text, /水龙头更换.*材料另计.*¥20\.00\/个/);
  const requests = mp.calls.filter((c) => c.name === 'request').map((c) => c.opts.url);
  assert.deepEqual(requests, [`${API}/api/public/fee-schedule?projectId=1`]);

  await tap(page, findByText(page.data.root, '水龙头更换'), WEAPP_DIST);
  // The category name travels along: it labels the price (维修费 / 服务费) and picks 报修 or 预约此项.
  assert.equal(
    mp.calls.find((c) => c.name === 'navigateTo')?.opts.url,
    `/packages/resident/pages/fee-item/index?id=11&category=${encodeURIComponent('供水设备维修类')}`,
  );
  const detail = await mp.openPage('packages/resident/pages/fee-item/index', {
    id: '11',
    category: encodeURIComponent('供水设备维修类'),
  });
  const detailText = allText(detail.data.root);
  assert.match(detailText, /水龙头更换/);
  assert.match(detailText, /维修费用 = 维修费 \+ 材料费/);
  assert.match(detailText, /每一笔费用都需您先在报价单上签字同意/);
  assert.match(detailText, /维修费（人工费）/);
  assert.match(detailText, /报修/);
});

test('the home page offers 收费标准 to a guest', async () => {
  const mp = createMiniProgram(WEAPP_DIST);
  mp.launch();
  const home = await mp.openPage('pages/index/index');
  await tap(home, findByText(home.data.root, '特约服务项目及收费标准（已公示）'), WEAPP_DIST);
  assert.equal(mp.calls.find((c) => c.name === 'navigateTo')?.opts.url, '/packages/resident/pages/fee-schedule/index');
});

test('我要报修 in the resident sub-package: categories from the schedule, per-field errors, a photo via chooseMedia uploaded with a client id', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/me': { statusCode: 200, data: user },
      'GET /api/public/fee-schedule': { statusCode: 200, data: schedule },
    }),
    chooseMedia: () => ({
      errMsg: 'chooseMedia:ok',
      type: 'image',
      tempFiles: [{ tempFilePath: 'wxfile://tmp/leak.jpg', size: 2048, fileType: 'image' }],
    }),
    uploadFile: () => ({
      statusCode: 201,
      data: JSON.stringify({
        id: 31,
        kind: 'photo',
        width: 1,
        height: 1,
        bytes: 1,
        sha256: 'x',
        url: '/m/31',
        thumbUrl: '/m/31/t',
        expiresAt: 'z',
      }),
    }),
  });
  mp.wx.setStorageSync('app.session', {
    accessToken: 'acc-1',
    accessTokenExpiresAt: 'x',
    refreshToken: 'ref-1',
    refreshTokenExpiresAt: 'y',
  });
  mp.launch();
  const report = await mp.openPage('packages/resident/pages/report/index');
  await new Promise((resolve) => setTimeout(resolve, 20));
  const text = allText(report.data.root);
  assert.match(text, /3栋1单元1201/);
  assert.match(text, /供水设备维修类/);
  await tap(report, findByText(report.data.root, '提交报修'), WEAPP_DIST);
  assert.match(allText(report.data.root), /请选择户内或公共区域.*请选择报修类别.*请描述需要维修的问题/);

  await tap(report, findByText(report.data.root, '添加照片'), WEAPP_DIST);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(mp.calls.find((c) => c.name === 'chooseMedia')?.opts.mediaType?.[0], 'image');
  const upload = mp.calls.find((c) => c.name === 'uploadFile')?.opts;
  assert.equal(upload?.url, `${API}/api/media`);
  assert.equal(upload?.name, 'file');
  assert.equal(upload?.filePath, 'wxfile://tmp/leak.jpg');
  assert.match(upload?.formData?.clientUploadId ?? '', /^[A-Za-z0-9._:-]{8,64}$/);
  assert.equal(upload?.header?.Authorization, 'Bearer acc-1');
  assert.doesNotMatch(allText(report.data.root), /上传失败/);
});
