import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { IPage, IStaffQuery, Role, ScopeType, StaffStatus, UserKind } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import { likeEscape } from '../audit/audit.service';
import { RoleAssignment } from './role-assignment.entity';
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

/** Reading a company's staff accounts with their grants (StaffAccountsService changes them). */
@Injectable()
export class StaffAccountRecords {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(companyId: number, query: IStaffQuery): Promise<IPage<StaffAccountRecord>> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.kind = :kind AND u.company_id = :companyId', { kind: UserKind.Staff, companyId });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.q) {
      const like = `%${likeEscape(query.q)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("u.name LIKE :like ESCAPE '!'", { like })
            .orWhere("u.username LIKE :like ESCAPE '!'", { like })
            .orWhere("u.phone LIKE :like ESCAPE '!'", { like }),
        ),
      );
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
    const users = unique.length
      ? await this.db.getRepository(User).find({ select: { id: true, name: true }, where: { id: In(unique) } })
      : [];
    return new Map(users.map((u) => [u.id, u.name]));
  }

  async load(tx: EntityManager, companyId: number, userId: number): Promise<User> {
    const user = await tx.getRepository(User).findOneBy({ id: userId, companyId, kind: UserKind.Staff });
    if (!user) throw DomainException.notFound('员工');
    return user;
  }

  async records(tx: EntityManager, users: User[]): Promise<StaffAccountRecord[]> {
    const ids = users.map((u) => u.id);
    const grants = ids.length
      ? await tx.getRepository(RoleAssignment).find({ where: { userId: In(ids) }, order: { id: 'ASC' } })
      : [];
    return users.map((u) => ({
      id: u.id,
      name: u.name,
      username: u.username,
      phone: u.phone,
      status: u.status,
      mustChangePassword: Boolean(u.mustChangePassword),
      grants: grants
        .filter((g) => g.userId === u.id)
        .map((g) => ({ id: g.id, role: g.role, scopeType: g.scopeType, scopeId: g.scopeId })),
      createdAt: u.createdAt.toISOString(),
    }));
  }
}
