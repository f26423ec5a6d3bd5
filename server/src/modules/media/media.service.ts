import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { runInTransaction } from '../../database/transactions';
import { isUniqueViolation } from '../../database/errors';
import { Media, MediaClaim, MediaKind } from './media.entity';
import { mediaError, processPhoto, processSignature, ProcessedImage } from './media-image';
import { MediaUrlSigner, MediaVariant } from './media-url.signer';
import type { IMediaDescription, IMediaUpload, IMediaUrls } from './media.types';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage.client';

/** What `store` writes: a processed image, or a document kept as uploaded (thumb === body). */
type StoredFile = Omit<ProcessedImage, 'contentType' | 'extension'> & { contentType: string; extension: string };

/** A PDF is kept byte for byte (an issued invoice must not change); only its envelope is checked. */
function checkPdf(body: Buffer): StoredFile {
  if (body.length === 0) throw mediaError.unreadable('文件为空');
  const tail = body.subarray(Math.max(0, body.length - 1024)).toString('latin1');
  if (body.subarray(0, 5).toString('latin1') !== '%PDF-' || !tail.includes('%%EOF'))
    throw mediaError.unsupported('仅支持 PDF 文件');
  return { body, thumb: body, contentType: 'application/pdf', extension: 'pdf', width: 0, height: 0 };
}

export const CLIENT_UPLOAD_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export interface UploadInput {
  clientUploadId: string;
  kind: MediaKind;
  body: Buffer;
}

@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);
  private readonly signer: MediaUrlSigner;
  private readonly signed = new Map<string, IMediaUrls>();
  private signedSecond = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.signer = new MediaUrlSigner(config.media.urlSecret, config.media.publicBaseUrl ?? '');
  }

  async upload(ownerId: number, input: UploadInput): Promise<IMediaUpload> {
    if (!CLIENT_UPLOAD_ID.test(input.clientUploadId)) {
      throw DomainException.validation(
        'clientUploadId',
        'clientUploadId 必须是 8–64 位字母、数字或 ._:- 组成的唯一标识',
      );
    }
    const existing = await this.findByClientUploadId(ownerId, input.clientUploadId);
    if (existing) return this.toUpload(existing);

    if (input.kind === 'document') return this.store(ownerId, input, checkPdf(input.body));
    const image =
      input.kind === 'signature'
        ? await processSignature(input.body)
        : await processPhoto(input.body, {
            maxBytes: this.config.media.maxBytes,
            maxInputPixels: this.config.media.maxInputPixels,
          });
    return this.store(ownerId, input, image);
  }

  /**
   * A stored PDF (kind `document`) for the module that references it (invoices); that module decides who may
   * read it. null when the id is not a document.
   */
  async document(id: number, tx?: EntityManager): Promise<{ ownerId: number; body: Buffer } | null> {
    const row = await (tx ?? this.db.manager).getRepository(Media).findOneBy({ id, kind: 'document' });
    const body = row ? await this.storage.get(row.storageKey) : null;
    return row && body ? { ownerId: row.ownerId, body } : null;
  }

  /**
   * A stored signature image (PNG) for the module that recorded the signing act (a printed 客户需求处理单);
   * that module decides who may see it. null when the id is not a signature.
   */
  async signatureImage(id: number): Promise<Buffer | null> {
    const row = await this.db.getRepository(Media).findOneBy({ id, kind: 'signature' });
    return row ? this.storage.get(row.storageKey) : null;
  }

  /**
   * Bytes first, row second: a row therefore always points at stored objects. If the row cannot be
   * written (a concurrent retry with the same clientUploadId won, or the database failed) the objects
   * just written are removed again; a crash in between leaves only unreferenced files, never a broken row.
   */
  private async store(ownerId: number, input: UploadInput, image: StoredFile): Promise<IMediaUpload> {
    const now = new Date();
    const base = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const storageKey = `${base}.${image.extension}`;
    // A document has no thumbnail: its thumb key is its own key and it is stored once.
    const thumbKey = image.thumb === image.body ? storageKey : `${base}.thumb.${image.extension}`;
    const discard = () =>
      Promise.all([this.storage.delete(storageKey), this.storage.delete(thumbKey)]).catch((error: unknown) => {
        this.logger.warn({ err: error, storageKey }, 'Could not remove objects of a failed upload');
      });
    try {
      await Promise.all([
        this.storage.put(storageKey, image.body, image.contentType),
        ...(thumbKey === storageKey ? [] : [this.storage.put(thumbKey, image.thumb, image.contentType)]),
      ]);
    } catch (error) {
      await discard();
      throw error;
    }
    const row: Omit<Media, 'id'> = {
      ownerId,
      clientUploadId: input.clientUploadId,
      kind: input.kind,
      storageKey,
      thumbKey,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      bytes: image.body.length,
      sha256: createHash('sha256').update(image.body).digest('hex'),
      createdAt: now,
    };
    try {
      const id = await runInTransaction(this.db, async (tx) =>
        Number((await tx.getRepository(Media).insert(row)).identifiers[0].id),
      );
      return this.toUpload({ ...row, id });
    } catch (error) {
      await discard();
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findByClientUploadId(ownerId, input.clientUploadId);
      if (!winner) throw error;
      return this.toUpload(winner);
    }
  }

  /**
   * For the tickets module: checks that every id exists, belongs to `ownerId` and is of `kind`, and claims
   * them for `ticketId`, returning the rows in the order given. One image, one use: a photo belongs to one
   * ticket (sending it again to the same ticket is fine), a signature to one signing act (never twice).
   * Pass `tx` so the claim commits or rolls back with the act.
   */
  async claimForTicket(
    ownerId: number,
    mediaIds: number[],
    kind: Exclude<MediaKind, 'document'>,
    ticketId: number,
    tx?: EntityManager,
  ): Promise<Media[]> {
    const ids = [...new Set(mediaIds)];
    if (!ids.length) return [];
    if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0))
      throw DomainException.validation('mediaIds', 'mediaIds 必须是正整数 ID');
    const m = tx ?? this.db.manager;
    const rows = await m.getRepository(Media).findBy({ id: In(ids) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const bad = ids.filter((id) => byId.get(id)?.ownerId !== ownerId || byId.get(id)?.kind !== kind);
    if (bad.length) {
      const what = kind === 'signature' ? '签名' : '照片';
      throw DomainException.validation(
        'mediaIds',
        `${what}不存在、不属于当前用户或类型不符：${bad.join(', ')}，请重新上传`,
      );
    }
    const claims = await m.getRepository(MediaClaim).findBy({ mediaId: In(ids) });
    const taken = claims
      .filter((c) => kind === 'signature' || c.claimKind !== 'photo' || c.ticketId !== ticketId)
      .map((c) => c.mediaId);
    if (taken.length) throw mediaAlreadyUsed(kind, taken);
    const fresh = ids.filter((id) => !claims.some((c) => c.mediaId === id));
    if (fresh.length) {
      try {
        await m
          .getRepository(MediaClaim)
          .insert(fresh.map((mediaId) => ({ mediaId, claimKind: kind, ticketId, claimedAt: new Date() })));
      } catch (error) {
        // A concurrent act claimed the same image first.
        if (isUniqueViolation(error)) throw mediaAlreadyUsed(kind, fresh);
        throw error;
      }
    }
    return ids.map((id) => byId.get(id) as Media);
  }

  /**
   * For evidence that is not a ticket's (complaints): every id exists, is a photo and was uploaded by
   * `ownerId`. Nothing is claimed, so a photo of a request may also back a complaint about it.
   */
  async assertOwnPhotos(ownerId: number, mediaIds: number[], tx?: EntityManager): Promise<number[]> {
    const ids = [...new Set(mediaIds)];
    if (!ids.length) return [];
    if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0))
      throw DomainException.validation('mediaIds', 'mediaIds 必须是正整数 ID');
    const rows = await (tx ?? this.db.manager).getRepository(Media).findBy({ id: In(ids) });
    const bad = ids.filter((id) => !rows.some((r) => r.id === id && r.ownerId === ownerId && r.kind === 'photo'));
    if (bad.length)
      throw DomainException.validation(
        'mediaIds',
        `照片不存在、不属于当前用户或类型不符：${bad.join(', ')}，请重新上传`,
      );
    return ids;
  }

  /** Fresh signed links for one image. No database access: callers decide who may see it. */
  signedUrls(mediaId: number, ttlSeconds = this.config.media.urlTtlSeconds): IMediaUrls {
    const second = Math.floor(Date.now() / 1000);
    const exp = second + Math.max(1, Math.floor(ttlSeconds));
    // Lists sign the same photos for every request: links signed within the same second are identical, so
    // they are kept for that second only (two HMACs per photo were a visible part of a list under load).
    if (second !== this.signedSecond) {
      this.signed.clear();
      this.signedSecond = second;
    }
    const key = `${mediaId}:${exp}`;
    let urls = this.signed.get(key);
    if (!urls) {
      urls = {
        url: this.signer.url(mediaId, 'content', exp),
        thumbUrl: this.signer.url(mediaId, 'thumb', exp),
        expiresAt: new Date(exp * 1000).toISOString(),
      };
      this.signed.set(key, urls);
    }
    return { ...urls };
  }

  /** Descriptions with signed links, in the order of `ids`; unknown ids are skipped. */
  async describe(ids: number[], ttlSeconds?: number, tx?: EntityManager): Promise<IMediaDescription[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows = await (tx ?? this.db.manager).getRepository(Media).findBy({ id: In(unique) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return unique.flatMap((id) => {
      const row = byId.get(id);
      return row
        ? [{ id: row.id, kind: row.kind, width: row.width, height: row.height, ...this.signedUrls(row.id, ttlSeconds) }]
        : [];
    });
  }

  /** The uploader may always re-fetch links to their own upload (e.g. after the first ones expired). */
  async describeOwn(ownerId: number, id: number): Promise<IMediaUpload> {
    const row = await this.db.getRepository(Media).findOneBy({ id, ownerId });
    if (!row) throw DomainException.notFound('图片');
    return this.toUpload(row);
  }

  /** Serves a signed link. Every refusal looks the same so a caller learns nothing about which ids exist. */
  async open(
    id: number,
    variant: MediaVariant,
    exp: unknown,
    sig: unknown,
  ): Promise<{ body: Buffer; contentType: string; maxAgeSeconds: number }> {
    if (!this.signer.verify(id, variant, exp, sig)) throw DomainException.forbidden('链接无效或已过期');
    const row = await this.db.getRepository(Media).findOneBy({ id });
    const body = row ? await this.storage.get(variant === 'thumb' ? row.thumbKey : row.storageKey) : null;
    if (!row || !body) throw DomainException.notFound('图片');
    const maxAgeSeconds = Math.max(0, Number(exp) - Math.floor(Date.now() / 1000));
    return { body, contentType: row.contentType, maxAgeSeconds };
  }

  private findByClientUploadId(ownerId: number, clientUploadId: string): Promise<Media | null> {
    return this.db.getRepository(Media).findOneBy({ ownerId, clientUploadId });
  }

  private toUpload(row: Media): IMediaUpload {
    return {
      id: row.id,
      kind: row.kind,
      width: row.width,
      height: row.height,
      bytes: row.bytes,
      sha256: row.sha256,
      ...this.signedUrls(row.id),
    };
  }
}

/** 409: the image is already the evidence of another act, or attached to another ticket. */
function mediaAlreadyUsed(kind: MediaKind, ids: number[]): DomainException {
  const field = kind === 'signature' ? 'signatureMediaId' : 'mediaIds';
  const message =
    kind === 'signature'
      ? '该签名已用于另一次签字，每次签字须重新手写签名'
      : `照片已附在其他工单上，不能重复使用：${ids.join(', ')}，请重新拍摄上传`;
  return new DomainException(ErrorCode.MediaAlreadyUsed, message, HttpStatus.CONFLICT, {
    fields: [{ field, message }],
    mediaIds: ids,
  });
}
