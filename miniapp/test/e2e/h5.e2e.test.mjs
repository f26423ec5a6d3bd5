// The H5 build in Debian's Chromium, clicked through as a person would.
// With E2E_BASE_URL (scripts/test.mjs) it runs against the real server and its demo data; without it,
// against test/e2e/stub-server.mjs. Screenshots go to $E2E_ARTIFACTS_DIR/miniapp-h5 or artifacts/h5.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startStubServer } from './stub-server.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.resolve(here, '..', '..', 'dist', 'h5')
const shots = process.env.E2E_ARTIFACTS_DIR
  ? path.join(process.env.E2E_ARTIFACTS_DIR, 'miniapp-h5')
  : path.resolve(here, '..', '..', 'artifacts', 'h5')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

let origin
let stub
let context
let page
let resident
let staffAccount
const pageErrors = []

async function api(method, route, body) {
  const res = await fetch(`${origin}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() }
}

/** Taro's H5 storage keeps each value as JSON `{ data }` in localStorage. */
const storedSession = () =>
  page.evaluate(() => {
    const raw = localStorage.getItem('app.session')
    return raw ? JSON.parse(raw).data : null
  })

/** The Taro router slides pages in; only the settled page counts as shown. */
const shown = (text) => page.locator('.taro_page_stationed', { hasText: text }).last()
const shot = (name) => page.screenshot({ path: path.join(shots, name) })

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'missing dist/h5 — run pnpm build:h5')
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium)`)
  fs.mkdirSync(shots, { recursive: true })
  if (process.env.E2E_BASE_URL) origin = process.env.E2E_BASE_URL.replace(/\/+$/, '')
  else {
    stub = await startStubServer(dist)
    origin = stub.origin
  }

  const meta = await api('GET', '/api/meta')
  assert.equal(meta.body.demoLogin, true, 'these journeys sign in with demo accounts')
  const { accounts } = (await api('GET', '/api/auth/demo/accounts')).body
  const residentAccount = accounts.find((a) => a.kind === 'resident')
  staffAccount = accounts.find((a) => a.roles.includes('customer_manager'))
  assert.ok(residentAccount && staffAccount, 'demo data has a resident and a customer manager')
  const login = await api('POST', '/api/auth/demo/login', { userId: residentAccount.userId })
  resident = { account: residentAccount, me: login.body.user }
  await api('POST', '/api/auth/logout', { refreshToken: login.body.refreshToken })

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

after(async () => {
  await context?.close()
  await stub?.close()
})

test('a guest is sent to 我的 and signs in with a demo resident account', async () => {
  await page.goto(`${origin}/h5/#/pages/index/index`)
  await shown('欢迎使用物业服务').waitFor()
  await shot('01-home-guest.png')

  await page.getByText('去登录', { exact: true }).click()
  await shown('演示账号').waitFor()
  assert.equal(await page.getByText('微信一键登录').count(), 0, 'WeChat login is offered outside WeChat')
  await shot('02-mine-login.png')

  await shown('演示账号').getByText(resident.account.description, { exact: true }).click()
  await shown(`您好，${resident.me.name}`).waitFor()
  await shot('03-home-resident.png')
  assert.ok((await storedSession())?.accessToken, 'no access token stored')
})

test('the resident opens 我的房屋 from the resident sub-package', async () => {
  await shown('您好').getByText('我的房屋', { exact: true }).click()
  await shown('已绑定的房屋').waitFor()
  assert.match(page.url(), /#\/packages\/resident\/pages\/houses\/index/)
  const houses = shown('已绑定的房屋')
  if (resident.me.houses.length === 0) assert.ok(await houses.getByText(/尚未绑定房屋/).isVisible())
  for (const house of resident.me.houses) assert.ok(await houses.getByText(house.label, { exact: true }).isVisible(), house.label)
  await shot('04-resident-houses.png')
})

test('signing out from 我的 returns to the login options', async () => {
  await page.goto(`${origin}/h5/#/pages/mine/index`)
  await shown('退出登录').getByText('退出登录', { exact: true }).click()
  await shown('员工账号登录').waitFor()
  assert.equal(await storedSession(), null)
  await shot('05-signed-out.png')
})

test('an expired access token whose refresh is refused returns to sign-in', async () => {
  await shown('演示账号').getByText(staffAccount.description, { exact: true }).click()
  await shown('员工工作台').waitFor()
  const session = await storedSession()
  // Revoke the refresh token on the server, and make the access token read as expired.
  await api('POST', '/api/auth/logout', { refreshToken: session.refreshToken })
  const seen = []
  await page.route('**/api/me', (route) => {
    seen.push('me')
    return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ code: 'TOKEN_EXPIRED', message: '登录已过期', requestId: 'e2e' }) })
  })
  page.on('request', (request) => {
    if (request.url().endsWith('/api/auth/refresh')) seen.push('refresh')
  })
  try {
    await page.reload()
    await shown('员工账号登录').waitFor()
  } finally {
    await page.unroute('**/api/me')
  }
  assert.match(page.url(), /#\/pages\/mine\/index/)
  assert.equal(await storedSession(), null)
  assert.deepEqual(seen.slice(0, 2), ['me', 'refresh'])
  await shot('06-session-ended.png')
})

test('no page errors', () => {
  assert.deepEqual(pageErrors, [])
})
