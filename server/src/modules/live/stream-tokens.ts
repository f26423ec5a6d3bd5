import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';

/** What a stream token carries: who, the projects they may watch (resolved at issue), when it stops opening streams. */
export interface StreamClaims {
  userId: number;
  projectIds: number[];
  exp: number;
}

/** A token opens a stream within this many seconds of being issued. */
export const STREAM_TOKEN_SECONDS = 60;

/**
 * EventSource cannot send the Authorization header and the console keeps its session in that header, so
 * an authenticated POST hands out a short-lived HMAC-signed token that the stream URL carries. Signed, not
 * stored: any instance can check it. The projects are fixed at issue; a stream is closed after
 * LIVE_STREAM_MAX_MINUTES and the console reconnects with a fresh token (revoked grants take effect then).
 */
@Injectable()
export class StreamTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.jwtSecret).update('live-stream-token').digest();
  }

  issue(userId: number, projectIds: number[]): { token: string; expiresAt: string } {
    const exp = Math.floor(now().getTime() / 1000) + STREAM_TOKEN_SECONDS;
    const payload = Buffer.from(JSON.stringify({ u: userId, p: projectIds, e: exp })).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  verify(token: string | undefined): StreamClaims {
    const refuse = () =>
      new DomainException(ErrorCode.Unauthenticated, '实时更新凭证无效或已过期，请刷新', HttpStatus.UNAUTHORIZED);
    const [payload, signature, extra] = (token ?? '').split('.');
    if (!payload || !signature || extra !== undefined) throw refuse();
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refuse();
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u: number; p: number[]; e: number };
    if (claims.e * 1000 < now().getTime()) throw refuse();
    return { userId: claims.u, projectIds: claims.p, exp: claims.e };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
