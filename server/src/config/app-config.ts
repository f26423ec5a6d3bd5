import { createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type DatabaseConfig =
  | { type: 'mysql'; url: string; poolSize: number }
  | { type: 'sqlite'; file: string };

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface MediaConfig {
  maxBytes: number;
  maxInputPixels: number;
  urlSecret: string;
  urlTtlSeconds: number;
  /** Prefix for signed URLs handed to clients; relative `/api/media/…` paths when unset. */
  publicBaseUrl: string | null;
  /** Local disk under DATA_DIR/media when null. */
  s3: S3Config | null;
}

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
  notifications: NotificationsConfig;
  /** SLA_POLL_SECONDS: how often this instance's SLA scheduler looks for due warnings; 0 = off (tests drive it). */
  slaPollSeconds: number;
  logLevel: string;
  /** Write logs to this file instead of stdout (used by the e2e privacy check). */
  logFile: string | null;
  adminWebDir: string;
  h5Dir: string;
  media: MediaConfig;
  /** PDF_FONT: a .ttf/.otf/.ttc with Chinese glyphs for printed bills; null = search the usual system paths. */
  pdfFont: string | null;
}

export interface NotificationsConfig {
  /** BullMQ on this Redis when set; the in-process worker otherwise. */
  redisUrl: string | null;
  /** Prefix of the BullMQ keys (tests use their own so runs never share a queue). */
  queuePrefix: string;
  /** 'off' leaves delivery to another process (or a test that drives the worker itself). */
  worker: boolean;
  pollMs: number;
  leaseMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  /** WeChat subscribe-message template ids per topic; a topic without one is inbox-only. */
  templates: { jobDispatch: string | null; ticketProgress: string | null };
  miniprogramState: 'developer' | 'trial' | 'formal';
  wecom: { corpId: string; corpSecret: string; agentId: number; apiBase: string } | null;
}

function notificationSettings(env: Env, problems: string[]): NotificationsConfig {
  const redisUrl = (env.REDIS_URL ?? '').trim() || null;
  if (redisUrl && !/^rediss?:\/\/\S+$/.test(redisUrl)) problems.push('REDIS_URL must look like redis://host:6379');
  const state = env.WECHAT_MINIPROGRAM_STATE || 'formal';
  if (!['developer', 'trial', 'formal'].includes(state)) problems.push('WECHAT_MINIPROGRAM_STATE must be developer, trial or formal');
  const wecomNames = ['WECOM_CORP_ID', 'WECOM_CORP_SECRET', 'WECOM_AGENT_ID'] as const;
  const given = wecomNames.filter((n) => env[n]);
  let wecom: NotificationsConfig['wecom'] = null;
  if (given.length && given.length < wecomNames.length) {
    problems.push(`${wecomNames.filter((n) => !env[n]).join(', ')} must be set together with ${given.join(', ')}`);
  } else if (given.length) {
    const agentId = Number(env.WECOM_AGENT_ID);
    if (!Number.isInteger(agentId) || agentId <= 0) problems.push('WECOM_AGENT_ID must be a positive integer');
    wecom = {
      corpId: String(env.WECOM_CORP_ID), corpSecret: String(env.WECOM_CORP_SECRET), agentId,
      apiBase: (env.WECOM_API_BASE || 'https://qyapi.weixin.qq.com').replace(/\/$/, ''),
    };
  }
  const worker = boolSetting(env, 'NOTIFY_WORKER', problems);
  return {
    redisUrl,
    queuePrefix: env.NOTIFY_QUEUE_PREFIX || 'wy',
    worker: worker ?? true,
    pollMs: intSetting(env, 'NOTIFY_POLL_MS', 250, 20, 60_000, problems),
    leaseMs: intSetting(env, 'NOTIFY_LEASE_MS', 30_000, 200, 600_000, problems),
    retryBaseMs: intSetting(env, 'NOTIFY_RETRY_BASE_MS', 2_000, 10, 600_000, problems),
    maxAttempts: intSetting(env, 'NOTIFY_MAX_ATTEMPTS', 6, 1, 20, problems),
    templates: {
      jobDispatch: env.WECHAT_TEMPLATE_JOB_DISPATCH || null,
      ticketProgress: env.WECHAT_TEMPLATE_TICKET_PROGRESS || null,
    },
    miniprogramState: state as NotificationsConfig['miniprogramState'],
    wecom,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

function intSetting(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function boolSetting(env: Env, name: string, problems: string[]): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return undefined;
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

const S3_SETTINGS = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

function mediaSettings(env: Env, jwtSecret: string, problems: string[]): MediaConfig {
  const given = S3_SETTINGS.filter((name) => env[name]);
  let s3: S3Config | null = null;
  if (given.length && given.length < S3_SETTINGS.length) {
    problems.push(`${S3_SETTINGS.filter((name) => !env[name]).join(', ')} must be set together with ${given.join(', ')}`);
  } else if (given.length) {
    const endpoint = String(env.S3_ENDPOINT).replace(/\/$/, '');
    if (!/^https?:\/\/[^/\s]+$/.test(endpoint)) problems.push('S3_ENDPOINT must be an origin like https://cos.ap-shanghai.myqcloud.com (no path)');
    if (!/^[a-z0-9][a-z0-9.-]{1,62}$/.test(String(env.S3_BUCKET))) problems.push('S3_BUCKET must be a valid bucket name');
    s3 = {
      endpoint, bucket: String(env.S3_BUCKET), region: String(env.S3_REGION),
      accessKeyId: String(env.S3_ACCESS_KEY_ID), secretAccessKey: String(env.S3_SECRET_ACCESS_KEY),
    };
  }
  let urlSecret = env.MEDIA_URL_SECRET ?? '';
  if (urlSecret && urlSecret.length < 32) problems.push('MEDIA_URL_SECRET must be at least 32 characters');
  // Derived rather than reused, so a leaked media-URL key is never a token-signing key.
  if (!urlSecret) urlSecret = createHmac('sha256', jwtSecret).update('media-url-signing').digest('base64url');
  const publicBaseUrl = env.MEDIA_PUBLIC_BASE_URL ? env.MEDIA_PUBLIC_BASE_URL.replace(/\/$/, '') : null;
  if (publicBaseUrl && !/^https?:\/\/\S+$/.test(publicBaseUrl)) problems.push('MEDIA_PUBLIC_BASE_URL must be an http(s) URL');
  return {
    maxBytes: intSetting(env, 'MEDIA_MAX_BYTES', 10 * 1024 * 1024, 64 * 1024, 50 * 1024 * 1024, problems),
    maxInputPixels: intSetting(env, 'MEDIA_MAX_PIXELS', 40_000_000, 1_000_000, 100_000_000, problems),
    urlSecret,
    urlTtlSeconds: intSetting(env, 'MEDIA_URL_TTL_SECONDS', 600, 30, 86_400, problems),
    publicBaseUrl,
    s3,
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: unset/false, true (every hop — only behind a proxy that overwrites the headers), a hop count, or IPs/CIDRs/names. */
function trustProxySetting(env: Env, problems: string[]): AppConfig['trustProxy'] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (!raw || ['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (raw.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) problems.push(`TRUST_PROXY hop count must be 1–10 (got "${raw}")`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const badPrefix = prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits);
    if (!family || badPrefix || rest.length) {
      problems.push(`TRUST_PROXY must be true, a hop count, or a comma-separated list of IPs/CIDRs (${PROXY_NAMES.join(', ')} allowed); "${entry}" is none of these`);
    }
  }
  return entries;
}

const LOOPBACK_HOSTS = ['localhost', '::1', '[::1]'];
export const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

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
      problems.push('DATABASE_URL is required in production (set ALLOW_SQLITE_IN_PRODUCTION=true for a single-office install)');
    }
    database = { type: 'sqlite', file: env.SQLITE_FILE ? resolve(env.SQLITE_FILE) : join(dataDir, 'app.sqlite') };
  }

  const appId = env.WECHAT_APP_ID ?? '';
  const appSecret = env.WECHAT_APP_SECRET ?? '';
  if (Boolean(appId) !== Boolean(appSecret)) problems.push('WECHAT_APP_ID and WECHAT_APP_SECRET must be set together');
  const wechat = appId && appSecret
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
    warnings.push(`Demo login is off because HOST=${host} is not loopback; set DEMO_LOGIN=true to enable it on this network (anyone who reaches the server can then sign in as a demo resident or technician).`);
  }

  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (!jwtSecret) {
    if (production) problems.push('JWT_SECRET is required in production (at least 32 random characters)');
    else jwtSecret = developmentSecret(dataDir);
  }

  const port = intSetting(env, 'PORT', 3000, 0, 65535, problems);
  let publicBaseUrl = (env.PUBLIC_BASE_URL ?? '').trim().replace(/\/+$/, '');
  if (publicBaseUrl) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(publicBaseUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash || parsed.username) {
      problems.push(`PUBLIC_BASE_URL must be an http(s) origin with an optional path, like https://wx.example.com (got "${publicBaseUrl}")`);
    }
  } else {
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    publicBaseUrl = `http://${shownHost}:${port}`;
    if (production) warnings.push(`PUBLIC_BASE_URL is not set: links on printed posters will point at ${publicBaseUrl}. Set it to the address residents reach, e.g. https://wx.example.com.`);
  }
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
    loginLockMinutes: intSetting(env, 'LOGIN_LOCK_MINUTES', 15, 1, 1440, problems),
    loginRateLimitPerMinute: intSetting(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 100_000, problems),
    callerLookupLimitPerMinute: intSetting(env, 'CALLER_LOOKUP_LIMIT_PER_MINUTE', 30, 1, 10_000, problems),
    demoLogin,
    servicePhone: servicePhoneSetting(env, problems),
    trustProxy: trustProxySetting(env, problems),
    publicBaseUrl,
    warnings,
    wechat,
    notifications: notificationSettings(env, problems),
    slaPollSeconds: intSetting(env, 'SLA_POLL_SECONDS', appEnv === 'test' ? 0 : 30, 0, 3600, problems),
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

/** Digits with optional dashes: 0755-12345678, 400-123-4567, 13800000000 (what a tel: link dials). */
function servicePhoneSetting(env: Env, problems: string[]): string | null {
  const raw = (env.SERVICE_PHONE ?? '').trim();
  if (!raw) return null;
  if (!/^\d[\d-]{4,18}\d$/.test(raw)) problems.push('SERVICE_PHONE must be a phone number (digits and dashes)');
  return raw;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
