import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { IPage, IStaffQuery, Role, ScopeType, StaffStatus, UserKind } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import { now } from '../../common/time';
import { runInTransaction } from '../../database/transactions';
import { AuditService, likeEscape } from '../audit/audit.service';
import { isUniqueViolation } from '../../database/errors';
import { PasswordService, passwordProblem } from './password.service';
import { RoleAssignment } from './role-assignment.entity';
import { TokenService } from './token.service';
import { User } from './user.entity';

/** A staff account as identity knows it; scope names are added by whoever owns the scopes. */
export interface StaffAccountRecord {
  id: number;
  name: string;
  username: string | null;
  phone: string | null;
  status: StaffStatus;
  mustChangePassword: boolean;
  grants: { id: number; role: Role; scopeType: ScopeType; scopeId: number }[];
  createdAt: string;
}

// No 0/O/1/l/I: the administrator reads this password out to a person.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** 12 characters with letters and digits, so it passes the staff password rule it is about to be replaced under. */
export function temporaryPassword(): string {
  const all = LETTERS + DIGITS;
  const chars = [LETTERS[randomInt(LETTERS.length)], DIGITS[randomInt(DIGITS.length)]];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

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
  ) {}

  async list(companyId: number, query: IStaffQuery): Promise<IPage<StaffAccountRecord>> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.db.getRepository(User).createQueryBuilder('u')
      .where('u.kind = :kind AND u.company_id = :companyId', { kind: UserKind.Staff, companyId });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.q) {
      const like = `%${likeEscape(query.q)}%`;
      qb.andWhere(new Brackets((w) => w.where("u.name LIKE :like ESCAPE '!'", { like }).orWhere("u.username LIKE :like ESCAPE '!'", { like }).orWhere("u.phone LIKE :like ESCAPE '!'", { like })));
    }
    const [users, total] = await qb.orderBy('u.id', 'ASC').skip(skip).take(pageSize).getManyAndCount();
    return { items: await this.records(this.db.manager, users), total, page, pageSize };
  }

  async get(companyId: number, userId: number, tx: EntityManager = this.db.manager): Promise<StaffAccountRecord> {
    const [record] = await this.records(tx, [await this.load(tx, companyId, userId)]);
    return record;
  }

  /** Whether the user is a staff member of the company (a supervisor named for a department must be). */
  async isStaffOf(companyId: number, userId: number): Promise<boolean> {
    return (await this.db.getRepository(User).countBy({ id: userId, companyId, kind: UserKind.Staff })) === 1;
  }

  async names(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    const users = unique.length ? await this.db.getRepository(User).find({ select: { id: true, name: true }, where: { id: In(unique) } }) : [];
    return new Map(users.map((u) => [u.id, u.name]));
  }

  async create(actorId: number, companyId: number, input: { name: string; username: string; phone?: string }): Promise<{ record: StaffAccountRecord; password: string }> {
    const password = temporaryPassword();
    const hash = await this.passwords.hash(password);
    try {
      const record = await runInTransaction(this.db, async (tx) => {
        const at = now();
        const inserted = await tx.getRepository(User).insert({
          kind: UserKind.Staff, name: input.name, username: input.username, phone: input.phone || null, passwordHash: hash,
          companyId, status: 'active', mustChangePassword: true, createdAt: at, updatedAt: at,
        });
        const id = Number(inserted.identifiers[0].id);
        const created = await this.get(companyId, id, tx);
        await this.audit.record(tx, { actorId, action: 'staff.create', entityType: 'user', entityId: id, companyId, after: auditView(created) });
        return created;
      });
      return { record, password };
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict('用户名或手机号已被其他账号使用');
      throw error;
    }
  }

  async setStatus(actorId: number, companyId: number, userId: number, status: StaffStatus): Promise<StaffAccountRecord> {
    if (userId === actorId && status === 'disabled') throw DomainException.validation('status', '不能停用自己的账号');
    return runInTransaction(this.db, async (tx) => {
      const before = await this.get(companyId, userId, tx);
      if (before.status === status) return before;
      await tx.getRepository(User).update({ id: userId }, { status, updatedAt: now() });
      if (status === 'disabled') await this.tokens.endAllSessions(tx, userId);
      const after = await this.get(companyId, userId, tx);
      await this.audit.record(tx, { actorId, action: status === 'disabled' ? 'staff.disable' : 'staff.enable', entityType: 'user', entityId: userId, companyId, before: auditView(before), after: auditView(after) });
      return after;
    });
  }

  /** A new temporary password, to be changed at the next sign-in; every session of the account ends. */
  async resetPassword(actorId: number, companyId: number, userId: number): Promise<{ record: StaffAccountRecord; password: string }> {
    const password = temporaryPassword();
    const hash = await this.passwords.hash(password);
    const record = await runInTransaction(this.db, async (tx) => {
      const before = await this.get(companyId, userId, tx);
      await tx.getRepository(User).update({ id: userId }, { passwordHash: hash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, updatedAt: now() });
      await this.tokens.endAllSessions(tx, userId);
      const after = await this.get(companyId, userId, tx);
      await this.audit.record(tx, { actorId, action: 'staff.reset_password', entityType: 'user', entityId: userId, companyId, before: auditView(before), after: auditView(after) });
      return after;
    });
    return { record, password };
  }

  async endSessions(actorId: number, companyId: number, userId: number): Promise<void> {
    await runInTransaction(this.db, async (tx) => {
      await this.load(tx, companyId, userId);
      await this.tokens.endAllSessions(tx, userId);
      await this.audit.record(tx, { actorId, action: 'staff.end_sessions', entityType: 'user', entityId: userId, companyId });
    });
  }

  /** The scope must already be checked to lie inside the company (the caller owns that knowledge). */
  async grant(actorId: number, companyId: number, userId: number, grant: { role: Role; scopeType: ScopeType; scopeId: number }): Promise<StaffAccountRecord> {
    try {
      return await runInTransaction(this.db, async (tx) => {
        const before = await this.get(companyId, userId, tx);
        const inserted = await tx.getRepository(RoleAssignment).insert({ userId, ...grant, createdAt: now() });
        const after = await this.get(companyId, userId, tx);
        await this.audit.record(tx, {
          actorId, action: 'staff.grant', entityType: 'user', entityId: userId, companyId,
          projectId: grant.scopeType === ScopeType.Project ? grant.scopeId : null,
          before: auditView(before), after: auditView(after), reason: `grant #${Number(inserted.identifiers[0].id)}`,
        });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainException.conflict('该员工已有此角色和范围的授权');
      throw error;
    }
  }

  async revoke(actorId: number, companyId: number, userId: number, grantId: number): Promise<StaffAccountRecord> {
    return runInTransaction(this.db, async (tx) => {
      const before = await this.get(companyId, userId, tx);
      const grant = before.grants.find((g) => g.id === grantId);
      if (!grant) throw DomainException.notFound('授权');
      if (userId === actorId && grant.role === Role.Admin) throw DomainException.validation('grantId', '不能撤销自己的管理员授权');
      await tx.getRepository(RoleAssignment).delete({ id: grantId, userId });
      const after = await this.get(companyId, userId, tx);
      await this.audit.record(tx, {
        actorId, action: 'staff.revoke', entityType: 'user', entityId: userId, companyId,
        projectId: grant.scopeType === ScopeType.Project ? grant.scopeId : null, before: auditView(before), after: auditView(after),
      });
      return after;
    });
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
    await runInTransaction(this.db, async (tx) => {
      await tx.getRepository(User).update({ id: userId }, { passwordHash: hash, mustChangePassword: false, updatedAt: now() });
      await this.audit.record(tx, { actorId: userId, action: 'staff.change_password', entityType: 'user', entityId: userId, companyId: user.companyId, before: { mustChangePassword: user.mustChangePassword }, after: { mustChangePassword: false } });
    });
  }

  private async load(tx: EntityManager, companyId: number, userId: number): Promise<User> {
    const user = await tx.getRepository(User).findOneBy({ id: userId, companyId, kind: UserKind.Staff });
    if (!user) throw DomainException.notFound('员工');
    return user;
  }

  private async records(tx: EntityManager, users: User[]): Promise<StaffAccountRecord[]> {
    const ids = users.map((u) => u.id);
    const grants = ids.length ? await tx.getRepository(RoleAssignment).find({ where: { userId: In(ids) }, order: { id: 'ASC' } }) : [];
    return users.map((u) => ({
      id: u.id,
      name: u.name,
      username: u.username,
      phone: u.phone,
      status: u.status,
      mustChangePassword: Boolean(u.mustChangePassword),
      grants: grants.filter((g) => g.userId === u.id).map((g) => ({ id: g.id, role: g.role, scopeType: g.scopeType, scopeId: g.scopeId })),
      createdAt: u.createdAt.toISOString(),
    }));
  }
}

/** What the audit row keeps of an account: no password hash, no phone in clear. */
function auditView(r: StaffAccountRecord) {
  return { name: r.name, username: r.username, status: r.status, mustChangePassword: r.mustChangePassword, grants: r.grants.map((g) => `${g.role}@${g.scopeType}:${g.scopeId}`) };
}
