import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'cfg-'));

describe('loadConfig', () => {
  it('notifications: in-process by default; BullMQ with REDIS_URL; WeCom only with all three settings', () => {
    const plain = loadConfig({ DATA_DIR: dataDir() }).notifications;
    expect(plain).toMatchObject({
      redisUrl: null,
      worker: true,
      wecom: null,
      templates: { jobDispatch: null, ticketProgress: null },
      miniprogramState: 'formal',
    });
    const full = loadConfig({
      DATA_DIR: dataDir(),
      REDIS_URL: 'redis://127.0.0.1:6379',
      WECOM_CORP_ID: 'ww1',
      WECOM_CORP_SECRET: 's',
      WECOM_AGENT_ID: '1000002',
      WECHAT_TEMPLATE_JOB_DISPATCH: 't1',
      NOTIFY_WORKER: 'false',
    }).notifications;
    expect(full).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', worker: false, templates: { jobDispatch: 't1' } });
    expect(full.wecom).toEqual({
      corpId: 'ww1',
      corpSecret: 's',
      agentId: 1000002,
      apiBase: 'https://qyapi.weixin.qq.com',
    });
    let error: ConfigError | undefined;
    try {
      loadConfig({
        DATA_DIR: dataDir(),
        REDIS_URL: 'localhost:6379',
        WECOM_CORP_ID: 'ww1',
        WECHAT_MINIPROGRAM_STATE: 'beta',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        'REDIS_URL must look like redis://host:6379',
        'WECHAT_MINIPROGRAM_STATE must be developer, trial or formal',
        'WECOM_CORP_SECRET, WECOM_AGENT_ID must be set together with WECOM_CORP_ID',
      ]),
    );
  });

  it('defaults to the embedded SQLite file, demo login and a persisted dev secret', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.database).toEqual({ type: 'sqlite', file: join(dir, 'app.sqlite') });
    expect(config.demoLogin).toBe(true);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it('turns demo login off once a WeChat app is configured', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' });
    expect(config.demoLogin).toBe(false);
    expect(config.wechat).toEqual({ appId: 'wx1', appSecret: 's', apiBase: 'https://api.weixin.qq.com' });
  });

  it('lists every problem at once, naming the setting', () => {
    try {
      loadConfig({
        NODE_ENV: 'production',
        DEMO_LOGIN: 'true',
        PORT: 'eighty',
        WECHAT_APP_ID: 'wx1',
        JWT_SECRET: 'short',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join('\n');
      for (const name of ['DATABASE_URL', 'DEMO_LOGIN', 'PORT', 'WECHAT_APP_SECRET', 'JWT_SECRET'])
        expect(text).toContain(name);
    }
  });

  it('reads the service-centre phone residents call from 我的, and refuses something that is not a number', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).servicePhone).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), SERVICE_PHONE: ' 0755-86001234 ' }).servicePhone).toBe('0755-86001234');
    expect(() => loadConfig({ DATA_DIR: dataDir(), SERVICE_PHONE: '请拨打前台' })).toThrow(/SERVICE_PHONE/);
  });

  it('accepts a MySQL URL and refuses anything else', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'mysql://root@127.0.0.1:3306/app' }).database.type).toBe(
      'mysql',
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://x/y' })).toThrow(/DATABASE_URL/);
  });

  it('turns demo login off beyond loopback unless DEMO_LOGIN=true, with a boot warning', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), HOST: '127.0.0.1' })).toMatchObject({ demoLogin: true, warnings: [] });
    expect(loadConfig({ DATA_DIR: dataDir(), HOST: 'localhost' }).demoLogin).toBe(true);
    const open = loadConfig({ DATA_DIR: dataDir(), HOST: '0.0.0.0' });
    expect(open.demoLogin).toBe(false);
    expect(open.warnings.join('\n')).toMatch(/DEMO_LOGIN=true/);
    expect(loadConfig({ DATA_DIR: dataDir(), HOST: '192.168.1.20', DEMO_LOGIN: 'true' })).toMatchObject({
      demoLogin: true,
      warnings: [],
    });
  });

  it('trusts forwarded headers only from a configured TRUST_PROXY, validated at boot', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '10.0.0.0/8, ::1, loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    for (const bad of ['10.0.0.0/33', 'proxy.example.com', '300.1.1.1', '11', '1.2.3.4/8/1']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  it('builds public links from PUBLIC_BASE_URL, defaulting to http://HOST:PORT', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).publicBaseUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ DATA_DIR: dataDir(), HOST: '0.0.0.0', PORT: '8080', DEMO_LOGIN: 'false' }).publicBaseUrl).toBe(
      'http://127.0.0.1:8080',
    );
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_BASE_URL: 'https://wx.example.com/' }).publicBaseUrl).toBe(
      'https://wx.example.com',
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), PUBLIC_BASE_URL: 'wx.example.com' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), PUBLIC_BASE_URL: 'https://wx.example.com/?x=1' })).toThrow(
      /PUBLIC_BASE_URL/,
    );
    const prod = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'y'.repeat(40),
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/x',
    });
    expect(prod.warnings.join('\n')).toMatch(/PUBLIC_BASE_URL/);
  });

  it('reconciliation: daily at 10:30 by default, off in tests, HH:MM validated', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).reconciliation).toEqual({ at: '10:30', pollSeconds: 60 });
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'test' }).reconciliation.at).toBeNull();
    expect(
      loadConfig({ DATA_DIR: dataDir(), RECONCILIATION_AT: '09:05', RECONCILIATION_POLL_SECONDS: '30' }).reconciliation,
    ).toEqual({ at: '09:05', pollSeconds: 30 });
    expect(loadConfig({ DATA_DIR: dataDir(), RECONCILIATION_AT: 'off' }).reconciliation.at).toBeNull();
    expect(() => loadConfig({ DATA_DIR: dataDir(), RECONCILIATION_AT: '25:00' })).toThrow(/RECONCILIATION_AT/);
  });
});
