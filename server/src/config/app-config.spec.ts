import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'cfg-'));

describe('loadConfig', () => {
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
      loadConfig({ NODE_ENV: 'production', DEMO_LOGIN: 'true', PORT: 'eighty', WECHAT_APP_ID: 'wx1', JWT_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join('\n');
      for (const name of ['DATABASE_URL', 'DEMO_LOGIN', 'PORT', 'WECHAT_APP_SECRET', 'JWT_SECRET']) expect(text).toContain(name);
    }
  });

  it('accepts a MySQL URL and refuses anything else', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'mysql://root@127.0.0.1:3306/app' }).database.type).toBe('mysql');
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://x/y' })).toThrow(/DATABASE_URL/);
  });
});
