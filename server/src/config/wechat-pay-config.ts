import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/**
 * WECHATPAY_* settings (docs/wechat-pay.md "Configuration"). Keys are parsed here so a bad PEM, a short APIv3 key or
 * an unreadable certificate stops the boot with a named problem instead of failing the first payment.
 */
export type WechatPayConfig =
  | { mode: 'off' }
  | {
      mode: 'stand-in';
      appId: string;
      notifyUrl: string;
      refundNotifyUrl: string;
      standIn: { serialMode: 'certificate' | 'public-key'; retryScale: number; host: string; port: number };
    }
  | {
      mode: 'live';
      mchid: string;
      appId: string;
      privateKey: KeyObject;
      certSerial: string;
      apiV3Key: string;
      apiV2Key: string | null;
      /** apiclient_cert.pem for the mutual-TLS APIv2 /secapi/ calls (micropay 撤销); null → reverse misconfigured. */
      clientCertPem: string | null;
      /** Platform-certificate serials and PUB_KEY_ID_ ids → public key (both accepted at once). */
      platformKeys: Map<string, KeyObject>;
      apiBase: string;
      notifyUrl: string;
      refundNotifyUrl: string;
      timeoutMs: number;
    };

type Env = Record<string, string | undefined>;

/** The notify routes the payments module serves; overridable when a proxy rewrites paths. */
export const DEFAULT_NOTIFY_PATH = '/api/payments/wechat/notify';
export const DEFAULT_REFUND_NOTIFY_PATH = '/api/payments/wechat/refund-notify';

function readPem(value: string, name: string, problems: string[]): string | null {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  if (!existsSync(value)) {
    problems.push(`${name}: file ${value} does not exist`);
    return null;
  }
  return readFileSync(value, 'utf8');
}

/** `[SERIAL=]path,…` for certificates (serial read from the certificate when omitted); `PUB_KEY_ID_…=path,…` for keys. */
function keyMap(env: Env, problems: string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const entry of (env.WECHATPAY_PLATFORM_CERTS ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const [serial, path] = eq > 0 ? [entry.slice(0, eq).trim(), entry.slice(eq + 1).trim()] : [null, entry];
    const pem = readPem(path, 'WECHATPAY_PLATFORM_CERTS', problems);
    if (!pem) continue;
    try {
      const cert = new X509Certificate(pem);
      const id = (serial ?? cert.serialNumber).toUpperCase();
      if (serial && serial.toUpperCase() !== cert.serialNumber.toUpperCase()) {
        problems.push(`WECHATPAY_PLATFORM_CERTS: ${path} has serial ${cert.serialNumber}, not ${serial}`);
      }
      keys.set(id, cert.publicKey);
    } catch {
      problems.push(`WECHATPAY_PLATFORM_CERTS: ${path} is not a PEM certificate`);
    }
  }
  for (const entry of (env.WECHATPAY_PUBLIC_KEYS ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const id = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!/^PUB_KEY_ID_\w+$/.test(id)) {
      problems.push('WECHATPAY_PUBLIC_KEYS entries must look like PUB_KEY_ID_0114…=/path/pub_key.pem');
      continue;
    }
    const pem = readPem(entry.slice(eq + 1).trim(), 'WECHATPAY_PUBLIC_KEYS', problems);
    if (!pem) continue;
    try {
      keys.set(id, createPublicKey(pem));
    } catch {
      problems.push(`WECHATPAY_PUBLIC_KEYS: ${id} is not a PEM public key`);
    }
  }
  return keys;
}

function notifyUrl(env: Env, name: string, fallback: string, strict: boolean, problems: string[]): string {
  const value = (env[name] ?? '').trim() || fallback;
  let u: URL | null = null;
  try {
    u = new URL(value);
  } catch {
    u = null;
  }
  // WeChat refuses notify URLs with a query string, and in production calls HTTPS only (§A7.1).
  if (!u || !['http:', 'https:'].includes(u.protocol) || u.search || u.hash || (strict && u.protocol !== 'https:')) {
    problems.push(`${name} must be an ${strict ? 'https' : 'http(s)'} URL without a query string (got "${value}")`);
  }
  return value;
}

export function wechatPaySettings(
  env: Env,
  ctx: { appEnv: 'development' | 'production' | 'test'; publicBaseUrl: string; host: string },
  problems: string[],
): WechatPayConfig {
  const production = ctx.appEnv === 'production';
  const given = (env.WECHATPAY_MODE ?? '').trim();
  if (given && !['live', 'stand-in', 'off'].includes(given))
    problems.push('WECHATPAY_MODE must be live, stand-in or off');
  // The embedded demo pays through the stand-in; tests ask for it explicitly (a key pair and a port per app otherwise).
  const mode = given || (env.WECHATPAY_MCHID ? 'live' : ctx.appEnv === 'development' ? 'stand-in' : 'off');
  if (mode === 'off' || !['live', 'stand-in'].includes(mode)) return { mode: 'off' };
  const appId = (env.WECHATPAY_APP_ID || env.WECHAT_APP_ID || '').trim();
  const notify = notifyUrl(
    env,
    'WECHATPAY_NOTIFY_URL',
    `${ctx.publicBaseUrl}${DEFAULT_NOTIFY_PATH}`,
    mode === 'live' && production,
    problems,
  );
  const refundNotify = notifyUrl(
    env,
    'WECHATPAY_REFUND_NOTIFY_URL',
    `${ctx.publicBaseUrl}${DEFAULT_REFUND_NOTIFY_PATH}`,
    mode === 'live' && production,
    problems,
  );

  if (mode === 'stand-in') {
    if (production)
      problems.push('WECHATPAY_MODE=stand-in (a simulated WeChat Pay) cannot be used with NODE_ENV=production');
    const serialMode = env.WECHATPAY_STANDIN_SERIAL_MODE || 'public-key';
    if (!['certificate', 'public-key'].includes(serialMode))
      problems.push('WECHATPAY_STANDIN_SERIAL_MODE must be certificate or public-key');
    const scale = Number(env.WECHATPAY_STANDIN_RETRY_SCALE || 1);
    if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
      problems.push('WECHATPAY_STANDIN_RETRY_SCALE must be a number in (0, 1]');
    const port = Number(env.WECHATPAY_STANDIN_PORT || 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      problems.push('WECHATPAY_STANDIN_PORT must be a port number (0 = any free port)');
    return {
      mode: 'stand-in',
      appId: appId || 'wx0000000000standin',
      notifyUrl: notify,
      refundNotifyUrl: refundNotify,
      standIn: {
        serialMode: serialMode as 'certificate' | 'public-key',
        retryScale: scale,
        host: env.WECHATPAY_STANDIN_HOST || ctx.host,
        port,
      },
    };
  }

  const required = [
    'WECHATPAY_MCHID',
    'WECHATPAY_PRIVATE_KEY',
    'WECHATPAY_CERT_SERIAL',
    'WECHATPAY_API_V3_KEY',
  ] as const;
  const missing = required.filter((n) => !env[n]);
  if (missing.length) problems.push(`WECHATPAY_MODE=live needs ${missing.join(', ')}`);
  if (!appId) problems.push('WECHATPAY_MODE=live needs WECHATPAY_APP_ID (or WECHAT_APP_ID)');
  const mchid = (env.WECHATPAY_MCHID ?? '').trim();
  if (mchid && !/^\d{8,12}$/.test(mchid)) problems.push('WECHATPAY_MCHID must be the 商户号 (digits)');
  const apiV3Key = env.WECHATPAY_API_V3_KEY ?? '';
  if (apiV3Key && Buffer.byteLength(apiV3Key, 'utf8') !== 32)
    problems.push('WECHATPAY_API_V3_KEY must be exactly 32 ASCII characters');
  const apiV2Key = env.WECHATPAY_API_V2_KEY || null;
  if (apiV2Key && Buffer.byteLength(apiV2Key, 'utf8') !== 32)
    problems.push('WECHATPAY_API_V2_KEY must be exactly 32 ASCII characters');
  let privateKey: KeyObject | null = null;
  const pem = env.WECHATPAY_PRIVATE_KEY ? readPem(env.WECHATPAY_PRIVATE_KEY, 'WECHATPAY_PRIVATE_KEY', problems) : null;
  if (pem) {
    try {
      privateKey = createPrivateKey(pem);
    } catch {
      problems.push('WECHATPAY_PRIVATE_KEY is not a PEM private key (apiclient_key.pem)');
    }
  }
  const clientCertPem = env.WECHATPAY_CLIENT_CERT
    ? readPem(env.WECHATPAY_CLIENT_CERT, 'WECHATPAY_CLIENT_CERT', problems)
    : null;
  const platformKeys = keyMap(env, problems);
  if (platformKeys.size === 0)
    problems.push(
      'WECHATPAY_MODE=live needs WECHATPAY_PLATFORM_CERTS and/or WECHATPAY_PUBLIC_KEYS to verify WeChat Pay',
    );
  const apiBase = (env.WECHATPAY_API_BASE || 'https://api.mch.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(apiBase))
    problems.push('WECHATPAY_API_BASE must be an origin like https://api.mch.weixin.qq.com');
  const timeoutMs = Number(env.WECHATPAY_TIMEOUT_MS || 10_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000)
    problems.push('WECHATPAY_TIMEOUT_MS must be an integer between 100 and 60000');
  return {
    mode: 'live',
    mchid,
    appId,
    privateKey: privateKey!,
    certSerial: (env.WECHATPAY_CERT_SERIAL ?? '').trim().toUpperCase(),
    apiV3Key,
    apiV2Key,
    clientCertPem,
    platformKeys,
    apiBase,
    notifyUrl: notify,
    refundNotifyUrl: refundNotify,
    timeoutMs,
  };
}
