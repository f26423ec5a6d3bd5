// The real weapp bundle, run in node:vm against a recording `wx`: pages render, taps navigate, and the
// WeChat-only login path (wechat-code.weapp.ts) reaches the API with the code from wx.login.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { allText, createMiniProgram, findByText, tap } from './mp-shim.mjs'
import { WEAPP_DIST } from '../../scripts/bundle-size.mjs'

const API = 'http://127.0.0.1:3000'

const user = {
  id: 11, kind: 'resident', name: '王芳', phoneMasked: '138****5678', username: null, roles: [],
  houses: [{ bindingId: 5, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' }], wechatBound: true,
}
const tokens = { accessToken: 'acc-1', accessTokenExpiresAt: '2026-11-22T09:00:00Z', refreshToken: 'ref-1', refreshTokenExpiresAt: '2026-12-22T09:00:00Z', user }

function api(routes) {
  return (opts) => {
    const url = new URL(opts.url)
    const answer = routes[`${opts.method} ${url.pathname}`]
    if (!answer) return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no route', requestId: 't' } }
    return typeof answer === 'function' ? answer(opts) : answer
  }
}

test('a guest sees the welcome card and 去登录 switches to the 我的 tab', async () => {
  const mp = createMiniProgram(WEAPP_DIST)
  mp.launch()
  const home = await mp.openPage('pages/index/index')
  assert.match(allText(home.data.root), /欢迎使用物业服务/)
  await tap(home, findByText(home.data.root, '去登录'), WEAPP_DIST)
  assert.deepEqual(mp.calls.filter((c) => c.name === 'switchTab').map((c) => c.opts.url), ['/pages/mine/index'])
  assert.equal(mp.calls.filter((c) => c.name === 'request').length, 0)
})

test('WeChat login: wx.login code → API → session stored → home tab', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    login: () => ({ code: 'code-from-wx', errMsg: 'login:ok' }),
    request: api({
      'GET /api/meta': { statusCode: 200, data: { name: '物业服务', version: '0.1.0', demoLogin: false, wechatLogin: true, environment: 'production' } },
      'POST /api/auth/wechat/login': (opts) => (opts.data.code === 'code-from-wx' ? { statusCode: 200, data: tokens } : { statusCode: 401, data: {} }),
    }),
  })
  mp.launch()
  const mine = await mp.openPage('pages/mine/index')
  const text = allText(mine.data.root)
  assert.match(text, /微信一键登录/)
  assert.doesNotMatch(text, /演示账号/)
  await tap(mine, findByText(mine.data.root, '微信一键登录'), WEAPP_DIST)
  const requests = mp.calls.filter((c) => c.name === 'request').map((c) => `${c.opts.method} ${c.opts.url}`)
  // The 我的 tab turns into the profile at once (no stale sign-in options), whose menu reads the service phone.
  assert.deepEqual(requests, [`GET ${API}/api/meta`, `POST ${API}/api/auth/wechat/login`, `GET ${API}/api/meta`])
  assert.equal(mp.calls.filter((c) => c.name === 'login').length, 1)
  assert.equal(mp.wx.getStorageSync('app.session').accessToken, 'acc-1')
  const switched = mp.calls.filter((c) => c.name === 'switchTab').at(-1)
  assert.equal(switched?.opts.url, '/pages/index/index')
  assert.match(allText(mine.data.root), /退出登录/)
})

test('a signed-in resident opens 我的房屋 in the resident sub-package, which lists the house', async () => {
  const signedIn = (data) => (opts) => (opts.header.Authorization === 'Bearer acc-1' ? { statusCode: 200, data } : { statusCode: 401, data: {} })
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({ 'GET /api/me': signedIn(user), 'GET /api/bindings/mine': signedIn([]), 'GET /api/bindings/family-requests': signedIn([]) }),
  })
  mp.wx.setStorageSync('app.session', { accessToken: 'acc-1', accessTokenExpiresAt: 'x', refreshToken: 'ref-1', refreshTokenExpiresAt: 'y' })
  mp.launch()
  const home = await mp.openPage('pages/index/index')
  assert.match(allText(home.data.root), /您好，王芳/)
  await tap(home, findByText(home.data.root, '我的房屋'), WEAPP_DIST)
  const nav = mp.calls.find((c) => c.name === 'navigateTo')
  assert.equal(nav?.opts.url, '/packages/resident/pages/houses/index')
  const houses = await mp.openPage('packages/resident/pages/houses/index')
  assert.match(allText(houses.data.root), /3栋1单元1201.*业主/)
})

test('申请绑定房屋 in the resident sub-package walks 小区 → 楼栋 → 单元 → 房号 and checks the form before sending', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/directory/projects': { statusCode: 200, data: [{ id: 1, code: 'YGHY', name: '阳光花园' }, { id: 2, code: 'CHY', name: '翠湖苑' }] },
      'GET /api/directory/projects/1/buildings': { statusCode: 200, data: [{ id: 2, projectId: 1, name: '2栋', units: [{ id: 4, name: '1单元' }], customerManagers: [] }] },
      'GET /api/directory/units/4/houses': { statusCode: 200, data: [{ id: 151, roomNo: '101', floor: 1 }, { id: 152, roomNo: '102', floor: 1 }] },
    }),
  })
  mp.wx.setStorageSync('app.session', { accessToken: 'acc-1', accessTokenExpiresAt: 'x', refreshToken: 'ref-1', refreshTokenExpiresAt: 'y' })
  mp.launch()
  const apply = await mp.openPage('packages/resident/pages/apply/index')
  for (const choice of ['阳光花园', '2栋', '1单元', '102']) await tap(apply, findByText(apply.data.root, choice), WEAPP_DIST)
  assert.match(allText(apply.data.root), /已选：阳光花园 2栋1单元102/)
  await tap(apply, findByText(apply.data.root, '提交申请'), WEAPP_DIST)
  const text = allText(apply.data.root)
  assert.match(text, /请选择与房屋的关系/)
  assert.match(text, /请填写姓名/)
  assert.doesNotMatch(text, /请选择房屋/)
  const requests = mp.calls.filter((c) => c.name === 'request').map((c) => `${c.opts.method} ${new URL(c.opts.url).pathname}`)
  assert.deepEqual(requests, ['GET /api/directory/projects', 'GET /api/directory/projects/1/buildings', 'GET /api/directory/units/4/houses'])
})

const schedule = {
  versionId: 1, versionNo: 1, title: '2026 年特约服务项目及收费标准', effectiveFrom: '2025-12-31T16:00:00.000Z', companyName: '示例物业服务有限公司',
  categories: [
    { code: 'GD', name: '供电设备维修类', sortOrder: 1, items: [{ id: 1, versionId: 1, categoryCode: 'GD', code: 'GD-001', name: '更换灯泡/灯管', unit: '个', labourPriceFen: 500, callOutFeeFen: null, materialsExtra: true, serviceStandard: '断电操作', sortOrder: 1 }] },
    { code: 'GS', name: '供水设备维修类', sortOrder: 2, items: [{ id: 11, versionId: 1, categoryCode: 'GS', code: 'GS-001', name: '水龙头更换', unit: '个', labourPriceFen: 2000, callOutFeeFen: null, materialsExtra: true, serviceStandard: '关闭总阀更换，生料带密封，无渗漏', sortOrder: 1 }] },
  ],
}

test('收费标准 in the resident sub-package renders a guest\'s poster link without a token, and an item opens its detail', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/public/fee-schedule': (opts) => (opts.header.Authorization ? { statusCode: 400, data: {} } : { statusCode: 200, data: schedule }),
      'GET /api/public/fee-schedule/items/11': { statusCode: 200, data: schedule.categories[1].items[0] },
    }),
  })
  mp.launch()
  const page = await mp.openPage('packages/resident/pages/fee-schedule/index', { projectId: '1' })
  const text = allText(page.data.root)
  assert.match(text, /2026 年特约服务项目及收费标准/)
  assert.match(text, /自 2026-01-01 起执行/)
  assert.match(text, /供电设备维修类/)
  assert.match(text, /水龙头更换.*材料另计.*¥20\.00\/个/)
  const requests = mp.calls.filter((c) => c.name === 'request').map((c) => c.opts.url)
  assert.deepEqual(requests, [`${API}/api/public/fee-schedule?projectId=1`])

  await tap(page, findByText(page.data.root, '水龙头更换'), WEAPP_DIST)
  // The category name travels along: it labels the price (维修费 / 服务费) and picks 报修 or 预约此项.
  assert.equal(mp.calls.find((c) => c.name === 'navigateTo')?.opts.url, `/packages/resident/pages/fee-item/index?id=11&category=${encodeURIComponent('供水设备维修类')}`)
  const detail = await mp.openPage('packages/resident/pages/fee-item/index', { id: '11', category: encodeURIComponent('供水设备维修类') })
  const detailText = allText(detail.data.root)
  assert.match(detailText, /水龙头更换/)
  assert.match(detailText, /维修费用 = 维修费 \+ 材料费/)
  assert.match(detailText, /每一笔费用都需您先在报价单上签字同意/)
  assert.match(detailText, /维修费（人工费）/)
  assert.match(detailText, /报修/)
})

test('the home page offers 收费标准 to a guest', async () => {
  const mp = createMiniProgram(WEAPP_DIST)
  mp.launch()
  const home = await mp.openPage('pages/index/index')
  await tap(home, findByText(home.data.root, '特约服务项目及收费标准（已公示）'), WEAPP_DIST)
  assert.equal(mp.calls.find((c) => c.name === 'navigateTo')?.opts.url, '/packages/resident/pages/fee-schedule/index')
})

test('我要报修 in the resident sub-package: categories from the schedule, per-field errors, a photo via chooseMedia uploaded with a client id', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({ 'GET /api/me': { statusCode: 200, data: user }, 'GET /api/public/fee-schedule': { statusCode: 200, data: schedule } }),
    chooseMedia: () => ({ errMsg: 'chooseMedia:ok', type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/leak.jpg', size: 2048, fileType: 'image' }] }),
    uploadFile: () => ({ statusCode: 201, data: JSON.stringify({ id: 31, kind: 'photo', width: 1, height: 1, bytes: 1, sha256: 'x', url: '/m/31', thumbUrl: '/m/31/t', expiresAt: 'z' }) }),
  })
  mp.wx.setStorageSync('app.session', { accessToken: 'acc-1', accessTokenExpiresAt: 'x', refreshToken: 'ref-1', refreshTokenExpiresAt: 'y' })
  mp.launch()
  const report = await mp.openPage('packages/resident/pages/report/index')
  await new Promise((resolve) => setTimeout(resolve, 20))
  const text = allText(report.data.root)
  assert.match(text, /3栋1单元1201/)
  assert.match(text, /供水设备维修类/)
  await tap(report, findByText(report.data.root, '提交报修'), WEAPP_DIST)
  assert.match(allText(report.data.root), /请选择户内或公共区域.*请选择报修类别.*请描述需要维修的问题/)

  await tap(report, findByText(report.data.root, '添加照片'), WEAPP_DIST)
  await new Promise((resolve) => setTimeout(resolve, 50))
  assert.equal(mp.calls.find((c) => c.name === 'chooseMedia')?.opts.mediaType?.[0], 'image')
  const upload = mp.calls.find((c) => c.name === 'uploadFile')?.opts
  assert.equal(upload?.url, `${API}/api/media`)
  assert.equal(upload?.name, 'file')
  assert.equal(upload?.filePath, 'wxfile://tmp/leak.jpg')
  assert.match(upload?.formData?.clientUploadId ?? '', /^[A-Za-z0-9._:-]{8,64}$/)
  assert.equal(upload?.header?.Authorization, 'Bearer acc-1')
  assert.doesNotMatch(allText(report.data.root), /上传失败/)
})

const quotedTicket = {
  id: 7, serial: 'YGHY-261122-0007', projectId: 1, projectName: '阳光花园', houseId: 501, houseLabel: '3栋1单元1201', kind: 'repair', scope: 'home',
  paid: true, category: 'GS', feeItemCode: null, urgency: 'normal', description: '主卫马桶水箱一直有流水声', channel: 'mini_program', status: 'quoted',
  version: 5, onHold: false, holdReason: null, technician: { userId: 10, name: '王师傅', phoneMasked: '137****0001' }, poolOpen: false,
  visitAt: '2026-11-22T06:00:00.000Z', reworkCount: 0, escalated: false, priceExplainedAt: null, preferredStart: null, preferredEnd: null,
  contactName: null, contactPhoneMasked: null, media: [], afterMedia: [],
  quote: { id: 1, seq: 1, status: 'pending', totalFen: 6500, scheduleVersionId: 1, materialsVersionId: 1, snapshotHash: 'h', createdAt: '2026-11-22T06:10:00.000Z',
    lines: [{ kind: 'labour', code: 'GS-004', name: '抽水马桶水箱配件维修', unit: '次', unitPriceFen: 3000, quantityMilli: 1000, amountFen: 3000 },
      { kind: 'material', code: 'M-010', name: '马桶进水阀（通用型）', unit: '套', unitPriceFen: 3500, quantityMilli: 1000, amountFen: 3500 }] },
  agreedTotalFen: null, signatures: [], acceptanceSnapshotHash: null, ratings: null, reply: null, cancelReason: null, chargeId: null,
  createdAt: '2026-11-22T05:00:00.000Z', updatedAt: '2026-11-22T06:10:00.000Z', actions: ['agree_quote', 'decline_quote', 'cancel'],
}

test('工单详情 (resident) and 工单处理 (technician) render in their sub-packages with buttons from ticket.actions', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/tickets/7': (opts) => ({ statusCode: 200, data: opts.header.Authorization === 'Bearer tech-1' ? { ...quotedTicket, actions: ['agree_quote', 'decline_quote'] } : quotedTicket }),
      'GET /api/me': { statusCode: 200, data: user },
      'GET /api/tickets/7/timeline': { statusCode: 200, data: [{ id: 1, action: 'quote', fromStatus: 'on_site', toStatus: 'quoted', actorName: '王师傅', actorRole: 'technician', reason: null, at: '2026-11-22T06:10:00.000Z' }] },
    }),
  })
  mp.wx.setStorageSync('app.session', { accessToken: 'acc-1', accessTokenExpiresAt: 'x', refreshToken: 'ref-1', refreshTokenExpiresAt: 'y' })
  mp.launch()
  const detail = await mp.openPage('packages/resident/pages/ticket/index', { id: '7' })
  await new Promise((resolve) => setTimeout(resolve, 20))
  const text = allText(detail.data.root)
  assert.match(text, /YGHY-261122-0007.*待确认报价/)
  assert.match(text, /¥65\.00/)
  assert.match(text, /同意报价并签字.*拒绝报价.*取消报修/)
  assert.match(text, /师傅已报价/)
  await tap(detail, findByText(detail.data.root, '同意报价并签字'), WEAPP_DIST)
  assert.equal(mp.calls.find((c) => c.name === 'navigateTo')?.opts.url, '/packages/resident/pages/sign/index?id=7&mode=agree')
  const sign = await mp.openPage('packages/resident/pages/sign/index', { id: '7', mode: 'agree' })
  await new Promise((resolve) => setTimeout(resolve, 20))
  // The pad is a Canvas type="2d" in the WXML; with no node (the shim has none) it keeps asking and nothing breaks.
  assert.match(allText(sign.data.root), /确认报价.*¥65\.00.*清除重签.*确认签字/)

  mp.wx.setStorageSync('app.session', { accessToken: 'tech-1', accessTokenExpiresAt: 'x', refreshToken: 'ref-2', refreshTokenExpiresAt: 'y' })
  const job = await mp.openPage('packages/technician/pages/job/index', { id: '7' })
  await new Promise((resolve) => setTimeout(resolve, 20))
  assert.match(allText(job.data.root), /请业主签字确认报价.*业主拒绝报价/)
  assert.doesNotMatch(allText(job.data.root), /取消报修/)
})

const publishedBill = {
  id: 31, projectId: 1, houseId: 501, houseLabel: '3栋1单元1201', period: '2026-11', status: 'published', payState: 'unpaid',
  totalFen: 27533, paidFen: 0, arrearsFen: 19800, publishedAt: '2026-12-01T02:00:00.000Z', dueDate: '2026-12-31',
}
const billLine = (id, kind, name, amountFen, extra = {}) => ({
  id, kind, itemCode: null, name, quantityText: '', unitPriceFen: null, amountFen, chargeId: null, ticketId: null, ticketSerial: null, waived: false, ...extra,
})

test('账单 tab (main package) lists the bill; 账单详情 in the bills sub-package shows sections, arrears apart and opens the 特约服务 request', async () => {
  const mp = createMiniProgram(WEAPP_DIST, {
    request: api({
      'GET /api/me': { statusCode: 200, data: user },
      'GET /api/meta': { statusCode: 200, data: { name: '物业服务', version: '0.1.0', demoLogin: false, wechatLogin: true, servicePhone: '021-58881234', environment: 'production' } },
      'GET /api/bills/mine': { statusCode: 200, data: [publishedBill] },
      'GET /api/bills/mine/31': {
        statusCode: 200,
        data: {
          ...publishedBill, contentHash: 'h', arrears: [{ billId: 30, period: '2026-10', owedFen: 19800 }],
          lines: [
            billLine(1, 'property_fee', '物业服务费', 21033, { quantityText: '89.50 ㎡', unitPriceFen: 235 }),
            billLine(2, 'charge', '特约服务费', 6500, { chargeId: 9, ticketId: 7, ticketSerial: 'YGHY-261122-0007', quantityText: '1 次' }),
          ],
        },
      },
    }),
  })
  mp.wx.setStorageSync('app.session', { accessToken: 'acc-1', accessTokenExpiresAt: 'x', refreshToken: 'ref-1', refreshTokenExpiresAt: 'y' })
  mp.launch()
  const tab = await mp.openPage('pages/bills/index')
  await new Promise((resolve) => setTimeout(resolve, 20))
  assert.match(allText(tab.data.root), /往期欠费 ¥198\.00.*2026年11月.*待缴.*¥275\.33/)
  await tap(tab, findByText(tab.data.root, '2026年11月'), WEAPP_DIST)
  assert.equal(mp.calls.find((c) => c.name === 'navigateTo')?.opts.url, '/packages/bills/pages/bill/index?id=31')

  const bill = await mp.openPage('packages/bills/pages/bill/index', { id: '31' })
  await new Promise((resolve) => setTimeout(resolve, 20))
  const text = allText(bill.data.root)
  assert.match(text, /物业服务费.*89\.50 ㎡ × ¥2\.35.*特约服务.*工单 YGHY-261122-0007.*本期合计.*¥275\.33/)
  assert.match(text, /往期欠费.*未计入本期合计.*2026年10月.*¥198\.00/)
  assert.match(text, /小程序暂不支持在线缴费.*021-58881234/)
  await tap(bill, findByText(bill.data.root, '查看报价与签字 ›'), WEAPP_DIST)
  assert.equal(mp.calls.filter((c) => c.name === 'navigateTo').at(-1)?.opts.url, '/packages/resident/pages/ticket/index?id=7')
})
