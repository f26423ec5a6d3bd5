import { ROUTES, type IMediaUpload, type MediaKind } from '@app/shared';
import { upload } from '../http';

export type { IMediaUpload, MediaKind } from '@app/shared';

/** 8–64 of A-Za-z0-9._:- — made once per picked file and kept across retries, so a retry stores nothing new. */
export function newClientUploadId(): string {
  const random = Math.random().toString(36).slice(2, 12);
  return `u${Date.now().toString(36)}-${random}`;
}

/**
 * One file (a temp path on weapp, a blob: URL on H5) as multipart field `file`. 415 MEDIA_UNSUPPORTED,
 * 413 MEDIA_TOO_LARGE, 422 MEDIA_UNREADABLE / SIGNATURE_BLANK come back as ApiError with a message fit to show.
 */
export function uploadMedia(
  filePath: string,
  clientUploadId: string,
  kind: MediaKind = 'photo',
  onProgress?: (percent: number) => void,
): Promise<IMediaUpload> {
  return upload<IMediaUpload>(ROUTES.media.upload.path, filePath, {
    name: 'file',
    formData: { clientUploadId, kind },
    onProgress,
  });
}
