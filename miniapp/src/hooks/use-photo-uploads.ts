import { useCallback, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../services/api-error';
import { newClientUploadId, uploadMedia } from '../services/api/media';
import { choosePhotos } from '../utils/choose-photos';
import { compressPhoto } from '../utils/compress-photo';

export interface IPhotoUpload {
  /** Stable React key and the handle for retry / remove. */
  key: string;
  /** What the thumbnail shows and what is sent (the compressed copy once compression ran). */
  path: string;
  /** Made once per picked photo and kept across retries, so the server stores a retried upload once. */
  clientUploadId: string;
  status: 'uploading' | 'done' | 'failed';
  progress: number;
  mediaId?: number;
  error?: string;
}

export interface IPhotoUploads {
  photos: IPhotoUpload[];
  max: number;
  /** Opens the chooser for the room left, compresses, then uploads two at a time. */
  add: () => Promise<void>;
  retry: (key: string) => Promise<void>;
  remove: (key: string) => void;
  /** Ids of the finished uploads, in the order they were picked. */
  mediaIds: number[];
  uploading: number;
  failed: number;
  /** The first failure's message, to show under the photos. */
  error: string | null;
}

/** Two at a time at most (wechat.md §A6: the runtime caps parallel network tasks). */
const PARALLEL = 2;

/** Photos picked, compressed and uploaded before a form is submitted; a form sends `mediaIds`. */
export function usePhotoUploads(max: number, onChange?: () => void): IPhotoUploads {
  const [photos, setPhotos] = useState<IPhotoUpload[]>([]);
  // A photo removed while its upload runs must not come back when the upload answers.
  const removed = useRef(new Set<string>());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const patch = useCallback((key: string, change: Partial<IPhotoUpload>) => {
    if (removed.current.has(key)) return;
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  }, []);

  const send = useCallback(
    async (photo: IPhotoUpload) => {
      patch(photo.key, { status: 'uploading', progress: 0, error: undefined });
      try {
        const media = await uploadMedia(photo.path, photo.clientUploadId, 'photo', (progress) =>
          patch(photo.key, { progress }),
        );
        patch(photo.key, { status: 'done', progress: 100, mediaId: media.id });
      } catch (error) {
        patch(photo.key, { status: 'failed', error: errorMessage(error) });
      }
    },
    [patch],
  );

  const add = useCallback(async () => {
    const room = max - photos.length;
    if (room <= 0) return;
    const picked = await choosePhotos(room);
    if (picked.length === 0) return;
    const paths = await Promise.all(picked.map(compressPhoto));
    const added: IPhotoUpload[] = paths.map((path) => ({
      key: newClientUploadId(),
      path,
      clientUploadId: newClientUploadId(),
      status: 'uploading',
      progress: 0,
    }));
    setPhotos((list) => [...list, ...added].slice(0, max));
    onChangeRef.current?.();
    for (let i = 0; i < added.length; i += PARALLEL) await Promise.all(added.slice(i, i + PARALLEL).map(send));
  }, [max, photos.length, send]);

  const retry = useCallback(
    async (key: string) => {
      const photo = photos.find((p) => p.key === key);
      if (photo && photo.status === 'failed') await send(photo);
    },
    [photos, send],
  );

  const remove = useCallback((key: string) => {
    removed.current.add(key);
    setPhotos((list) => list.filter((p) => p.key !== key));
    onChangeRef.current?.();
  }, []);

  return useMemo(() => {
    const firstFailure = photos.find((p) => p.status === 'failed');
    return {
      photos,
      max,
      add,
      retry,
      remove,
      mediaIds: photos.flatMap((p) => (p.status === 'done' && p.mediaId ? [p.mediaId] : [])),
      uploading: photos.filter((p) => p.status === 'uploading').length,
      failed: photos.filter((p) => p.status === 'failed').length,
      error: firstFailure?.error ?? null,
    };
  }, [photos, max, add, retry, remove]);
}
