import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IPage, IStaffQuery, Role, ScopeType, StaffStatus, UserKind } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../../database/errors';
import { PasswordService, passwordProblem } from './password.service';
import { RoleAssignment } from './role-assignment.entity';
import { TokenService } from './token.service';
import { User } from './user.entity';
import { StaffAccountRecords, type StaffAccountRecord } from './staff-account-records';
import { auditView, temporaryPassword } from './staff-account-helpers';

export type { StaffAccountRecord } from './staff-account-records';
export { temporaryPassword } from './staff-account-helpers';

/**
 * Staff accounts of one company, as its administrator manages them. Every change is audited in the
 * transaction that makes it; passwords never enter the audit row.
 */
@Injectable()
export class StaffAccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly accounts: StaffAccountRecords,
  ) {}

  // Reads live in StaffAccountRecords; other modules keep asking this service.
  list(companyId: number, query: IStaffQuery): Promise<IPage<StaffAccountRecord>> {
    return this.accounts.list(companyId, query);
  }

  get(companyId: number, userId: number, tx?: EntityManager): Promise<StaffAccountRecord> {
    return this.accounts.get(companyId, userId, tx);
  }

  isStaffOf(companyId: number, userId: number): Promise<boolean> {
    return this.accounts.isStaffOf(companyId, userId);
  }

  names(ids: number[]): Promise<Map<number, string>> {
    return this.accounts.names(ids);
  }

  async create(
    actorId: number,
    companyId: number,
    input: { name: string; username: string; phone?: string },
  ): Promise<{ record: StaffAccountRecord; password: string }> {
    const password = temporaryPassword();
    const hash = await this.passwords.hash(password);
    try {
      const record = await runInTransaction(this.db, async (tx) => {
        const at = now();
        const inserted = await tx.getRepository(User).insert({
          kind: UserKind.Staff,
          name: input.name,
          username: input.username,
          phone: input.phone || null,
          passwordHash: hash,
          companyId,
          status: 'active',
          mustChangePassword: true,
          createdAt: at,
          updatedAt: at,
        });
        const id = Number(inserted.identifiers[0].id);
        const created = await this.accounts.get(companyId, id, tx);
        await this.audit.record(tx, {
          actorId,
          action: 'staff.create',
          entityType: 'user',
          entityId: id,
          companyId,
          after: auditView(created),
        });
        return created;
      });
      return { record, password };
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict('用户名或手机号已被其他账号使用');
      throw error;
    }
  }

  async setStatus(
    actorId: number,
    companyId: number,
    userId: number,
    status: StaffStatus,
  ): Promise<StaffAccountRecord> {
    if (userId === actorId && status === 'disabled') throw DomainException.validation('status', '不能停用自己的账号');
    return this.changing(userId, () =>
      runInTransaction(this.db, async (tx) => {
        const before = await this.accounts.get(companyId, userId, tx);
        if (before.status === status) return before;
        await tx.getRepository(User).update({ id: userId }, { status, updatedAt: now() });
        if (status === 'disabled') await this.tokens.endAllSessions(tx, userId);
        const after = await this.accounts.get(companyId, userId, tx);
        await this.audit.record(tx, {
          actorId,
          action: status === 'disabled' ? 'staff.disable' : 'staff.enable',
          entityType: 'user',
          entityId: userId,
          companyId,
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      }),
    );
  }

  /** A new temporary password, to be changed at the next sign-in; every session of the account ends. */
  async resetPassword(
    actorId: number,
    companyId: number,
    userId: number,
  ): Promise<{ record: StaffAccountRecord; password: string }> {
    const password = temporaryPassword();
    const hash = await this.passwords.hash(password);
    const record = await this.changing(userId, () =>
      runInTransaction(this.db, async (tx) => {
        const before = await this.accounts.get(companyId, userId, tx);
        await tx
          .getRepository(User)
          .update(
            { id: userId },
            { passwordHash: hash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, updatedAt: now() },
          );
        await this.tokens.endAllSessions(tx, userId);
        const after = await this.accounts.get(companyId, userId, tx);
        await this.audit.record(tx, {
          actorId,
          action: 'staff.reset_password',
          entityType: 'user',
          entityId: userId,
          companyId,
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      }),
    );
    return { record, password };
  }

  async endSessions(actorId: number, companyId: number, userId: number): Promise<void> {
    await this.changing(userId, () =>
      runInTransaction(this.db, async (tx) => {
        await this.accounts.load(tx, companyId, userId);
        await this.tokens.endAllSessions(tx, userId);
        await this.audit.record(tx, {
          actorId,
          action: 'staff.end_sessions',
          entityType: 'user',
          entityId: userId,
          companyId,
        });
      }),
    );
  }

  /** The scope must already be checked to lie inside the company (the caller owns that knowledge). */
  async grant(
    actorId: number,
    companyId: number,
    userId: number,
    grant: { role: Role; scopeType: ScopeType; scopeId: number },
  ): Promise<StaffAccountRecord> {
    try {
      return await this.changing(userId, () =>
        runInTransaction(this.db, async (tx) => {
          const before = await this.accounts.get(companyId, userId, tx);
          const inserted = await tx.getRepository(RoleAssignment).insert({ userId, ...grant, createdAt: now() });
          const after = await this.accounts.get(companyId, userId, tx);
          await this.audit.record(tx, {
            actorId,
            action: 'staff.grant',
            entityType: 'user',
            entityId: userId,
            companyId,
            projectId: grant.scopeType === ScopeType.Project ? grant.scopeId : null,
            before: auditView(before),
            after: auditView(after),
            reason: `grant #${Number(inserted.identifiers[0].id)}`,
          });
          return after;
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict('该员工已有此角色和范围的授权');
      throw error;
    }
  }

  async revoke(actorId: number, companyId: number, userId: number, grantId: number): Promise<StaffAccountRecord> {
    return this.changing(userId, () =>
      runInTransaction(this.db, async (tx) => {
        const before = await this.accounts.get(companyId, userId, tx);
        const grant = before.grants.find((g) => g.id === grantId);
        if (!grant) throw DomainException.notFound('授权');
        if (userId === actorId && grant.role === Role.Admin)
          throw DomainException.validation('grantId', '不能撤销自己的管理员授权');
        await tx.getRepository(RoleAssignment).delete({ id: grantId, userId });
        const after = await this.accounts.get(companyId, userId, tx);
        await this.audit.record(tx, {
          actorId,
          action: 'staff.revoke',
          entityType: 'user',
          entityId: userId,
          companyId,
          projectId: grant.scopeType === ScopeType.Project ? grant.scopeId : null,
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      }),
    );
  }

  /** The owner's own change: the current password proves it is them; the forced-change flag clears. */
  async changeOwnPassword(userId: number, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.db.getRepository(User).findOneBy({ id: userId });
    if (!user || user.kind !== UserKind.Staff) throw DomainException.forbidden('住户账号没有密码');
    if (!(await this.passwords.verify(currentPassword, user.passwordHash))) {
      throw DomainException.validation('currentPassword', '当前密码不正确');
    }
    const problem = passwordProblem(newPassword);
    if (problem) throw DomainException.validation('newPassword', problem);
    if (newPassword === currentPassword) throw DomainException.validation('newPassword', '新密码不能与当前密码相同');
    const hash = await this.passwords.hash(newPassword);
    await this.changing(userId, () =>
      runInTransaction(this.db, async (tx) => {
        await tx
          .getRepository(User)
          .update({ id: userId }, { passwordHash: hash, mustChangePassword: false, updatedAt: now() });
        await this.audit.record(tx, {
          actorId: userId,
          action: 'staff.change_password',
          entityType: 'user',
          entityId: userId,
          companyId: user.companyId,
          before: { mustChangePassword: user.mustChangePassword },
          after: { mustChangePassword: false },
        });
      }),
    );
  }

  /** A change to what the guard reads about the user (sessions, status, grants, password flag): forgotten once committed. */
  private async changing<T>(userId: number, change: () => Promise<T>): Promise<T> {
    const result = await change();
    this.tokens.principalChanged(userId);
    return result;
  }
}
