// Shared by every H5 journey: one headless Chromium per file on the H5 build, against the real server
// (E2E_BASE_URL), a server of the journey's own (bills-seed.mjs) or, where a journey allows it, the stub server.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startOwnServer } from './bills-seed.mjs';
import { startStubServer } from './stub-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const dist = path.resolve(here, '..', '..', 'dist', 'h5');
/** Journey screenshots (h5-*.png), next to the other suites' artefacts. */
export const ARTIFACTS = process.env.E2E_ARTIFACTS_DIR ?? path.resolve(here, '..', '..', 'artifacts', 'h5');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BASE = process.env.E2E_BASE_URL?.replace(/\/+$/, '');

/** The file's browser tab, server origin and screenshot folder, set by setupH5's before hook. */
export const h5 = { origin: '', page: null, pageErrors: [], artifacts: ARTIFACTS };

/**
 * Registers the file's before/after: the server, and one Chromium tab whose page errors are collected in
 * h5.pageErrors. The server is E2E_BASE_URL, else the stub server; with `ownServer`, one of the journey's own from
 * server/dist on a freshly seeded DATA_DIR (bills-seed.mjs). Nothing is set up when `skip` is truthy, nor with
 * `realOnly` and no E2E_BASE_URL: the file's tests are skipped instead. `failedStatic`: a static file (not /api/)
 * answering ≥ 400 is a page error too. `artifacts`: the screenshot folder of shot and fullShot (default ARTIFACTS).
 * `ready`: what the journey prepares once the server and the tab are up, in the same hook (Node 20 runs a file's
 * top-level before hooks concurrently, so a second hook would not see h5.page and h5.origin set).
 */
export function setupH5({
  realOnly = false,
  skip = false,
  ownServer = false,
  failedStatic = false,
  timezoneId,
  artifacts = ARTIFACTS,
  ready,
} = {}) {
  let context;
  let stub;
  let own;
  before(async () => {
    if (skip || (realOnly && !BASE)) return;
    assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'missing dist/h5 — run pnpm build:h5');
    assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    h5.artifacts = artifacts;
    fs.mkdirSync(artifacts, { recursive: true });
    if (ownServer) {
      own = await startOwnServer();
      h5.origin = own.origin;
    } else if (BASE) h5.origin = BASE;
    else {
      stub = await startStubServer(dist);
      h5.origin = stub.origin;
    }
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      ...(timezoneId ? { timezoneId } : {}),
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
    h5.page = await context.newPage();
    h5.page.on('pageerror', (error) => h5.pageErrors.push(error.message));
    if (failedStatic)
      h5.page.on('response', (response) => {
        if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/api/'))
          h5.pageErrors.push(`${response.status()} ${response.url()}`);
      });
    await ready?.();
  });
  after(async () => {
    await context?.close();
    await stub?.close();
    await own?.close();
  });
}

/** A JSON call that must succeed (2xx), as `token` when given: the parsed body, if any. */
export async function call(method, url, token, body) {
  const res = await fetch(`${h5.origin}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${url} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A JSON call to the server, as `token` when given. */
export async function apiAs(token, method, route, body) {
  const res = await fetch(`${h5.origin}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}
export const api = (method, route, body) => apiAs(null, method, route, body);

/** Taro's H5 storage keeps each value as JSON `{ data }` in localStorage. */
export const storedSession = () =>
  h5.page.evaluate(() => {
    const raw = localStorage.getItem('app.session');
    return raw ? JSON.parse(raw).data : null;
  });

/** The Taro router slides pages in; only the settled page counts as shown. */
export const shown = (text) => h5.page.locator('.taro_page_stationed', { hasText: text }).last();

/** The viewport: what a phone shows first. */
export const shot = (name) => h5.page.screenshot({ path: path.join(h5.artifacts, name) });

/** The whole page: the Taro page scrolls inside the viewport, so the viewport grows to the page's height for the shot. */
export async function fullShot(name) {
  const page = h5.page;
  const size = page.viewportSize();
  const height = await page.evaluate(
    () => [...document.querySelectorAll('.taro_page_stationed')].pop()?.scrollHeight ?? 0,
  );
  if (height > size.height) await page.setViewportSize({ width: size.width, height });
  await page.screenshot({ path: path.join(h5.artifacts, name) });
  await page.setViewportSize(size);
}

/**
 * Signs out whoever is signed in on 我的, then taps the demo account. No retry: the flake once seen here (the
 * demo entry detaching) was the 我的 tab page still showing the sign-in options of a session begun since, and
 * replacing them when /api/me answered; the page now keeps the signed-in user (useCurrentUser.signedIn).
 */
export async function signInAs(name) {
  await h5.page.goto(`${h5.origin}/h5/#/pages/mine/index`);
  await shown('退出登录').or(shown('演示账号')).first().waitFor();
  if (await shown('退出登录').count()) await shown('退出登录').getByText('退出登录', { exact: true }).click();
  await shown('演示账号').locator('.login-panel__demo', { hasText: name }).click();
  await shown(`您好，${name}`).waitFor();
}

/** A signature-like scribble: two looping strokes (the server refuses dots and straight lines). */
export async function drawSignature(canvas) {
  const page = h5.page;
  const box = await canvas.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 100, `signature pad too small: ${JSON.stringify(box)}`);
  const strokes = [
    (t) => [box.x + 30 + t * 140, box.y + box.height / 2 + Math.sin(t * Math.PI * 4) * 40],
    (t) => [
      box.x + 190 + Math.cos(t * Math.PI * 3) * 30 + t * 80,
      box.y + 60 + t * 90 + Math.sin(t * Math.PI * 5) * 15,
    ],
  ];
  for (const stroke of strokes) {
    const [x0, y0] = stroke(0);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) await page.mouse.move(...stroke(i / 40));
    await page.mouse.up();
  }
}

/** A PNG photo drawn in the page, `w` × `h`, written to a temp file for the file chooser. */
export async function photoFile(name, w, h) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ticket-photo-')), name);
  const base64 = await h5.page.evaluate(
    ([w, h]) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const ctx = c.getContext('2d');
      const g = ctx.createLinearGradient(0, 0, w, h);
      g.addColorStop(0, '#c9b28f');
      g.addColorStop(1, '#5a4630');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
      ctx.fillStyle = '#f5f5f5';
      ctx.font = `${Math.round(h / 6)}px sans-serif`;
      ctx.fillText('2-1-902', w / 6, h / 2);
      return c.toDataURL('image/png').split(',')[1];
    },
    [w, h],
  );
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}
