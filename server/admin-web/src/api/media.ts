import { ROUTES, type IMediaRef } from '@app/shared';
import { http } from './client';

/** 8–64 of A-Za-z0-9._:- — made once per picked file and kept across retries, so a retry stores nothing new. */
export function newClientUploadId(): string {
  return `c${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** A ticket photo (POST /api/media answers more; the console needs the id and the links). */
export function uploadPhoto(
  file: Blob,
  fileName: string,
  clientUploadId: string,
  onProgress?: (percent: number) => void,
): Promise<IMediaRef> {
  return http.upload<IMediaRef>(ROUTES.media.upload.path, file, fileName, {
    fields: { clientUploadId, kind: 'photo' },
    onProgress,
  });
}
