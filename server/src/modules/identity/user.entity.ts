import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UserKind } from '@app/shared';
import { instant } from '../../database/columns';

export type UserStatus = 'active' | 'disabled';

@Entity({ name: 'users' })
@Index('uq_users_phone', ['phone'], { unique: true })
@Index('uq_users_username', ['username'], { unique: true })
@Index('uq_users_wechat', ['wechatAppId', 'wechatOpenId'], { unique: true })
export class User {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 16 })
  kind: UserKind;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  wechatAppId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  wechatOpenId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  wechatUnionId: string | null;

  @Column({ type: 'integer', nullable: true })
  companyId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: UserStatus;

  @Column({ type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column(instant({ nullable: true }))
  lockedUntil: Date | null;

  /** Bumped to invalidate every access token issued before (server-side logout of all sessions). */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ type: 'boolean', width: 1, default: false })
  isDemo: boolean;

  /** Set when an administrator created the account or reset its password; cleared by the owner's own change. */
  @Column({ type: 'boolean', width: 1, default: false })
  mustChangePassword: boolean;

  @Column(instant())
  createdAt: Date;

  @Column(instant())
  updatedAt: Date;
}
