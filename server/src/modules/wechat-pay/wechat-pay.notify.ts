import { decryptResource, verifyPlatformSignature, type HeaderBag } from './wechat-pay.crypto';
import type {
  NotifyEnvelope,
  NotifyVerification,
  WechatPayClientConfig,
  WechatRefundNotice,
  WechatTransaction,
} from './wechat-pay.types';

/**
 * Verifies a payment or refund notify on its RAW body (§A7.3) and decrypts the resource. Pure: no network.
 * Business checks (mchid/appid/amount/order/state) remain the caller's.
 */
export function verifyNotify(
  config: WechatPayClientConfig,
  headers: HeaderBag,
  rawBody: Buffer | string,
  nowSeconds: number,
): NotifyVerification {
  const sig = verifyPlatformSignature(headers, rawBody, config.platformKeys, nowSeconds);
  if (sig !== 'ok') return { ok: false, reason: sig };
  let envelope: NotifyEnvelope & {
    resource?: { ciphertext?: unknown; nonce?: unknown; associated_data?: unknown; original_type?: unknown };
  };
  try {
    envelope = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody) as typeof envelope;
  } catch {
    return { ok: false, reason: 'malformed-body' };
  }
  const r = envelope?.resource;
  if (
    !r ||
    typeof r.ciphertext !== 'string' ||
    typeof r.nonce !== 'string' ||
    typeof envelope.event_type !== 'string'
  ) {
    return { ok: false, reason: 'malformed-body' };
  }
  let plain: unknown;
  try {
    plain = JSON.parse(
      decryptResource(
        {
          ciphertext: r.ciphertext,
          nonce: r.nonce,
          associated_data: typeof r.associated_data === 'string' ? r.associated_data : '',
        },
        config.apiV3Key,
      ),
    );
  } catch {
    return { ok: false, reason: 'decrypt-failed' };
  }
  if (typeof plain !== 'object' || plain === null) return { ok: false, reason: 'malformed-body' };
  const event: NotifyEnvelope = {
    id: String(envelope.id),
    create_time: String(envelope.create_time),
    event_type: envelope.event_type,
    resource_type: String(envelope.resource_type),
    summary: String(envelope.summary ?? ''),
  };
  if (envelope.event_type.startsWith('REFUND.'))
    return { ok: true, kind: 'refund', event, resource: plain as WechatRefundNotice };
  if (envelope.event_type.startsWith('TRANSACTION.'))
    return { ok: true, kind: 'transaction', event, resource: plain as WechatTransaction };
  return { ok: false, reason: 'malformed-body' };
}
