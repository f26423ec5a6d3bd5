import type { MediaKind } from './media.entity';

/** Short-lived links to one image; hand them only to people allowed to see what the image belongs to. */
export interface IMediaUrls {
  url: string;
  thumbUrl: string;
  /** ISO-8601 UTC instant after which both links answer 403. */
  expiresAt: string;
}

export interface IMediaDescription extends IMediaUrls {
  id: number;
  kind: MediaKind;
  width: number;
  height: number;
}

/** Answer of POST /api/media. */
export interface IMediaUpload extends IMediaDescription {
  bytes: number;
  /** Hex sha256 of the stored, re-encoded bytes (what a signature record refers to). */
  sha256: string;
}
