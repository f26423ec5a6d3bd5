import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ErrorCode } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainException } from '../../common/domain.exception';
import { addDays, now } from '../../common/time';
import { RefreshToken } from './refresh-token.entity';
import { SessionCache } from './session-cache';
import { User } from './user.entity';

const AUDIENCE = 'property-app-api';
const ISSUER = 'property-app';
/** Verified access tokens remembered per process (each ~300 bytes); the whole set is dropped when full. */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface AccessClaims {
  sub: number;
  ver: number;
  typ: 'access';
  /** The sign-in (refresh-token family) this access token belongs to; logout ends it at once. */
  sid: string;
}

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionCache,
  ) {}

  async issueForNewSession(user: User): Promise<IssuedTokens> {
    const familyExpiresAt = addDays(now(), this.config.refreshFamilyMaxDays);
    return this.issue(user, randomUUID(), familyExpiresAt);
  }

  private async issue(user: User, familyId: string, familyExpiresAt: Date): Promise<IssuedTokens> {
    const issuedAt = now();
    const accessTokenExpiresAt = new Date(issuedAt.getTime() + this.config.accessTokenTtlSeconds * 1000);
    const claims: AccessClaims = { sub: user.id, ver: user.tokenVersion, typ: 'access', sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.accessTokenTtlSeconds,
      audience: AUDIENCE,
      issuer: ISSUER,
    });
    const refreshToken = randomBytes(32).toString('base64url');
    const idleExpiry = addDays(issuedAt, this.config.refreshTokenTtlDays);
    const refreshTokenExpiresAt = idleExpiry < familyExpiresAt ? idleExpiry : familyExpiresAt;
    await this.db.getRepository(RefreshToken).insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      familyExpiresAt,
      usedAt: null,
      revokedAt: null,
      createdAt: issuedAt,
    });
    return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt };
  }

  /**
   * Signature, audience and issuer checks of a token string never change their answer while the process keeps
   * its secret, so a token that passed is remembered (bounded) and only its expiry is checked again; whether
   * it still opens a session is the guard's database read, on every request.
   */
  private readonly verified = new Map<string, AccessClaims & { exp: number }>();

  async verifyAccess(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
    if (known) this.verified.delete(token);
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims & { exp: number }>(token, {
        audience: AUDIENCE,
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      if (claims.typ !== 'access' || !Number.isInteger(claims.sub) || typeof claims.sid !== 'string')
        throw new Error('wrong token type');
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
      this.verified.set(token, claims);
      return claims;
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') {
        throw new DomainException(ErrorCode.TokenExpired, '登录已过期，请刷新令牌', HttpStatus.UNAUTHORIZED);
      }
      throw new DomainException(ErrorCode.Unauthenticated, '请先登录', HttpStatus.UNAUTHORIZED);
    }
  }

  /**
   * Rotation: each refresh token works once. Presenting a used or revoked one means it leaked,
   * so the whole family (every token descended from that sign-in) is revoked.
   */
  async rotate(
    refreshToken: string,
    loadUser: (id: number) => Promise<User | null>,
  ): Promise<{ user: User; tokens: IssuedTokens }> {
    const repo = this.db.getRepository(RefreshToken);
    const stored = await repo.findOne({ where: { tokenHash: sha256(refreshToken) } });
    const invalid = () =>
      new DomainException(ErrorCode.Unauthenticated, '登录已失效，请重新登录', HttpStatus.UNAUTHORIZED);
    if (!stored) throw invalid();
    if (stored.usedAt || stored.revokedAt) {
      await this.revokeFamily(stored.userId, stored.familyId);
      throw new DomainException(
        ErrorCode.RefreshTokenReused,
        '检测到登录凭证被重复使用，已强制下线，请重新登录',
        HttpStatus.UNAUTHORIZED,
      );
    }
    if (stored.expiresAt.getTime() <= Date.now()) throw invalid();

    const claimed = await repo
      .createQueryBuilder()
      .update()
      .set({ usedAt: now() })
      .where('id = :id AND used_at IS NULL AND revoked_at IS NULL', { id: stored.id })
      .execute();
    if (claimed.affected !== 1) {
      // Another request rotated the same token first: treat as reuse, exactly like a replay.
      await this.revokeFamily(stored.userId, stored.familyId);
      throw new DomainException(
        ErrorCode.RefreshTokenReused,
        '检测到登录凭证被重复使用，已强制下线，请重新登录',
        HttpStatus.UNAUTHORIZED,
      );
    }
    const user = await loadUser(stored.userId);
    if (!user || user.status !== 'active') throw invalid();
    return { user, tokens: await this.issue(user, stored.familyId, stored.familyExpiresAt) };
  }

  async revokeByToken(refreshToken: string): Promise<void> {
    const stored = await this.db.getRepository(RefreshToken).findOne({ where: { tokenHash: sha256(refreshToken) } });
    if (stored) await this.revokeFamily(stored.userId, stored.familyId);
  }

  /**
   * Ends every session of a user: bumping tokenVersion invalidates access tokens already issued (the guard
   * compares it), revoking the refresh tokens stops new ones. Runs in the caller's transaction, so the caller
   * calls `principalChanged(userId)` once it has committed (the guard's cached answer is dropped then).
   */
  async endAllSessions(tx: EntityManager, userId: number): Promise<void> {
    await tx.getRepository(User).increment({ id: userId }, 'tokenVersion', 1);
    await tx.getRepository(RefreshToken).update({ userId, revokedAt: IsNull() }, { revokedAt: now() });
  }

  /** After a committed change to a user's sessions, grants or flags: the guard reads them again on the next request. */
  principalChanged(userId: number): void {
    this.sessions.forget(userId);
  }

  private async revokeFamily(userId: number, familyId: string): Promise<void> {
    await this.db.getRepository(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: now() });
    this.sessions.forget(userId);
  }
}
