import { isIP } from 'node:net';
import type { Env } from './env-settings';

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: unset/false, true (every hop — only behind a proxy that overwrites the headers), a hop count, or IPs/CIDRs/names. */
export function trustProxySetting(env: Env, problems: string[]): boolean | number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (!raw || ['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (raw.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) problems.push(`TRUST_PROXY hop count must be 1–10 (got "${raw}")`);
    return hops;
  }
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const badPrefix = prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits);
    if (!family || badPrefix || rest.length) {
      problems.push(
        `TRUST_PROXY must be true, a hop count, or a comma-separated list of IPs/CIDRs (${PROXY_NAMES.join(', ')} allowed); "${entry}" is none of these`,
      );
    }
  }
  return entries;
}

const LOOPBACK_HOSTS = ['localhost', '::1', '[::1]'];
export const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** The origin links are built from: PUBLIC_BASE_URL, or this server's own address (with a production warning). */
export function publicBaseUrlSetting(
  env: Env,
  { host, port, production }: { host: string; port: number; production: boolean },
  problems: string[],
  warnings: string[],
): string {
  let publicBaseUrl = (env.PUBLIC_BASE_URL ?? '').trim().replace(/\/+$/, '');
  if (publicBaseUrl) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(publicBaseUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash || parsed.username) {
      problems.push(
        `PUBLIC_BASE_URL must be an http(s) origin with an optional path, like https://wx.example.com (got "${publicBaseUrl}")`,
      );
    }
  } else {
    const shownHost =
      host === '0.0.0.0' || host === '::'
        ? '127.0.0.1'
        : host.includes(':') && !host.startsWith('[')
          ? `[${host}]`
          : host;
    publicBaseUrl = `http://${shownHost}:${port}`;
    if (production)
      warnings.push(
        `PUBLIC_BASE_URL is not set: links on printed posters will point at ${publicBaseUrl}. Set it to the address residents reach, e.g. https://wx.example.com.`,
      );
  }
  return publicBaseUrl;
}
