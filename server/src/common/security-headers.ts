import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/app-config';

/**
 * Security headers, set in one onSend hook rather than with @fastify/helmet: the three kinds of
 * response need different policies (static apps, the JSON API and its printable poster, Swagger UI),
 * and the H5 build's one inline script is allowed by its hash, read from the build that is served.
 *
 * - every response: nosniff, no Referer (signed media links carry tokens in the query), no framing;
 * - /admin/ and /h5/: a CSP that allows only this origin's scripts, inline styles (antd's CSS-in-JS,
 *   Taro's runtime styles), data:/blob: images (photo previews, the signature canvas) and the media origin;
 * - /api/ (not /api/docs, whose Swagger UI has its own inline bootstrapping): nothing may load, except
 *   the poster's inline styles and its inline SVG QR code.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, config: AppConfig): void {
  const mediaOrigin = config.media.publicBaseUrl ? new URL(config.media.publicBaseUrl).origin : null;
  const h5Scripts = new InlineScriptHashes(join(config.h5Dir, 'index.html'));
  const adminScripts = new InlineScriptHashes(join(config.adminWebDir, 'index.html'));
  const appPolicy = (scriptHashes: string[]) =>
    [
      "default-src 'self'",
      `script-src 'self'${scriptHashes.map((h) => ` '${h}'`).join('')}`,
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob:${mediaOrigin ? ` ${mediaOrigin}` : ''}`,
      `media-src 'self' data: blob:${mediaOrigin ? ` ${mediaOrigin}` : ''}`,
      "font-src 'self' data:",
      "connect-src 'self' blob: data:",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
  const apiPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    const path = request.url.split('?')[0];
    if (path.startsWith('/h5/') || path === '/h5')
      reply.header('content-security-policy', appPolicy(h5Scripts.current()));
    else if (path.startsWith('/admin/') || path === '/admin')
      reply.header('content-security-policy', appPolicy(adminScripts.current()));
    else if (path.startsWith('/api/') && !path.startsWith('/api/docs'))
      reply.header('content-security-policy', apiPolicy);
  });
}

/** sha256 sources of the inline <script> blocks of a built index.html, re-read when the build changes. */
class InlineScriptHashes {
  private mtimeMs = -1;
  private hashes: string[] = [];

  constructor(private readonly file: string) {}

  current(): string[] {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.file).mtimeMs;
    } catch {
      return [];
    }
    if (mtimeMs !== this.mtimeMs) {
      this.hashes = inlineScriptHashes(readFileSync(this.file, 'utf8'));
      this.mtimeMs = mtimeMs;
    }
    return this.hashes;
  }
}

export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (match[1].trim()) hashes.push(`sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}`);
  }
  return hashes;
}
