import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/** Opaque refresh tokens, stored as SHA-256 hashes; one family per sign-in, rotated on every use. */
@Entity({ name: 'refresh_tokens' })
@Index('ix_refresh_tokens_family', ['familyId'])
@Index('ix_refresh_tokens_user', ['userId'])
@Index('uq_refresh_tokens_hash', ['tokenHash'], { unique: true })
export class RefreshToken {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 36 })
  familyId: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(instant())
  expiresAt: Date;

  @Column(instant())
  familyExpiresAt: Date;

  @Column(instant({ nullable: true }))
  usedAt: Date | null;

  @Column(instant({ nullable: true }))
  revokedAt: Date | null;

  @Column(instant())
  createdAt: Date;
}
