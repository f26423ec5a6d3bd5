import { createHmac } from 'node:crypto';
import { intSetting, type Env } from './env-settings';

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

const S3_SETTINGS = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

export function mediaSettings(env: Env, jwtSecret: string, problems: string[]): MediaConfig {
  const given = S3_SETTINGS.filter((name) => env[name]);
  let s3: S3Config | null = null;
  if (given.length && given.length < S3_SETTINGS.length) {
    problems.push(
      `${S3_SETTINGS.filter((name) => !env[name]).join(', ')} must be set together with ${given.join(', ')}`,
    );
  } else if (given.length) {
    const endpoint = String(env.S3_ENDPOINT).replace(/\/$/, '');
    if (!/^https?:\/\/[^/\s]+$/.test(endpoint))
      problems.push('S3_ENDPOINT must be an origin like https://cos.ap-shanghai.myqcloud.com (no path)');
    if (!/^[a-z0-9][a-z0-9.-]{1,62}$/.test(String(env.S3_BUCKET)))
      problems.push('S3_BUCKET must be a valid bucket name');
    s3 = {
      endpoint,
      bucket: String(env.S3_BUCKET),
      region: String(env.S3_REGION),
      accessKeyId: String(env.S3_ACCESS_KEY_ID),
      secretAccessKey: String(env.S3_SECRET_ACCESS_KEY),
    };
  }
  let urlSecret = env.MEDIA_URL_SECRET ?? '';
  if (urlSecret && urlSecret.length < 32) problems.push('MEDIA_URL_SECRET must be at least 32 characters');
  // Derived rather than reused, so a leaked media-URL key is never a token-signing key.
  if (!urlSecret) urlSecret = createHmac('sha256', jwtSecret).update('media-url-signing').digest('base64url');
  const publicBaseUrl = env.MEDIA_PUBLIC_BASE_URL ? env.MEDIA_PUBLIC_BASE_URL.replace(/\/$/, '') : null;
  if (publicBaseUrl && !/^https?:\/\/\S+$/.test(publicBaseUrl))
    problems.push('MEDIA_PUBLIC_BASE_URL must be an http(s) URL');
  return {
    maxBytes: intSetting(env, 'MEDIA_MAX_BYTES', 10 * 1024 * 1024, 64 * 1024, 50 * 1024 * 1024, problems),
    maxInputPixels: intSetting(env, 'MEDIA_MAX_PIXELS', 40_000_000, 1_000_000, 100_000_000, problems),
    urlSecret,
    urlTtlSeconds: intSetting(env, 'MEDIA_URL_TTL_SECONDS', 600, 30, 86_400, problems),
    publicBaseUrl,
    s3,
  };
}
