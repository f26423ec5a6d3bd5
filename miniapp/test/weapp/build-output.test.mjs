// Checks of the weapp build output (run `pnpm build:weapp` first): structure, WeChat's own WXML/WXSS
// compilers, and package sizes against the quality bars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import compiler from 'miniprogram-compiler';
import { BARS, listFiles, WEAPP_DIST, weappSizes } from '../../scripts/bundle-size.mjs';

const dist = WEAPP_DIST;
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(dist, file), 'utf8'));

test('dist/weapp exists (build:weapp ran)', () => {
  assert.ok(fs.existsSync(path.join(dist, 'app.json')), `missing ${dist}/app.json — run pnpm build:weapp`);
});

test('main package holds only the entry and tab pages; each role is a sub-package', () => {
  const app = readJson('app.json');
  assert.deepEqual(app.pages, ['pages/index/index', 'pages/bills/index', 'pages/mine/index']);
  assert.deepEqual(
    app.tabBar.list.map((tab) => tab.pagePath),
    app.pages,
  );
  assert.deepEqual(app.subPackages.map((pkg) => pkg.root).sort(), [
    'packages/bills',
    'packages/pay',
    'packages/prepay',
    'packages/resident',
    'packages/staff',
    'packages/technician',
  ]);
});

test('the 预存 page (with its 预存充值) is in the prepay sub-package, and its top-up goes through the pay hook', () => {
  const app = readJson('app.json');
  assert.ok(app.subPackages.find((pkg) => pkg.root === 'packages/prepay')?.pages.includes('pages/prepay/index'));
  const bundle = fs.readFileSync(path.join(dist, 'packages/prepay/pages/prepay/index.js'), 'utf8');
  // The minifier writes Chinese as \u escapes: 微信支付预存 is the free-amount button.
  assert.ok(
    bundle.includes('微信支付预存') || bundle.includes('\\u5fae\\u4fe1\\u652f\\u4ed8\\u9884\\u5b58'),
    'no 微信支付预存 button in the bundle',
  );
  assert.match(bundle, /prepayOfferId/);
  assert.match(bundle, /topupFen/);
});

test('the pay result, 缴费记录 and 收据 pages are in the pay sub-package', () => {
  const app = readJson('app.json');
  assert.deepEqual(app.subPackages.find((pkg) => pkg.root === 'packages/pay')?.pages, [
    'pages/result/index',
    'pages/payments/index',
    'pages/receipt/index',
  ]);
});

test('the 账单 tab is in the main package; the bill and 空置房申请 pages are in the bills sub-package', () => {
  const app = readJson('app.json');
  assert.deepEqual(app.tabBar.list.find((tab) => tab.text === '账单')?.pagePath, 'pages/bills/index');
  assert.deepEqual(app.subPackages.find((pkg) => pkg.root === 'packages/bills')?.pages, [
    'pages/bill/index',
    'pages/vacancy/index',
  ]);
});

test('the public fee schedule pages live in the resident sub-package (the poster QR code opens the schedule path)', () => {
  const app = readJson('app.json');
  const resident = app.subPackages.find((pkg) => pkg.root === 'packages/resident');
  assert.ok(resident.pages.includes('pages/fee-schedule/index'), 'fee-schedule page');
  assert.ok(resident.pages.includes('pages/fee-item/index'), 'fee-item page');
  assert.ok(!app.pages.some((page) => page.includes('fee')), 'kept out of the main package');
  assert.equal(readJson('packages/resident/pages/fee-schedule/index.json').enablePullDownRefresh, true);
});

test('every page has its js/json/wxml/wxss, registers a Page and resolves its requires and components', () => {
  const app = readJson('app.json');
  const pages = [...app.pages, ...app.subPackages.flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))];
  for (const page of pages) {
    for (const ext of ['js', 'json', 'wxml', 'wxss'])
      assert.ok(fs.existsSync(path.join(dist, `${page}.${ext}`)), `${page}.${ext}`);
    const js = fs.readFileSync(path.join(dist, `${page}.js`), 'utf8');
    assert.match(js, /\bPage\(|createPageConfig/, `${page}.js registers no page`);
    for (const [, request] of js.matchAll(/require\("([^"]+)"\)/g)) {
      if (!request.startsWith('.')) continue;
      const target = path.resolve(
        path.dirname(path.join(dist, page)),
        request.endsWith('.js') ? request : `${request}.js`,
      );
      assert.ok(fs.existsSync(target), `${page}.js requires missing ${request}`);
    }
    const json = readJson(`${page}.json`);
    for (const [name, ref] of Object.entries(json.usingComponents ?? {})) {
      const base = path.resolve(path.dirname(path.join(dist, page)), ref);
      assert.ok(fs.existsSync(`${base}.js`) && fs.existsSync(`${base}.wxml`), `${page} component ${name} → ${ref}`);
    }
    const wxml = fs.readFileSync(path.join(dist, `${page}.wxml`), 'utf8');
    for (const [, src] of wxml.matchAll(/<import src="([^"]+)"/g)) {
      assert.ok(
        fs.existsSync(path.resolve(path.dirname(path.join(dist, page)), src)),
        `${page}.wxml imports missing ${src}`,
      );
    }
  }
});

test("all WXML and WXS compile with WeChat's wcc", () => {
  const output = compiler.wxmlToJs(dist);
  assert.match(output, /\$gwx/);
});

test("all WXSS compiles with WeChat's wcsc", () => {
  const output = compiler.wxssToJs(dist);
  assert.match(output, /wxssMap/);
});

test('the WXML check fails on a broken template (negative control)', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-broken-'));
  try {
    fs.cpSync(dist, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, 'pages/index/index.wxml'), '<view><text>unclosed</view>');
    assert.throws(() => compiler.wxmlToJs(copy), /pages\/index\/index\.wxml/);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test('package sizes stay within the P3 bars', () => {
  const sizes = weappSizes(dist);
  assert.ok(sizes.main <= BARS.mainPackageBytes, `main package ${sizes.main} B > ${BARS.mainPackageBytes} B`);
  for (const [root, bytes] of Object.entries(sizes.subPackages)) {
    assert.ok(bytes > 0, `${root} is empty`);
    assert.ok(bytes <= BARS.subPackageBytes, `${root} ${bytes} B > ${BARS.subPackageBytes} B`);
  }
  assert.ok(sizes.total <= BARS.totalBytes);
  assert.ok(
    listFiles(dist).every((file) => !file.endsWith('.map')),
    'source maps shipped in the package',
  );
});
