import { createCipheriv, createDecipheriv, createHmac, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The WeChat Pay APIv3 crypto of docs wechat.md §A7.1–A7.3 and §A7.6, on node:crypto only.
 * Shared by the client (signs requests, verifies answers and notifies) and the stand-in (the mirror image),
 * so both sides are pinned by the same known-vector unit tests.
 */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** Notifies and answers older or newer than this are refused (wechat.md §A7.3). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export const nonce = (bytes = 16): string => randomBytes(bytes).toString('hex').toUpperCase();
export const unixSeconds = (ms = Date.now()): string => String(Math.floor(ms / 1000));

/** `METHOD\nURL_PATH_WITH_QUERY\nTIMESTAMP\nNONCE\nBODY\n` (§A7.1); BODY is empty for GET. */
export function requestMessage(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonceStr: string,
  body: string,
): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonceStr}\n${body}\n`;
}

export function rsaSign(message: string | Buffer, privateKey: KeyObject): string {
  return sign('RSA-SHA256', typeof message === 'string' ? Buffer.from(message, 'utf8') : message, privateKey).toString(
    'base64',
  );
}

/** Never throws: a malformed signature is just a bad one (an exception must not become "skip verification"). */
export function rsaVerify(message: string | Buffer, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(
      'RSA-SHA256',
      typeof message === 'string' ? Buffer.from(message, 'utf8') : message,
      publicKey,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

export interface AuthorizationParts {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

export function authorizationHeader(parts: AuthorizationParts): string {
  const { mchid, nonce_str, signature, timestamp, serial_no } = parts;
  return `${AUTH_SCHEMA} mchid="${mchid}",nonce_str="${nonce_str}",signature="${signature}",timestamp="${timestamp}",serial_no="${serial_no}"`;
}

/** Parses an Authorization header; null when it is not a WECHATPAY2 header with all five fields. */
export function parseAuthorization(header: string | undefined): AuthorizationParts | null {
  if (!header || !header.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return null;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

/** Signs one merchant request (§A7.1) and returns the Authorization header value. */
export function signRequest(opts: {
  method: string;
  pathWithQuery: string;
  body: string;
  mchid: string;
  serialNo: string;
  privateKey: KeyObject;
  timestamp?: string;
  nonceStr?: string;
}): string {
  const timestamp = opts.timestamp ?? unixSeconds();
  const nonceStr = opts.nonceStr ?? nonce();
  const signature = rsaSign(
    requestMessage(opts.method, opts.pathWithQuery, timestamp, nonceStr, opts.body),
    opts.privateKey,
  );
  return authorizationHeader({
    mchid: opts.mchid,
    nonce_str: nonceStr,
    signature,
    timestamp,
    serial_no: opts.serialNo,
  });
}

/** `${timestamp}\n${nonce}\n${body}\n`: what WeChat signs on notifies and answers (§A7.3). Raw bytes, never re-serialised JSON. */
export function platformMessage(timestamp: string, nonceStr: string, body: Buffer | string): Buffer {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonceStr}\n`, 'utf8'), raw, Buffer.from('\n', 'utf8')]);
}

export type SignatureRejection = 'missing-headers' | 'stale-timestamp' | 'unknown-serial' | 'bad-signature';

/** Header names lower-cased, as Node and Fastify deliver them. */
export type HeaderBag = Record<string, string | string[] | undefined>;

function header(h: HeaderBag, name: string): string | undefined {
  const v =
    h[name] ?? h[name.toLowerCase()] ?? Object.entries(h).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Verifies a platform signature (notify or API answer): key chosen by `Wechatpay-Serial` from the map that
 * holds both platform-certificate serials and `PUB_KEY_ID_…` ids, ±300 s, RSA-SHA256 over the raw body.
 */
export function verifyPlatformSignature(
  headers: HeaderBag,
  rawBody: Buffer | string,
  keys: ReadonlyMap<string, KeyObject>,
  nowSeconds = Date.now() / 1000,
): 'ok' | SignatureRejection {
  const serial = header(headers, 'wechatpay-serial');
  const ts = header(headers, 'wechatpay-timestamp');
  const nonceStr = header(headers, 'wechatpay-nonce');
  const sig = header(headers, 'wechatpay-signature');
  if (!serial || !ts || !nonceStr || !sig) return 'missing-headers';
  if (!/^\d{10}$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > MAX_CLOCK_SKEW_SECONDS) return 'stale-timestamp';
  const key = keys.get(serial);
  if (!key) return 'unknown-serial';
  return rsaVerify(platformMessage(ts, nonceStr, rawBody), sig, key) ? 'ok' : 'bad-signature';
}

/** The headers WeChat puts on a notify or an answer, signed with a platform key (the stand-in's side). */
export function platformHeaders(
  body: Buffer | string,
  serial: string,
  privateKey: KeyObject,
  timestamp = unixSeconds(),
): Record<string, string> {
  const nonceStr = nonce();
  return {
    'wechatpay-serial': serial,
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonceStr,
    'wechatpay-signature': rsaSign(platformMessage(timestamp, nonceStr, body), privateKey),
    'wechatpay-signature-type': AUTH_SCHEMA,
  };
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

/** AEAD_AES_256_GCM with the APIv3 key; the tag is the last 16 bytes of the base64 ciphertext (§A7.3). Throws on any tampering. */
export function decryptResource(
  r: { ciphertext: string; nonce: string; associated_data?: string },
  apiV3Key: string,
): string {
  const buf = Buffer.from(r.ciphertext, 'base64');
  if (buf.length < 17) throw new Error('ciphertext too short');
  const d = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
  d.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  d.setAuthTag(buf.subarray(buf.length - 16));
  return Buffer.concat([d.update(buf.subarray(0, buf.length - 16)), d.final()]).toString('utf8');
}

export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  originalType: string,
  associatedData = originalType,
): EncryptedResource {
  // WeChat's nonces are 12 printable characters used as the 12-byte IV.
  const iv = randomBytes(9).toString('base64url').slice(0, 12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(iv, 'utf8'));
  c.setAAD(Buffer.from(associatedData, 'utf8'));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: ct.toString('base64'),
    associated_data: associatedData,
    nonce: iv,
    original_type: originalType,
  };
}

/** `${appId}\n${timeStamp}\n${nonceStr}\nprepay_id=${prepayId}\n` — signType is not part of it (§A7.2). */
export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
}

// ---- APIv2 (付款码 micropay only; see docs/wechat-pay.md "Micropay") ----

/** APIv2 HMAC-SHA256 sign: non-empty fields except `sign`, sorted by name, `k=v&…&key=KEY`, upper-case hex. */
export function v2Sign(fields: Record<string, string | undefined>, apiV2Key: string): string {
  const text = Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== undefined && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return createHmac('sha256', apiV2Key).update(`${text}&key=${apiV2Key}`, 'utf8').digest('hex').toUpperCase();
}

export function toXml(fields: Record<string, string | undefined>): string {
  const body = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}><![CDATA[${String(v).replace(/]]>/g, ']]]]><![CDATA[>')}]]></${k}>`)
    .join('');
  return `<xml>${body}</xml>`;
}

/** Flat `<xml><k>v</k>…</xml>` as APIv2 uses (CDATA or plain text); null when it is not that shape. */
export function parseXml(xml: string): Record<string, string> | null {
  const inner = /^\s*<xml>([\s\S]*)<\/xml>\s*$/.exec(xml)?.[1];
  if (inner === undefined) return null;
  const out: Record<string, string> = {};
  for (const m of inner.matchAll(/<([A-Za-z_][\w]*)>([\s\S]*?)<\/\1>/g)) {
    const raw = m[2]!;
    out[m[1]!] = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  }
  return out;
}
