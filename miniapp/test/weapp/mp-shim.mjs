// Runs the real weapp build output (dist/weapp) inside node:vm with a recording stand-in for `wx`,
// so pages can be loaded, rendered and tapped without the WeChat devtools.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const WX_APIS_WITH_CALLBACKS = [
  'switchTab',
  'navigateTo',
  'redirectTo',
  'reLaunch',
  'navigateBack',
  'showToast',
  'hideToast',
  'showLoading',
  'hideLoading',
  'showModal',
  'setNavigationBarTitle',
  'stopPullDownRefresh',
];

/**
 * @param {string} root dist/weapp
 * @param {{ request?: (opts: object) => { statusCode: number, data: unknown } | Promise<{ statusCode: number, data: unknown }>, login?: () => object, requestPayment?: (opts: object) => { errMsg: string }, chooseMedia?: () => object, uploadFile?: (opts: object) => { statusCode: number, data: string } }} handlers
 */
export function createMiniProgram(root, handlers = {}) {
  const calls = [];
  const storage = new Map();
  const record = (name, opts) => calls.push({ name, opts });
  const settle = (opts, result, ok = true) => {
    setTimeout(() => {
      if (ok) opts?.success?.(result);
      else opts?.fail?.(result);
      opts?.complete?.(result);
    }, 0);
    return ok ? Promise.resolve(result) : Promise.reject(result);
  };

  const wx = {
    getSystemInfoSync: () => systemInfo(),
    getSystemInfo: (opts) => settle(opts, systemInfo()),
    getWindowInfo: () => ({
      pixelRatio: 2,
      windowWidth: 375,
      windowHeight: 667,
      screenWidth: 375,
      screenHeight: 667,
      statusBarHeight: 20,
    }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'iOS 17', brand: 'devtools', model: 'iPhone' }),
    getAppBaseInfo: () => ({ SDKVersion: '3.5.0', language: 'zh_CN', version: '8.0.50' }),
    getMenuButtonBoundingClientRect: () => ({ top: 24, bottom: 56, left: 280, right: 367, width: 87, height: 32 }),
    canIUse: () => true,
    nextTick: (fn) => setTimeout(fn, 0),
    onAppShow: () => {},
    onAppHide: () => {},
    offAppShow: () => {},
    offAppHide: () => {},
    getStorageSync: (key) => (storage.has(key) ? JSON.parse(storage.get(key)) : ''),
    setStorageSync: (key, value) => void storage.set(key, JSON.stringify(value)),
    removeStorageSync: (key) => void storage.delete(key),
    request: (opts) => {
      record('request', opts);
      Promise.resolve(handlers.request ? handlers.request(opts) : { statusCode: 404, data: '' }).then(
        (res) => settle(opts, { ...res, header: {}, errMsg: 'request:ok' }),
        (error) => settle(opts, { errMsg: `request:fail ${error?.message ?? ''}` }, false),
      );
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    login: (opts) => {
      record('login', opts);
      return settle(opts, handlers.login ? handlers.login() : { code: 'wx-code-1', errMsg: 'login:ok' });
    },
    // WeChat Pay's sheet: answers what the test says (default: paid), like the real one only through callbacks/promise.
    requestPayment: (opts) => {
      record('requestPayment', opts);
      const res = handlers.requestPayment ? handlers.requestPayment(opts) : { errMsg: 'requestPayment:ok' };
      return settle(opts, res, res.errMsg === 'requestPayment:ok');
    },
    createSelectorQuery: () => selectorQuery(),
    chooseMedia: (opts) => {
      record('chooseMedia', opts);
      // Without callbacks WeChat answers a promise, and Taro passes chooseMedia straight through.
      return settle(
        opts,
        handlers.chooseMedia ? handlers.chooseMedia() : { errMsg: 'chooseMedia:fail cancel' },
        Boolean(handlers.chooseMedia),
      );
    },
    // Like WeChat's: callbacks plus a returned UploadTask with progress events.
    uploadFile: (opts) => {
      record('uploadFile', opts);
      const res = handlers.uploadFile ? handlers.uploadFile(opts) : { statusCode: 404, data: '' };
      setTimeout(() => settle(opts, { ...res, errMsg: 'uploadFile:ok' }), 0);
      return {
        abort() {},
        onProgressUpdate() {},
        offProgressUpdate() {},
        onHeadersReceived() {},
        offHeadersReceived() {},
      };
    },
  };
  for (const name of WX_APIS_WITH_CALLBACKS) {
    wx[name] = (opts) => {
      record(name, opts);
      return settle(opts, { errMsg: `${name}:ok` });
    };
  }

  let app = null;
  const pageConfigs = new Map();
  let loadingPath = null;
  const pageStack = [];
  const sandbox = {
    wx,
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    App: (config) => {
      app = config;
    },
    Page: (config) => {
      pageConfigs.set(loadingPath, config);
    },
    Component: (config) => {
      pageConfigs.set(loadingPath, config);
    },
    Behavior: (config) => config,
    getApp: () => app,
    getCurrentPages: () => pageStack,
    requirePlugin: () => ({}),
  };
  sandbox.globalThis = sandbox;
  const context = vm.createContext(sandbox);
  const cache = new Map();

  function requireFrom(dir) {
    return (request) => {
      const file = path.resolve(dir, request.endsWith('.js') ? request : `${request}.js`);
      if (!file.startsWith(path.resolve(root))) throw new Error(`require outside the package: ${request}`);
      if (cache.has(file)) return cache.get(file).exports;
      const module = { exports: {} };
      cache.set(file, module);
      const code = fs.readFileSync(file, 'utf8');
      const fn = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, { filename: file });
      fn(requireFrom(path.dirname(file)), module, module.exports);
      return module.exports;
    };
  }

  function launch() {
    requireFrom(root)('./app');
    if (!app) throw new Error('app.js did not call App()');
    app.onLaunch?.call(app, { path: 'pages/index/index', query: {}, scene: 1001 });
    app.onShow?.call(app, { path: 'pages/index/index', query: {}, scene: 1001 });
    return app;
  }

  /** Loads a page's js, instantiates it like the base library does and runs its first lifecycle. */
  async function openPage(route, query = {}) {
    loadingPath = route;
    requireFrom(root)(`./${route}`);
    const config = pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    const page = Object.create(config);
    page.route = route;
    page.__wxWebviewId__ = pageStack.length + 1;
    page.data = structuredClone(config.data ?? {});
    page.setData = (patch, callback) => {
      for (const [key, value] of Object.entries(patch)) setPath(page.data, key, value);
      setTimeout(() => callback?.(), 0);
    };
    pageStack.push(page);
    page.onLoad?.call(page, query);
    page.onShow?.call(page);
    page.onReady?.call(page);
    await settled();
    return page;
  }

  return { wx, calls, storage, launch, openPage, settled };
}

/** Lets timers, promises and setData callbacks run out. */
export async function settled(rounds = 20) {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export function allText(node) {
  if (!node || typeof node !== 'object') return '';
  const own = typeof node.v === 'string' ? node.v : '';
  const children = Array.isArray(node.cn) ? node.cn.map(allText).join('') : '';
  return own + children;
}

/** The innermost element (not a bare text node) whose text contains `text`, with its ancestors (outermost first). */
export function findByText(node, text, ancestors = []) {
  if (!node || typeof node !== 'object' || typeof node.v === 'string') return null;
  const path = node.sid ? [...ancestors, node] : ancestors;
  for (const child of node.cn ?? []) {
    const found = findByText(child, text, path);
    if (found) return found;
  }
  return node.sid && allText(node).includes(text) ? Object.assign(node, { ancestors }) : null;
}

/**
 * Taps like a finger: the native tap bubbles to the nearest element whose template binds `tap`
 * (Taro renders a View with onClick through a different template than a plain View), and that
 * element's `bindtap="eh"` reaches the page.
 */
export async function tap(page, node, root) {
  const tappable = tappableTemplates(root);
  const target = [...node.ancestors, node].reverse().find((n) => tappable.has(String(n.nn)));
  if (!target) throw new Error(`nothing bound to tap around ${node.sid}`);
  const at = (n) => ({ id: n.sid, dataset: { sid: n.sid } });
  page.eh({
    type: 'tap',
    timeStamp: Date.now(),
    target: at(node),
    currentTarget: at(target),
    detail: { x: 0, y: 0 },
    touches: [],
    changedTouches: [],
  });
  await settled();
}

const tappableCache = new Map();
function tappableTemplates(root) {
  if (!tappableCache.has(root)) {
    const wxml = fs.readFileSync(path.join(root, 'base.wxml'), 'utf8');
    const names = [...wxml.matchAll(/<template name="tmpl_0_(\d+)">([\s\S]*?)<\/template>/g)]
      .filter(([, , body]) => /\bbindtap=/.test(body))
      .map(([, nn]) => nn);
    tappableCache.set(root, new Set(names));
  }
  return tappableCache.get(root);
}

function setPath(target, key, value) {
  const parts = key.split('.').map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
  let cursor = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    if (cursor[part] === undefined || cursor[part] === null) cursor[part] = typeof parts[i + 1] === 'number' ? [] : {};
    cursor = cursor[part];
  }
  cursor[parts[parts.length - 1]] = value;
}

function systemInfo() {
  return {
    platform: 'devtools',
    pixelRatio: 2,
    windowWidth: 375,
    windowHeight: 667,
    screenWidth: 375,
    screenHeight: 667,
    statusBarHeight: 20,
    SDKVersion: '3.5.0',
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17',
    model: 'iPhone',
  };
}

function selectorQuery() {
  const query = {
    in: () => query,
    select: () => query,
    selectAll: () => query,
    selectViewport: () => query,
    boundingClientRect: () => query,
    fields: () => query,
    scrollOffset: () => query,
    exec: (cb) => setTimeout(() => cb?.([]), 0),
  };
  return query;
}
