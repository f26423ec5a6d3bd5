import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

/** A self-signed certificate made with `openssl req -x509` (stands in for a WeChat Pay platform certificate). */
const PLATFORM_CERT = `-----BEGIN CERTIFICATE-----
MIIDSzCCAjOgAwIBAgIUfom6kuP4w4F5uy450zMT6V5FYnYwDQYJKoZIhvcNAQEL
BQAwNTEkMCIGA1UEAwwbVGVucGF5LmNvbSBSb290IENBIHN0YW5kLWluMQ0wCwYD
VQQKDAR0ZXN0MB4XDTI2MTIwMTE0MjcwN1oXDTM2MTEyODE0MjcwN1owNTEkMCIG
A1UEAwwbVGVucGF5LmNvbSBSb290IENBIHN0YW5kLWluMQ0wCwYDVQQKDAR0ZXN0
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzst2sHC8/VPuaE8v+b2S
Pmk3x1UmynfOPCLS9/n0TB7xPqr77V7AU4qKVbjHvnXClAr1NC08dSpnqGkovOx2
+iDdy3Rzu7ViGcsRYVr4x6CWaFabOPE9B3K+1S5+Jiv8hjTWricqvDjakD/OZH0U
ZMMZen1/t6ZNTlcLkuIaGu3phl+wysXcnd9JBIc/U0Lfnv2puYMGNlk69ilrzske
nXo2EX3UhjCYQ0+40MhJ3T2kNLuPjrPTn7h2mZq/4DyjB66kYMsZqyM107eGnjI0
rfKyC4bSe2bZqW3jbD0HZKJIY710Q9z7Caua87GDW73QlhuRN9uO6USQNEiJTrVh
WwIDAQABo1MwUTAdBgNVHQ4EFgQUpkdlXIrW7Sw5LEyZDkXYcSSvANcwHwYDVR0j
BBgwFoAUpkdlXIrW7Sw5LEyZDkXYcSSvANcwDwYDVR0TAQH/BAUwAwEB/zANBgkq
hkiG9w0BAQsFAAOCAQEARpCQCh/+xOEnlTLuwM75Z5X8gIObtgxK4fLNKrOWKTRm
uYq8MFU1rc/nKcS6xH1ej3R73Gq2szmFpRMc9aZGxKWcxky8H5BPnpV9DCjOQ0WD
jBp1stiytRW9DfkiwLZ6bJq++STvEL7e1gU/W3a0dtQigoonGqSYkI578uz+xsxV
iMV9WanaHwmVPolB2VvrM+qyYZwh7wJJzaMdpTd+vZnes2bNLLAqMimMmvY2lFvO
Of9GoAD0saJf/DeK/sdiOVP5ihPX2E+93HvvXgOPfKu0Z8k6MdGmU86w7KHksFTb
g/ZDaJDvO6mIhdpf3m36C7bXmJ5l/Z7ylW/bDiI8dw==
-----END CERTIFICATE-----
`;
const CERT_SERIAL = '7E89BA92E3F8C38179BB2E39D33313E95E456276';

const dir = mkdtempSync(join(tmpdir(), 'wxpay-config-'));
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const privatePath = file('apiclient_key.pem', keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
const publicPath = file('pub_key.pem', keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
const certPath = file('wechatpay_cert.pem', PLATFORM_CERT);

const base = { DATA_DIR: dir, JWT_SECRET: 'x'.repeat(40) };
const live = {
  ...base,
  WECHATPAY_MCHID: '1900000109',
  WECHAT_APP_ID: 'wx1',
  WECHAT_APP_SECRET: 's',
  WECHATPAY_PRIVATE_KEY: privatePath,
  WECHATPAY_CERT_SERIAL: 'abc123',
  WECHATPAY_API_V3_KEY: 'k'.repeat(32),
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('WECHATPAY_* configuration', () => {
  it('development defaults to the stand-in, test and production to off', () => {
    const dev = loadConfig({ ...base, NODE_ENV: 'development', PORT: '3100' }).wechatPay;
    expect(dev).toEqual({
      mode: 'stand-in',
      appId: 'wx0000000000standin',
      notifyUrl: 'http://127.0.0.1:3100/api/payments/wechat/notify',
      refundNotifyUrl: 'http://127.0.0.1:3100/api/payments/wechat/refund-notify',
      standIn: { serialMode: 'public-key', retryScale: 1, host: '127.0.0.1', port: 0 },
    });
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).wechatPay).toEqual({ mode: 'off' });
    expect(loadConfig({ ...base, NODE_ENV: 'production', ALLOW_SQLITE_IN_PRODUCTION: 'true' }).wechatPay).toEqual({
      mode: 'off',
    });
  });

  it('the stand-in is refused in production and its options are validated', () => {
    expect(
      problems({ ...base, NODE_ENV: 'production', ALLOW_SQLITE_IN_PRODUCTION: 'true', WECHATPAY_MODE: 'stand-in' }),
    ).toContain('WECHATPAY_MODE=stand-in (a simulated WeChat Pay) cannot be used with NODE_ENV=production');
    const p = problems({
      ...base,
      NODE_ENV: 'test',
      WECHATPAY_MODE: 'stand-in',
      WECHATPAY_STANDIN_SERIAL_MODE: 'x',
      WECHATPAY_STANDIN_RETRY_SCALE: '2',
    });
    expect(p).toEqual([
      'WECHATPAY_STANDIN_SERIAL_MODE must be certificate or public-key',
      'WECHATPAY_STANDIN_RETRY_SCALE must be a number in (0, 1]',
    ]);
    expect(problems({ ...base, WECHATPAY_MODE: 'sandbox' })).toContain('WECHATPAY_MODE must be live, stand-in or off');
  });

  it('live: keys parsed at boot, both a certificate (serial read from it) and a PUB_KEY_ID_ key in one map', () => {
    const c = loadConfig({
      ...live,
      NODE_ENV: 'development',
      WECHATPAY_PLATFORM_CERTS: certPath,
      WECHATPAY_PUBLIC_KEYS: `PUB_KEY_ID_0119000001=${publicPath}`,
      WECHATPAY_NOTIFY_URL: 'https://wx.example.com/api/payments/wechat/notify',
    }).wechatPay;
    if (c.mode !== 'live') throw new Error('expected live');
    expect([...c.platformKeys.keys()].sort()).toEqual([CERT_SERIAL, 'PUB_KEY_ID_0119000001']);
    expect(c).toMatchObject({
      mchid: '1900000109',
      appId: 'wx1',
      certSerial: 'ABC123',
      apiBase: 'https://api.mch.weixin.qq.com',
      apiV2Key: null,
      timeoutMs: 10_000,
    });
    expect(c.privateKey.asymmetricKeyType).toBe('rsa');
    // Inline PEM (with literal \n as env files carry it) works as well as a path.
    const inline = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n');
    const c2 = loadConfig({
      ...live,
      NODE_ENV: 'development',
      WECHATPAY_PRIVATE_KEY: inline,
      WECHATPAY_PLATFORM_CERTS: `${CERT_SERIAL}=${certPath}`,
    }).wechatPay;
    expect(c2.mode === 'live' && c2.privateKey.type).toBe('private');
  });

  it('live: every broken piece is named', () => {
    const p = problems({
      ...live,
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://u:p@h:3306/db',
      WECHATPAY_API_V3_KEY: 'short',
      WECHATPAY_PRIVATE_KEY: publicPath,
      WECHATPAY_PLATFORM_CERTS: `WRONGSERIAL=${certPath}`,
      WECHATPAY_PUBLIC_KEYS: `KEY=${publicPath}`,
      WECHATPAY_NOTIFY_URL: 'http://wx.example.com/n?x=1',
    });
    expect(p).toEqual(
      expect.arrayContaining([
        'WECHATPAY_API_V3_KEY must be exactly 32 ASCII characters',
        'WECHATPAY_PRIVATE_KEY is not a PEM private key (apiclient_key.pem)',
        `WECHATPAY_PLATFORM_CERTS: ${certPath} has serial ${CERT_SERIAL}, not WRONGSERIAL`,
        'WECHATPAY_PUBLIC_KEYS entries must look like PUB_KEY_ID_0114…=/path/pub_key.pem',
        'WECHATPAY_NOTIFY_URL must be an https URL without a query string (got "http://wx.example.com/n?x=1")',
      ]),
    );
    expect(problems({ ...base, WECHATPAY_MODE: 'live' })).toEqual(
      expect.arrayContaining([
        'WECHATPAY_MODE=live needs WECHATPAY_MCHID, WECHATPAY_PRIVATE_KEY, WECHATPAY_CERT_SERIAL, WECHATPAY_API_V3_KEY',
        'WECHATPAY_MODE=live needs WECHATPAY_PLATFORM_CERTS and/or WECHATPAY_PUBLIC_KEYS to verify WeChat Pay',
      ]),
    );
    expect(problems({ ...live, WECHATPAY_PLATFORM_CERTS: join(dir, 'missing.pem') })).toContain(
      `WECHATPAY_PLATFORM_CERTS: file ${join(dir, 'missing.pem')} does not exist`,
    );
  });
});
