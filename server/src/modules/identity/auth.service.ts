import { HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, Role, UserKind } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainException } from '../../common/domain.exception';
import { addMinutes, now } from '../../common/time';
import { isUniqueViolation } from '../../database/errors';
import { WECHAT_AUTH_CLIENT } from '../wechat/wechat.tokens';
import type { WechatAuthClient } from '../wechat/wechat-auth.client';
import { PasswordService } from './password.service';
import { RoleAssignment } from './role-assignment.entity';
import { IssuedTokens, TokenService } from './token.service';
import { User } from './user.entity';

export const DEMO_PASSWORD = 'Demo@2026';

/** What the auth module needs of a signed-in user to describe them (`/me`, the token pair). */
export type Account = Pick<User, 'id' | 'kind' | 'name' | 'phone' | 'username' | 'wechatOpenId' | 'mustChangePassword'>;

/** A new or rotated session; the auth module answers it as an `ITokenPair` with the user described. */
export interface SignedIn {
  user: Account;
  tokens: IssuedTokens;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly passwords: PasswordService,
    @Optional() @Inject(WECHAT_AUTH_CLIENT) private readonly wechat: WechatAuthClient | null,
  ) {}

  findActiveUser(id: number): Promise<User | null> {
    return this.db.getRepository(User).findOne({ where: { id } });
  }

  /**
   * R13: a guess is checked only after it has reserved one of LOGIN_MAX_FAILURES slots with one
   * conditional UPDATE, so a burst of parallel guesses cannot all reach bcrypt before the lock lands.
   * Unknown, locked and wrong-password answers are identical (status, code, message) and all cost one
   * bcrypt compare, so neither the answer nor its timing tells which accounts exist or are locked.
   */
  async passwordLogin(login: string, password: string): Promise<SignedIn> {
    const users = this.db.getRepository(User);
    const user = await users
      .createQueryBuilder('u')
      .where('u.kind = :kind AND (u.username = :login OR u.phone = :login)', {
        kind: UserKind.Staff,
        login: login.trim(),
      })
      .getOne();
    const refuse = async (compared = false): Promise<never> => {
      if (!compared) await this.passwords.verify(password, null);
      throw new DomainException(
        ErrorCode.InvalidCredentials,
        `账号或密码错误（连续错误 ${this.config.loginMaxFailures} 次后账号将锁定 ${this.config.loginLockMinutes} 分钟）`,
        HttpStatus.UNAUTHORIZED,
      );
    };
    if (!user || !(await this.reserveAttempt(user.id))) return refuse();

    if (!(await this.passwords.verify(password, user.passwordHash))) return refuse(true);
    // Only a check that held a reserved slot may clear the counter.
    await users.update({ id: user.id }, { failedLoginCount: 0, lockedUntil: null });
    if (user.status !== 'active')
      throw new DomainException(ErrorCode.AccountDisabled, '账号已停用，请联系管理员', HttpStatus.FORBIDDEN);
    return this.sessionFor(user);
  }

  /**
   * Takes one attempt slot in one statement: below the limit the counter goes up by one; at the limit a
   * slot is only given again once the lock has expired (the counter restarts at 1). The lock starts when
   * the last slot is taken, before its check, so a crash mid-check cannot leave the account open; a
   * successful check clears it. Raw SQL with locked_until assigned first: MySQL evaluates SET left to
   * right on updated values, SQLite on old ones, and this order reads the same on both.
   */
  private async reserveAttempt(userId: number): Promise<boolean> {
    const max = this.config.loginMaxFailures;
    const at = now();
    const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
    const runner = this.db.createQueryRunner();
    try {
      const result = await runner.query(
        `UPDATE users SET
           locked_until = CASE WHEN (failed_login_count >= ? AND 1 >= ?) OR (failed_login_count < ? AND failed_login_count + 1 >= ?) THEN ? ELSE NULL END,
           failed_login_count = CASE WHEN failed_login_count >= ? THEN 1 ELSE failed_login_count + 1 END
         WHERE id = ? AND (failed_login_count < ? OR (locked_until IS NOT NULL AND locked_until <= ?))`,
        [max, max, max, max, sqlTime(addMinutes(at, this.config.loginLockMinutes)), max, userId, max, sqlTime(at)],
        true,
      );
      return result.affected === 1;
    } finally {
      await runner.release();
    }
  }

  async wechatLogin(code: string): Promise<SignedIn> {
    if (!this.wechat || !this.config.wechat) {
      throw new DomainException(ErrorCode.WechatMisconfigured, '未配置微信小程序登录', HttpStatus.SERVICE_UNAVAILABLE);
    }
    const session = await this.wechat.code2Session(code);
    const appId = this.config.wechat.appId;
    const users = this.db.getRepository(User);
    let user = await users.findOne({ where: { wechatAppId: appId, wechatOpenId: session.openid } });
    if (!user) {
      const at = now();
      try {
        await users.insert({
          kind: UserKind.Resident,
          name: '微信用户',
          wechatAppId: appId,
          wechatOpenId: session.openid,
          wechatUnionId: session.unionid,
          createdAt: at,
          updatedAt: at,
        });
      } catch (error) {
        // Two first logins of one person can race; the unique (appid, openid) key keeps one row.
        if (!isUniqueViolation(error)) throw error;
      }
      user = await users.findOneOrFail({ where: { wechatAppId: appId, wechatOpenId: session.openid } });
    }
    if (user.status !== 'active')
      throw new DomainException(ErrorCode.AccountDisabled, '账号已停用', HttpStatus.FORBIDDEN);
    return this.sessionFor(user);
  }

  /**
   * Staff and technicians link their WeChat so the mini-program signs them in with Taro.login.
   * One WeChat account maps to one user: linking one that already belongs to someone else is a 409.
   */
  async bindWechat(userId: number, code: string): Promise<void> {
    if (!this.wechat || !this.config.wechat) {
      throw new DomainException(ErrorCode.WechatMisconfigured, '未配置微信小程序登录', HttpStatus.SERVICE_UNAVAILABLE);
    }
    const session = await this.wechat.code2Session(code);
    const users = this.db.getRepository(User);
    const owner = await users.findOne({
      where: { wechatAppId: this.config.wechat.appId, wechatOpenId: session.openid },
    });
    if (owner && owner.id !== userId) throw DomainException.conflict('该微信已绑定其他账号');
    const user = await users.findOneByOrFail({ id: userId });
    if (user.kind !== UserKind.Staff) throw DomainException.forbidden('住户账号已通过微信登录，无需绑定');
    try {
      await users.update(
        { id: userId },
        {
          wechatAppId: this.config.wechat.appId,
          wechatOpenId: session.openid,
          wechatUnionId: session.unionid,
          updatedAt: now(),
        },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict('该微信已绑定其他账号');
      throw error;
    }
  }

  async unbindWechat(userId: number): Promise<void> {
    await this.db
      .getRepository(User)
      .update(
        { id: userId, kind: UserKind.Staff },
        { wechatAppId: null, wechatOpenId: null, wechatUnionId: null, updatedAt: now() },
      );
  }

  /**
   * Demo sign-in has no password, so it is only for residents and technicians (who use the
   * mini-program); office staff, admin included, sign in with their passwords even in the demo.
   * Returns the accounts with their roles; the auth module describes them.
   */
  async demoAccounts(): Promise<{ user: Account; roles: Role[] }[]> {
    this.assertDemo();
    const users = await this.db.getRepository(User).find({ where: { isDemo: true }, order: { id: 'ASC' } });
    const roles = await this.db.getRepository(RoleAssignment).find();
    const accounts: { user: Account; roles: Role[] }[] = [];
    for (const user of users) {
      const userRoles = [...new Set(roles.filter((r) => r.userId === user.id).map((r) => r.role))];
      if (demoEligible(user, userRoles)) accounts.push({ user, roles: userRoles });
    }
    return accounts;
  }

  async demoLogin(userId: number): Promise<SignedIn> {
    this.assertDemo();
    const user = await this.db.getRepository(User).findOne({ where: { id: userId, isDemo: true } });
    const userRoles = user
      ? (await this.db.getRepository(RoleAssignment).find({ where: { userId: user.id } })).map((r) => r.role)
      : [];
    // Staff are answered like a missing account: the demo list never showed them.
    if (!user || !demoEligible(user, userRoles)) throw DomainException.notFound('演示账号');
    return this.sessionFor(user);
  }

  private assertDemo(): void {
    if (!this.config.demoLogin) {
      throw new DomainException(ErrorCode.DemoLoginDisabled, '演示登录未开启', HttpStatus.NOT_FOUND);
    }
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revokeByToken(refreshToken);
  }

  private async sessionFor(user: User): Promise<SignedIn> {
    return { user, tokens: await this.tokens.issueForNewSession(user) };
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    return this.tokens.rotate(refreshToken, (id) => this.findActiveUser(id));
  }
}

/** Residents, and staff whose only role is technician. */
function demoEligible(user: User, roles: string[]): boolean {
  if (user.kind === UserKind.Resident) return true;
  return roles.length > 0 && roles.every((r) => r === Role.Technician);
}
