import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, Role } from '@app/shared';
import { PENDING_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY } from '../../common/decorators';
import { DomainException } from '../../common/domain.exception';
import { hasRole, Principal } from '../../common/principal';
import { AccessService } from './access.service';
import { TokenService } from './token.service';
import { User } from './user.entity';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

type AuthedRequest = FastifyRequest & { principal?: Principal };

/** Global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly access: AccessService,
    @InjectDataSource() private readonly db: DataSource,
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
    const user = await this.db.getRepository(User).findOne({ where: { id: claims.sub } });
    if (!user || user.status !== 'active' || user.tokenVersion !== claims.ver || !(await this.tokens.sessionActive(user.id, claims.sid))) {
      throw new DomainException(ErrorCode.Unauthenticated, '登录已失效，请重新登录', HttpStatus.UNAUTHORIZED);
    }
    // An administrator handed out this password: nothing but changing it is allowed until then.
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_KEY, targets)) {
      throw new DomainException(ErrorCode.PasswordChangeRequired, '请先修改初始密码：在员工工作台（电脑浏览器）登录并修改后再使用', HttpStatus.FORBIDDEN);
    }
    const principal = await this.access.loadPrincipal(user);
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !hasRole(principal, roles)) {
      throw DomainException.forbidden();
    }
    return true;
  }
}
