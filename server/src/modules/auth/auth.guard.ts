import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, type Permission } from '@app/shared';
import { ALLOW_KEY, PENDING_PASSWORD_KEY, PUBLIC_KEY } from '../../common/decorators';
import { DomainException } from '../../common/domain.exception';
import { holds, Principal } from '../../common/principal';
import { TokenService } from '../identity/token.service';
import { UserDirectory } from '../identity/user-directory.service';
import { PrincipalLoader } from './principal.loader';

type AuthedRequest = FastifyRequest & { principal?: Principal };

/** Global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalLoader,
    private readonly users: UserDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new DomainException(ErrorCode.Unauthenticated, '请先登录', HttpStatus.UNAUTHORIZED);
    }
    const claims = await this.tokens.verifyAccess(token);
    // One statement: active user on the token's version, its sign-in not revoked, and the grants.
    const user = await this.users.sessionPrincipal(claims.sub, claims.ver, claims.sid);
    if (!user) {
      throw new DomainException(ErrorCode.Unauthenticated, '登录已失效，请重新登录', HttpStatus.UNAUTHORIZED);
    }
    // An administrator handed out this password: nothing but changing it is allowed until then.
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_KEY, targets)) {
      throw new DomainException(
        ErrorCode.PasswordChangeRequired,
        '请先修改管理员设置的密码：登录后在「修改密码」中设置新密码',
        HttpStatus.FORBIDDEN,
      );
    }
    const principal = await this.principals.load(user, user.grants);
    request.principal = principal;

    const permissions = this.reflector.getAllAndOverride<Permission[] | undefined>(ALLOW_KEY, targets);
    if (permissions?.length && !permissions.some((p) => holds(principal, p))) {
      throw DomainException.forbidden();
    }
    return true;
  }
}
