import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { instant } from '../../database/columns';

/** `document`: a PDF kept as uploaded (issued invoices); photos and signatures are images re-encoded. */
export type MediaKind = 'photo' | 'signature' | 'document';
export const MEDIA_KINDS: readonly MediaKind[] = ['photo', 'signature', 'document'];

/**
 * One validated, re-encoded image. Rows are written only after the bytes are stored and are never
 * updated: a signature's sha256 is evidence of what was signed, so the object behind it must not change.
 */
@Entity({ name: 'media' })
@Index('uq_media_owner_upload', ['ownerId', 'clientUploadId'], { unique: true })
export class Media {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  ownerId: number;

  /** Chosen by the client per upload; (owner, clientUploadId) is unique so a retried upload is a no-op. */
  @Column({ type: 'varchar', length: 64 })
  clientUploadId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: MediaKind;

  @Column({ type: 'varchar', length: 128 })
  storageKey: string;

  @Column({ type: 'varchar', length: 128 })
  thumbKey: string;

  @Column({ type: 'varchar', length: 32 })
  contentType: string;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ type: 'integer' })
  bytes: number;

  /** Hex sha256 of the stored (re-encoded) bytes, not of the upload. */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column(instant())
  createdAt: Date;
}

/**
 * What an image was used for. One row per image, so a signature belongs to exactly one signing act and a
 * photo to exactly one ticket; the primary key settles two racing claims. Kept apart from `media` so
 * media rows stay write-once.
 */
@Entity({ name: 'media_claims' })
export class MediaClaim {
  @PrimaryColumn({ type: 'integer' })
  mediaId: number;

  /** 'photo': attached to the ticket (may be re-attached to the same one); 'signature': one signing act, never again. */
  @Column({ type: 'varchar', length: 16 })
  claimKind: 'photo' | 'signature';

  @Column({ type: 'integer' })
  ticketId: number;

  @Column(instant())
  claimedAt: Date;
}
