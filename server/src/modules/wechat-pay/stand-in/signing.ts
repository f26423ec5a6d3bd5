/** Signatures both ways: the merchant's on requests (checked) and the platform's on answers (made). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, type KeyObject } from 'node:crypto';
import {
  MAX_CLOCK_SKEW_SECONDS,
  parseAuthorization,
  platformHeaders,
  requestMessage,
  rsaVerify,
} from '../wechat-pay.crypto';
import { ERR, type Reply } from './http';

/** Merchant authentication of a v3 request (§A7.1): null when it holds, else 401 SIGN_ERROR like WeChat. */
export function authenticate(
  merchant: { mchid: string; serial: string; publicKey: KeyObject },
  req: IncomingMessage,
  pathWithQuery: string,
  body: string,
): Reply | null {
  const auth = parseAuthorization(req.headers.authorization);
  if (!auth) return ERR(401, 'SIGN_ERROR', 'Authorization 头缺失或格式错误');
  if (auth.mchid !== merchant.mchid) return ERR(401, 'SIGN_ERROR', '商户号与签名不匹配');
  if (auth.serial_no !== merchant.serial) return ERR(401, 'SIGN_ERROR', '商户证书序列号有误');
  if (Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > MAX_CLOCK_SKEW_SECONDS)
    return ERR(401, 'SIGN_ERROR', '请求时间戳已过期');
  const msg = requestMessage(req.method ?? 'GET', pathWithQuery, auth.timestamp, auth.nonce_str, body);
  if (!rsaVerify(msg, auth.signature, merchant.publicKey)) return ERR(401, 'SIGN_ERROR', '签名错误');
  return null;
}

/** Writes a reply; with a key, signed like a v3 answer (Wechatpay-* headers and a request-id). */
export function writeReply(
  res: ServerResponse,
  reply: Exclude<Reply, 'hold'>,
  key: { serial: string; privateKey: KeyObject } | null,
): void {
  const body =
    reply.raw ?? (reply.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body), 'utf8'));
  const headers: Record<string, string> = { ...reply.headers };
  if (body.length) headers['content-type'] = reply.contentType ?? 'application/json';
  if (key) {
    Object.assign(headers, platformHeaders(body, key.serial, key.privateKey), {
      'request-id': randomBytes(12).toString('hex'),
    });
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}
