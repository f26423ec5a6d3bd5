import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { encryptResource, platformHeaders, unixSeconds } from '../wechat-pay.crypto';
import { rfc3339Shanghai } from '../time';

/**
 * Hand-made notifies for the merchant's R5 tests: genuine ones to replay or send as concurrent copies, and ones
 * spoiled in exactly one way (forged signature, stale timestamp, tampered ciphertext, unknown serial).
 */
export type NotifySpoil = 'forged-signature' | 'stale-timestamp' | 'tampered-ciphertext' | 'unknown-serial';

export interface BuiltNotify {
  headers: Record<string, string>;
  body: string;
}

let forger: KeyObject | null = null;

export function buildNotify(
  key: { serial: string; privateKey: KeyObject },
  apiV3Key: string,
  opts: { resource: object; eventType?: string; originalType?: 'transaction' | 'refund'; spoil?: NotifySpoil },
): BuiltNotify {
  const originalType = opts.originalType ?? 'transaction';
  const resource = encryptResource(JSON.stringify(opts.resource), apiV3Key, originalType);
  if (opts.spoil === 'tampered-ciphertext') {
    const ct = Buffer.from(resource.ciphertext, 'base64');
    ct[0] ^= 0x01;
    resource.ciphertext = ct.toString('base64');
  }
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: rfc3339Shanghai(new Date()),
    resource_type: 'encrypt-resource',
    event_type: opts.eventType ?? (originalType === 'refund' ? 'REFUND.SUCCESS' : 'TRANSACTION.SUCCESS'),
    summary: originalType === 'refund' ? '退款成功' : '支付成功',
    resource,
  });
  const ts = opts.spoil === 'stale-timestamp' ? unixSeconds(Date.now() - 301_000) : unixSeconds();
  forger ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const signer = opts.spoil === 'forged-signature' ? forger : key.privateKey;
  const serial = opts.spoil === 'unknown-serial' ? 'PUB_KEY_ID_0000000000UNKNOWN' : key.serial;
  // A tampered ciphertext is re-signed: the signature holds, only decryption can catch it.
  return { headers: { 'content-type': 'application/json', ...platformHeaders(body, serial, signer, ts) }, body };
}

/** POSTs the same notify `copies` times at once; the HTTP statuses in order of the copies (0 = no answer). */
export async function deliverNotify(url: string, n: BuiltNotify, copies = 1): Promise<number[]> {
  return Promise.all(
    Array.from({ length: copies }, () =>
      fetch(url, { method: 'POST', headers: n.headers, body: n.body })
        .then(async (r) => {
          await r.arrayBuffer().catch(() => undefined);
          return r.status;
        })
        .catch(() => 0),
    ),
  );
}
