import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-in for an S3-compatible object store (path-style PUT/GET/DELETE object) that verifies
 * AWS Signature V4 on every request with its own implementation of the algorithm, so the server's
 * client is checked against the documented contract rather than against itself.
 */
export interface S3StandIn {
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Requests refused, by S3 error code (SignatureDoesNotMatch, InvalidAccessKeyId, …). */
  refusals: Record<string, number>;
  close(): Promise<void>;
}

const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const mac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function expectedSignature(
  req: IncomingMessage,
  path: string,
  signedHeaders: string[],
  secret: string,
  scope: string[],
): string {
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const raw = req.headers[name];
      const value = Array.isArray(raw) ? raw.join(',') : String(raw ?? '');
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const creq = [
    req.method,
    path,
    '',
    canonicalHeaders,
    signedHeaders.join(';'),
    String(req.headers['x-amz-content-sha256']),
  ].join('\n');
  const [day, region, service] = scope;
  const sts = ['AWS4-HMAC-SHA256', String(req.headers['x-amz-date']), scope.join('/'), hex(creq)].join('\n');
  const key = mac(mac(mac(mac(`AWS4${secret}`, day), region), service), 'aws4_request');
  return createHmac('sha256', key).update(sts).digest('hex');
}

export async function startS3StandIn(opts: { bucket?: string; region?: string } = {}): Promise<S3StandIn> {
  const bucket = opts.bucket ?? 'media-e2e';
  const region = opts.region ?? 'ap-shanghai';
  const accessKeyId = `AKID${randomBytes(6).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(24).toString('base64');
  const objects: S3StandIn['objects'] = new Map();
  const refusals: Record<string, number> = {};

  const fail = (res: ServerResponse, status: number, code: string) => {
    refusals[code] = (refusals[code] ?? 0) + 1;
    res
      .writeHead(status, { 'content-type': 'application/xml' })
      .end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0];
      const auth =
        /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/(s3)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
          String(req.headers.authorization ?? ''),
        );
      if (!auth) return fail(res, 403, 'AccessDenied');
      const [, keyId, day, authRegion, service, signed, signature] = auth;
      if (keyId !== accessKeyId) return fail(res, 403, 'InvalidAccessKeyId');
      const amzDate = String(req.headers['x-amz-date'] ?? '');
      const at = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
      if (!Number.isFinite(at) || Math.abs(Date.now() - at) > 15 * 60_000 || !amzDate.startsWith(day))
        return fail(res, 403, 'RequestTimeTooSkewed');
      const signedHeaders = signed.split(';');
      if (
        !signedHeaders.includes('host') ||
        !signedHeaders.includes('x-amz-date') ||
        !signedHeaders.includes('x-amz-content-sha256')
      ) {
        return fail(res, 403, 'AccessDenied');
      }
      if (req.headers['x-amz-content-sha256'] !== hex(body)) return fail(res, 400, 'XAmzContentSHA256Mismatch');
      if (authRegion !== region) return fail(res, 400, 'AuthorizationHeaderMalformed');
      if (
        expectedSignature(req, path, signedHeaders, secretAccessKey, [day, authRegion, service, 'aws4_request']) !==
        signature
      ) {
        return fail(res, 403, 'SignatureDoesNotMatch');
      }
      const prefix = `/${bucket}/`;
      if (!path.startsWith(prefix)) return fail(res, 404, 'NoSuchBucket');
      const key = decodeURIComponent(path.slice(prefix.length));
      if (req.method === 'PUT') {
        objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') });
        return res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      }
      if (req.method === 'GET') {
        const object = objects.get(key);
        if (!object) return fail(res, 404, 'NoSuchKey');
        return res
          .writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length })
          .end(object.body);
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        return res.writeHead(204).end();
      }
      return fail(res, 405, 'MethodNotAllowed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
