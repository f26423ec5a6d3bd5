// Shared browser harness for the console journeys (node:test + playwright-core, real Chromium).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE_URL?.replace(/\/$/, '');
export const SHOTS = process.env.E2E_ARTIFACTS_DIR || '/work/main/artifacts/screenshots';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Demo@2026';
export const skip = BASE
  ? false
  : 'E2E_BASE_URL is not set: start the server and set E2E_BASE_URL=http://127.0.0.1:3000';

export async function launch() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-console-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh tab (its own sessionStorage, so its own signed-in user) that records page and console errors. */
export async function openPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    // Refusals the journey provokes on purpose (403/409/422) are logged by Chromium as failed loads.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      problems.push(`console: ${msg.text()}`);
  });
  return { page, problems };
}

/** Lets antd's animations settle so screenshots show what a person sees. */
export async function shot(page, name, fullPage = true) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `console-${name}.png`), fullPage });
}

export async function signIn(page, username) {
  await page.goto(`${BASE}/admin/`);
  await page.getByRole('heading', { name: '员工登录' }).waitFor();
  await page.getByPlaceholder('用户名 / 手机号').fill(username);
  await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('home-page').waitFor();
}

export async function apiSignIn(username) {
  const res = await fetch(`${BASE}/api/auth/password/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: username, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200, `${username} can sign in`);
  return (await res.json()).accessToken;
}

export async function api(token, method, url, body) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} ${url} → ${res.status}`);
  return res.status === 204 ? undefined : res.json();
}

export const menu = (page, label) => page.locator('.ant-layout-sider').getByText(label, { exact: true }).click();

/**
 * The option list of this antd Select: the dropdown holding the listbox its combobox controls. Any
 * `.ant-select-dropdown:visible` is not enough: the previous select's dropdown, still fading out under load,
 * matched too and took the click meant for this one.
 */
async function dropdownOf(page, handle) {
  const controls = () =>
    handle.evaluate((el) => {
      const box = el.matches('[role="combobox"]') ? el : el.querySelector('[role="combobox"]');
      return box?.getAttribute('aria-controls') || box?.getAttribute('aria-owns') || null;
    });
  for (let tries = 0; tries < 30; tries++) {
    const id = await controls();
    if (id) return page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${id}"]`) });
    await page.waitForTimeout(100);
  }
  return page.locator('.ant-select-dropdown:visible');
}

/**
 * Opens an antd Select, optionally types into its search box, clicks the option with this text and, for a
 * single select, makes sure its dropdown has closed so the next pick cannot hit it. The element is taken
 * before the click: a locator that matched the select by its placeholder stops matching once text is typed.
 * Under CI load a single select's list once stayed open after the click (its options then covered the next
 * select): then the search box is blurred, which closes it and cannot reopen it.
 */
export async function choose(page, select, text, { exact = false, typed = false } = {}) {
  const handle = await select.elementHandle();
  const multiple = await handle.evaluate((el) =>
    Boolean(el.closest('.ant-select-multiple') || el.querySelector('.ant-select-multiple')),
  );
  const label = exact ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text;
  await handle.click();
  if (typed) await page.keyboard.type(text);
  const dropdown = await dropdownOf(page, handle);
  await dropdown.locator('.ant-select-item-option').filter({ hasText: label }).first().click();
  if (multiple) return;
  const closed = () =>
    dropdown.waitFor({ state: 'hidden', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
  if (!(await closed())) {
    await handle.evaluate((el) => (el.closest('.ant-select') ?? el).querySelector('input')?.blur());
    assert.ok(await closed(), `the dropdown of the select for ${text} did not close`);
  }
}

/** Picks an option in an antd Select by typing into its search box. */
export const pick = (page, select, text) => choose(page, select, text, { typed: true });
