import { Inject, Injectable } from '@nestjs/common';
import { LookupCache } from '../../common/lookup-cache';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Role, ScopeType, UserKind } from '@app/shared';
import { placeholders } from '../../database/raw-rows';
import { RoleAssignment } from './role-assignment.entity';
import { SessionCache } from './session-cache';
import { User } from './user.entity';

export interface Person {
  id: number;
  name: string;
  phone: string | null;
}

export interface PushAddress {
  id: number;
  name: string;
  resident: boolean;
  active: boolean;
  openId: string | null;
  wecomUserId: string | null;
}

export interface RoleHolder extends Person {
  role: Role;
}

/** Where a project sits, so grants over its region or company count too. */
export interface ProjectScope {
  projectId: number;
  regionId: number;
  companyId: number;
}

export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
}

/** The caller behind a live access token, with their grants (see `sessionPrincipal`). */
export interface SessionUser {
  id: number;
  kind: UserKind;
  name: string;
  companyId: number | null;
  mustChangePassword: boolean;
  grants: Grant[];
}

/**
 * The questions other modules ask about people and their roles (the `users` and `role_assignments` tables
 * belong to identity; nobody else reads them). Methods taking `tx` run inside the caller's transaction.
 */
@Injectable()
export class UserDirectory {
  private readonly peopleCache: LookupCache<Person>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionCache<SessionUser>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.peopleCache = new LookupCache(config.lookupCacheMs);
  }

  /**
   * `people` answered from memory where it can (common/lookup-cache.ts): for views that show many tickets. A name
   * changes only through `adoptResidentName`, which forgets it; staff accounts keep the name they were created with.
   */
  async cachedPeople(ids: readonly (number | null | undefined)[]): Promise<Map<number, Person>> {
    const keys = ids.filter((id): id is number => typeof id === 'number').map(String);
    const found = await this.peopleCache.many(keys, async (missing) => {
      const loaded = await this.people(missing.map(Number));
      return new Map([...loaded].map(([id, person]) => [String(id), person]));
    });
    return new Map([...found.values()].map((person) => [person.id, person]));
  }

  /** Name and phone of each user id that exists (unknown ids are left out). */
  async people(
    ids: readonly (number | null | undefined)[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<number, Person>> {
    const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
    if (!wanted.length) return new Map();
    const rows: Person[] = await tx.query(
      `SELECT id, name, phone FROM users WHERE id IN (${placeholders(wanted.length)})`,
      wanted,
    );
    return new Map(rows.map((u) => [Number(u.id), { id: Number(u.id), name: u.name, phone: u.phone }]));
  }

  /** Whether the user is a resident or staff (null when there is no such user). */
  async kindOf(userId: number, tx: EntityManager = this.db.manager): Promise<UserKind | null> {
    const [u]: { kind: UserKind }[] = await tx.query('SELECT kind FROM users WHERE id = ?', [userId]);
    return u?.kind ?? null;
  }

  /**
   * Where a push can reach each user: the mini-program openid (WeChat subscribe messages) and, for staff, the
   * account name, which is also their WeCom member id when the company's WeCom app is configured.
   */
  async pushAddresses(ids: readonly number[]): Promise<Map<number, PushAddress>> {
    const rows = ids.length
      ? await this.db.getRepository(User).find({
          select: { id: true, kind: true, name: true, username: true, wechatOpenId: true, status: true },
          where: { id: In([...ids]) },
        })
      : [];
    return new Map(
      rows.map((u) => [
        u.id,
        {
          id: u.id,
          name: u.name,
          resident: u.kind === 'resident',
          active: u.status === 'active',
          openId: u.wechatOpenId,
          wecomUserId: u.kind === 'resident' ? null : u.username,
        },
      ]),
    );
  }

  /** Users holding `role` granted directly on the project (not through its region or company). */
  async usersWithRole(
    projectId: number,
    role: Role,
    tx: EntityManager = this.db.manager,
    among?: readonly number[],
  ): Promise<number[]> {
    if (among && !among.length) return [];
    const rows = await tx.getRepository(RoleAssignment).find({
      select: { userId: true },
      where: { role, scopeType: ScopeType.Project, scopeId: projectId, ...(among ? { userId: In([...among]) } : {}) },
      order: { id: 'ASC' },
    });
    return [...new Set(rows.map((r) => r.userId))];
  }

  async hasRole(userId: number, projectId: number, role: Role): Promise<boolean> {
    return this.db
      .getRepository(RoleAssignment)
      .existsBy({ userId, role, scopeType: ScopeType.Project, scopeId: projectId });
  }

  /** Projects on which the user holds `role` directly. */
  async projectsWithRole(userId: number, role: Role): Promise<number[]> {
    const rows = await this.db
      .getRepository(RoleAssignment)
      .find({ where: { userId, role, scopeType: ScopeType.Project } });
    return rows.map((r) => r.scopeId);
  }

  /** Active staff with a grant over the project, its region or its company (optionally one role). */
  async staffOf(scope: ProjectScope, role?: Role): Promise<RoleHolder[]> {
    const qb = this.db
      .createQueryBuilder(RoleAssignment, 'r')
      .innerJoin(User, 'u', 'u.id = r.user_id')
      .select(['u.id AS user_id', 'u.name AS name', 'u.phone AS phone', 'r.role AS role'])
      .where(
        '((r.scope_type = :p AND r.scope_id = :projectId) OR (r.scope_type = :r AND r.scope_id = :regionId) OR (r.scope_type = :c AND r.scope_id = :companyId))',
        { p: ScopeType.Project, r: ScopeType.Region, c: ScopeType.Company, ...scope },
      )
      .andWhere("u.status = 'active'");
    if (role) qb.andWhere('r.role = :role', { role });
    const rows = await qb
      .orderBy('u.id', 'ASC')
      .getRawMany<{ user_id: number; name: string; phone: string | null; role: Role }>();
    return rows.map((r) => ({ id: Number(r.user_id), name: r.name, phone: r.phone, role: r.role }));
  }

  /**
   * Everything the auth guard needs about a token's caller in ONE statement (kept for `SESSION_CACHE_MS` by
   * `SessionCache`, which every identity change to it forgets): the
   * user, only if active and still on the token's version, only if the token's sign-in (refresh-token family)
   * is not revoked, with one row per grant in the order given (a LEFT JOIN, so a user without grants is
   * one row of NULLs). Null means the token no longer opens a session: disabled, logged out, or every
   * session ended (tokenVersion bumped by a password change or an administrator).
   */
  async sessionPrincipal(userId: number, tokenVersion: number, familyId: string): Promise<SessionUser | null> {
    const key = `${tokenVersion}:${familyId}`;
    const known = this.sessions.get(userId, key);
    if (known) return known;
    const mark = this.sessions.mark();
    const rows: SessionRow[] = await this.db.query(
      `SELECT u.id, u.kind, u.name, u.company_id, u.must_change_password, r.id AS grant_id, r.role, r.scope_type, r.scope_id
       FROM users u LEFT JOIN role_assignments r ON r.user_id = u.id
       WHERE u.id = ? AND u.status = 'active' AND u.token_version = ?
         AND EXISTS (SELECT 1 FROM refresh_tokens s WHERE s.user_id = u.id AND s.family_id = ? AND s.revoked_at IS NULL)`,
      [userId, tokenVersion, familyId],
    );
    if (!rows.length) return null;
    rows.sort((a, b) => Number(a.grant_id) - Number(b.grant_id));
    const [u] = rows;
    const user: SessionUser = {
      id: Number(u.id),
      kind: u.kind,
      name: u.name,
      companyId: u.company_id === null ? null : Number(u.company_id),
      mustChangePassword: Boolean(Number(u.must_change_password)),
      grants: rows
        .filter((r) => r.role !== null)
        .map((r) => ({ role: r.role!, scopeType: r.scope_type!, scopeId: Number(r.scope_id) })),
    };
    this.sessions.set(userId, key, user, mark);
    return user;
  }

  /** A user's grants in the order they were given. */
  async grants(userId: number): Promise<Grant[]> {
    const rows = await this.db.getRepository(RoleAssignment).find({ where: { userId }, order: { id: 'ASC' } });
    return rows.map((a) => ({ role: a.role, scopeType: a.scopeType, scopeId: a.scopeId }));
  }

  /** A resident's name is taken from their first approved binding while it is still the WeChat default. */
  async adoptResidentName(tx: EntityManager, userId: number, name: string): Promise<void> {
    await tx.getRepository(User).update({ id: userId, name: '微信用户' }, { name });
    // Forgotten now and again after the caller's commit would be tidier; a name shown a second late is harmless.
    this.sessions.forget(userId);
    this.peopleCache.forget();
  }
}

interface SessionRow {
  id: number;
  kind: UserKind;
  name: string;
  company_id: number | null;
  must_change_password: number | boolean;
  grant_id: number | null;
  role: Role | null;
  scope_type: ScopeType | null;
  scope_id: number | null;
}
