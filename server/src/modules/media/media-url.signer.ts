import { createHmac, timingSafeEqual } from 'node:crypto';

export type MediaVariant = 'content' | 'thumb';

/** HMAC-SHA256 over id, variant and expiry: a URL grants one variant of one image until `exp`, nothing more. */
export class MediaUrlSigner {
  constructor(
    private readonly secret: string,
    private readonly baseUrl: string,
  ) {}

  sign(id: number, variant: MediaVariant, exp: number): string {
    return createHmac('sha256', this.secret).update(`media:${id}:${variant}:${exp}`).digest('base64url');
  }

  url(id: number, variant: MediaVariant, exp: number): string {
    return `${this.baseUrl}/api/media/${id}/${variant}?exp=${exp}&sig=${this.sign(id, variant, exp)}`;
  }

  /** Constant-time check; false for malformed, tampered or expired links. */
  verify(
    id: number,
    variant: MediaVariant,
    exp: unknown,
    sig: unknown,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): boolean {
    if (
      typeof exp !== 'string' ||
      typeof sig !== 'string' ||
      !/^\d{1,12}$/.test(exp) ||
      !/^[A-Za-z0-9_-]{43}$/.test(sig)
    )
      return false;
    const expiry = Number(exp);
    if (expiry <= nowSeconds) return false;
    const expected = Buffer.from(this.sign(id, variant, expiry));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
