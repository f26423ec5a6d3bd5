export type MediaKind = 'photo' | 'signature' | 'document';

/** Answer of POST /api/media (multipart: `file`, `clientUploadId`, `kind`). */
export interface IMediaUpload {
  id: number;
  kind: MediaKind;
  width: number;
  height: number;
  bytes: number;
  /** Hex sha256 of the stored, re-encoded bytes (what a signature record refers to). */
  sha256: string;
  url: string;
  thumbUrl: string;
  expiresAt: string;
}
