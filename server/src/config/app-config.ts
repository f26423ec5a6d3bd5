import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { boolSetting, ConfigError, intSetting, type Env } from './env-settings';
import { mediaSettings, type MediaConfig } from './media-config';
import { isLoopbackHost, publicBaseUrlSetting, trustProxySetting } from './network-config';
import { notificationSettings, type NotificationsConfig } from './notifications-config';
import { wechatPaySettings, type WechatPayConfig } from './wechat-pay-config';

// The parts live in their own files; importers keep using this one.
export { ConfigError } from './env-settings';
export { isLoopbackHost } from './network-config';
export type { MediaConfig, S3Config } from './media-config';
export type { NotificationsConfig } from './notifications-config';

export type DatabaseConfig = { type: 'mysql'; url: string; poolSize: number } | { type: 'sqlite'; file: string };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  refreshFamilyMaxDays: number;
  loginMaxFailures: number;
  /** SESSION_CACHE_MS: how long the guard may answer a live session from memory (modules/identity/session-cache.ts); 0 = every request reads it. */
  sessionCacheMs: number;
  /** LOOKUP_CACHE_MS: how long ticket views may show house labels, project names and technicians' names from memory (common/lookup-cache.ts); 0 = off. */
  lookupCacheMs: number;
  loginLockMinutes: number;
  loginRateLimitPerMinute: number;
  /** 代客报修 phone lookups one staff account may make per minute (personal data: a script must not walk numbers). */
  callerLookupLimitPerMinute: number;
  demoLogin: boolean;
  /** The service centre's phone (服务中心电话) residents tap to call from 我的; null when not set. */
  servicePhone: string | null;
  /**
   * Fastify `trustProxy`: which peers may set X-Forwarded-For / -Host / -Proto. false (default) ignores
   * those headers, so nobody can choose the client IP the sign-in rate limit counts.
   */
  trustProxy: boolean | number | string[];
  /** Origin for links handed out (the poster's QR code); never taken from request headers. */
  publicBaseUrl: string;
  /** Printed at boot: settings that were accepted but changed something on the operator's behalf. */
  warnings: string[];
  wechat: { appId: string; appSecret: string; apiBase: string } | null;
  /** WeChat Pay (WECHATPAY_*): live merchant, the in-process stand-in (development default), or off. */
  wechatPay: WechatPayConfig;
  notifications: NotificationsConfig;
  /** SLA_POLL_SECONDS: how often this instance's SLA scheduler looks for due warnings; 0 = off (tests drive it). */
  slaPollSeconds: number;
  /**
   * RECONCILIATION_AT (HH:MM, Asia/Shanghai): from this time each day yesterday's WeChat Pay trade bill is
   * reconciled, once across instances; null = no scheduled run (tests and `off`). RECONCILIATION_POLL_SECONDS:
   * how often an instance checks whether that run is due.
   */
  reconciliation: { at: string | null; pollSeconds: number };
  /** PAYMENTS_POLL_SECONDS: how often this instance queries WeChat orders/refunds without a notify and closes expired ones; 0 = off (tests drive it). */
  paymentsPollSeconds: number;
  /**
   * 发货信息管理 upload after a WeChat (JSAPI) payment: WECHAT_SHIPPING_UPLOAD (default true; false = never upload),
   * WECHAT_SHIPPING_CHECK_SECONDS (how long is_trade_managed's answer is trusted; default 3600).
   */
  shippingUpload: { enabled: boolean; tradeManagedTtlSeconds: number };
  /** VISIT_REMINDER_MINUTES: technicians are reminded this long before an agreed visit; 0 = no reminders. */
  visitReminderMinutes: number;
  /** REMINDER_POLL_SECONDS: how often this instance looks for visits to remind of; 0 = off (tests drive it). */
  reminderPollSeconds: number;
  /** LIVE_STREAM_MAX_MINUTES: a console event stream is closed after this long and reopened with a fresh token. */
  liveStreamMaxMinutes: number;
  logLevel: string;
  /** Write logs to this file instead of stdout (used by the e2e privacy check). */
  logFile: string | null;
  adminWebDir: string;
  h5Dir: string;
  media: MediaConfig;
  /** PDF_FONT: a .ttf/.otf/.ttc with Chinese glyphs for printed bills; null = search the usual system paths. */
  pdfFont: string | null;
}

/** Development secrets are generated once and kept in the data folder so tokens survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, '.jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const rawEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(rawEnv)) {
    problems.push(`NODE_ENV must be development, production or test (got "${rawEnv}")`);
  }
  const appEnv = (['development', 'production', 'test'].includes(rawEnv) ? rawEnv : 'development') as AppConfig['env'];
  const production = appEnv === 'production';
  const dataDir = resolve(env.DATA_DIR || join(process.cwd(), 'data'));

  let database: DatabaseConfig;
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^mysql:\/\/[^/]+\/[A-Za-z0-9_$-]+/.test(url)) {
      problems.push('DATABASE_URL must look like mysql://user:password@host:3306/database');
    }
    database = { type: 'mysql', url, poolSize: intSetting(env, 'DATABASE_POOL_SIZE', 20, 1, 500, problems) };
  } else {
    if (production && env.ALLOW_SQLITE_IN_PRODUCTION !== 'true') {
      problems.push(
        'DATABASE_URL is required in production (set ALLOW_SQLITE_IN_PRODUCTION=true for a single-office install)',
      );
    }
    database = { type: 'sqlite', file: env.SQLITE_FILE ? resolve(env.SQLITE_FILE) : join(dataDir, 'app.sqlite') };
  }

  const appId = env.WECHAT_APP_ID ?? '';
  const appSecret = env.WECHAT_APP_SECRET ?? '';
  if (Boolean(appId) !== Boolean(appSecret)) problems.push('WECHAT_APP_ID and WECHAT_APP_SECRET must be set together');
  const wechat =
    appId && appSecret
      ? { appId, appSecret, apiBase: (env.WECHAT_API_BASE || 'https://api.weixin.qq.com').replace(/\/$/, '') }
      : null;

  const warnings: string[] = [];
  const host = env.HOST || '127.0.0.1';
  const demoSetting = boolSetting(env, 'DEMO_LOGIN', problems);
  if (production && demoSetting === true) problems.push('DEMO_LOGIN cannot be enabled when NODE_ENV=production');
  let demoLogin = !production && (demoSetting ?? !wechat);
  // Demo sign-in has no password: off by default once the server is reachable from other machines.
  if (demoLogin && demoSetting !== true && !isLoopbackHost(host)) {
    demoLogin = false;
    warnings.push(
      `Demo login is off because HOST=${host} is not loopback; set DEMO_LOGIN=true to enable it on this network (anyone who reaches the server can then sign in as a demo resident or technician).`,
    );
  }

  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (!jwtSecret) {
    if (production) problems.push('JWT_SECRET is required in production (at least 32 random characters)');
    else jwtSecret = developmentSecret(dataDir);
  }

  const port = intSetting(env, 'PORT', 3000, 0, 65535, problems);
  const publicBaseUrl = publicBaseUrlSetting(env, { host, port, production }, problems, warnings);
  const config: AppConfig = {
    env: appEnv,
    host,
    port,
    dataDir,
    database,
    jwtSecret,
    accessTokenTtlSeconds: intSetting(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 5, 86_400, problems),
    refreshTokenTtlDays: intSetting(env, 'REFRESH_TOKEN_TTL_DAYS', 14, 1, 365, problems),
    refreshFamilyMaxDays: intSetting(env, 'REFRESH_FAMILY_MAX_DAYS', 60, 1, 730, problems),
    loginMaxFailures: intSetting(env, 'LOGIN_MAX_FAILURES', 5, 1, 100, problems),
    sessionCacheMs: intSetting(env, 'SESSION_CACHE_MS', 1000, 0, 10_000, problems),
    lookupCacheMs: intSetting(env, 'LOOKUP_CACHE_MS', 30_000, 0, 600_000, problems),
    loginLockMinutes: intSetting(env, 'LOGIN_LOCK_MINUTES', 15, 1, 1440, problems),
    loginRateLimitPerMinute: intSetting(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 100_000, problems),
    callerLookupLimitPerMinute: intSetting(env, 'CALLER_LOOKUP_LIMIT_PER_MINUTE', 30, 1, 10_000, problems),
    demoLogin,
    servicePhone: servicePhoneSetting(env, problems),
    trustProxy: trustProxySetting(env, problems),
    publicBaseUrl,
    warnings,
    wechat,
    wechatPay: wechatPaySettings(env, { appEnv, publicBaseUrl, host }, problems),
    notifications: notificationSettings(env, problems),
    slaPollSeconds: intSetting(env, 'SLA_POLL_SECONDS', appEnv === 'test' ? 0 : 30, 0, 3600, problems),
    reconciliation: reconciliationSettings(env, appEnv, problems),
    paymentsPollSeconds: intSetting(env, 'PAYMENTS_POLL_SECONDS', appEnv === 'test' ? 0 : 20, 0, 3600, problems),
    shippingUpload: {
      enabled: boolSetting(env, 'WECHAT_SHIPPING_UPLOAD', problems) ?? true,
      tradeManagedTtlSeconds: intSetting(env, 'WECHAT_SHIPPING_CHECK_SECONDS', 3600, 0, 86_400, problems),
    },
    visitReminderMinutes: intSetting(env, 'VISIT_REMINDER_MINUTES', 30, 0, 1440, problems),
    reminderPollSeconds: intSetting(env, 'REMINDER_POLL_SECONDS', appEnv === 'test' ? 0 : 60, 0, 3600, problems),
    liveStreamMaxMinutes: intSetting(env, 'LIVE_STREAM_MAX_MINUTES', 30, 1, 1440, problems),
    logLevel: env.LOG_LEVEL || (appEnv === 'test' ? 'warn' : 'info'),
    logFile: env.LOG_FILE ? resolve(env.LOG_FILE) : null,
    adminWebDir: resolve(env.ADMIN_WEB_DIR || join(__dirname, '..', '..', 'admin-web', 'dist')),
    h5Dir: resolve(env.H5_DIR || join(__dirname, '..', '..', '..', 'miniapp', 'dist', 'h5')),
    media: mediaSettings(env, jwtSecret, problems),
    pdfFont: env.PDF_FONT?.trim() ? resolve(env.PDF_FONT.trim()) : null,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** WeChat Pay generates yesterday's trade bill from about 09:00 and advises fetching it after 10:00; 10:30 leaves room for delays. */
function reconciliationSettings(env: Env, appEnv: string, problems: string[]): AppConfig['reconciliation'] {
  const raw = (env.RECONCILIATION_AT ?? (appEnv === 'test' ? 'off' : '10:30')).trim();
  const pollSeconds = intSetting(env, 'RECONCILIATION_POLL_SECONDS', 60, 5, 3600, problems);
  if (raw === 'off' || raw === '') return { at: null, pollSeconds };
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!m) problems.push(`RECONCILIATION_AT must be HH:MM (Asia/Shanghai) or off (got "${raw}")`);
  return { at: m ? raw : null, pollSeconds };
}

/** Digits with optional dashes: 0755-12345678, 400-123-4567, 13800000000 (what a tel: link dials). */
function servicePhoneSetting(env: Env, problems: string[]): string | null {
  const raw = (env.SERVICE_PHONE ?? '').trim();
  if (!raw) return null;
  if (!/^\d[\d-]{4,18}\d$/.test(raw)) problems.push('SERVICE_PHONE must be a phone number (digits and dashes)');
  return raw;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
