import { createHash, createHmac } from 'node:crypto';
import type { S3Config } from '../../config/app-config';
import { assertSafeKey, ObjectStorage } from './object-storage.client';

export interface SigV4Input {
  method: string;
  /** Already URI-encoded absolute path, e.g. `/bucket/2026/11/x.jpg`. */
  path: string;
  /** Lower-case header names; every one given is signed. */
  headers: Record<string, string>;
  payloadHash: string;
  amzDate: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  service?: string;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** AWS Signature Version 4, header form (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html). */
export function signV4(input: SigV4Input): string {
  const service = input.service ?? 's3';
  const names = Object.keys(input.headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n].trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [input.method, input.path, '', canonicalHeaders, signedHeaders, input.payloadHash].join(
    '\n',
  );
  const day = input.amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', input.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

/** S3-compatible object storage (Tencent COS, MinIO, AWS) over plain fetch, path-style addressing. */
export class S3Storage implements ObjectStorage {
  constructor(
    private readonly config: S3Config,
    private readonly timeoutMs = 15_000,
  ) {}

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const res = await this.request('PUT', key, body, { 'content-type': contentType });
    if (!res.ok) throw await this.failure('PUT', res);
  }

  async get(key: string): Promise<Buffer | null> {
    const res = await this.request('GET', key);
    if (res.status === 404) return null;
    if (!res.ok) throw await this.failure('GET', res);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.request('DELETE', key);
    if (!res.ok && res.status !== 404) throw await this.failure('DELETE', res);
  }

  private async request(
    method: string,
    key: string,
    body?: Buffer,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    assertSafeKey(key);
    const url = new URL(this.config.endpoint);
    const path = `/${encodeURIComponent(this.config.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const payloadHash = sha256Hex(body ?? Buffer.alloc(0));
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-date': amzDate,
      'x-amz-content-sha256': payloadHash,
      ...extra,
    };
    headers.authorization = signV4({
      method,
      path,
      headers,
      payloadHash,
      amzDate,
      region: this.config.region,
      accessKeyId: this.config.accessKeyId,
      secretAccessKey: this.config.secretAccessKey,
    });
    // fetch sets Host itself from the URL; sending it again is refused by undici.
    const { host: _host, ...sent } = headers;
    return fetch(`${url.origin}${path}`, {
      method,
      headers: sent,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  private async failure(method: string, res: Response): Promise<Error> {
    const text = (await res.text().catch(() => '')).slice(0, 200);
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? 'unknown';
    return new Error(`Object storage ${method} failed: HTTP ${res.status} ${code}`);
  }
}
